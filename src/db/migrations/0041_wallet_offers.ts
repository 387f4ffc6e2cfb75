// Badges into wallets (issue #20): an offer is one earner's link to deliver one accepted award to a wallet.
// It expires (minutes) and is completed once, whatever the protocol (VC-API exchange now, OID4VCI later):
// completed_at is set by the one update that wins, so replays and concurrent wallets find it used. The
// VC-API exchange keeps its challenge here, so any process (and a restart) continues it.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('wallet_offers')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('award_id', 'uuid', (c) => c.notNull().references('awards.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('challenge', 'text')
    .addColumn('exchange_started_at', 'timestamptz')
    .addColumn('completed_at', 'timestamptz')
    .addColumn('completed_via', 'text', (c) => c.check(sql`completed_via in ('vcapi', 'oid4vci')`))
    .addColumn('holder_did', 'text')
    .addColumn('delivered_credential_id', 'text')
    .addColumn('delivered_credential', 'jsonb')
    .execute();
  await db.schema.createIndex('wallet_offers_award_idx').on('wallet_offers').column('award_id').execute();
}
