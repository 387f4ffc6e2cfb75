// The learning API as the app sees it: catalog entries, enrolments with progress, the player's units,
// answers, evidence and the assessor's review queue. Shapes come from the OpenAPI description.
import { type ApiBody, type ApiResult, api, type Item } from './api.ts';
import { formatMoney } from './money.ts';

export type CatalogEntry = Item<ApiResult<'getCatalogCourses'>['items']>;
export type Price = NonNullable<CatalogEntry['price']>;
/** A course's public page: the catalog entry, the outline of its units and the badges it counts toward. */
export type CoursePageData = ApiResult<'getCatalogCoursesByCourseId'>;
/** A published badge the course counts toward (its public page is /catalog/badges/{id}). */
export type CourseBadgeLink = Item<CoursePageData['badges']>;

export type Enrolment = ApiResult<'getMeEnrolmentsByEnrolmentId'>;
export type UnitKind = Item<Enrolment['units']>['kind'];
export type UnitStatus = Item<Enrolment['units']>['status'];
export type Completion = NonNullable<Enrolment['completion']>;

export type OpenedUnit = ApiResult<'getMeEnrolmentsByEnrolmentIdUnitsByUnitId'>;
export type PlayerUnit = OpenedUnit['unit'];
export type PublicQuestion = Item<Extract<PlayerUnit, { kind: 'assessment' }>['questions']>;
export type QuestionType = PublicQuestion['type'];
export type RubricCriterion = Item<Extract<PlayerUnit, { kind: 'evidence' }>['rubric']>;

export type GivenAnswer = ApiBody<'postMeEnrolmentsByEnrolmentIdAnswers'>['answer'];
export type AnswerInput = ApiBody<'postMeEnrolmentsByEnrolmentIdAnswers'>;
export type AnswerOutcome = ApiResult<'postMeEnrolmentsByEnrolmentIdAnswers'>;

export type Submission = ApiResult<'postMeEnrolmentsByEnrolmentIdEvidence'>;
export type SubmissionStatus = Submission['status'];
export type EvidenceTask = Submission['task'];
export type EvidenceResponse = ApiBody<'postMeEnrolmentsByEnrolmentIdEvidence'>['response'];

export type QueueItem = Item<ApiResult<'getOrgsByOrgIdReviews'>['items']>;
export type ReviewInput = ApiBody<'postOrgsByOrgIdReviewsBySubmissionId'>;

/** The catalog page's own filters, as its address holds them (text; the API reads numbers from them). */
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

export function searchCatalog(filters: CatalogFilters): Promise<ApiResult<'getCatalogCourses'>> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  const query = params.toString();
  return api(`/api/v1/catalog/courses${query ? `?${query}` : ''}`);
}

export const learningApi = {
  course: (courseId: string) => api<CoursePageData>(`/api/v1/catalog/courses/${courseId}`),
  enrol: (courseId: string) =>
    api<Enrolment>('/api/v1/me/enrolments', { method: 'POST', body: { courseId } }),
  enrolments: () => api<ApiResult<'getMeEnrolments'>>('/api/v1/me/enrolments'),
  enrolment: (id: string) => api<Enrolment>(`/api/v1/me/enrolments/${id}`),
  openUnit: (id: string, unitId: string) =>
    api<OpenedUnit>(`/api/v1/me/enrolments/${id}/units/${encodeURIComponent(unitId)}`),
  answer: (id: string, input: AnswerInput) =>
    api<AnswerOutcome>(`/api/v1/me/enrolments/${id}/answers`, { method: 'POST', body: input }),
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
  reviews: (orgId: string) =>
    api<ApiResult<'getOrgsByOrgIdReviews'>>(`/api/v1/orgs/${orgId}/reviews?status=pending`),
  review: (orgId: string, submissionId: string, input: ReviewInput) =>
    api<Submission>(`/api/v1/orgs/${orgId}/reviews/${submissionId}`, { method: 'POST', body: input }),
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
