// Badges in the app: definitions (the issuer's editor), awards (list, actions, manual and bulk), claims,
// the learner's backpack and progress. Shapes follow src/badges/*-schema.ts.
import { api } from './api.ts';
import type { Skill } from './skills.ts';

export type BadgeState = 'draft' | 'published' | 'archived';

export type { Skill };

/** What an earned credential discloses of the learner's work (docs/credentials.md, "Results and evidence"). */
export interface Disclose {
  /** Assessment scores and rubric levels reached. */
  results: boolean;
  /** Accepted evidence and course completions. */
  evidence: boolean;
}
export const DEFAULT_DISCLOSE: Disclose = { results: true, evidence: true };

export type Requirement =
  | { kind: 'course'; courseId: string }
  | { kind: 'evidence'; courseId: string; unitId: string }
  | { kind: 'badge'; badgeId: string };

export interface Requirements {
  items: Requirement[];
  /** How many of the items are needed; null: all of them. */
  required: number | null;
}

export interface BadgeColors {
  primary: string;
  secondary: string;
}

export interface Badge {
  id: string;
  orgId: string;
  name: string;
  description: string;
  criteriaNarrative: string | null;
  generatedCriteria: string;
  skills: Skill[];
  /** Skills of the badge's required courses not on it yet (to add with one click). */
  courseSkills?: Skill[];
  level: string | null;
  validityDays: number | null;
  requirements: Requirements;
  /** requirementKey → the course, task or badge's name. */
  requirementNames: Record<string, string>;
  colors: BadgeColors | null;
  renewAfterAccessEnded: boolean;
  disclose?: Disclose;
  state: BadgeState;
  hasImage: boolean;
  /** The design saved in the badge designer; null: an uploaded picture or the generated default. */
  design?: BadgeDesign | null;
  imageUrl: string;
  estimatedMinutes: number;
  latestVersion: { id: string; number: number; publishedAt: string } | null;
  createdAt: string;
  updatedAt: string;
}

export type BadgeTemplate = 'circle' | 'shield' | 'hexagon' | 'rosette' | 'rounded-square';
export interface BadgeDesign {
  template: BadgeTemplate;
  colors: { primary: string; secondary: string; accent: string };
  icon: string | null;
  useLogo: boolean;
  subtitle: string | null;
}
export interface BadgeDesignOptions {
  templates: BadgeTemplate[];
  palettes: BadgeDesign['colors'][];
  icons: { name: string; svg: string }[];
  hasLogo: boolean;
  suggested: BadgeDesign;
}

export interface BadgeInput {
  name: string;
  description: string;
  criteriaNarrative?: string | null;
  skills?: Skill[];
  level?: string | null;
  validityDays?: number | null;
  requirements: Requirements;
  colors?: BadgeColors | null;
  renewAfterAccessEnded?: boolean;
  disclose?: Disclose;
}

export type AwardSource = 'completion' | 'pathway' | 'manual' | 'bulk' | 'renewal';
export type AwardState = 'awaiting-fee' | 'offered' | 'accepted' | 'declined';
export type CredentialState = 'active' | 'revoked' | 'suspended';

export interface Award {
  id: string;
  badge: { id: string; name: string; versionNumber: number };
  recipientEmail: string;
  recipientName: string | null;
  userId: string | null;
  state: AwardState;
  credentialState: CredentialState | null;
  credentialId: string | null;
  source: AwardSource;
  cycle: number;
  issuedAt: string;
  awardedDate: string;
  validUntil: string | null;
  superseded: boolean;
  bulkRunId: string | null;
  evidenceUrl: string | null;
}

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

export type BulkRunState = 'validating' | 'previewed' | 'running' | 'done' | 'failed' | 'cancelled';

export interface BulkRun {
  id: string;
  orgId: string;
  badgeId: string;
  fileName: string;
  state: BulkRunState;
  totalRows: number;
  validRows: number;
  invalidRows: number;
  /** Valid rows whose address already held the badge (at the dry run or when processed). */
  skippedRows: number;
  awardedRows: number;
  pendingRows: number;
  /** 0 … 1 of the valid rows processed. */
  progress: number;
  error: string | null;
}

export interface BulkRow {
  rowNumber: number;
  email: string | null;
  name: string | null;
  evidenceUrl: string | null;
  issueDate: string | null;
  status: 'invalid' | 'pending' | 'awarded' | 'skipped';
  problems: Array<{ column: string; message: string }>;
  awardId: string | null;
}

