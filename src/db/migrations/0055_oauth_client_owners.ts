// OAuth apps an organization publishes for the Open Badges 3.0 API (issue #21 item 5; src/obapi/oauth-clients*.ts).
// The client itself stays where oidc-provider keeps every client (an oauth_models row of kind 'Client', its
// secret wrapped under the key-encryption key by the adapter); this table says which organization owns it, so
// its owners and admins list, rotate and delete it, and learners read "Published by <organization>".
// A dynamically registered client (RFC 7591) has no row here.
// The expression index serves what is looked up by client: an app's grants and tokens (how many learners
// allowed it, when it last got a token, and deleting them all with it).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('oauth_client_owners')
    .addColumn('client_id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('secret_rotated_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('oauth_client_owners_org_idx')
    .on('oauth_client_owners')
    .columns(['org_id', 'created_at'])
    .execute();
  await sql`create index oauth_models_client_idx on oauth_models (kind, (payload->>'clientId'))`.execute(db);
}
