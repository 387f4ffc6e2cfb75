// The employer's role profiles, teams and who holds which role (issue #17 item 2). A role profile is a set of
// framework skills with the level each needs and how much it matters, started from an occupation (kept in
// `source`) or written from scratch. Names are unique per organization whatever their case. Teams group
// employees; an employee may be in several teams and hold several roles. Skills are kept as written (no
// foreign key to skill_concepts): a re-import of a framework rewrites its rows, a profile stays readable.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('workforce_role_profiles')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('source', 'jsonb')
    .addColumn('skills', 'jsonb', (c) =>
      c.notNull().check(sql`jsonb_typeof(skills) = 'array' and jsonb_array_length(skills) between 1 and 60`),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('workforce_role_profiles_org_name')
    .on('workforce_role_profiles')
    .expression(sql`org_id, lower(name)`)
    .unique()
    .execute();

  await db.schema
    .createTable('workforce_teams')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('workforce_teams_org_name')
    .on('workforce_teams')
    .expression(sql`org_id, lower(name)`)
    .unique()
    .execute();

  await db.schema
    .createTable('workforce_team_members')
    .addColumn('team_id', 'uuid', (c) => c.notNull().references('workforce_teams.id').onDelete('cascade'))
    .addColumn('employee_id', 'uuid', (c) =>
      c.notNull().references('workforce_employees.id').onDelete('cascade'),
    )
    .addPrimaryKeyConstraint('workforce_team_members_pk', ['team_id', 'employee_id'])
    .execute();
  await db.schema
    .createIndex('workforce_team_members_employee')
    .on('workforce_team_members')
    .column('employee_id')
    .execute();

  await db.schema
    .createTable('workforce_role_assignments')
    .addColumn('employee_id', 'uuid', (c) =>
      c.notNull().references('workforce_employees.id').onDelete('cascade'),
    )
    .addColumn('role_id', 'uuid', (c) =>
      c.notNull().references('workforce_role_profiles.id').onDelete('cascade'),
    )
    .addPrimaryKeyConstraint('workforce_role_assignments_pk', ['employee_id', 'role_id'])
    .execute();
  await db.schema
    .createIndex('workforce_role_assignments_role')
    .on('workforce_role_assignments')
    .column('role_id')
    .execute();
}