export interface Claim {
  state: 'open' | 'used' | 'expired';
  /** What the recipient decided so far. */
  decision: AwardState;
  expiresAt: string;
  awardId: string;
  badge: {
    id: string;
    name: string;
    description: string;
    criteriaNarrative: string;
    imageUrl: string;
    level: string | null;
  };
  issuer: { name: string; slug: string };
  issuedAt: string;
  awardedDate: string;
  validUntil: string | null;
}

/** A skill of a held badge's version: aligned ones name an O*NET or ESCO concept, often with a level (0–7). */
export type BackpackSkill = Skill;

export interface BackpackBadge {
  awardId: string;
  state: AwardState;
  badge: {
    id: string;
    name: string;
    description: string;
    imageUrl: string;
    issuer: { name: string; slug: string };
    skills: BackpackSkill[];
  };
  issuedAt: string;
  awardedDate: string;
  validUntil: string | null;
  expired: boolean;
  credentialState: CredentialState | null;
  superseded: boolean;
  visibility: 'private' | 'public';
  credentialId: string | null;
  claimable: boolean;
}

export interface BackpackDetail extends BackpackBadge {
  recipientEmail: string;
  recipientName: string | null;
  source: AwardSource;
  cycle: number;
  criteriaNarrative: string;
  evidenceUrl: string | null;
  /** The signed Open Badges 3.0 credential as issued. */
  credential: Record<string, unknown> | null;
}

export type RequirementStatus = 'done' | 'in-progress' | 'purchased' | 'not-started' | 'not-available';

export interface ProgressRequirement {
  kind: Requirement['kind'];
  title: string;
  status: RequirementStatus;
  courseId?: string;
  unitId?: string;
  badgeId?: string;
  /** Estimated minutes still to spend on it (0 when done). */
  minutes: number;
}

export interface BadgeProgress {
  badge: {
    id: string;
    versionId: string;
    name: string;
    description: string;
    imageUrl: string;
    estimatedMinutes: number;
    issuer: { name: string; slug: string };
  };
  /** A badge held whose renewal window is open: only work since the window opened counts. */
  renewal: boolean;
  validUntil: string | null;
  /** Renewing a badge that has already expired. */
  expired: boolean;
  /** The award earned and waiting for its issuance fee. */
  awaitingFeeAwardId: string | null;
  needed: number;
  total: number;
  doneCount: number;
  minutesLeft: number;
  requirements: ProgressRequirement[];
}

export interface VerifyCheck {
  code: string;
  status: 'passed' | 'failed' | 'unchecked';
  message: string;
}

/** What a report means in one word (src/verification/standing.ts): why not, when it is not "verified". */
export type Standing =
  | 'verified'
  | 'other-recipient'
  | 'expired'
  | 'not-yet-valid'
  | 'superseded'
  | 'suspended'
  | 'revoked'
  | 'tampered'
  | 'not-verified'
  | 'could-not-check';

export interface VerifyResult {
  verdict: 'verified' | 'not-verified' | 'could-not-check';
  standing: Standing;
  checks: VerifyCheck[];
  claims: { validFrom?: string | null; validUntil?: string | null };
}

export function requirementKey(req: Requirement): string {
  if (req.kind === 'course') return `course:${req.courseId}`;
  if (req.kind === 'badge') return `badge:${req.badgeId}`;
  return `evidence:${req.courseId}:${req.unitId}`;
}

const orgBase = (orgId: string) => `/api/v1/orgs/${orgId}`;
const badgeBase = (orgId: string, badgeId: string) => `${orgBase(orgId)}/badges/${badgeId}`;

function query(filters: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters))
    if (value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

export const awardsCsvUrl = (orgId: string, filters: AwardFilters) =>
  `${orgBase(orgId)}/awards.csv${query({ ...filters })}`;

export const badgesApi = {
  list: (orgId: string) => api<{ items: Badge[] }>(`${orgBase(orgId)}/badges`),
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
    api<{ items: Award[]; total: number }>(`${orgBase(orgId)}/awards${query({ ...filters })}`),
  award: (
    orgId: string,
    badgeId: string,
    input: {
      email: string;
      name?: string;
      narrative?: string;
      evidenceUrl?: string;
      evidenceNarrative?: string;
      issuedOn?: string;
    },
  ) => api<{ id: string }>(`${badgeBase(orgId, badgeId)}/awards`, { method: 'POST', body: input }),
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

  backpack: () => api<{ items: BackpackBadge[] }>('/api/v1/me/badges'),
  backpackBadge: (awardId: string) => api<BackpackDetail>(`/api/v1/me/badges/${awardId}`),
  progress: () => api<{ items: BadgeProgress[] }>('/api/v1/me/badge-progress'),
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
