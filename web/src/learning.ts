// The learning API as the app sees it: catalog entries, enrolments with progress, the player's units,
// answers, evidence and the assessor's review queue. Shapes follow src/catalog and src/learning schemas.
import { api } from './api.ts';
import { formatMoney } from './money.ts';
import type { Skill } from './skills.ts';

export interface Price {
  amountMinor: number;
  currency: string;
}

export interface CatalogEntry {
  id: string;
  title: string;
  summary: string;
  estimatedMinutes: number;
  skills: Skill[];
  /** The issuer organization (its id is where the course is bought: /me/carts/{id}). */
  issuer: { id: string; slug: string; name: string };
  price: Price | null;
  accessDays: number;
  revision: number;
  publishedAt: string;
  /** The course picture and its description; null: a designed fallback is shown. */
  image: { url: string; alt: string } | null;
}

/** A published badge the course counts toward (its public page is /catalog/badges/{id}). */
export interface CourseBadgeLink {
  id: string;
  name: string;
  imageUrl: string;
}

export interface CoursePageData extends CatalogEntry {
  units: Array<{ id: string; kind: UnitKind; title: string; questionCount: number }>;
  badges: CourseBadgeLink[];
}

export type UnitKind = 'lesson' | 'assessment' | 'evidence';
export type UnitStatus =
  | 'locked'
  | 'available'
  | 'in-progress'
  | 'awaiting-supervisor'
  | 'submitted'
  | 'returned'
  | 'done';

export interface Completion {
  id: string;
  courseId: string;
  activityCode: string;
  completedAt: string;
  score: { questions: number; firstTimeCorrect: number; answersGiven: number; evidenceAccepted: number };
}

export interface Enrolment {
  id: string;
  course: { id: string; title: string; revision: number; estimatedMinutes: number };
  enrolledAt: string;
  accessUntil: string;
  expired: boolean;
  firstOpenedAt: string | null;
  position: string | null;
  progress: { done: number; total: number };
  units: Array<{ id: string; kind: UnitKind; title: string; status: UnitStatus }>;
  completion: Completion | null;
}

export type QuestionType = 'single-choice' | 'multiple-choice' | 'true-false' | 'numeric' | 'short-text';

export interface PublicQuestion {
  id: string;
  type: QuestionType;
  prompt: string;
  options?: Array<{ id: string; text: string }>;
}

export type EvidenceTask = 'essay' | 'url' | 'attendance-code' | 'file-upload' | 'supervisor-attestation';

export interface RubricCriterion {
  criterion: string;
  levels: Array<{ label: string; points: number }>;
}

export type PlayerUnit =
  | { id: string; kind: 'lesson'; title: string; html: string }
  | { id: string; kind: 'assessment'; title: string; questions: PublicQuestion[] }
  | {
      id: string;
      kind: 'evidence';
      title: string;
      task: EvidenceTask;
      instructions: string;
      needsReview: boolean;
      upload: { types: string[]; maxMegabytes: number } | null;
      rubric: RubricCriterion[];
      /** An essay's word limits, as its instructions state them (the server holds the essay to them). */
      wordLimits?: { min: number | null; max: number | null } | null;
    };

export type GivenAnswer =
  | { optionIds: string[] }
  | { value: boolean }
  | { number: number }
  | { text: string };

export type SubmissionStatus = 'attesting' | 'pending' | 'accepted' | 'returned';

export interface Submission {
  id: string;
  unitId: string;
  task: EvidenceTask;
  response: string;
  status: SubmissionStatus;
  submittedAt: string;
  reviewedAt: string | null;
  feedback: string | null;
  scores: Array<{ criterion: string; level: string; points: number }> | null;
}

export interface OpenedUnit {
  enrolment: Enrolment;
  unit: PlayerUnit;
  answers: Array<{ questionId: string; answer: GivenAnswer; correct: boolean; answeredAt: string }>;
  submission: Submission | null;
}

export interface AnswerOutcome {
  correct: boolean;
  feedback: string[];
  unitDone: boolean;
  completion: Completion | null;
}

export type EvidenceResponse =
  | { text: string }
  | { url: string }
  | { code: string }
  | { statement: string; supervisorName: string; supervisorEmail: string };

export interface QueueItem {
  submission: Submission;
  learnerName: string;
  courseTitle: string;
  task: { title: string; instructions: string; rubric: RubricCriterion[] } | null;
}

