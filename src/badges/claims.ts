// Claim links: the awarded person opens the emailed link, logs in with an account that verified the
// award's address, and accepts (the badge joins their backpack) or declines (the credential stays
// issued, unclaimed). Single use, 30 days; only the token's SHA-256 is stored. Asking again for the decision
// already taken, by the same person (a double-click, a retried request), answers as the first time did.
import { createHash, randomBytes } from 'node:crypto';
import type { Executor } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { ConflictError, NotFoundError, RuleError } from '../errors.ts';
import { type Actor, accountContact, maskEmail, requireScope, requireSession } from '../identity/index.ts';
import { organizationById, requireMembership } from '../orgs/index.ts';
import { CLAIM_DAYS, queueAwardMail } from './award-mail.ts';
import {
  type AwardClaimRow,
  type AwardRow,
  type AwardWithCredential,
  decideAward,
  expireOpenClaims,
  findAward,
  findAwardInOrg,
  findClaimByHash,
  hasOpenClaim,
  insertClaim,
  lockAward,
  markClaimUsed,
} from './award-store.ts';
import { recordAwardEvent } from './award-webhooks.ts';
import { type BadgeVersionRow, findVersion } from './definition-store.ts';

const DAY_MS = 86_400_000;

export type ClaimState = 'open' | 'used' | 'expired';

/** What the claim page shows: never the recipient's address. */
export interface ClaimView {
  state: ClaimState;
  expiresAt: Date;
  award: AwardRow;
  version: BadgeVersionRow;
  issuer: { name: string; slug: string };
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** A new single-use link for the award; returns the token (for the mail only, never stored or logged). */
export async function createClaim(deps: Deps, trx: Executor, award: AwardRow): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await insertClaim(trx, {
    awardId: award.id,
    tokenHash: hashToken(token),
    expiresAt: new Date(deps.now().getTime() + CLAIM_DAYS * DAY_MS),
  });
  return token;
}

function stateOf(claim: AwardClaimRow, award: AwardRow, now: Date): ClaimState {
  if (claim.usedAt !== null || award.state === 'accepted' || award.state === 'declined') return 'used';
  return claim.expiresAt.getTime() <= now.getTime() ? 'expired' : 'open';
}

async function viewOf(deps: Deps, db: Executor, claim: AwardClaimRow, award: AwardRow): Promise<ClaimView> {
  const version = await findVersion(db, award.badgeVersionId);
  const org = await organizationById(db, award.orgId);
  if (!version || !org) throw new NotFoundError('claim');
  return {
    state: stateOf(claim, award, deps.now()),
    expiresAt: claim.expiresAt,
    award,
    version,
    issuer: { name: org.name, slug: org.slug },
  };
}

/** Anyone holding the link may see the badge it offers (no session needed). */
export async function viewClaim(deps: Deps, token: string): Promise<ClaimView> {
  const claim = await findClaimByHash(deps.db, hashToken(token));
  const award = claim && (await findAward(deps.db, claim.awardId));
  if (!claim || !award) throw new NotFoundError('claim');
  return viewOf(deps, deps.db, claim, award);
}

/** Was the used link's decision this one, taken by this account (accept) or one verifying the address? */
async function sameDecisionBy(
  trx: Executor,
  userId: string,
  award: AwardRow,
  decision: 'accepted' | 'declined',
): Promise<boolean> {
  if (award.state !== decision) return false;
  if (decision === 'accepted') return award.userId === userId;
  const contact = await accountContact(trx, userId);
  return contact?.verifiedEmails.includes(award.recipientEmail) ?? false;
}

