import type { Kysely } from 'kysely';

// Question pools and shuffling (issue #19 item 11): the questions an attempt at an assessment asks, drawn and
// ordered once per enrolment and unit, and the order of each choice question's options. Kept with the
// attempt so that a reload shows the same questions and grading counts only those.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('assessment_draws')
    .addColumn('enrolment_id', 'uuid', (c) => c.notNull().references('enrolments.id').onDelete('cascade'))
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('seed', 'text', (c) => c.notNull())
    .addColumn('question_ids', 'jsonb', (c) => c.notNull())
    .addColumn('option_order', 'jsonb', (c) => c.notNull())
    .addColumn('drawn_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('assessment_draws_pk', ['enrolment_id', 'unit_id'])
    .execute();
}
