// Pure rules of people and consent: who the employer may invite, what an invitation link shows, and what
// a consent lets the employer see. No I/O.
import type { EmployeeStatus, ShareMode } from './tables.ts';

export const EMPLOYER_ROLES = ['owner', 'admin', 'manager'] as const;
export const MAX_INVITATIONS = 200;
export const EMPLOYEE_STATUSES = [
  'invited',
  'active',
  'withdrawn',
  'removed',
] as const satisfies readonly EmployeeStatus[];
export const SHARE_MODES = ['all', 'chosen'] as const satisfies readonly ShareMode[];
/** A person may choose at most this many awards, and as many imported badges, for one employer. */
export const MAX_CHOSEN = 500;

export interface Consent {
  share: ShareMode;
  includeImports: boolean;
  awardIds: string[];
  importIds: string[];
}

/** What a newly accepted invitation lets the employer see: nothing until the person chooses. */
export const DEFAULT_CONSENT: Consent = {
  share: 'chosen',
  includeImports: false,
  awardIds: [],
  importIds: [],
};

/** Only an active person's consent counts; withdrawn, removed and invited people show nothing. */
export function mayShare(status: EmployeeStatus): boolean {
  return status === 'active';
}

/** An invitation may be (re)sent unless the person is already active: then it is counted, not mailed. */
export function needsInvitation(status: EmployeeStatus | undefined): boolean {
  return status !== 'active';
}

/** Distinct addresses, lower-case, in the order given. */
export function distinctEmails(emails: readonly string[]): string[] {
  return [...new Set(emails.map((email) => email.trim().toLowerCase()))];
}

/** The ids among `wanted` that are not in `owned`, with their positions (for field paths). */
export function foreignIds(
  wanted: readonly string[],
  owned: ReadonlySet<string>,
): Array<{ index: number; id: string }> {
  return wanted.flatMap((id, index) => (owned.has(id) ? [] : [{ index, id }]));
}

export type SharedAwardState = 'active' | 'suspended' | 'expired';
/** An imported badge's state: the verdict of its last verification (src/verification/report.ts). */
export type SharedImportState = 'verified' | 'not-verified' | 'could-not-check';
/** What a shared badge's `state` may say: awards first, then imported badges. */
export const SHARED_BADGE_STATES = [
  'active',
  'suspended',
  'expired',
  'verified',
  'not-verified',
  'could-not-check',
] as const satisfies ReadonlyArray<SharedAwardState | SharedImportState>;

/** How a shared award stands at `now` (revoked awards are never shared, so never asked about). */
export function awardState(
  credentialState: string | null,
  validUntil: Date | null,
  now: Date,
): SharedAwardState {
  if (credentialState === 'suspended') return 'suspended';
  if (validUntil !== null && validUntil.getTime() <= now.getTime()) return 'expired';
  return 'active';
}

/** An imported badge's date: when it says it was issued, else when it was imported. */
export function importedIssuedAt(validFrom: string | null, importedAt: Date): Date {
  const parsed = validFrom ? new Date(validFrom) : null;
  return parsed && !Number.isNaN(parsed.getTime()) ? parsed : importedAt;
}
