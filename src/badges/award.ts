// Awarding a badge: once per badge × recipient email × validity cycle (the database's unique key
// decides), with its credential issued, its claim link created and its "Accept your badge" mail
// queued in the same transaction; then the pathway badges that require this one are re-evaluated.
import type { Executor } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { ConflictError, InvalidError, NotFoundError, RuleError } from '../errors.ts';
import { type Actor, requireScope } from '../identity/index.ts';
import { changeCredentialState, issueCredentialIn, type StateChange } from '../issuing/index.ts';
import { requireMembership } from '../orgs/index.ts';
import { achievementOf } from './achievement.ts';
import { queueAwardMail, queueRenewalMail } from './award-mail.ts';
import { registerAwardStateEvents } from './award-state-events.ts';
import {
  type AwardRow,
  type AwardWithCredential,
  currentAwardOf,
  findAwardInOrg,
  findAwardOfCycle,
  insertAwardOnce,
  latestAwardTo,
  setAwardCredential,
  supersedeAward,
} from './award-store.ts';
import { recordAwardEvent } from './award-webhooks.ts';
import { createClaim } from './claims.ts';
import {
  type BadgeVersionRow,
  findBadge,
  latestPublishedVersion,
  publishedVersionsRequiring,
} from './definition-store.ts';
import { issuanceFeeDue, queueFeeDueMail } from './fee.ts';
import { type Learner, learnerOfEmail, learnerOfUser, learnerRecord } from './learner-record.ts';
import { learnerWork } from './learner-work.ts';
import { isRenewalOpen, isSatisfied, renewalOpensAt, validUntilOf } from './model.ts';
import { awardEvidence, type CredentialWork, credentialWork } from './results.ts';
import type { AwardSource, EvidenceItem } from './tables.ts';

// However a credential's state changes, its award's webhook event is recorded with the change.
registerAwardStateEvents();

/** Badges of badges nest; publishing refuses cycles, and this bounds the recursion anyway. */
export const MAX_PATHWAY_DEPTH = 8;

export interface AwardInput {
  version: BadgeVersionRow;
  email: string;
  name?: string | null;
  userId?: string | null;
  source: AwardSource;
  evidenceUrl?: string | null;
  /** Manual and bulk awards: why it was awarded, and what the evidence at evidenceUrl shows. */
  narrative?: string | null;
  evidenceNarrative?: string | null;
  /** Manual awards: several pieces of evidence, each an OB 3.0 Evidence in the credential. */
  evidenceItems?: EvidenceItem[] | null;
  /** Backdated awards (bulk, manual): validity counts from this day. */
  issuedOn?: Date | null;
  /** 1 unless renewing; cycle n supersedes cycle n-1 of the same address. */
  cycle?: number;
  bulkRunId?: string | null;
}

export interface AwardOutcome {
  award: AwardRow;
  /** false: this cycle was awarded before (by this call's twin, a retry or another process). */
  created: boolean;
}

export async function awardBadge(deps: Deps, trx: Executor, input: AwardInput): Promise<AwardOutcome> {
  return awardAt(deps, trx, input, 0);
}

async function awardAt(deps: Deps, trx: Executor, input: AwardInput, depth: number): Promise<AwardOutcome> {
  const { version } = input;
  const email = input.email.trim().toLowerCase();
  const cycle = input.cycle ?? 1;
  // Whole seconds, as the credential states its dates: the award row and the credential agree exactly.
  const issuedAt = wholeSeconds(input.issuedOn ?? deps.now());
  const previous = cycle > 1 ? await findAwardOfCycle(trx, version.badgeId, email, cycle - 1) : undefined;
  // A renewal keeps the first award's date, which the previous cycle already carries.
  const awardedDate = previous?.awardedDate ?? issuedAt;
  const validUntil = validUntilOf(issuedAt, version.validityDays);
  // A renewal of a badge the learner accepted is theirs at once, shared as before: no second claim.
  const keeps = previous?.state === 'accepted' && previous.userId !== null ? previous : undefined;
  // A first badge earned from an issuer that charges an issuance fee waits for it (no credential yet).
  const feeDue = await issuanceFeeDue(trx, {
    orgId: version.orgId,
    userId: input.userId ?? null,
    email,
    source: input.source,
    cycle,
  });
  const inserted = await insertAwardOnce(trx, {
    orgId: version.orgId,
    badgeId: version.badgeId,
    badgeVersionId: version.id,
    recipientEmail: email,
    recipientName: input.name ?? null,
    userId: keeps?.userId ?? input.userId ?? null,
    cycle,
    source: input.source,
    state: feeDue ? 'awaiting-fee' : keeps ? 'accepted' : 'offered',
    ...(keeps
      ? { visibility: keeps.visibility, showName: keeps.showName, showEvidence: keeps.showEvidence }
      : {}),
    credentialId: null,
    awardedDate,
    issuedAt,
    validUntil,
    evidenceUrl: input.evidenceUrl ?? null,
    narrative: input.narrative ?? null,
    evidenceNarrative: input.evidenceNarrative ?? null,
    evidenceItems: input.evidenceItems?.length ? JSON.stringify(input.evidenceItems) : null,
    supersededBy: null,
    supersededAt: null,
    bulkRunId: input.bulkRunId ?? null,
    decidedAt: keeps ? deps.now() : null,
  });
  if (!inserted) {
    const existing = await findAwardOfCycle(trx, version.badgeId, email, cycle);
    if (!existing)
      throw new Error(`award of badge ${version.badgeId} cycle ${cycle} conflicted but is missing`);
    return { award: existing, created: false };
  }
  if (feeDue) {
    await queueFeeDueMail(deps, trx, inserted, feeDue);
    return { award: inserted, created: true };
  }
  const award = await issueAward(deps, trx, inserted, version, {
    previous,
    renewal: keeps !== undefined,
    depth,
  });
  return { award, created: true };
}

