// Badges in the app: definitions (the issuer's editor), awards (list, actions, manual and bulk), claims,
// the learner's backpack and progress. Shapes are generated from the API description (api-types.ts).
import { type ApiBody, type ApiResult, api, type Item } from './api.ts';
import type { Skill } from './skills.ts';

export type Badge = ApiResult<'getOrgsByOrgIdBadgesByBadgeId'>;
export type BadgeState = Badge['state'];
export type { Skill };

/** What an earned credential discloses of the learner's work (docs/credentials.md, "Results and evidence"). */
export type Disclose = NonNullable<Badge['disclose']>;
export const DEFAULT_DISCLOSE: Disclose = { results: true, evidence: true };

/** Requirement items and how many of them are needed (`required`; null: all of them). */
export type Requirements = Badge['requirements'];
export type Requirement = Item<Requirements['items']>;
export type BadgeColors = NonNullable<Badge['colors']>;

/** The design saved in the badge designer. */
export type BadgeDesign = ApiBody<'putOrgsByOrgIdBadgesByBadgeIdDesign'>;
export type BadgeTemplate = BadgeDesign['template'];
export type BadgeDesignOptions = ApiResult<'getOrgsByOrgIdBadgesByBadgeIdDesignOptions'>;
export type BadgeInput = ApiBody<'postOrgsByOrgIdBadges'>;

export type Award = Item<ApiResult<'getOrgsByOrgIdAwards'>['items']>;
export type AwardSource = Award['source'];
export type AwardState = Award['state'];
export type CredentialState = NonNullable<Award['credentialState']>;

export interface AwardFilters {
  badgeId?: string;
  q?: string;
  state?: string;
  credentialState?: string;
  source?: string;
  /** Issued on or after / on or before these days (YYYY-MM-DD). */
  issuedFrom?: string;
  issuedTo?: string;
}

export type BulkRun = ApiResult<'getOrgsByOrgIdBulkAwardsByRunId'>;
export type BulkRunState = BulkRun['state'];
export type BulkRow = Item<ApiResult<'getOrgsByOrgIdBulkAwardsByRunIdRows'>['items']>;

export type Claim = ApiResult<'getClaimsByToken'>;

export type BackpackBadge = Item<ApiResult<'getMeBadges'>['items']>;
/** A skill of a held badge's version: aligned ones name an O*NET or ESCO concept, often with a level (0–7). */
export type BackpackSkill = Item<BackpackBadge['badge']['skills']>;
/** One badge of the backpack with its signed Open Badges 3.0 credential as issued. */
export type BackpackDetail = ApiResult<'getMeBadgesByAwardId'>;

export type BadgeProgress = Item<ApiResult<'getMeBadgeProgress'>['items']>;
export type ProgressRequirement = Item<BadgeProgress['requirements']>;
export type RequirementStatus = ProgressRequirement['status'];

/** The report of POST /api/v1/verify; `standing` is always in its replies (the shared schema has it optional). */
export type VerifyResult = ApiResult<'postVerify'> & { standing: Standing };
export type VerifyCheck = Item<VerifyResult['checks']>;
/** What a report means in one word (src/verification/standing.ts): why not, when it is not "verified". */
export type Standing = NonNullable<ApiResult<'postVerify'>['standing']>;

/** The server's requirementKey (src/badges/model.ts): how requirementNames name each requirement. */
export function requirementKey(req: Requirement | SingleRequirement): string {
  if (req.kind === 'course') return `course:${req.courseId}`;
  if (req.kind === 'badge') return `badge:${req.badgeId}`;
  if (req.kind === 'grade') return `grade:${req.lineItemId}`;
  if (req.kind === 'group') return `group:${req.mode}(${req.items.map(requirementKey).join(',')})`;
  return `evidence:${req.courseId}:${req.unitId}`;
}

/** A requirement that is not a group (what an all/any group holds). */
export type SingleRequirement = Exclude<Requirement, { kind: 'group' }>;
export type GradeBar = Extract<Requirement, { kind: 'grade' }>['min'];
/** An LMS line item grades arrive for (LTI), which grade requirements name. */
export type LineItem = Item<ApiResult<'getOrgsByOrgIdLmsLineItems'>['items']>;
export const lineItemsApi = {
  list: (orgId: string) => api<ApiResult<'getOrgsByOrgIdLmsLineItems'>>(`${orgBase(orgId)}/lms/line-items`),
};

