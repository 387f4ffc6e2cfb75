// A learner's target occupation (issue #16 item 5): one row per person, the occupation they aim for, named by
// framework and code. No foreign key to skill_occupations: a re-import of a framework rewrites its rows, and
// a target whose occupation a later release dropped is answered as "none" rather than lost with the import.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('learner_target_occupations')
    .addColumn('user_id', 'uuid', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('framework', 'text', (c) => c.notNull().check(sql`framework in ('onet', 'esco')`))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('set_at', 'timestamptz', (c) => c.notNull())
    .execute();
}
