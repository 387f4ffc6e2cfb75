// The person's side: open an invitation, accept it with a verified address equal to the invited one,
// choose what each employer sees (and see exactly that), withdraw at any time.
import type { Deps } from '../deps.ts';
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from '../errors.ts';
import { type Actor, accountContact, maskEmail, requireScope, requireSession } from '../identity/index.ts';
import { organizationById } from '../orgs/index.ts';
import { hashInvitationToken } from './invitation-mail.ts';
import { type Consent, DEFAULT_CONSENT, foreignIds, mayShare } from './model.ts';
import { ownAwardIds, ownImportIds } from './shared-store.ts';
import { type SharedBadge, sharedBadges } from './sharing.ts';
import {
  activate,
  consentOf,
  detachUser,
  employmentsOfUser,
  endSharing,
  findEmploymentOf,
  findInvitationByHash,
  saveConsent,
} from './store.ts';
import type { EmployeeStatus } from './tables.ts';

export interface InvitationView {
  orgName: string;
  maskedEmail: string;
  /** Whether one of the caller's verified addresses is the invited one (then accepting works). */
  emailVerified: boolean;
}

export async function viewInvitation(
  deps: Deps,
  actor: Actor | null,
  token: string,
): Promise<InvitationView> {
  const me = requireScope(actor, 'read');
  const row = await findInvitationByHash(deps.db, hashInvitationToken(token));
  const org = row && (await organizationById(deps.db, row.orgId));
  if (!row || !org) throw new NotFoundError('invitation');
  const contact = await accountContact(deps.db, me.user.id);
  return {
    orgName: org.name,
    maskedEmail: maskEmail(row.invitedEmail),
    emailVerified: contact?.verifiedEmails.includes(row.invitedEmail) ?? false,
  };
}

export interface EmployerView {
  orgId: string;
  orgName: string;
  orgSlug: string;
  status: EmployeeStatus;
  acceptedAt: Date | null;
  /** null unless active. */
  consent: Consent | null;
  /** Exactly what the employer sees now. */
  sees: SharedBadge[];
}

async function employerView(deps: Deps, userId: string, orgId: string): Promise<EmployerView> {
  const found = (await employmentsOfUser(deps.db, userId)).find((row) => row.orgId === orgId);
  if (!found) throw new NotFoundError('employer');
  return viewOf(deps, userId, found);
}

async function viewOf(
  deps: Deps,
  userId: string,
  row: Awaited<ReturnType<typeof employmentsOfUser>>[number],
): Promise<EmployerView> {
  const consent = mayShare(row.status) ? await consentOf(deps.db, row.orgId, userId) : undefined;
  return {
    orgId: row.orgId,
    orgName: row.orgName,
    orgSlug: row.orgSlug,
    status: row.status,
    acceptedAt: row.acceptedAt,
    consent: consent ?? null,
    sees: consent ? await sharedBadges(deps.db, row.orgId, userId, deps.now(), consent) : [],
  };
}

export async function acceptInvitation(
  deps: Deps,
  actor: Actor | null,
  token: string,
): Promise<EmployerView> {
  const me = requireSession(actor);
  const orgId = await deps.db.transaction().execute(async (trx) => {
    const row = await findInvitationByHash(trx, hashInvitationToken(token), true);
    if (!row) throw new NotFoundError('invitation');
    const contact = await accountContact(trx, me.user.id);
    if (!contact?.verifiedEmails.includes(row.invitedEmail)) {
      throw new ForbiddenError(
        'This invitation was sent to an address your account has not verified. Log in with the account ' +
          'that uses it, or add and verify that address in your account, then open the link again.',
      );
    }
    const earlier = await findEmploymentOf(trx, row.orgId, me.user.id, true);
    if (earlier?.status === 'active') {
      throw new ConflictError(
        'You already share with this employer under another address.',
        'already-employee',
      );
    }
    if (earlier) await detachUser(trx, earlier.id);
    const now = deps.now();
    await activate(trx, row.id, me.user.id, now);
    await saveConsent(trx, row.orgId, me.user.id, DEFAULT_CONSENT, now);
    return row.orgId;
  });
  return employerView(deps, me.user.id, orgId);
}

export async function myEmployers(deps: Deps, actor: Actor | null): Promise<EmployerView[]> {
  const me = requireScope(actor, 'read');
  const rows = await employmentsOfUser(deps.db, me.user.id);
  const views: EmployerView[] = [];
  for (const row of rows) views.push(await viewOf(deps, me.user.id, row));
  return views;
}

/** Replaces the consent; every id must be the caller's own (400 naming each one that is not). */
export async function setConsent(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  input: { share: Consent['share']; includeImports: boolean; awardIds?: string[]; importIds?: string[] },
): Promise<EmployerView> {
  const me = requireScope(actor, 'learning:write');
  const consent: Consent = {
    share: input.share,
    includeImports: input.includeImports,
    awardIds: [...new Set(input.awardIds ?? [])],
    importIds: [...new Set(input.importIds ?? [])],
  };
  await deps.db.transaction().execute(async (trx) => {
    const row = await findEmploymentOf(trx, orgId, me.user.id, true);
    if (!row || !mayShare(row.status)) throw new NotFoundError('employer');
    const foreign = [
      ...foreignIds(consent.awardIds, await ownAwardIds(trx, me.user.id, consent.awardIds)).map((f) => ({
        path: `awardIds.${f.index}`,
        message: `${f.id} is not one of your badges`,
        code: 'not-your-badge',
        params: { id: f.id },
      })),
      ...foreignIds(consent.importIds, await ownImportIds(trx, me.user.id, consent.importIds)).map((f) => ({
        path: `importIds.${f.index}`,
        message: `${f.id} is not one of your imported badges`,
        code: 'not-your-imported-badge',
        params: { id: f.id },
      })),
    ];
    if (foreign.length > 0) throw new InvalidError('Only your own badges can be shared.', foreign);
    await saveConsent(trx, orgId, me.user.id, consent, deps.now());
  });
  return employerView(deps, me.user.id, orgId);
}

/** Withdrawing forgets at once: the status, the consent and every chosen badge change in one transaction. */
export async function withdraw(deps: Deps, actor: Actor | null, orgId: string): Promise<void> {
  const me = requireScope(actor, 'learning:write');
  await deps.db.transaction().execute(async (trx) => {
    const row = await findEmploymentOf(trx, orgId, me.user.id, true);
    if (!row || !mayShare(row.status)) throw new NotFoundError('employer');
    await endSharing(trx, row, 'withdrawn', deps.now());
  });
}