const orgBase = (orgId: string) => `/api/v1/orgs/${orgId}`;
const badgeBase = (orgId: string, badgeId: string) => `${orgBase(orgId)}/badges/${badgeId}`;

function query(filters: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters))
    if (value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** One piece of evidence of a manual award (OB 3.0 Evidence: its URL, a name and a description). */
export type EvidenceItem = Item<NonNullable<ApiBody<'postOrgsByOrgIdBadgesByBadgeIdAwards'>['evidence']>>;

/** A credential issued through the API rather than as a badge award (GET /orgs/{orgId}/api-credentials). */
export type ApiCredential = Item<ApiResult<'getOrgsByOrgIdApiCredentials'>['items']>;

export const awardsCsvUrl = (orgId: string, filters: AwardFilters) =>
  `${orgBase(orgId)}/awards.csv${query({ ...filters })}`;

export const badgesApi = {
  list: (orgId: string) => api<ApiResult<'getOrgsByOrgIdBadges'>>(`${orgBase(orgId)}/badges`),
  create: (orgId: string, input: BadgeInput) =>
    api<Badge>(`${orgBase(orgId)}/badges`, { method: 'POST', body: input }),
  get: (orgId: string, badgeId: string) => api<Badge>(badgeBase(orgId, badgeId)),
  save: (orgId: string, badgeId: string, input: BadgeInput) =>
    api<Badge>(badgeBase(orgId, badgeId), { method: 'PATCH', body: input }),
  publish: (orgId: string, badgeId: string) =>
    api<Badge>(`${badgeBase(orgId, badgeId)}/publish`, { method: 'POST' }),
  archive: (orgId: string, badgeId: string) =>
    api<Badge>(`${badgeBase(orgId, badgeId)}/archive`, { method: 'POST' }),
  uploadImage: (orgId: string, badgeId: string, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return api<Badge>(`${badgeBase(orgId, badgeId)}/image`, { method: 'PUT', body: form });
  },
  removeImage: (orgId: string, badgeId: string) =>
    api<Badge>(`${badgeBase(orgId, badgeId)}/image`, { method: 'DELETE' }),
  designOptions: (orgId: string, badgeId: string) =>
    api<BadgeDesignOptions>(`${badgeBase(orgId, badgeId)}/design-options`),
  saveDesign: (orgId: string, badgeId: string, design: BadgeDesign) =>
    api<Badge>(`${badgeBase(orgId, badgeId)}/design`, { method: 'PUT', body: design }),
  previewDesign: (orgId: string, input: { name: string; design: BadgeDesign }, signal?: AbortSignal) =>
    api<Blob>(`${orgBase(orgId)}/badges/design-preview`, { method: 'POST', body: input, as: 'blob', signal }),

  awards: (orgId: string, filters: AwardFilters & { limit?: number; offset?: number }) =>
    api<ApiResult<'getOrgsByOrgIdAwards'>>(`${orgBase(orgId)}/awards${query({ ...filters })}`),
  award: (
    orgId: string,
    badgeId: string,
    input: {
      email: string;
      name?: string;
      narrative?: string;
      evidenceUrl?: string;
      evidenceNarrative?: string;
      evidence?: EvidenceItem[];
      issuedOn?: string;
    },
  ) => api<{ id: string }>(`${badgeBase(orgId, badgeId)}/awards`, { method: 'POST', body: input }),
  apiCredentials: (
    orgId: string,
    filters: Pick<AwardFilters, 'q' | 'credentialState' | 'issuedFrom' | 'issuedTo'> & {
      limit?: number;
      offset?: number;
    },
  ) =>
    api<{ items: ApiCredential[]; total: number }>(
      `${orgBase(orgId)}/api-credentials${query({ ...filters })}`,
    ),
  /** An `issued` one changes through the credential routes, a `vc-api` one through its status slots. */
  changeApiCredential: (orgId: string, credential: ApiCredential, action: AwardAction) =>
    credential.kind === 'issued'
      ? api<unknown>(`${orgBase(orgId)}/credentials/${credential.id}/${action}`, { method: 'POST', body: {} })
      : api<unknown>(`${orgBase(orgId)}/api-credentials/${credential.id}/${action}`, { method: 'POST' }),
  changeAward: (orgId: string, awardId: string, action: AwardAction, reason: string) =>
    api<unknown>(`${orgBase(orgId)}/awards/${awardId}/${action}`, {
      method: 'POST',
      body: reason.trim() ? { reason: reason.trim() } : {},
    }),
  resendClaim: (orgId: string, awardId: string) =>
    api<unknown>(`${orgBase(orgId)}/awards/${awardId}/resend-claim`, { method: 'POST' }),

  startBulk: (orgId: string, badgeId: string, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return api<BulkRun>(`${badgeBase(orgId, badgeId)}/bulk-awards`, { method: 'POST', body: form });
  },
  bulkRun: (orgId: string, runId: string) => api<BulkRun>(`${orgBase(orgId)}/bulk-awards/${runId}`),
  bulkRows: (orgId: string, runId: string, status: string) =>
    api<{ items: BulkRow[]; total: number }>(
      `${orgBase(orgId)}/bulk-awards/${runId}/rows${query({ status, limit: 1000 })}`,
    ),
  runBulk: (orgId: string, runId: string) =>
    api<BulkRun>(`${orgBase(orgId)}/bulk-awards/${runId}/start`, { method: 'POST' }),
  cancelBulk: (orgId: string, runId: string) =>
    api<BulkRun>(`${orgBase(orgId)}/bulk-awards/${runId}/cancel`, { method: 'POST' }),

  claim: (token: string) => api<Claim>(`/api/v1/claims/${encodeURIComponent(token)}`),
  decide: (token: string, decision: 'accept' | 'decline') =>
    api<unknown>(`/api/v1/claims/${encodeURIComponent(token)}/${decision}`, { method: 'POST' }),
  /** For an expired link: a new one goes to the address the badge was sent to (answered masked). */
  freshClaimLink: (token: string) =>
    api<{ sentTo: string }>(`/api/v1/claims/${encodeURIComponent(token)}/fresh-link`, { method: 'POST' }),

  backpack: () => api<ApiResult<'getMeBadges'>>('/api/v1/me/badges'),
  backpackBadge: (awardId: string) => api<BackpackDetail>(`/api/v1/me/badges/${awardId}`),
  progress: () => api<ApiResult<'getMeBadgeProgress'>>('/api/v1/me/badge-progress'),
  retakeForRenewal: (badgeId: string, courseId: string) =>
    api<{ enrolmentId: string }>('/api/v1/me/badge-renewals', {
      method: 'POST',
      body: { badgeId, courseId },
    }),
  verify: (credential: Record<string, unknown>) =>
    api<VerifyResult>('/api/v1/verify', { method: 'POST', body: { credential } }),
};

export type AwardAction = 'revoke' | 'suspend' | 'reinstate';

export const badgeKeys = {
  list: (orgId: string) => ['badges', orgId] as const,
  badge: (orgId: string, badgeId: string) => ['badges', orgId, badgeId] as const,
  awards: (orgId: string, filters: AwardFilters) => ['awards', orgId, filters] as const,
  allAwards: (orgId: string) => ['awards', orgId] as const,
  bulkRun: (orgId: string, runId: string) => ['bulk-run', orgId, runId] as const,
  claim: (token: string) => ['claim', token] as const,
  backpack: ['my-badges'] as const,
  backpackBadge: (awardId: string) => ['my-badges', awardId] as const,
  progress: ['badge-progress'] as const,
};

const DAYS_PER_YEAR = 365;
export const DEFAULT_VALIDITY_DAYS = 1095;

/** Validity as the editor's "years" field holds it (3 years is 1095 days). */
export function yearsOf(validityDays: number): string {
  const years = validityDays / DAYS_PER_YEAR;
  return Number.isInteger(years) ? String(years) : years.toFixed(2).replace(/0+$/, '');
}

export function daysOfYears(text: string): number {
  return Math.round(Number(text.trim().replace(',', '.')) * DAYS_PER_YEAR);
}

/** "3 h 20 min" style, in whole hours and minutes. */
export function hoursAndMinutes(minutes: number): { hours: number; minutes: number } {
  return { hours: Math.floor(minutes / 60), minutes: minutes % 60 };
}
