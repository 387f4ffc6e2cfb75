// Where an LMS line item lives (issue #21 item 4): the platform's name and the course (LTI context) title, as
// the grade sync last read them, so that learners and issuers see "Final exam (Canvas · Algebra 101)" rather
// than a bare label. Both nullable: line items read before this migration get them on the next sync.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('lms_line_items')
    .addColumn('platform_name', 'text')
    .addColumn('context_title', 'text')
    .execute();
}
