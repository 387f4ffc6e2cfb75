// The Open Badges 3.0 API's OAuth 2.0 authorization server (src/obapi): what oidc-provider keeps (registered
// clients, sessions, interactions, grants, authorization codes, access and refresh tokens), one row per model
// instance, so the state survives a restart and is shared by every process; and the server's own signing keys.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('oauth_models')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('grant_id', 'text')
    .addColumn('user_code', 'text')
    .addColumn('uid', 'text')
    .addColumn('expires_at', 'timestamptz')
    .addColumn('consumed_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('oauth_models_pk', ['kind', 'id'])
    .execute();
  await db.schema.createIndex('oauth_models_grant_idx').on('oauth_models').column('grant_id').execute();
  await db.schema.createIndex('oauth_models_uid_idx').on('oauth_models').columns(['kind', 'uid']).execute();
  await db.schema.createIndex('oauth_models_expiry_idx').on('oauth_models').column('expires_at').execute();

  await db.schema
    .createTable('oauth_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // The private JWK wrapped under the key-encryption key, like issuers' signing keys.
    .addColumn('jwk_wrapped', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}