/**
 * Issues an inserted award: its credential (dated as the award row says), the previous cycle
 * superseded, the claim link and "Accept your badge" mail (or the renewal mail), then the pathway
 * badges that require it are evaluated. Also used when an award's issuance fee is paid (fee.ts).
 */
export async function issueAward(
  deps: Deps,
  trx: Executor,
  inserted: AwardRow,
  version: BadgeVersionRow,
  context: { previous: AwardRow | undefined; renewal: boolean; depth: number },
): Promise<AwardRow> {
  const { recipientEmail: email, recipientName: name } = inserted;
  const achievement = achievementOf(deps, version);
  const work = await workFor(deps, trx, inserted, version, achievement.id);
  const evidence = [...(work?.evidence ?? []), ...awardEvidence(inserted)];
  const credential = await issueCredentialIn(deps, trx, version.orgId, {
    achievement:
      work && work.resultDescriptions.length > 0
        ? { ...achievement, resultDescriptions: work.resultDescriptions }
        : achievement,
    recipient: name ? { email, name } : { email },
    validFrom: inserted.issuedAt,
    validUntil: inserted.validUntil ?? undefined,
    awardedDate: inserted.awardedDate,
    evidence: evidence.length > 0 ? evidence : undefined,
    results: work && work.results.length > 0 ? work.results : undefined,
    activityEndDate: work?.activityEndDate,
  });
  const award = await setAwardCredential(trx, inserted.id, credential.id);
  if (context.previous) await supersedeAward(trx, context.previous.id, award.id, deps.now());
  if (context.renewal) await queueRenewalMail(deps, trx, award);
  else await queueAwardMail(deps, trx, award, await createClaim(deps, trx, award));
  await recordAwardEvent(deps, trx, context.previous ? 'award.renewed' : 'award.offered', award, {
    previousAwardId: context.previous?.id ?? null,
  });
  if (context.depth < MAX_PATHWAY_DEPTH) await awardPathways(deps, trx, award, context.depth + 1);
  return award;
}

/** Awards earned by learning carry the learner's results and evidence, as far as the badge discloses. */
async function workFor(
  deps: Deps,
  trx: Executor,
  award: AwardRow,
  version: BadgeVersionRow,
  achievementId: string,
): Promise<CredentialWork | undefined> {
  if (!award.userId || (award.source !== 'completion' && award.source !== 'renewal')) return undefined;
  const courses = await learnerWork(trx, award.userId, version.requirements, (code) =>
    certificateUrl(deps, code),
  );
  return credentialWork(achievementId, version.requirements, courses, {
    results: version.discloseResults,
    evidence: version.discloseEvidence,
  });
}

const certificateUrl = (deps: Deps, activityCode: string) =>
  `${deps.config.publicUrl}/certificates/${encodeURIComponent(activityCode)}`;

export function wholeSeconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

/** A held award whose renewal window is open (declined, revoked and suspended ones are not renewed). */
export function renewable(current: AwardWithCredential, now: Date): boolean {
  return (
    current.state !== 'declined' &&
    current.credentialState === 'active' &&
    isRenewalOpen(current.validUntil, now)
  );
}

/**
 * Awards a badge to a learner whose record now satisfies it, or renews the one they hold when its
 * renewal window is open and the work done since the window opened satisfies it again.
 * Returns the new award, or null when nothing was awarded.
 */
export async function evaluateBadgeFor(
  deps: Deps,
  trx: Executor,
  learner: Learner,
  version: BadgeVersionRow,
  source: 'completion' | 'pathway',
  depth = 0,
): Promise<AwardRow | null> {
  const now = deps.now();
  const current = await currentAwardOf(trx, version.badgeId, learner);
  if (current && !renewable(current, now)) return null;
  const since = current ? renewalOpensAt(current.validUntil) : null;
  const record = await learnerRecord(trx, learner, now);
  if (!isSatisfied(version.requirements, record, since)) return null;
  const input: AwardInput = current
    ? {
        version,
        email: current.recipientEmail,
        name: current.recipientName ?? learner.name,
        userId: learner.userId ?? current.userId,
        source: 'renewal',
        cycle: current.cycle + 1,
      }
    : { version, email: learner.email, name: learner.name, userId: learner.userId, source };
  const { award, created } = await awardAt(deps, trx, input, depth);
  return created ? award : null;
}

