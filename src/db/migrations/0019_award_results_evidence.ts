// Results and evidence in awarded credentials (issue #16 item 3): per badge, whether its credentials
// disclose the learner's assessment results and accepted evidence (copied into each published version),
// and an award's own narrative and evidence description (manual and bulk awards).
// Existing badges keep issuing what they issued before: both settings start false for them; new badges
// get the API's defaults.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['badges', 'badge_versions']) {
    await db.schema
      .alterTable(table)
      .addColumn('disclose_results', 'boolean', (c) => c.notNull().defaultTo(false))
      .addColumn('disclose_evidence', 'boolean', (c) => c.notNull().defaultTo(false))
      .execute();
  }
  await db.schema
    .alterTable('awards')
    .addColumn('narrative', 'text')
    .addColumn('evidence_narrative', 'text')
    .execute();
  await db.schema
    .alterTable('bulk_award_rows')
    .addColumn('narrative', 'text')
    .addColumn('evidence_narrative', 'text')
    .execute();
}
