// The employer's side of people and consent: invite people by address, list them, see what each one
// shares (only while they share it), remove them. Owners, admins and managers of an employer organization.
import type { Deps } from '../deps.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { type Actor, requireScope } from '../identity/index.ts';
import { organizationById, requireMembership } from '../orgs/index.ts';
import { newInvitationToken, queueInvitationMail } from './invitation-mail.ts';
import { type Consent, distinctEmails, EMPLOYER_ROLES, mayShare, needsInvitation } from './model.ts';
import { type SharedBadge, sharedBadges } from './sharing.ts';
import {
  consentOf,
  type EmployeeListRow,
  endSharing,
  findEmployee,
  findEmployeeByEmail,
  findEmployeeWithName,
  listEmployees,
  upsertInvitation,
} from './store.ts';

/** The organization, when the caller may act for it and it is an employer (404 / 403 / 409 otherwise). */
async function employerOf(deps: Deps, actor: Actor | null, orgId: string) {
  requireMembership(actor, orgId, EMPLOYER_ROLES);
  const org = await organizationById(deps.db, orgId);
  if (!org) throw new NotFoundError('organization');
  if (org.kind !== 'employer') {
    throw new ConflictError('Only an employer organization has employees.', 'not-an-employer');
  }
  return org;
}

export async function inviteEmployees(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  emails: readonly string[],
): Promise<{ invited: number; alreadyActive: number }> {
  const me = requireScope(actor, 'workforce:write');
  const org = await employerOf(deps, actor, orgId);
  return deps.db.transaction().execute(async (trx) => {
    let invited = 0;
    let alreadyActive = 0;
    for (const email of distinctEmails(emails)) {
      const existing = await findEmployeeByEmail(trx, orgId, email);
      if (!needsInvitation(existing?.status)) {
        alreadyActive += 1;
        continue;
      }
      const { token, hash } = newInvitationToken();
      const row = await upsertInvitation(trx, {
        orgId,
        invitedEmail: email,
        status: 'invited',
        invitedBy: me.user.id,
        inviteTokenHash: hash,
        invitedAt: deps.now(),
      });
      await queueInvitationMail(deps, trx, {
        employeeId: row.id,
        email,
        orgName: org.name,
        token,
        tokenHash: hash,
      });
      invited += 1;
    }
    return { invited, alreadyActive };
  });
}

export interface PersonView {
  row: EmployeeListRow;
  /** null unless the person is active. */
  sharing: (Pick<Consent, 'share' | 'includeImports'> & { sharedCount: number }) | null;
}

export async function listPeople(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  page: { limit: number; offset: number },
): Promise<{ items: PersonView[]; total: number }> {
  await employerOf(deps, actor, orgId);
  const { items, total } = await listEmployees(deps.db, orgId, page);
  const now = deps.now();
  const views: PersonView[] = [];
  for (const row of items) views.push(await viewOf(deps, row, now));
  return { items: views, total };
}

/** A row of the list with what the person shares now (null unless they are active and chose something). */
async function viewOf(deps: Deps, row: EmployeeListRow, now: Date): Promise<PersonView> {
  const consent =
    mayShare(row.status) && row.userId ? await consentOf(deps.db, row.orgId, row.userId) : undefined;
  const sharing =
    consent && row.userId
      ? {
          share: consent.share,
          includeImports: consent.includeImports,
          sharedCount: (await sharedBadges(deps.db, row.orgId, row.userId, now, consent)).length,
        }
      : null;
  return { row, sharing };
}

/**
 * One person as the list shows them: invited (status and address only) or active (with what they share).
 * Someone who withdrew or was removed is "not found", like an unknown id, at once.
 */
export async function employeePerson(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  employeeId: string,
): Promise<PersonView> {
  await employerOf(deps, actor, orgId);
  const row = await findEmployeeWithName(deps.db, orgId, employeeId);
  if (!row || row.status === 'withdrawn' || row.status === 'removed') throw new NotFoundError('employee');
  return viewOf(deps, row, deps.now());
}

/** Exactly what the person's consent allows now; anyone not active is "not found", at once. */
export async function employeeBadges(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  employeeId: string,
): Promise<SharedBadge[]> {
  await employerOf(deps, actor, orgId);
  const row = await findEmployee(deps.db, orgId, employeeId);
  if (!row || !mayShare(row.status) || !row.userId) throw new NotFoundError('employee');
  return sharedBadges(deps.db, orgId, row.userId, deps.now());
}

/** The person leaves the organization's list; whatever they shared is forgotten with them. */
export async function removeEmployee(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  employeeId: string,
): Promise<void> {
  requireScope(actor, 'workforce:write');
  await employerOf(deps, actor, orgId);
  await deps.db.transaction().execute(async (trx) => {
    const row = await findEmployee(trx, orgId, employeeId);
    if (!row || row.status === 'removed') throw new NotFoundError('employee');
    await endSharing(trx, row, 'removed', deps.now());
  });
}
