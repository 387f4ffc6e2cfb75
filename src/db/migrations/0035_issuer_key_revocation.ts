import type { Kysely } from 'kysely';

// A compromised signing key is revoked (issue #19 item 7): it leaves the did:web document's assertionMethod
// (still listed, with `revoked` set to the time it is treated as compromised since) and what it signed since
// then no longer verifies. Who revoked it and why are kept with the key.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('issuer_keys')
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('compromised_since', 'timestamptz')
    .addColumn('revoked_reason', 'text')
    .addColumn('revoked_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .execute();
}
