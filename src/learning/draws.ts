// The draw of each attempt at a pooled or shuffled assessment: stored the first time the learner opens or
// answers the unit, read back on every later request (the same questions after a reload, and only those
// count). Store functions and one helper the player uses inside its transaction.
import type { Selectable } from 'kysely';
import type { Executor } from '../db/database.ts';
import { type AssessmentDraw, type AssessmentUnit, drawAssessment, drawSeed, isVaried } from './pool.ts';
import type { AssessmentDrawsTable } from './tables.ts';

export type DrawRow = Selectable<AssessmentDrawsTable>;

export async function drawsOf(db: Executor, enrolmentIds: string[]): Promise<DrawRow[]> {
  if (enrolmentIds.length === 0) return [];
  return db.selectFrom('assessmentDraws').selectAll().where('enrolmentId', 'in', enrolmentIds).execute();
}

/**
 * This attempt's draw of a varied assessment (null for one asking every question in order): the stored
 * one, else drawn now — and stored when `keep` (a caller who may only read sees the same draw unstored,
 * since the draw follows from its seed).
 */
export async function attemptDraw(
  db: Executor,
  enrolmentId: string,
  unit: AssessmentUnit,
  now: Date,
  keep: boolean,
): Promise<AssessmentDraw | null> {
  if (!isVaried(unit)) return null;
  const stored = await db
    .selectFrom('assessmentDraws')
    .select(['questionIds', 'optionOrder'])
    .where('enrolmentId', '=', enrolmentId)
    .where('unitId', '=', unit.id)
    .executeTakeFirst();
  if (stored) return stored;
  const seed = drawSeed(enrolmentId, unit.id);
  const draw = drawAssessment(unit, seed);
  if (keep) {
    await db
      .insertInto('assessmentDraws')
      .values({
        enrolmentId,
        unitId: unit.id,
        seed,
        questionIds: JSON.stringify(draw.questionIds),
        optionOrder: JSON.stringify(draw.optionOrder),
        drawnAt: now,
      })
      .onConflict((oc) => oc.columns(['enrolmentId', 'unitId']).doNothing())
      .execute();
  }
  return draw;
}
