import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('issuer_keys')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('key_number', 'integer', (c) => c.notNull().check(sql`key_number > 0`))
    .addColumn('public_key_multibase', 'text', (c) => c.notNull())
    .addColumn('secret_key_encrypted', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('retired_at', 'timestamptz')
    .addUniqueConstraint('issuer_keys_number', ['org_id', 'key_number'])
    .execute();
  // At most one signing key per organization at any time.
  await sql`create unique index issuer_keys_one_active on issuer_keys (org_id) where retired_at is null`.execute(
    db,
  );

  await db.schema
    .createTable('status_lists')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('revocation', 'suspension')`))
    .addColumn('list_number', 'integer', (c) => c.notNull().check(sql`list_number > 0`))
    .addColumn('size', 'integer', (c) => c.notNull().check(sql`size >= 131072 and size % 8 = 0`))
    .addColumn('bits', 'bytea', (c) => c.notNull())
    .addColumn('next_index', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('published_credential', 'jsonb')
    .addColumn('etag', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('status_lists_number', ['org_id', 'purpose', 'list_number'])
    .addCheckConstraint('status_lists_index_in_range', sql`next_index >= 0 and next_index <= size`)
    .execute();

  await db.schema
    .createTable('issued_credentials')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('credential', 'jsonb', (c) => c.notNull())
    .addColumn('jwt', 'text')
    .addColumn('achievement_id', 'text', (c) => c.notNull())
    .addColumn('achievement_name', 'text', (c) => c.notNull())
    .addColumn('recipient_label', 'text', (c) => c.notNull())
    .addColumn('recipient_email', 'text')
    .addColumn('status_list_id', 'uuid', (c) => c.notNull().references('status_lists.id'))
    .addColumn('status_index', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) =>
      c.notNull().defaultTo('active').check(sql`state in ('active', 'revoked', 'suspended')`),
    )
    .addColumn('state_reason', 'text')
    .addColumn('issued_at', 'timestamptz', (c) => c.notNull())
    .addColumn('valid_until', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // An index is never handed out twice, whatever happens above.
    .addUniqueConstraint('issued_credentials_status_slot', ['status_list_id', 'status_index'])
    .execute();
  await db.schema
    .createIndex('issued_credentials_by_org')
    .on('issued_credentials')
    .columns(['org_id', 'created_at'])
    .execute();
}
