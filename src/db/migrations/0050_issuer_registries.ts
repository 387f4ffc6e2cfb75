// Issuer trust and wallet copies (issue #20 items 4 and 5).
// - `organizations.registry_listings`: the issuer registries an organization says it is listed in (a DCC-style
//   registry, an OpenID Federation trust anchor): a JSON array of {name, url}, shown on its public issuer page.
// - An index on the wallet copies' credential ids: verifying a copy a wallet holds finds its award (superseded?).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('organizations').addColumn('registry_listings', 'jsonb').execute();
  await db.schema
    .createIndex('wallet_offers_delivered_credential_idx')
    .on('wallet_offers')
    .column('delivered_credential_id')
    .execute();
}
