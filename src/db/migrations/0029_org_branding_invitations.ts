// The organization console (issue #19 item 7): an organization's branding shown to learners (description,
// logo, brand colour, contact address and page) and invitations of members by email with a role. Only the
// SHA-256 of a mailed invitation token is kept; one open invitation per organization and address, so
// inviting again replaces the link.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('organizations')
    .addColumn('description', 'text')
    .addColumn('logo_key', 'text')
    .addColumn('logo_type', 'text')
    .addColumn('brand_color', 'text')
    .addColumn('contact_email', 'text')
    .addColumn('contact_url', 'text')
    .execute();
  // The public logo route finds the organization by its logo's key.
  await db.schema.createIndex('organizations_logo_key').on('organizations').column('logo_key').execute();

  await db.schema
    .createTable('org_invitations')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('invited_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('accepted_at', 'timestamptz')
    .addColumn('accepted_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addUniqueConstraint('org_invitations_org_email', ['org_id', 'email'])
    .execute();
}
