// Gathers what a learner did in a badge's courses (results.ts turns it into credential results and evidence):
// per course, the latest completion with its activity code, the first-attempt score of each assessment of the
// enrolment it counts, and the accepted evidence tasks with their rubric scores and assessor. Read inside the
// caller's transaction.
import { questionsAsked, type RevisionContent, revisionContent } from '../catalog/index.ts';
import type { Executor } from '../db/database.ts';
import { firstAnswers } from '../learning/index.ts';
import { type Requirements, singleRequirements } from './model.ts';
import type { CourseWork, EvidenceWork } from './results.ts';

function courseIdsOf(requirements: Requirements): string[] {
  const ids = singleRequirements(requirements).flatMap((r) => ('courseId' in r ? [r.courseId] : []));
  return [...new Set(ids)];
}

/** The enrolment whose work counts: the completed one, else the latest one. */
async function countedEnrolment(trx: Executor, userId: string, courseId: string) {
  const completion = await trx
    .selectFrom('completions')
    .select(['enrolmentId', 'activityCode', 'completedAt'])
    .where('userId', '=', userId)
    .where('courseId', '=', courseId)
    .orderBy('completedAt', 'desc')
    .limit(1)
    .executeTakeFirst();
  const enrolment = await trx
    .selectFrom('enrolments')
    .select(['id', 'revisionId'])
    .where('userId', '=', userId)
    .where('courseId', '=', courseId)
    .$if(completion !== undefined, (q) => q.where('id', '=', completion?.enrolmentId ?? ''))
    .orderBy('enrolledAt', 'desc')
    .limit(1)
    .executeTakeFirst();
  return enrolment ? { enrolment, completion } : undefined;
}

async function acceptedSubmissions(trx: Executor, enrolmentId: string) {
  return trx
    .selectFrom('evidenceSubmissions as s')
    .leftJoin('users as u', 'u.id', 's.reviewerId')
    .select(['s.unitId', 's.reviewedAt', 's.submittedAt', 's.scores', 'u.name as reviewerName'])
    .where('s.enrolmentId', '=', enrolmentId)
    .where('s.status', '=', 'accepted')
    .execute();
}

function workOf(
  revision: RevisionContent,
  answers: Map<string, boolean>,
  accepted: Awaited<ReturnType<typeof acceptedSubmissions>>,
): Pick<CourseWork, 'assessments' | 'evidence'> {
  const assessments: CourseWork['assessments'] = [];
  const evidence: EvidenceWork[] = [];
  for (const unit of revision.units) {
    if (unit.kind === 'assessment') {
      assessments.push({
        unitId: unit.id,
        title: unit.title,
        questions: questionsAsked(unit),
        firstTimeCorrect: unit.questions.filter((q) => answers.get(q.id) === true).length,
      });
    } else if (unit.kind === 'evidence') {
      const submission = accepted.find((s) => s.unitId === unit.id);
      evidence.push({
        unitId: unit.id,
        title: unit.title,
        task: unit.task,
        instructions: unit.instructions,
        rubric: unit.rubric,
        accepted: submission
          ? {
              at: submission.reviewedAt ?? submission.submittedAt,
              assessorName: submission.reviewerName ?? null,
              scores: submission.scores ?? [],
            }
          : null,
      });
    }
  }
  return { assessments, evidence };
}

/** The learner's work in every course a requirement set names (courses never started are left out). */
export async function learnerWork(
  trx: Executor,
  userId: string,
  requirements: Requirements,
  verifyUrl: (activityCode: string) => string,
): Promise<CourseWork[]> {
  const courses: CourseWork[] = [];
  for (const courseId of courseIdsOf(requirements)) {
    const counted = await countedEnrolment(trx, userId, courseId);
    if (!counted) continue;
    const { enrolment, completion } = counted;
    const revision = await revisionContent(trx, enrolment.revisionId);
    const work = workOf(
      revision,
      await firstAnswers(trx, enrolment.id),
      await acceptedSubmissions(trx, enrolment.id),
    );
    courses.push({
      courseId,
      title: revision.title,
      completion: completion
        ? {
            activityCode: completion.activityCode,
            completedAt: completion.completedAt,
            verifyUrl: verifyUrl(completion.activityCode),
          }
        : null,
      ...work,
    });
  }
  return courses;
}
