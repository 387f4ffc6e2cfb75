// OID4VCI on wallet offers (issue #20 item 3): the offer is the pre-authorized grant. Its optional transaction
// code, the one redemption of the code (token_issued_at, set by the one update that wins) and the hash of the
// access token it gave are kept on the offer; credential-request nonces are their own rows, used once.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('wallet_offers')
    .addColumn('tx_code', 'text')
    .addColumn('tx_code_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('token_issued_at', 'timestamptz')
    .addColumn('access_token_hash', 'text')
    .execute();
  await db.schema
    .createTable('wallet_nonces')
    .addColumn('nonce', 'text', (c) => c.primaryKey())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('wallet_nonces_expires_idx').on('wallet_nonces').column('expires_at').execute();
}
