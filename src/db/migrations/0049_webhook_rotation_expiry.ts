// Webhooks (issue #21 item 3): secret rotation and the award.expired event.
// - An endpoint keeps its previous secret, wrapped like the current one, until `previous_secret_until` (24 hours
//   after a rotation): deliveries are signed with both until then (Standard Webhooks lists several signatures).
// - `award_expiry_notices` holds one row per award whose expiry was announced: the sweep inserts it in the
//   transaction that records the event, so restarts and several workers announce an expiry once. Awards already
//   expired when this runs are marked as announced (their receivers did not exist to hear of it then).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('webhook_endpoints')
    .addColumn('previous_secret_wrapped', 'text')
    .addColumn('previous_secret_until', 'timestamptz')
    .execute();

  await db.schema
    .createTable('award_expiry_notices')
    .addColumn('award_id', 'uuid', (c) => c.primaryKey().references('awards.id').onDelete('cascade'))
    .addColumn('noticed_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await sql`insert into award_expiry_notices (award_id, noticed_at)
    select id, now() from awards where valid_until is not null and valid_until <= now()`.execute(db);
  // The sweep reads awards whose validity ended lately, superseded or not.
  await db.schema.createIndex('awards_valid_until_idx').on('awards').column('valid_until').execute();
}
