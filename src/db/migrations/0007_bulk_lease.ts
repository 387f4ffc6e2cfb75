// Bulk award runs: a lease, so a run whose worker died is taken over (and never processed by two workers
// at once), and the 'validating' state while a file is being read in batches.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('bulk_award_runs')
    .addColumn('lease_owner', 'uuid')
    .addColumn('lease_expires_at', 'timestamptz')
    .execute();
  await sql`alter table bulk_award_runs drop constraint bulk_award_runs_state_check`.execute(db);
  await sql`alter table bulk_award_runs add constraint bulk_award_runs_state_check
    check (state in ('validating', 'previewed', 'running', 'done', 'failed', 'cancelled'))`.execute(db);
  await db.schema
    .createIndex('bulk_award_runs_by_org')
    .on('bulk_award_runs')
    .columns(['org_id', 'created_at'])
    .execute();
  await sql`create index bulk_award_runs_running on bulk_award_runs (lease_expires_at) where state = 'running'`.execute(
    db,
  );
}
