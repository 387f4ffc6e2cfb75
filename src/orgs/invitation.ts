// Members invited by email with a role (issue #19 item 7): owners and admins invite an address — which
// may have no account yet —, the mailed single-use link is accepted by a signed-in person who verified
// that very address, and they become a member with the role. Inviting the address again replaces the
// link; a link lasts 14 days.
import type { Deps } from '../deps.ts';
import { ConflictError, ForbiddenError, InvalidError, NotFoundError, RuleError } from '../errors.ts';
import {
  type Actor,
  accountContact,
  findUserIdByVerifiedEmail,
  maskEmail,
  requireScope,
  requireSession,
  userSummaries,
} from '../identity/index.ts';
import {
  hashInvitationToken,
  INVITATION_DAYS,
  newInvitationToken,
  queueOrgInvitationMail,
} from './invitation-mail.ts';
import {
  deleteOpenInvitation,
  findInvitationByHash,
  type InvitationRow,
  markAccepted,
  openInvitations,
  upsertInvitation,
} from './invitation-store.ts';
import { canChangeMember, isRoleAllowedIn, rolesAllowedIn } from './model.ts';
import { requireMembership } from './policy.ts';
import { findMembership, findOrganization, insertMembership, lockOrganization } from './store.ts';
import type { MembershipRole, OrganizationKind } from './tables.ts';

const MANAGERS: readonly MembershipRole[] = ['owner', 'admin'];
const DAY_MS = 24 * 60 * 60 * 1000;

export interface InvitationView {
  id: string;
  email: string;
  role: MembershipRole;
  invitedBy: string | null;
  invitedAt: Date;
  expiresAt: Date;
  expired: boolean;
}

function refuseRole(kind: OrganizationKind, role: MembershipRole): void {
  if (isRoleAllowedIn(kind, role)) return;
  throw new InvalidError(`An ${kind} organization has no ${role} role.`, [
    {
      path: 'body.role',
      message: `must be one of ${rolesAllowedIn(kind).join(', ')} in an ${kind} organization`,
      code: 'role-not-in-kind',
      params: { roles: rolesAllowedIn(kind).join(', '), kind },
    },
  ]);
}

async function present(deps: Deps, rows: InvitationRow[]): Promise<InvitationView[]> {
  const ids = rows.flatMap((row) => (row.invitedBy ? [row.invitedBy] : []));
  const names = new Map((await userSummaries(deps, ids)).map((u) => [u.id, u.name]));
  const now = deps.now().getTime();
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    role: row.role,
    invitedBy: row.invitedBy ? (names.get(row.invitedBy) ?? null) : null,
    invitedAt: row.createdAt,
    expiresAt: row.expiresAt,
    expired: row.expiresAt.getTime() <= now,
  }));
}

export async function inviteMember(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  input: { email: string; role: MembershipRole },
): Promise<InvitationView> {
  const myRole = requireMembership(actor, orgId, MANAGERS);
  const me = requireScope(actor, 'orgs:write');
  if (myRole === 'operator' || !canChangeMember(myRole, null, input.role)) {
    throw new ForbiddenError('Only an owner can invite an owner.');
  }
  const email = input.email.trim().toLowerCase();
  const existingUser = await findUserIdByVerifiedEmail(deps, email);
  const row = await deps.db.transaction().execute(async (trx) => {
    const org = await lockOrganization(trx, orgId);
    if (!org) throw new NotFoundError('organization');
    refuseRole(org.kind, input.role);
    if (existingUser && (await findMembership(trx, orgId, existingUser))) {
      throw new ConflictError('This person is already a member.', 'already-member');
    }
    const { token, hash } = newInvitationToken();
    const now = deps.now();
    const saved = await upsertInvitation(trx, {
      orgId,
      email,
      role: input.role,
      tokenHash: hash,
      invitedBy: me.user.id,
      createdAt: now,
      expiresAt: new Date(now.getTime() + INVITATION_DAYS * DAY_MS),
    });
    await queueOrgInvitationMail(deps, trx, {
      id: saved.id,
      email,
      orgName: org.name,
      role: input.role,
      token,
      tokenHash: hash,
    });
    return saved;
  });
  const [view] = await present(deps, [row]);
  return view!;
}

