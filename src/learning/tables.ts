// Table types of the learning context: enrolments, progress, answers, evidence, completions, events.
import type { ColumnType, Generated } from 'kysely';

type Json<T> = ColumnType<T, string, string>;

export interface EnrolmentsTable {
  id: Generated<string>;
  userId: string;
  courseId: string;
  orgId: string;
  /** The revision this enrolment started on: the learner finishes it even after a newer one is published. */
  revisionId: string;
  /** 1 for the first enrolment of a person in a course, 2 for a re-enrolment after access ended … */
  attempt: number;
  enrolledAt: Date;
  accessUntil: Date;
  /** Set once, the first time the learner opens any unit (refund rules depend on it). */
  firstOpenedAt: Date | null;
  /** The unit last opened: where Resume takes the learner. */
  positionUnitId: string | null;
}

export interface UnitProgressTable {
  enrolmentId: string;
  unitId: string;
  openedAt: Date;
  completedAt: Date | null;
}

/** The answer as given: one of the shapes below, depending on the question's type. */
export type GivenAnswer =
  | { optionIds: string[] }
  | { value: boolean }
  | { number: number }
  | { text: string };

export interface AnswersTable {
  seq: Generated<number>;
  enrolmentId: string;
  unitId: string;
  questionId: string;
  answer: Json<GivenAnswer>;
  correct: boolean;
  answeredAt: Date;
}

/** The questions one attempt (enrolment) at a pooled or shuffled assessment asks, in the order it asks them. */
export interface AssessmentDrawsTable {
  enrolmentId: string;
  unitId: string;
  /** What the draw was computed from (src/learning/pool.ts), kept to explain a draw. */
  seed: string;
  questionIds: Json<string[]>;
  /** Option ids per choice question, in the order shown. */
  optionOrder: Json<Record<string, string[]>>;
  drawnAt: Date;
}

/** 'attesting': waiting for the supervisor to confirm (supervisor-attestation tasks), then pending or accepted. */
export type EvidenceStatus = 'attesting' | 'pending' | 'accepted' | 'returned';

export interface RubricScore {
  criterion: string;
  level: string;
  points: number;
}

export interface EvidenceSubmissionsTable {
  id: Generated<string>;
  enrolmentId: string;
  orgId: string;
  userId: string;
  unitId: string;
  task: string;
  /** The essay text, the URL or the attendance code as submitted. */
  response: string;
  status: EvidenceStatus;
  submittedAt: Date;
  reviewerId: string | null;
  reviewedAt: Date | null;
  scores: ColumnType<RubricScore[] | null, string | null | undefined, string | null>;
  feedback: string | null;
}

export interface AttestationsTable {
  id: Generated<string>;
  submissionId: string;
  /** SHA-256 of the token in the emailed link; the token itself is never stored. */
  tokenHash: string;
  supervisorName: string;
  supervisorEmail: string;
  expiresAt: Date;
  decision: 'confirmed' | 'declined' | null;
  decidedAt: Date | null;
  comment: string | null;
  createdAt: ColumnType<Date, Date | undefined, never>;
}

export interface CompletionScore {
  questions: number;
  /** Questions answered correctly at the first attempt. */
  firstTimeCorrect: number;
  answersGiven: number;
  evidenceAccepted: number;
}

export interface CompletionsTable {
  id: Generated<string>;
  enrolmentId: string;
  userId: string;
  courseId: string;
  revisionId: string;
  orgId: string;
  activityCode: string;
  score: Json<CompletionScore>;
  completedAt: Date;
}

export interface LearningEventsTable {
  id: Generated<string>;
  /** course.completed: subject is the completion; evidence.accepted: the evidence submission;
   * grade.recorded (src/gradebook): a fresh id per changed grade. */
  type: 'course.completed' | 'evidence.accepted' | 'grade.recorded';
  subjectId: string;
  payload: Json<Record<string, unknown>>;
  createdAt: ColumnType<Date, Date | undefined, never>;
  /** Set once the award engine is done with the event: awarded, nothing to award, or failed. */
  consumedAt: Date | null;
  /** Failed attempts of the award engine; the last one's reason. */
  attempts: Generated<number>;
  lastError: string | null;
  /** The event can never be awarded (bad data) or kept failing: consumed, with lastError saying why. */
  failedAt: Date | null;
}

export interface LearningTables {
  enrolments: EnrolmentsTable;
  unitProgress: UnitProgressTable;
  answers: AnswersTable;
  assessmentDraws: AssessmentDrawsTable;
  evidenceSubmissions: EvidenceSubmissionsTable;
  attestations: AttestationsTable;
  completions: CompletionsTable;
  learningEvents: LearningEventsTable;
}
