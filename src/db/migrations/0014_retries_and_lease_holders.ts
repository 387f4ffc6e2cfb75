// Crash and race recovery. The award engine keeps an event whose award failed for a passing reason (a
// race, a lost connection) pending with its attempts and last error, and records one that can never
// succeed as failed. A bulk run's lease names the process holding it (host and pid), so a lease whose
// process is provably dead is taken over at once instead of after it expires.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('learning_events')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('failed_at', 'timestamptz')
    .execute();
  await db.schema
    .alterTable('bulk_award_runs')
    .addColumn('lease_host', 'text')
    .addColumn('lease_pid', 'integer')
    .execute();
}
