import { type Kysely, sql } from 'kysely';

// An issuer's own domain (issue #19 item 9): bound pending, verified by a token published in DNS or over HTTPS,
// then its credentials name did:web:<domain> as issuer. A released domain keeps its row, so the credentials issued
// under it keep resolving here; at most one pending-or-verified domain per organization and one verified owner per
// domain. Status lists get the DID they are signed as (null: the did:web on this server or a did:key list).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('issuer_domains')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('domain', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('pending', 'verified', 'released')`))
    .addColumn('token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('verified_at', 'timestamptz')
    .addColumn('released_at', 'timestamptz')
    .addColumn('last_check_at', 'timestamptz')
    .addColumn('last_check_problem', 'text')
    .execute();
  await db.schema
    .createIndex('issuer_domains_one_current_per_org')
    .on('issuer_domains')
    .column('org_id')
    .unique()
    .where(sql.ref('state'), 'in', sql`('pending', 'verified')`)
    .execute();
  await db.schema
    .createIndex('issuer_domains_one_verified_owner')
    .on('issuer_domains')
    .column('domain')
    .unique()
    .where(sql.ref('state'), '=', 'verified')
    .execute();
  await db.schema.createIndex('issuer_domains_by_domain').on('issuer_domains').column('domain').execute();
  // A status list speaks for the credentials of one issuer id (verifiers require the list's issuer to be the
  // credential's): lists of credentials issued as did:web:<domain> are that domain's, signed as it.
  await db.schema.alterTable('status_lists').addColumn('issuer_did', 'text').execute();
}