async function awardPathways(deps: Deps, trx: Executor, award: AwardRow, depth: number): Promise<void> {
  const dependents = await publishedVersionsRequiring(trx, 'badge', award.badgeId);
  if (dependents.length === 0) return;
  const learner =
    (award.userId ? await learnerOfUser(trx, award.userId) : undefined) ??
    (await learnerOfEmail(trx, award.recipientEmail, award.recipientName));
  for (const version of dependents) await evaluateBadgeFor(deps, trx, learner, version, 'pathway', depth);
}

const DAY_MS = 86_400_000;
/** Backdating reaches this far: awards earned before the issuer came to Tessera, not invented history. */
export const MANUAL_BACKDATE_YEARS = 10;

/**
 * The issue date of a manual award. A day ahead is allowed and means "now" (a date picked in a time zone
 * ahead of the server's is already today there); further ahead is refused, as is more than
 * MANUAL_BACKDATE_YEARS back. Default: now.
 */
export function manualIssueDate(issuedOn: Date | undefined, now: Date): Date | null {
  if (!issuedOn) return null;
  if (issuedOn.getTime() > now.getTime() + DAY_MS) {
    throw new InvalidError('The issue date cannot be in the future.', [
      { path: 'body.issuedOn', message: 'is in the future', code: 'future-date' },
    ]);
  }
  const earliest = new Date(now);
  earliest.setUTCFullYear(earliest.getUTCFullYear() - MANUAL_BACKDATE_YEARS);
  if (issuedOn.getTime() < earliest.getTime()) {
    throw new InvalidError(`The issue date cannot be more than ${MANUAL_BACKDATE_YEARS} years ago.`, [
      {
        path: 'body.issuedOn',
        message: `is more than ${MANUAL_BACKDATE_YEARS} years ago`,
        code: 'too-long-ago',
        params: { years: MANUAL_BACKDATE_YEARS },
      },
    ]);
  }
  return issuedOn.getTime() > now.getTime() ? now : issuedOn;
}

/** Manual award by the issuer: the latest published version, to one address (a new cycle once expired). */
export async function awardByHand(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  badgeId: string,
  input: {
    email: string;
    name?: string;
    evidenceUrl?: string;
    evidenceNarrative?: string;
    narrative?: string;
    evidence?: EvidenceItem[];
    issuedOn?: Date;
  },
): Promise<AwardWithCredential> {
  requireMembership(actor, orgId, ['owner', 'admin', 'staff']);
  requireScope(actor, 'awards:write');
  const now = deps.now();
  const issuedOn = manualIssueDate(input.issuedOn, now);
  if (!(await findBadge(deps.db, orgId, badgeId))) throw new NotFoundError('badge');
  const awardId = await deps.db.transaction().execute(async (trx) => {
    const version = await latestPublishedVersion(trx, badgeId);
    if (!version) throw new RuleError('badge-not-published', 'Publish the badge before awarding it.');
    const email = input.email.trim().toLowerCase();
    const latest = await latestAwardTo(trx, badgeId, email);
    const expired = latest?.validUntil != null && latest.validUntil.getTime() <= now.getTime();
    if (latest && !expired) throw alreadyAwarded();
    const { award, created } = await awardBadge(deps, trx, {
      version,
      email,
      name: input.name ?? null,
      source: 'manual',
      evidenceUrl: input.evidenceUrl ?? null,
      evidenceNarrative: input.evidenceNarrative ?? null,
      narrative: input.narrative ?? null,
      evidenceItems: input.evidence ?? null,
      issuedOn,
      cycle: latest ? latest.cycle + 1 : 1,
    });
    if (!created) throw alreadyAwarded();
    return award.id;
  });
  return (await findAwardInOrg(deps.db, orgId, awardId)) as AwardWithCredential;
}

const alreadyAwarded = () =>
  new ConflictError(
    'This address already holds this badge (for its current validity period).',
    'already-awarded',
  );

/** Revoke, suspend or reinstate an award's credential (owners and admins; via its status list). */
export async function changeAwardState(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  awardId: string,
  change: StateChange,
  reason: string | null,
): Promise<AwardWithCredential> {
  requireMembership(actor, orgId, ['owner', 'admin']);
  requireScope(actor, 'awards:write');
  const award = await findAwardInOrg(deps.db, orgId, awardId);
  if (!award?.credentialId) throw new NotFoundError('award');
  // Its webhook event is recorded by award-state-events.ts in the transaction of the change, as for every path.
  await changeCredentialState(deps, actor, orgId, award.credentialId, change, reason);
  return (await findAwardInOrg(deps.db, orgId, awardId)) as AwardWithCredential;
}
