// Recognition of a shared badge (docs/endorsements.md): a manager congratulates an employee (a message) or
// endorses the badge (an OB 3.0 EndorsementCredential signed by the employer, with a revocation entry in its
// status list, hosted at /endorsements/{id}). Only a badge the employer sees now can be recognised: any
// other id is "not found", the same answer as an unknown one, so nothing unshared is revealed.
import { randomUUID } from 'node:crypto';
import type { Executor } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { type Actor, accountContact, requireActor, requireScope } from '../identity/index.ts';
import { changeVcApiStatus, endorsingIdentity, issueWithVcApiStatus } from '../issuing/index.ts';
import { queueMail } from '../mail/index.ts';
import { organizationById, requireMembership } from '../orgs/index.ts';
import { buildEndorsementCredential, signEndorsement } from './endorse-credential.ts';
import {
  type EndorsementListRow,
  endorsedAward,
  endorsementsOfEmployee,
  endorsementsOfUser,
  findEndorsement,
  hostedEndorsement,
  insertEndorsement,
  markRevoked,
  publicEndorsementsOfAward,
} from './endorse-store.ts';
import { EMPLOYER_ROLES, mayShare } from './model.ts';
import { sharedBadges } from './sharing.ts';
import { findEmployee } from './store.ts';
import type { EndorsementKind } from './tables.ts';

export interface EndorseInput {
  awardId: string;
  kind: EndorsementKind;
  comment: string;
}

export interface EndorsementView extends EndorsementListRow {
  /** Where the signed credential is (kind endorsement), else null. */
  credentialUrl: string | null;
}

export const endorsementUrl = (deps: Deps, id: string) => `${deps.config.publicUrl}/endorsements/${id}`;

const view = (deps: Deps, row: EndorsementListRow): EndorsementView => ({
  ...row,
  // The table's check keeps a signed credential on every endorsement and on nothing else.
  credentialUrl: row.kind === 'endorsement' ? endorsementUrl(deps, row.id) : null,
});

async function employerOf(deps: Deps, actor: Actor | null, orgId: string) {
  requireMembership(actor, orgId, EMPLOYER_ROLES);
  const org = await organizationById(deps.db, orgId);
  if (!org) throw new NotFoundError('organization');
  if (org.kind !== 'employer')
    throw new ConflictError('Only an employer organization has employees.', 'not-an-employer');
  return org;
}

/** The active person and the account behind them; anyone else is "not found". */
async function activeEmployee(deps: Deps, orgId: string, employeeId: string) {
  const row = await findEmployee(deps.db, orgId, employeeId);
  if (!row || !mayShare(row.status) || !row.userId) throw new NotFoundError('employee');
  return { ...row, userId: row.userId };
}

export async function endorse(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  employeeId: string,
  input: EndorseInput,
): Promise<EndorsementView> {
  const me = requireScope(actor, 'workforce:write');
  const org = await employerOf(deps, actor, orgId);
  const employee = await activeEmployee(deps, orgId, employeeId);
  const now = deps.now();
  const seen = await sharedBadges(deps.db, orgId, employee.userId, now);
  const shared = seen.find((badge) => badge.kind === 'award' && badge.id === input.awardId);
  const award = shared ? await endorsedAward(deps.db, input.awardId) : undefined;
  if (!award) throw new NotFoundError('badge');
  if (!award.credentialId)
    throw new ConflictError('This badge has no credential yet to endorse.', 'no-credential');
  const author = me.user.name;
  const id = randomUUID();
  let credential: Record<string, unknown> | null = null;
  if (input.kind === 'endorsement') {
    const identity = await endorsingIdentity(deps, deps.db, orgId);
    const url = endorsementUrl(deps, id);
    // The status slot is taken and recorded (as a VC-API credential of the employer) with the signing.
    credential = await issueWithVcApiStatus(deps, identity, {
      credentialId: url,
      suspension: false,
      sign: async ([status]) => {
        if (!status) throw new Error('no revocation entry was allocated');
        const unsigned = buildEndorsementCredential({
          id: url,
          issuer: { did: identity.did, name: org.name, url: org.websiteUrl },
          subjectId: `urn:uuid:${award.credentialId}`,
          badgeName: award.badgeName,
          comment: input.comment,
          validFrom: now,
          status,
        });
        return signEndorsement(unsigned, identity, now);
      },
    });
  }
  await deps.db.transaction().execute(async (trx) => {
    await insertEndorsement(trx, {
      id,
      orgId,
      employeeId,
      userId: employee.userId,
      awardId: award.id,
      kind: input.kind,
      comment: input.comment,
      authorId: me.user.id,
      authorName: author,
      credential,
      createdAt: now,
    });
    await queueRecognitionMail(deps, trx, {
      id,
      userId: employee.userId,
      fallbackEmail: employee.invitedEmail,
      kind: input.kind,
      author,
      orgName: org.name,
      badgeName: award.badgeName,
      comment: input.comment,
      awardId: award.id,
    });
  });
  const [row] = (await endorsementsOfEmployee(deps.db, orgId, employeeId)).filter((r) => r.id === id);
  if (!row) throw new Error('the endorsement was not recorded');
  return view(deps, row);
}