export async function listInvitations(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
): Promise<InvitationView[]> {
  requireMembership(actor, orgId, MANAGERS);
  requireScope(actor, 'read');
  return present(deps, await openInvitations(deps.db, orgId));
}

/** Withdraws an invitation not accepted yet: its link stops working at once. */
export async function revokeInvitation(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  invitationId: string,
): Promise<void> {
  requireMembership(actor, orgId, MANAGERS);
  requireScope(actor, 'orgs:write');
  if (!(await deleteOpenInvitation(deps.db, orgId, invitationId))) throw new NotFoundError('invitation');
}

/** A used or expired link says so (410, with `reason`), so the page can tell the person what to do. */
function refuseClosed(row: InvitationRow, now: Date): void {
  if (row.acceptedAt) {
    throw new RuleError('gone', 'This invitation was already accepted; the link works only once.', {
      reason: 'invitation-used',
    });
  }
  if (row.expiresAt.getTime() <= now.getTime()) {
    throw new RuleError(
      'gone',
      `This invitation has expired (links last ${INVITATION_DAYS} days); ask the organization to invite you again.`,
      { reason: 'invitation-expired' },
    );
  }
}

export interface InvitationLanding {
  orgName: string;
  orgKind: OrganizationKind;
  role: MembershipRole;
  maskedEmail: string;
  /** Whether one of the caller's verified addresses is the invited one (then accepting works). */
  emailVerified: boolean;
}

/** What the link's page shows; anyone holding the link may look (the address stays masked). */
export async function viewOrgInvitation(
  deps: Deps,
  actor: Actor | null,
  token: string,
): Promise<InvitationLanding> {
  const row = await findInvitationByHash(deps.db, hashInvitationToken(token));
  const org = row && (await findOrganization(deps.db, row.orgId));
  if (!row || !org) throw new NotFoundError('invitation');
  refuseClosed(row, deps.now());
  const contact = actor ? await accountContact(deps.db, actor.user.id) : undefined;
  return {
    orgName: org.name,
    orgKind: org.kind,
    role: row.role,
    maskedEmail: maskEmail(row.email),
    emailVerified: contact?.verifiedEmails.includes(row.email) ?? false,
  };
}

export interface AcceptedInvitation {
  orgId: string;
  orgName: string;
  orgSlug: string;
  orgKind: OrganizationKind;
  role: MembershipRole;
}

export async function acceptOrgInvitation(
  deps: Deps,
  actor: Actor | null,
  token: string,
): Promise<AcceptedInvitation> {
  const me = requireSession(actor);
  return deps.db.transaction().execute(async (trx) => {
    const row = await findInvitationByHash(trx, hashInvitationToken(token), true);
    if (!row) throw new NotFoundError('invitation');
    const now = deps.now();
    refuseClosed(row, now);
    const contact = await accountContact(trx, me.user.id);
    if (!contact?.verifiedEmails.includes(row.email)) {
      throw new ForbiddenError(
        `This invitation was sent to ${maskEmail(row.email)}, an address your account has not verified. ` +
          'Log in with the account that uses it, or add and verify that address in your account, then open the link again.',
      );
    }
    const org = await lockOrganization(trx, row.orgId);
    if (!org) throw new NotFoundError('invitation');
    if (await findMembership(trx, row.orgId, me.user.id)) {
      throw new ConflictError(`You are already a member of ${org.name}.`, 'already-member');
    }
    refuseRole(org.kind, row.role);
    await insertMembership(trx, { orgId: org.id, userId: me.user.id, role: row.role });
    await markAccepted(trx, row.id, me.user.id, now);
    return { orgId: org.id, orgName: org.name, orgSlug: org.slug, orgKind: org.kind, role: row.role };
  });
}
