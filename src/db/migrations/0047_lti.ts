// LTI 1.3 / Advantage tool (issue #21): an organization's registered platforms (each with the tool's own key
// pair, the private half wrapped under the key-encryption key), the single-use OIDC login states, the platform
// users known by (platform, sub), the LMS contexts and resource links seen at launch (with their AGS and NRPS
// endpoints), and the deep-linking requests waiting for an instructor's choice.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('lti_platforms')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('deployment_ids', sql`text[]`, (c) => c.notNull())
    .addColumn('auth_url', 'text', (c) => c.notNull())
    .addColumn('token_url', 'text', (c) => c.notNull())
    .addColumn('jwks_url', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull().unique())
    .addColumn('public_jwk', 'jsonb', (c) => c.notNull())
    .addColumn('private_jwk_wrapped', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('lti_platforms_issuer_client', ['issuer', 'client_id'])
    .execute();
  await db.schema.createIndex('lti_platforms_org_idx').on('lti_platforms').column('org_id').execute();

  await db.schema
    .createTable('lti_login_states')
    .addColumn('state', 'text', (c) => c.primaryKey())
    .addColumn('platform_id', 'uuid', (c) => c.notNull().references('lti_platforms.id').onDelete('cascade'))
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('lti_users')
    .addColumn('platform_id', 'uuid', (c) => c.notNull().references('lti_platforms.id').onDelete('cascade'))
    .addColumn('sub', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('name', 'text')
    .addColumn('user_id', 'uuid', (c) => c.references('users.id').onDelete('cascade'))
    // Set when the person may sign in through this platform: the account was made by its launch, or its owner,
    // signed in to Tessera, agreed. A link from the membership list alone only attributes grades.
    .addColumn('sign_in_confirmed_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('lti_users_pk', ['platform_id', 'sub'])
    .execute();

  await db.schema
    .createTable('lti_contexts')
    .addColumn('platform_id', 'uuid', (c) => c.notNull().references('lti_platforms.id').onDelete('cascade'))
    .addColumn('context_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('lineitems_url', 'text')
    .addColumn('memberships_url', 'text')
    .addColumn('scopes', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('lti_contexts_pk', ['platform_id', 'context_id'])
    .execute();

  await db.schema
    .createTable('lti_deep_links')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('platform_id', 'uuid', (c) => c.notNull().references('lti_platforms.id').onDelete('cascade'))
    .addColumn('deployment_id', 'text', (c) => c.notNull())
    .addColumn('return_url', 'text', (c) => c.notNull())
    .addColumn('data', 'text')
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();

  // A launch by someone whose email is an existing Tessera account's: it signs in only once that account's
  // owner, signed in to Tessera, agrees (the id is the capability, single use, short-lived).
  await db.schema
    .createTable('lti_pending_links')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('platform_id', 'uuid', (c) => c.notNull().references('lti_platforms.id').onDelete('cascade'))
    .addColumn('sub', 'text', (c) => c.notNull())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('landing_path', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();
}