export interface CatalogFilters {
  q?: string;
  skill?: string;
  /** The issuer's address (organization slug), e.g. northwind-academy. */
  issuer?: string;
  maxMinutes?: string;
  free?: string;
}

export const learningKeys = {
  catalog: (filters: CatalogFilters) => ['catalog', filters] as const,
  course: (courseId: string) => ['catalog', 'course', courseId] as const,
  enrolments: ['enrolments'] as const,
  enrolment: (id: string) => ['enrolments', id] as const,
  unit: (enrolmentId: string, unitId: string) => ['enrolments', enrolmentId, 'unit', unitId] as const,
  reviews: (orgId: string) => ['reviews', orgId] as const,
};

/** The catalog page's filters from its address (every filter present, empty when not set). */
export function catalogFiltersOf(params: URLSearchParams): CatalogFilters {
  return {
    q: params.get('q') ?? '',
    skill: params.get('skill') ?? '',
    issuer: params.get('issuer') ?? '',
    maxMinutes: params.get('maxMinutes') ?? '',
    free: params.get('free') === 'true' ? 'true' : '',
  };
}

/**
 * The catalog's query, the same wherever it is asked (landing page, catalog, the first page's prefetch): a list
 * fetched in the last 10 s is used as it is, so the first page finding it prefetched does not ask again, while a
 * later visit (a course published meanwhile) asks afresh.
 */
export function catalogQuery(filters: CatalogFilters) {
  return {
    queryKey: learningKeys.catalog(filters),
    queryFn: () => searchCatalog(filters),
    staleTime: 10_000,
  };
}

export function searchCatalog(filters: CatalogFilters): Promise<{ items: CatalogEntry[] }> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  const query = params.toString();
  return api(`/api/v1/catalog/courses${query ? `?${query}` : ''}`);
}

export const learningApi = {
  course: (courseId: string) => api<CoursePageData>(`/api/v1/catalog/courses/${courseId}`),
  enrol: (courseId: string) =>
    api<Enrolment>('/api/v1/me/enrolments', { method: 'POST', body: { courseId } }),
  enrolments: () => api<{ items: Enrolment[] }>('/api/v1/me/enrolments'),
  enrolment: (id: string) => api<Enrolment>(`/api/v1/me/enrolments/${id}`),
  openUnit: (id: string, unitId: string) =>
    api<OpenedUnit>(`/api/v1/me/enrolments/${id}/units/${encodeURIComponent(unitId)}`),
  answer: (
    id: string,
    input: { unitId: string; questionId: string; answer: GivenAnswer; revision: number },
  ) => api<AnswerOutcome>(`/api/v1/me/enrolments/${id}/answers`, { method: 'POST', body: input }),
  submitEvidence: (id: string, unitId: string, response: EvidenceResponse) =>
    api<Submission>(`/api/v1/me/enrolments/${id}/evidence`, { method: 'POST', body: { unitId, response } }),
  /** Change an essay or link still waiting for review. */
  editEvidence: (id: string, unitId: string, response: EvidenceResponse) =>
    api<Submission>(`/api/v1/me/enrolments/${id}/evidence/${encodeURIComponent(unitId)}`, {
      method: 'PUT',
      body: { response },
    }),
  uploadEvidence: (id: string, unitId: string, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return api<Submission>(`/api/v1/me/enrolments/${id}/evidence/${encodeURIComponent(unitId)}/file`, {
      method: 'POST',
      body: form,
    });
  },
  reviews: (orgId: string) => api<{ items: QueueItem[] }>(`/api/v1/orgs/${orgId}/reviews?status=pending`),
  review: (
    orgId: string,
    submissionId: string,
    input: {
      decision: 'accept' | 'return';
      feedback: string;
      scores: Array<{ criterion: string; level: string }>;
    },
  ) => api<Submission>(`/api/v1/orgs/${orgId}/reviews/${submissionId}`, { method: 'POST', body: input }),
};

export const certificateUrl = (completionId: string) =>
  `/api/v1/me/completions/${completionId}/certificate.pdf`;

/** Dates as the reader's language writes them (the API sends UTC ISO 8601). */
export function formatDate(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'long' }).format(new Date(iso));
}

/** Minor units by the currency's own number of decimals (cents for EUR, none for JPY), without floats. */
export function formatPrice(price: Price, language: string): string {
  return formatMoney(price.amountMinor, price.currency, language);
}