async function queueRecognitionMail(
  deps: Deps,
  trx: Executor,
  mail: {
    id: string;
    userId: string;
    fallbackEmail: string;
    kind: EndorsementKind;
    author: string;
    orgName: string;
    badgeName: string;
    comment: string;
    awardId: string;
  },
): Promise<void> {
  const contact = await accountContact(trx, mail.userId);
  await queueMail(deps, trx, {
    to: contact?.primaryEmail ?? mail.fallbackEmail,
    locale: contact?.locale ?? 'en',
    template: {
      kind: 'badge-recognised',
      name: contact?.name ?? '',
      recognition: mail.kind,
      authorName: mail.author,
      orgName: mail.orgName,
      badgeName: mail.badgeName,
      comment: mail.comment,
      link: `${deps.config.publicUrl}/learn/badges/${mail.awardId}`,
    },
    idempotencyKey: `badge-recognised:${mail.id}`,
  });
}

export async function employeeEndorsements(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  employeeId: string,
): Promise<EndorsementView[]> {
  await employerOf(deps, actor, orgId);
  const employee = await findEmployee(deps.db, orgId, employeeId);
  // The list names the badges the person shared: once they withdraw (or are removed) the employer forgets it too.
  if (!employee || !mayShare(employee.status)) throw new NotFoundError('employee');
  return (await endorsementsOfEmployee(deps.db, orgId, employeeId)).map((row) => view(deps, row));
}

/**
 * Withdraws a congratulation or an endorsement: the employee no longer sees it, and an endorsement's
 * revocation bit is set, so every verifier reports it revoked. Final; withdrawing twice changes nothing.
 */
export async function withdrawEndorsement(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  employeeId: string,
  id: string,
): Promise<void> {
  requireScope(actor, 'workforce:write');
  await employerOf(deps, actor, orgId);
  const row = await findEndorsement(deps.db, orgId, employeeId, id);
  if (!row) throw new NotFoundError('endorsement');
  if (row.revokedAt) return;
  if (row.kind === 'endorsement') {
    await changeVcApiStatus(deps, orgId, endorsementUrl(deps, id), [{ purpose: 'revocation', set: true }]);
  }
  await markRevoked(deps.db, id, deps.now());
}

/** What the signed-in person received (optionally for one of their awards). */
export async function myEndorsements(
  deps: Deps,
  actor: Actor | null,
  awardId?: string,
): Promise<EndorsementView[]> {
  const me = requireActor(actor);
  return (await endorsementsOfUser(deps.db, me.user.id, awardId)).map((row) => view(deps, row));
}

/** The standing signed endorsements of an award, for its public page (the page itself decides it is public). */
export async function publicEndorsements(deps: Deps, awardId: string): Promise<EndorsementView[]> {
  return (await publicEndorsementsOfAward(deps.db, awardId)).map((row) => view(deps, row));
}

export async function endorsementCredential(deps: Deps, id: string): Promise<Record<string, unknown>> {
  const credential = await hostedEndorsement(deps.db, id);
  if (!credential) throw new NotFoundError('endorsement');
  return credential;
}
