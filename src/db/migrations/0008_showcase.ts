// What the learner shows of an accepted badge on its public page: their name (default) and the evidence
// (hidden by default). The badge itself stays private until the learner makes it public (awards.visibility).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('awards')
    .addColumn('show_name', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('show_evidence', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
}
