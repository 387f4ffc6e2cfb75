import { type Kysely, sql } from 'kysely';

// The platform's own signing identity (issue #18 item 12): did:web:<host of PUBLIC_URL>, whose Ed25519 key signs
// what the platform itself vouches for (a learner's whole record, CLR 2.0). Kept apart from issuer_keys, which
// belong to organizations; wrapped under the key-encryption key the same way. The first key is made on first use;
// the unique key number makes two first uses meet on one row.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('platform_keys')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('key_number', 'integer', (c) => c.notNull().unique())
    .addColumn('public_key_multibase', 'text', (c) => c.notNull())
    .addColumn('secret_key_encrypted', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}
