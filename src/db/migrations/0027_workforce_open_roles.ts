// Open roles (issue #17 item 5): an employer publishes one of its role profiles as a role it is hiring for;
// learners who opted in to job matching see every open role ranked by how well their badges cover its skills,
// and may apply, sharing only the badges they choose. The skills stay the role profile's (no copy), so editing
// the profile changes the match at once; deleting the profile deletes its open roles. Closing an open role
// deletes it with its applications, and withdrawing an application deletes it: the employer forgets at once.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('workforce_open_roles')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('role_id', 'uuid', (c) =>
      c.notNull().references('workforce_role_profiles.id').onDelete('cascade'),
    )
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('location', 'text')
    .addColumn('published_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('published_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('workforce_open_roles_org')
    .on('workforce_open_roles')
    .column('org_id')
    .execute();
  await db.schema
    .createIndex('workforce_open_roles_role')
    .on('workforce_open_roles')
    .column('role_id')
    .execute();

  // A learner opted in to job matching while a row exists (off by default: no row).
  await db.schema
    .createTable('workforce_job_matching')
    .addColumn('user_id', 'uuid', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('opted_in_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('workforce_open_role_applications')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('open_role_id', 'uuid', (c) =>
      c.notNull().references('workforce_open_roles.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('message', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('applied_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('workforce_open_role_applications_once', ['open_role_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('workforce_open_role_applications_user')
    .on('workforce_open_role_applications')
    .column('user_id')
    .execute();

  // The badges an applicant chose to show with one application (and only these).
  await db.schema
    .createTable('workforce_open_role_application_awards')
    .addColumn('application_id', 'uuid', (c) =>
      c.notNull().references('workforce_open_role_applications.id').onDelete('cascade'),
    )
    .addColumn('award_id', 'uuid', (c) => c.notNull().references('awards.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('workforce_open_role_application_awards_pk', ['application_id', 'award_id'])
    .execute();
}
