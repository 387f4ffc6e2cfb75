// What an earned credential says about the learner's work, as OB 3.0 defines it: the assessments and rubrics
// of the badge's courses as achievement.resultDescription, the learner's scores and rubric levels as
// credentialSubject.result, and accepted evidence and course completions as evidence entries.
// Pure: the facts are gathered by learner-work.ts. https://www.imsglobal.org/spec/ob/v3p0/#resultdescription
import type { RubricCriterion } from '../catalog/index.ts';
import type { EvidenceInput, ResultDescriptionInput, ResultInput } from '../credentials/index.ts';
import type { Requirements } from './model.ts';
import type { EvidenceItem } from './tables.ts';

export interface AssessmentWork {
  unitId: string;
  title: string;
  questions: number;
  /** Questions the learner answered correctly at the first attempt. */
  firstTimeCorrect: number;
}

export interface EvidenceWork {
  unitId: string;
  title: string;
  /** The task kind: essay, url, file-upload, attendance-code, supervisor-attestation. */
  task: string;
  instructions: string;
  rubric: RubricCriterion[];
  /** null: not accepted (yet). */
  accepted: {
    at: Date;
    /** null: accepted on submission, without review. */
    assessorName: string | null;
    scores: Array<{ criterion: string; level: string; points: number }>;
  } | null;
}

export interface CourseWork {
  courseId: string;
  title: string;
  completion: { activityCode: string; completedAt: Date; verifyUrl: string } | null;
  assessments: AssessmentWork[];
  evidence: EvidenceWork[];
}

export interface Disclosure {
  results: boolean;
  evidence: boolean;
}

export interface CredentialWork {
  resultDescriptions: ResultDescriptionInput[];
  results: ResultInput[];
  evidence: EvidenceInput[];
  /** When the learner finished the work the badge counts (latest completion or acceptance). */
  activityEndDate?: Date;
}

const TASK_GENRES: Record<string, string> = {
  essay: 'Essay',
  url: 'Web page',
  'file-upload': 'Document',
  'attendance-code': 'Attendance',
  'supervisor-attestation': 'Supervisor attestation',
};
const INSTRUCTIONS_MAX = 1000;

const day = (date: Date) => date.toISOString().slice(0, 10);
const clip = (text: string) =>
  text.length <= INSTRUCTIONS_MAX ? text : `${text.slice(0, INSTRUCTIONS_MAX - 1).trimEnd()}…`;

/** Ids are fragments of the achievement's URL, so results link to descriptions in the same credential. */
const descriptionId = (achievementId: string, ...parts: (string | number)[]) =>
  `${achievementId}#result-${parts.map((p) => encodeURIComponent(String(p))).join('-')}`;

/** The units a requirement set counts: every unit of a required course, or one evidence task. */
function countedUnits(requirements: Requirements): (courseId: string, unitId: string) => boolean {
  const courses = new Set<string>();
  const tasks = new Set<string>();
  for (const req of requirements.items) {
    if (req.kind === 'course') courses.add(req.courseId);
    if (req.kind === 'evidence') tasks.add(`${req.courseId}:${req.unitId}`);
  }
  return (courseId, unitId) => courses.has(courseId) || tasks.has(`${courseId}:${unitId}`);
}

function assessmentResult(
  achievementId: string,
  course: CourseWork,
  unit: AssessmentWork,
): { description: ResultDescriptionInput; result: ResultInput } | null {
  if (unit.questions === 0) return null;
  const id = descriptionId(achievementId, course.courseId, unit.unitId);
  return {
    // No pass mark in the course model (every question must end up answered correctly), so no requiredValue.
    description: {
      id,
      name: `${course.title}: ${unit.title} (first-attempt score)`,
      resultType: 'Percent',
      valueMin: '0',
      valueMax: '100',
    },
    result: {
      resultDescription: id,
      value: String(Math.round((100 * unit.firstTimeCorrect) / unit.questions)),
    },
  };
}

