import { type Kysely, sql } from 'kysely';

// An issuer may sign as its did:web (default) or as the did:key of its current key. A did:key issuer's
// status lists are each signed by the key they were opened under, so lists follow key rotation.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('issuer_settings')
    .addColumn('org_id', 'uuid', (c) => c.primaryKey().references('organizations.id').onDelete('cascade'))
    .addColumn('did_method', 'text', (c) =>
      c.notNull().defaultTo('web').check(sql`did_method in ('web', 'key')`),
    )
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .alterTable('status_lists')
    .addColumn('issuer_key_id', 'uuid', (c) => c.references('issuer_keys.id'))
    .execute();
}
