// The gradebook (issue #21, LTI 1.3): the LMS line items (AGS) an organization's platforms report grades
// for, and each learner's latest grade on them; badge requirements may name a line item ('grade'), so the
// requirement index gains that kind.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('lms_line_items')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    // The LTI platform registration (src/lti); not a foreign key, so the two contexts migrate apart.
    .addColumn('platform_id', 'uuid', (c) => c.notNull())
    // The AGS line item's id, a URL at the platform.
    .addColumn('line_item_url', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('score_maximum', 'numeric', (c) => c.notNull())
    .addColumn('resource_link_id', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('lms_line_items_url', ['org_id', 'line_item_url'])
    .execute();
  await db.schema
    .createIndex('lms_line_items_platform_idx')
    .on('lms_line_items')
    .column('platform_id')
    .execute();

  await db.schema
    .createTable('lms_grades')
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('line_item_id', 'uuid', (c) => c.notNull().references('lms_line_items.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('score_given', 'numeric')
    .addColumn('score_maximum', 'numeric', (c) => c.notNull())
    .addColumn('letter_grade', 'text')
    .addColumn('graded_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('lms_grades_pk', ['line_item_id', 'user_id'])
    .execute();
  await db.schema.createIndex('lms_grades_user_idx').on('lms_grades').column('user_id').execute();

  await sql`alter table badge_requirement_index drop constraint badge_requirement_index_kind_check`.execute(
    db,
  );
  await sql`alter table badge_requirement_index add constraint badge_requirement_index_kind_check
    check (kind in ('course', 'badge', 'evidence', 'grade'))`.execute(db);
}