function evidenceResults(
  achievementId: string,
  course: CourseWork,
  unit: EvidenceWork,
): { descriptions: ResultDescriptionInput[]; results: ResultInput[] } {
  const accepted = unit.accepted;
  if (!accepted) return { descriptions: [], results: [] };
  if (unit.rubric.length === 0) {
    const id = descriptionId(achievementId, course.courseId, unit.unitId);
    return {
      descriptions: [{ id, name: `${course.title}: ${unit.title}`, resultType: 'Status' }],
      results: [{ resultDescription: id, status: 'Completed' }],
    };
  }
  const descriptions: ResultDescriptionInput[] = [];
  const results: ResultInput[] = [];
  unit.rubric.forEach((criterion, c) => {
    const id = descriptionId(achievementId, course.courseId, unit.unitId, c + 1);
    const levels = criterion.levels.map((level, l) => ({
      id: `${id}-level-${l + 1}`,
      name: level.label,
      points: String(level.points),
    }));
    descriptions.push({
      id,
      name: `${course.title}: ${unit.title}: ${criterion.criterion}`,
      resultType: 'RubricCriterionLevel',
      rubricCriterionLevels: levels,
    });
    const score = accepted.scores.find((s) => s.criterion === criterion.criterion);
    const reached = levels[criterion.levels.findIndex((level) => level.label === score?.level)];
    if (reached) results.push({ resultDescription: id, achievedLevel: reached.id, value: reached.points });
  });
  return { descriptions, results };
}

function evidenceEntry(course: CourseWork, unit: EvidenceWork): EvidenceInput | null {
  const accepted = unit.accepted;
  if (!accepted) return null;
  const by = accepted.assessorName ? ` by ${accepted.assessorName}` : '';
  const how = accepted.assessorName ? 'reviewed and accepted' : 'accepted on submission (no review needed)';
  return {
    name: `${unit.title} (${course.title})`,
    description: `Accepted${by} on ${day(accepted.at)}.`,
    narrative: `The task asked:\n\n${clip(unit.instructions)}\n\nThe learner's submission was ${how}${by} on ${day(accepted.at)}.`,
    genre: TASK_GENRES[unit.task] ?? 'Evidence',
  };
}

function completionEntry(course: CourseWork): EvidenceInput | null {
  const done = course.completion;
  if (!done) return null;
  return {
    name: `Completion of "${course.title}"`,
    description: `Activity code ${done.activityCode}, completed on ${day(done.completedAt)}.`,
    narrative: `Completed every unit of the course "${course.title}" on ${day(done.completedAt)}. Activity code: ${done.activityCode} (anyone holding it can check it at ${done.verifyUrl}).`,
    genre: 'Course completion',
  };
}

function latest(dates: Date[]): Date | undefined {
  return dates.reduce<Date | undefined>((a, b) => (a && a.getTime() >= b.getTime() ? a : b), undefined);
}

/** The results, evidence and end date a credential carries for this work, as far as the badge discloses. */
export function credentialWork(
  achievementId: string,
  requirements: Requirements,
  courses: CourseWork[],
  disclose: Disclosure,
): CredentialWork {
  const counts = countedUnits(requirements);
  const work: CredentialWork = { resultDescriptions: [], results: [], evidence: [] };
  const ends: Date[] = [];
  for (const course of courses) {
    const wholeCourse = requirements.items.some((r) => r.kind === 'course' && r.courseId === course.courseId);
    if (wholeCourse && course.completion) {
      ends.push(course.completion.completedAt);
      if (disclose.results) {
        for (const unit of course.assessments) {
          const scored = assessmentResult(achievementId, course, unit);
          if (scored) {
            work.resultDescriptions.push(scored.description);
            work.results.push(scored.result);
          }
        }
      }
      const entry = completionEntry(course);
      if (disclose.evidence && entry) work.evidence.push(entry);
    }
    for (const unit of course.evidence) {
      if (!unit.accepted || !counts(course.courseId, unit.unitId)) continue;
      ends.push(unit.accepted.at);
      if (disclose.results) {
        const { descriptions, results } = evidenceResults(achievementId, course, unit);
        work.resultDescriptions.push(...descriptions);
        work.results.push(...results);
      }
      const entry = evidenceEntry(course, unit);
      if (disclose.evidence && entry) work.evidence.push(entry);
    }
  }
  const end = latest(ends);
  return end ? { ...work, activityEndDate: end } : work;
}

/** A manual or bulk award's own words: the award narrative and the evidence the issuer pointed at. */
export function awardEvidence(award: {
  narrative: string | null;
  evidenceUrl: string | null;
  evidenceNarrative: string | null;
  evidenceItems?: EvidenceItem[] | null;
}): EvidenceInput[] {
  const entries: EvidenceInput[] = [];
  for (const item of award.evidenceItems ?? []) {
    entries.push({
      id: item.url,
      ...(item.name ? { name: item.name } : {}),
      ...(item.description ? { description: item.description } : {}),
    });
  }
  if (award.evidenceUrl || award.evidenceNarrative) {
    entries.push({
      ...(award.evidenceUrl ? { id: award.evidenceUrl } : {}),
      ...(award.evidenceNarrative ? { name: 'Evidence', narrative: award.evidenceNarrative } : {}),
    });
  }
  if (award.narrative) entries.push({ name: 'Why this badge was awarded', narrative: award.narrative });
  return entries;
}
