// Courses and their units as the domain sees them, and the pure rules about them: which shape a learner
// may see (never an answer), and the checks zod cannot express.
import { randomBytes } from 'node:crypto';
import type { FieldProblem } from '../errors.ts';

export interface ChoiceOption {
  id: string;
  text: string;
  correct: boolean;
  /** Shown to a learner who chose this option. */
  feedback: string | null;
}

/** Feedback of questions without options: what a right or a wrong answer is told. */
export interface AnswerFeedback {
  correct: string | null;
  incorrect: string | null;
}

export type Question =
  | { id: string; type: 'single-choice' | 'multiple-choice'; prompt: string; options: ChoiceOption[] }
  | { id: string; type: 'true-false'; prompt: string; answer: boolean; feedback: AnswerFeedback }
  | {
      id: string;
      type: 'numeric';
      prompt: string;
      answer: number;
      tolerance: number;
      feedback: AnswerFeedback;
    }
  | { id: string; type: 'short-text'; prompt: string; acceptedAnswers: string[]; feedback: AnswerFeedback };

/** Evidence a learner can hand in. */
export const EVIDENCE_TASKS = [
  'essay',
  'url',
  'attendance-code',
  'file-upload',
  'supervisor-attestation',
] as const;
export type EvidenceTaskKind = (typeof EVIDENCE_TASKS)[number];

/** File types a file-upload task may accept (recognised by their content, not by the name sent). */
export const UPLOAD_FILE_TYPES = ['pdf', 'png', 'jpeg', 'docx'] as const;
export type UploadFileType = (typeof UPLOAD_FILE_TYPES)[number];
export const MAX_UPLOAD_MEGABYTES = 25;

export const UPLOAD_CONTENT_TYPES: Record<UploadFileType, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** A file's type from its signature (never the name or type a browser claims); a .docx is a ZIP named so. */
export function sniffFileType(bytes: Uint8Array, filename: string): UploadFileType | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'pdf';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (starts(0xff, 0xd8, 0xff)) return 'jpeg';
  if (starts(0x50, 0x4b, 0x03, 0x04) && /\.docx$/i.test(filename)) return 'docx';
  return null;
}

export interface UploadRules {
  types: UploadFileType[];
  maxMegabytes: number;
}

export interface RubricCriterion {
  criterion: string;
  levels: Array<{ label: string; points: number }>;
}

export type Unit =
  | { id: string; kind: 'lesson'; title: string; markdown: string; html: string }
  | ({ id: string; kind: 'assessment'; title: string; questions: Question[] } & AssessmentPool)
  | {
      id: string;
      kind: 'evidence';
      title: string;
      task: EvidenceTaskKind;
      instructions: string;
      needsReview: boolean;
      /** Only for attendance-code tasks: the code given out at the lecture, webinar or conference. */
      attendanceCode: string | null;
      /** Only for file-upload tasks: what may be uploaded. */
      upload: UploadRules | null;
      rubric: RubricCriterion[];
    };

/**
 * How an assessment asks its questions: all of them (draw null), or `draw` drawn at random per attempt from
 * the pool; questions and the options of choice questions in the author's order or shuffled per attempt.
 * Optional: units saved before pools existed ask every question in order.
 */
export interface AssessmentPool {
  draw?: number | null;
  shuffleQuestions?: boolean;
  shuffleOptions?: boolean;
}

/** How many questions one attempt at an assessment asks (the draw, or the whole list). */
export function questionsAsked(unit: { questions: readonly unknown[] } & AssessmentPool): number {
  return unit.draw ? Math.min(unit.draw, unit.questions.length) : unit.questions.length;
}

/** What a learner (or the catalog) may see of a question: prompt and options, no answer, no feedback. */
export type PublicQuestion =
  | {
      id: string;
      type: 'single-choice' | 'multiple-choice';
      prompt: string;
      options: Array<{ id: string; text: string }>;
    }
  | { id: string; type: 'true-false' | 'numeric' | 'short-text'; prompt: string };

export type PublicUnit =
  | { id: string; kind: 'lesson'; title: string; html: string }
  | { id: string; kind: 'assessment'; title: string; questions: PublicQuestion[] }
  | {
      id: string;
      kind: 'evidence';
      title: string;
      task: EvidenceTaskKind;
      instructions: string;
      needsReview: boolean;
      upload: UploadRules | null;
      rubric: RubricCriterion[];
    };

