// The course player: open a unit (first open recorded once, position saved for Resume), answer a question
// (saved at once, history kept, last write per question wins), and the rules that refuse what is out of reach.

import type { Transaction } from 'kysely';
import type { Question, RevisionContent, Unit } from '../catalog/index.ts';
import type { Database } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { ConflictError, NotFoundError, RuleError } from '../errors.ts';
import type { Actor } from '../identity/actor.ts';
import { hasScope, requireActor } from '../identity/index.ts';
import { completeIfDone } from './completion.ts';
import { attemptDraw } from './draws.ts';
import { type EnrolmentView, enrolmentViews } from './enrolment.ts';
import { type Grade, gradeAnswer } from './grading.ts';
import { assessmentPassed, furthestReachable } from './model.ts';
import { applyDraw } from './pool.ts';
import { type CompletionRow, type EnrolmentRow, findEnrolment, insertAnswer, recordOpen } from './store.ts';
import type { GivenAnswer } from './tables.ts';

export interface LearnerWrite {
  trx: Transaction<Database>;
  enrolment: EnrolmentRow;
  view: EnrolmentView;
  unit: Unit;
  index: number;
  /** The learner's display name (for mails sent on their behalf). */
  learnerName: string;
}

/**
 * Loads and locks the learner's own enrolment, and checks what every write needs: access not expired, the
 * unit in the pinned revision, and reached (every earlier unit read, answered correctly or handed in).
 */
export async function forLearnerWrite<T>(
  deps: Deps,
  actor: Actor | null,
  enrolmentId: string,
  unitId: string,
  work: (write: LearnerWrite) => Promise<T>,
): Promise<T> {
  const me = requireActor(actor);
  return deps.db.transaction().execute(async (trx) => {
    const enrolment = await findEnrolment(trx, me.user.id, enrolmentId, true);
    if (!enrolment) throw new NotFoundError('enrolment');
    if (enrolment.accessUntil <= deps.now()) {
      throw new RuleError(
        'access-expired',
        `Your access to this course ended on ${enrolment.accessUntil.toISOString()}; enrol again to continue.`,
      );
    }
    const [view] = await enrolmentViews(trx, deps.now(), [enrolment]);
    if (!view) throw new NotFoundError('enrolment');
    const index = view.revision.units.findIndex((u) => u.id === unitId);
    const unit = view.revision.units[index];
    if (!unit) throw new NotFoundError(`unit "${unitId}" in revision ${view.revision.number} of this course`);
    const reach = furthestReachable(view.revision.units, view.facts);
    if (index > reach) {
      const blocking = view.revision.units[reach]?.title ?? '';
      throw new ConflictError(`Finish "${blocking}" before opening "${unit.title}".`, 'unit-not-reached');
    }
    return work({ trx, enrolment, view, unit, index, learnerName: me.user.name });
  });
}

export async function openUnit(
  deps: Deps,
  actor: Actor | null,
  enrolmentId: string,
  unitId: string,
): Promise<EnrolmentView & { unit: Unit }> {
  return forLearnerWrite(deps, actor, enrolmentId, unitId, async ({ trx, enrolment, unit: stored, view }) => {
    // A token that may only read sees the unit; progress is recorded for those who may learn (learning:write).
    const learns = !actor || hasScope(actor, 'learning:write');
    const unit = await asAsked(trx, enrolment.id, stored, deps.now(), learns);
    if (!learns) return { ...view, unit };
    // Reading a lesson is what completes it.
    await recordOpen(trx, enrolment.id, unit.id, deps.now(), unit.kind === 'lesson');
    if (unit.kind === 'lesson') await completeIfDone(deps, trx, enrolment, view.revision);
    const reread = (await findEnrolment(trx, enrolment.userId, enrolment.id)) ?? enrolment;
    const [fresh] = await enrolmentViews(trx, deps.now(), [reread]);
    return { ...(fresh as EnrolmentView), unit };
  });
}

export interface AnswerOutcome extends Grade {
  unitDone: boolean;
  completion: CompletionRow | null;
}

/** The unit as this attempt asks it: a pooled or shuffled assessment's drawn questions, in their order. */
async function asAsked(
  trx: Transaction<Database>,
  enrolmentId: string,
  unit: Unit,
  now: Date,
  keep: boolean,
) {
  if (unit.kind !== 'assessment') return unit;
  const draw = await attemptDraw(trx, enrolmentId, unit, now, keep);
  return draw ? applyDraw(unit, draw) : unit;
}

function questionIn(unit: Unit, questionId: string, revision: RevisionContent): Question {
  const question = unit.kind === 'assessment' ? unit.questions.find((q) => q.id === questionId) : undefined;
  if (!question) {
    const among =
      unit.kind === 'assessment' && unit.draw ? ' among the questions drawn for this attempt' : '';
    throw new NotFoundError(
      `question "${questionId}" in unit "${unit.id}" of revision ${revision.number}${among}`,
    );
  }
  return question;
}

export async function answerQuestion(
  deps: Deps,
  actor: Actor | null,
  enrolmentId: string,
  input: { unitId: string; questionId: string; answer: GivenAnswer; revision?: number },
): Promise<AnswerOutcome> {
  return forLearnerWrite(deps, actor, enrolmentId, input.unitId, async ({ trx, enrolment, unit, view }) => {
    if (input.revision !== undefined && input.revision !== view.revision.number) {
      throw new ConflictError(
        `You are enrolled in revision ${view.revision.number} of this course, not revision ${input.revision}.`,
        'revision-mismatch',
      );
    }
    // Only the questions drawn for this attempt may be answered (and only they count).
    const asked = await asAsked(trx, enrolment.id, unit, deps.now(), true);
    const question = questionIn(asked, input.questionId, view.revision);
    const grade = gradeAnswer(question, input.answer);
    await insertAnswer(trx, {
      enrolmentId: enrolment.id,
      unitId: unit.id,
      questionId: question.id,
      answer: input.answer,
      correct: grade.correct,
      answeredAt: deps.now(),
    });
    await recordOpen(trx, enrolment.id, unit.id, deps.now(), false);
    const completion = await completeIfDone(deps, trx, enrolment, view.revision);
    const [after] = await enrolmentViews(trx, deps.now(), [enrolment]);
    const unitDone = unit.kind === 'assessment' && after !== undefined && assessmentPassed(unit, after.facts);
    return { ...grade, unitDone, completion };
  });
}
