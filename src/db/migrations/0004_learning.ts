// Catalog (courses and their immutable revisions) and learning (enrolments, answers, evidence,
// completions, the outbox of learning events).
import { type Kysely, sql } from 'kysely';

const id = sql`gen_random_uuid()`;
const now = sql`now()`;

async function catalogTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('courses')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(id))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('estimated_minutes', 'integer', (c) => c.notNull().check(sql`estimated_minutes > 0`))
    .addColumn('skills', 'jsonb', (c) => c.notNull())
    .addColumn('access_days', 'integer', (c) => c.notNull().check(sql`access_days > 0`))
    .addColumn('activity_code_prefix', 'text')
    .addColumn('price_minor', 'integer', (c) => c.check(sql`price_minor > 0`))
    .addColumn('currency', 'text')
    .addColumn('units', 'jsonb', (c) => c.notNull())
    .addColumn('state', 'text', (c) =>
      c.notNull().defaultTo('draft').check(sql`state in ('draft', 'published', 'archived')`),
    )
    .addColumn('latest_revision_id', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addCheckConstraint('courses_price_has_currency', sql`(price_minor is null) = (currency is null)`)
    .execute();
  await db.schema.createIndex('courses_by_org').on('courses').columns(['org_id', 'created_at']).execute();

  await db.schema
    .createTable('course_revisions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(id))
    .addColumn('course_id', 'uuid', (c) => c.notNull().references('courses.id').onDelete('cascade'))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull().check(sql`number > 0`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('estimated_minutes', 'integer', (c) => c.notNull())
    .addColumn('skills', 'jsonb', (c) => c.notNull())
    .addColumn('units', 'jsonb', (c) => c.notNull())
    .addColumn('published_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('course_revisions_number', ['course_id', 'number'])
    .execute();
}

async function learningTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('enrolments')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(id))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('course_id', 'uuid', (c) => c.notNull().references('courses.id').onDelete('cascade'))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('revision_id', 'uuid', (c) => c.notNull().references('course_revisions.id'))
    .addColumn('attempt', 'integer', (c) => c.notNull().check(sql`attempt > 0`))
    .addColumn('enrolled_at', 'timestamptz', (c) => c.notNull())
    .addColumn('access_until', 'timestamptz', (c) => c.notNull())
    .addColumn('first_opened_at', 'timestamptz')
    .addColumn('position_unit_id', 'text')
    // Two concurrent enrolments of one person in one course cannot both become attempt n.
    .addUniqueConstraint('enrolments_attempt', ['user_id', 'course_id', 'attempt'])
    .execute();

  await db.schema
    .createTable('unit_progress')
    .addColumn('enrolment_id', 'uuid', (c) => c.notNull().references('enrolments.id').onDelete('cascade'))
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull())
    .addColumn('completed_at', 'timestamptz')
    .addPrimaryKeyConstraint('unit_progress_pk', ['enrolment_id', 'unit_id'])
    .execute();

  // Every answer ever given is kept; the newest per question (highest seq) is the one that counts.
  await db.schema
    .createTable('answers')
    .addColumn('seq', 'serial', (c) => c.primaryKey())
    .addColumn('enrolment_id', 'uuid', (c) => c.notNull().references('enrolments.id').onDelete('cascade'))
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('question_id', 'text', (c) => c.notNull())
    .addColumn('answer', 'jsonb', (c) => c.notNull())
    .addColumn('correct', 'boolean', (c) => c.notNull())
    .addColumn('answered_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('answers_by_question')
    .on('answers')
    .columns(['enrolment_id', 'question_id', 'seq'])
    .execute();

  await db.schema
    .createTable('evidence_submissions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(id))
    .addColumn('enrolment_id', 'uuid', (c) => c.notNull().references('enrolments.id').onDelete('cascade'))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('task', 'text', (c) => c.notNull())
    .addColumn('response', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('attesting', 'pending', 'accepted', 'returned')`),
    )
    .addColumn('submitted_at', 'timestamptz', (c) => c.notNull())
    .addColumn('reviewer_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('reviewed_at', 'timestamptz')
    .addColumn('scores', 'jsonb')
    .addColumn('feedback', 'text')
    .execute();
  // At most one live (pending or accepted) submission per task; a returned one may be followed by another.
  await sql`create unique index evidence_one_live on evidence_submissions (enrolment_id, unit_id) where status <> 'returned'`.execute(
    db,
  );
  await db.schema
    .createIndex('evidence_queue')
    .on('evidence_submissions')
    .columns(['org_id', 'status', 'submitted_at'])
    .execute();

  // A supervisor's confirmation of on-the-job application: the emailed link carries a token stored hashed.
  await db.schema
    .createTable('attestations')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(id))
    .addColumn('submission_id', 'uuid', (c) =>
      c.notNull().unique().references('evidence_submissions.id').onDelete('cascade'),
    )
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('supervisor_name', 'text', (c) => c.notNull())
    .addColumn('supervisor_email', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.check(sql`decision in ('confirmed', 'declined')`))
    .addColumn('decided_at', 'timestamptz')
    .addColumn('comment', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();

  await db.schema
    .createTable('completions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(id))
    .addColumn('enrolment_id', 'uuid', (c) =>
      c.notNull().unique().references('enrolments.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('course_id', 'uuid', (c) => c.notNull().references('courses.id').onDelete('cascade'))
    .addColumn('revision_id', 'uuid', (c) => c.notNull().references('course_revisions.id'))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('activity_code', 'text', (c) => c.notNull().unique())
    .addColumn('score', 'jsonb', (c) => c.notNull())
    .addColumn('completed_at', 'timestamptz', (c) => c.notNull())
    .execute();

  // Outbox: other contexts (badge awarding) consume these; one event per subject and type.
  await db.schema
    .createTable('learning_events')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(id))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'uuid', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('consumed_at', 'timestamptz')
    .addUniqueConstraint('learning_events_once', ['type', 'subject_id'])
    .execute();
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await catalogTables(db);
  await learningTables(db);
}
