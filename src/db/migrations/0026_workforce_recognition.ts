// Recognition and digests (issue #17 item 4, docs/endorsements.md): a manager's congratulation or signed
// endorsement of a badge an employee shares; each member's choice of the weekly digest mail; one row per
// employer and week once its digest went out, so several processes never send it twice.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('workforce_endorsements')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('employee_id', 'uuid', (c) =>
      c.notNull().references('workforce_employees.id').onDelete('cascade'),
    )
    /** The person endorsed (the employee's account when it was written). */
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('award_id', 'uuid', (c) => c.notNull().references('awards.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('congratulation', 'endorsement')`))
    .addColumn('comment', 'text', (c) => c.notNull().check(sql`char_length(comment) between 1 and 1000`))
    .addColumn('author_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    /** The author's name as it was when written (shown, and signed into an endorsement). */
    .addColumn('author_name', 'text', (c) => c.notNull())
    /** kind 'endorsement': the signed EndorsementCredential, served at /endorsements/{id}. */
    .addColumn('credential', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('revoked_at', 'timestamptz')
    .addCheckConstraint(
      'workforce_endorsements_credential',
      sql`(kind = 'endorsement') = (credential is not null)`,
    )
    .execute();
  await db.schema
    .createIndex('workforce_endorsements_employee')
    .on('workforce_endorsements')
    .columns(['org_id', 'employee_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('workforce_endorsements_award')
    .on('workforce_endorsements')
    .column('award_id')
    .execute();
  await db.schema
    .createIndex('workforce_endorsements_user')
    .on('workforce_endorsements')
    .column('user_id')
    .execute();

  await db.schema
    .createTable('workforce_digest_preferences')
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('enabled', 'boolean', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('workforce_digest_preferences_pk', ['org_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('workforce_digest_runs')
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    /** The Monday (UTC) of the week the digest covers, YYYY-MM-DD. */
    .addColumn('week', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'timestamptz', (c) => c.notNull())
    /** How many mails went out (0 when there was nothing to say). */
    .addColumn('mails', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('workforce_digest_runs_pk', ['org_id', 'week'])
    .execute();
}