async function decide(
  deps: Deps,
  actor: Actor | null,
  token: string,
  decision: 'accepted' | 'declined',
): Promise<ClaimView> {
  const me = requireSession(actor);
  return deps.db.transaction().execute(async (trx) => {
    const claim = await findClaimByHash(trx, hashToken(token), true);
    const award = claim && (await lockAward(trx, claim.awardId));
    if (!claim || !award) throw new NotFoundError('claim');
    const now = deps.now();
    const state = stateOf(claim, award, now);
    if (state === 'used') {
      if (await sameDecisionBy(trx, me.user.id, award, decision)) return viewOf(deps, trx, claim, award);
      throw new ConflictError('This claim link was already used.', 'claim-used');
    }
    if (state === 'expired') {
      throw new RuleError('claim-expired', 'This claim link has expired; ask the issuer to send a new one.');
    }
    const contact = await accountContact(trx, me.user.id);
    if (!contact?.verifiedEmails.includes(award.recipientEmail)) {
      throw new RuleError(
        'claim-email-mismatch',
        'This badge was sent to an address your account has not verified. Log in with the account that ' +
          'uses it, or add and verify that address in your account, then open the link again.',
      );
    }
    await markClaimUsed(trx, claim.id, now);
    const decided = await decideAward(trx, award.id, {
      state: decision,
      userId: decision === 'accepted' ? me.user.id : null,
      at: now,
    });
    await recordAwardEvent(deps, trx, decision === 'accepted' ? 'award.accepted' : 'award.declined', decided);
    return viewOf(deps, trx, { ...claim, usedAt: now }, decided);
  });
}

export const acceptClaim = (deps: Deps, actor: Actor | null, token: string) =>
  decide(deps, actor, token, 'accepted');

export const declineClaim = (deps: Deps, actor: Actor | null, token: string) =>
  decide(deps, actor, token, 'declined');

/**
 * Records that the holder of a verified address accepted an award without the mailed link: badges
 * brought in from another platform where the learner had accepted them, and the demo data.
 */
export async function recordAcceptance(
  deps: Deps,
  trx: Executor,
  awardId: string,
  userId: string,
): Promise<AwardRow> {
  const now = deps.now();
  await expireOpenClaims(trx, awardId, now);
  return decideAward(trx, awardId, { state: 'accepted', userId, at: now });
}

/** The same for a learner who said no elsewhere (the demo data): the award is declined, its links stop working. */
export async function recordDecline(deps: Deps, trx: Executor, awardId: string): Promise<AwardRow> {
  const now = deps.now();
  await expireOpenClaims(trx, awardId, now);
  return decideAward(trx, awardId, { state: 'declined', userId: null, at: now });
}

/** A fresh link for an award waiting for its answer, mailed to the address it was sent to. */
async function mailFreshLink(deps: Deps, trx: Executor, award: AwardRow): Promise<void> {
  await expireOpenClaims(trx, award.id, deps.now());
  const token = await createClaim(deps, trx, award);
  await queueAwardMail(deps, trx, award, token, `badge-awarded:${award.id}:${hashToken(token).slice(0, 16)}`);
}

/** The issuer sends a fresh link (the earlier ones stop working) while the award waits for an answer. */
export async function resendClaim(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  awardId: string,
): Promise<AwardWithCredential> {
  requireMembership(actor, orgId, ['owner', 'admin', 'staff']);
  requireScope(actor, 'awards:write');
  return deps.db.transaction().execute(async (trx) => {
    const found = await findAwardInOrg(trx, orgId, awardId);
    const award = found && (await lockAward(trx, found.id));
    if (!award) throw new NotFoundError('award');
    if (award.state !== 'offered') {
      throw new ConflictError(`The recipient has already ${award.state} this badge.`, 'claim-used');
    }
    await mailFreshLink(deps, trx, award);
    return { ...award, credentialState: found?.credentialState ?? null };
  });
}

/**
 * Whoever holds an expired link may ask for a new one: it goes only to the address the badge was sent to (the
 * holder learns nothing but a masked form of it). At most one open link at a time: while a newer link is still
 * open, asking again sends nothing more.
 */
export async function requestFreshClaim(deps: Deps, token: string): Promise<{ sentTo: string }> {
  return deps.db.transaction().execute(async (trx) => {
    const claim = await findClaimByHash(trx, hashToken(token), true);
    const award = claim && (await lockAward(trx, claim.awardId));
    if (!claim || !award) throw new NotFoundError('claim');
    const now = deps.now();
    const state = stateOf(claim, award, now);
    if (state === 'used') throw new ConflictError('This claim link was already used.', 'claim-used');
    if (state === 'open') {
      throw new ConflictError('This claim link is still open: use it to accept the badge.', 'claim-open');
    }
    if (award.state !== 'offered') {
      throw new ConflictError(`The recipient has already ${award.state} this badge.`, 'claim-used');
    }
    if (!(await hasOpenClaim(trx, award.id, now))) await mailFreshLink(deps, trx, award);
    return { sentTo: maskEmail(award.recipientEmail) };
  });
}