export function publicQuestion(question: Question): PublicQuestion {
  if (question.type === 'single-choice' || question.type === 'multiple-choice') {
    return {
      id: question.id,
      type: question.type,
      prompt: question.prompt,
      options: question.options.map((o) => ({ id: o.id, text: o.text })),
    };
  }
  return { id: question.id, type: question.type, prompt: question.prompt };
}

/** Built field by field, so a new secret field (an answer, a code) never reaches a learner by accident. */
export function publicUnit(unit: Unit): PublicUnit {
  switch (unit.kind) {
    case 'lesson':
      return { id: unit.id, kind: unit.kind, title: unit.title, html: unit.html };
    case 'assessment':
      return {
        id: unit.id,
        kind: unit.kind,
        title: unit.title,
        questions: unit.questions.map(publicQuestion),
      };
    case 'evidence':
      return {
        id: unit.id,
        kind: unit.kind,
        title: unit.title,
        task: unit.task,
        instructions: unit.instructions,
        needsReview: unit.needsReview,
        upload: unit.upload ?? null,
        rubric: unit.rubric,
      };
  }
}

/** The outline of the course page: titles and sizes, no content. */
export function unitOutline(unit: Unit): {
  id: string;
  kind: Unit['kind'];
  title: string;
  questionCount: number;
} {
  return {
    id: unit.id,
    kind: unit.kind,
    title: unit.title,
    questionCount: unit.kind === 'assessment' ? questionsAsked(unit) : 0,
  };
}

/** Short, URL-safe ids for units, questions and options (stable once given). */
export function newContentId(prefix: string): string {
  return `${prefix}_${randomBytes(6).toString('base64url')}`;
}

/** Rules across fields: ids unique, the right number of correct options, codes where a task needs one. */
export function unitProblems(units: Unit[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  const once = (id: string, path: string) => {
    if (seen.has(id))
      problems.push({ path, message: `id "${id}" is used twice`, code: 'id-used-twice', params: { id } });
    seen.add(id);
  };
  units.forEach((unit, u) => {
    once(unit.id, `body.units.${u}.id`);
    if (unit.kind === 'evidence' && unit.task === 'file-upload' && !unit.upload) {
      problems.push({
        path: `body.units.${u}.upload`,
        message: 'a file-upload task needs its file types and size limit',
        code: 'upload-rules-missing',
      });
    }
    if (unit.kind === 'evidence' && unit.task === 'attendance-code' && !unit.attendanceCode) {
      problems.push({
        path: `body.units.${u}.attendanceCode`,
        message: 'an attendance-code task needs its code',
        code: 'attendance-code-missing',
      });
    }
    if (unit.kind !== 'assessment') return;
    if (unit.draw && unit.draw > unit.questions.length) {
      problems.push({
        path: `body.units.${u}.draw`,
        message: `cannot draw ${unit.draw} questions from a pool of ${unit.questions.length}`,
        code: 'draw-exceeds-pool',
        params: { draw: unit.draw, pool: unit.questions.length },
      });
    }
    unit.questions.forEach((q, i) => {
      const path = `body.units.${u}.questions.${i}`;
      once(q.id, `${path}.id`);
      if (q.type !== 'single-choice' && q.type !== 'multiple-choice') return;
      q.options.forEach((o, j) => {
        once(o.id, `${path}.options.${j}.id`);
      });
      const correct = q.options.filter((o) => o.correct).length;
      if (q.type === 'single-choice' && correct !== 1) {
        problems.push({
          path: `${path}.options`,
          message: 'a single-choice question needs exactly one correct option',
          code: 'single-choice-correct',
        });
      }
      if (q.type === 'multiple-choice' && correct < 1) {
        problems.push({
          path: `${path}.options`,
          message: 'a multiple-choice question needs at least one correct option',
          code: 'multiple-choice-correct',
        });
      }
    });
  });
  return problems;
}

/** Problems that only matter when publishing: a course without units, an assessment without questions. */
export function publishProblems(units: Unit[]): FieldProblem[] {
  if (units.length === 0)
    return [
      { path: 'units', message: 'a published course needs at least one unit', code: 'course-without-units' },
    ];
  return units.flatMap((unit, u) =>
    unit.kind === 'assessment' && unit.questions.length === 0
      ? [
          {
            path: `units.${u}.questions`,
            message: 'an assessment needs at least one question',
            code: 'assessment-without-questions',
          },
        ]
      : [],
  );
}
