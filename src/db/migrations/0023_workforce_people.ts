// The employer's people and their consent (docs/employers.md): invitations accepted by a verified address,
// what each person shares with the employer, and the badges they chose. Withdrawing deletes the consent rows.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('workforce_employees')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('invited_email', 'text', (c) => c.notNull().check(sql`invited_email = lower(invited_email)`))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('invited', 'active', 'withdrawn', 'removed')`),
    )
    .addColumn('invited_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('invite_token_hash', 'text', (c) => c.unique())
    .addColumn('invited_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('accepted_at', 'timestamptz')
    .addColumn('withdrawn_at', 'timestamptz')
    .addUniqueConstraint('workforce_employees_org_email', ['org_id', 'invited_email'])
    .execute();
  await sql`
    create unique index workforce_employees_org_user on workforce_employees (org_id, user_id)
     where user_id is not null
  `.execute(db);
  await sql`create index workforce_employees_user on workforce_employees (user_id)`.execute(db);

  await db.schema
    .createTable('workforce_consents')
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('share', 'text', (c) => c.notNull().check(sql`share in ('all', 'chosen')`))
    .addColumn('include_imports', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('workforce_consents_pk', ['org_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('workforce_shared_awards')
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('award_id', 'uuid', (c) => c.notNull().references('awards.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('workforce_shared_awards_pk', ['org_id', 'user_id', 'award_id'])
    .execute();

  await db.schema
    .createTable('workforce_shared_imports')
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('import_id', 'uuid', (c) => c.notNull().references('imported_badges.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('workforce_shared_imports_pk', ['org_id', 'user_id', 'import_id'])
    .execute();
}
