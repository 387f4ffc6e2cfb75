// SQL of the weekly digest: what every active person of an employer shares (one set-based query that
// follows sharing.ts's rules: `all` = current accepted awards, `chosen` = the chosen ones; never a revoked
// one), the roles they hold, who gets the mail, each member's choice and the per-week bookkeeping.
import type { Executor } from '../db/database.ts';
import type { DigestAward, DigestRole } from './digest-model.ts';
import { EMPLOYER_ROLES } from './model.ts';

export async function employerIds(db: Executor): Promise<string[]> {
  const rows = await db.selectFrom('organizations').select('id').where('kind', '=', 'employer').execute();
  return rows.map((row) => row.id);
}

/** Every award each active person of the employer shares now, with its badge's skills. */
export async function sharedAwardsOfEmployer(db: Executor, orgId: string): Promise<DigestAward[]> {
  return db
    .selectFrom('workforceEmployees as e')
    .innerJoin('workforceConsents as k', (join) =>
      join.onRef('k.orgId', '=', 'e.orgId').onRef('k.userId', '=', 'e.userId'),
    )
    .innerJoin('users as u', 'u.id', 'e.userId')
    .innerJoin('awards as a', 'a.userId', 'e.userId')
    .innerJoin('badgeVersions as v', 'v.id', 'a.badgeVersionId')
    .leftJoin('issuedCredentials as c', 'c.id', 'a.credentialId')
    .select([
      'e.id as employeeId',
      'u.name as person',
      'a.id as awardId',
      'v.name as badge',
      'a.issuedAt',
      'a.validUntil',
      'v.skills',
    ])
    .where('e.orgId', '=', orgId)
    .where('e.status', '=', 'active')
    .where('a.state', '=', 'accepted')
    .where((eb) => eb.or([eb('c.state', 'is', null), eb('c.state', '<>', 'revoked')]))
    .where((eb) =>
      eb.or([
        eb.and([eb('k.share', '=', 'all'), eb('a.supersededAt', 'is', null)]),
        eb.and([
          eb('k.share', '=', 'chosen'),
          eb.exists(
            eb
              .selectFrom('workforceSharedAwards as s')
              .select('s.awardId')
              .whereRef('s.orgId', '=', 'e.orgId')
              .whereRef('s.userId', '=', 'e.userId')
              .whereRef('s.awardId', '=', 'a.id'),
          ),
        ]),
      ]),
    )
    .orderBy('a.issuedAt', 'desc')
    .orderBy('a.id')
    .execute();
}

/** The roles active people of the employer hold. */
export async function rolesOfEmployer(db: Executor, orgId: string): Promise<DigestRole[]> {
  return db
    .selectFrom('workforceRoleAssignments as r')
    .innerJoin('workforceEmployees as e', 'e.id', 'r.employeeId')
    .innerJoin('workforceRoleProfiles as p', 'p.id', 'r.roleId')
    .select(['e.id as employeeId', 'p.name as role', 'p.skills'])
    .where('e.orgId', '=', orgId)
    .where('p.orgId', '=', orgId)
    .where('e.status', '=', 'active')
    .execute();
}

export interface DigestRecipient {
  userId: string;
  name: string;
  locale: string;
  email: string;
}

/** Owners, admins and managers who did not turn the digest off, at their verified primary address. */
export async function digestRecipients(db: Executor, orgId: string): Promise<DigestRecipient[]> {
  return db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.userId')
    .innerJoin('userEmails as ue', (join) =>
      join.onRef('ue.userId', '=', 'u.id').on('ue.isPrimary', '=', true).on('ue.verifiedAt', 'is not', null),
    )
    .leftJoin('workforceDigestPreferences as p', (join) =>
      join.onRef('p.orgId', '=', 'm.orgId').onRef('p.userId', '=', 'm.userId'),
    )
    .select(['u.id as userId', 'u.name', 'u.locale', 'ue.email'])
    .where('m.orgId', '=', orgId)
    .where('m.role', 'in', [...EMPLOYER_ROLES])
    .where((eb) => eb.or([eb('p.enabled', 'is', null), eb('p.enabled', '=', true)]))
    .orderBy('u.id')
    .execute();
}

/** When the employer's previous digest (of another week) was sent, if ever. */
export async function previousRunAt(db: Executor, orgId: string, week: string): Promise<Date | undefined> {
  const row = await db
    .selectFrom('workforceDigestRuns')
    .select((eb) => eb.fn.max('sentAt').as('at'))
    .where('orgId', '=', orgId)
    .where('week', '<>', week)
    .executeTakeFirst();
  return row?.at ? new Date(row.at) : undefined;
}

/** Takes the employer's week: true for the one caller that got it (others wait for it to commit, then get false). */
export async function claimWeek(db: Executor, orgId: string, week: string, at: Date): Promise<boolean> {
  const row = await db
    .insertInto('workforceDigestRuns')
    .values({ orgId, week, sentAt: at, mails: 0 })
    .onConflict((oc) => oc.columns(['orgId', 'week']).doNothing())
    .returning('orgId')
    .executeTakeFirst();
  return row !== undefined;
}

export async function recordMails(db: Executor, orgId: string, week: string, mails: number): Promise<void> {
  await db
    .updateTable('workforceDigestRuns')
    .set({ mails })
    .where('orgId', '=', orgId)
    .where('week', '=', week)
    .execute();
}

export async function digestEnabled(db: Executor, orgId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('workforceDigestPreferences')
    .select('enabled')
    .where('orgId', '=', orgId)
    .where('userId', '=', userId)
    .executeTakeFirst();
  return row?.enabled ?? true;
}

export async function saveDigestEnabled(
  db: Executor,
  orgId: string,
  userId: string,
  enabled: boolean,
  at: Date,
): Promise<void> {
  await db
    .insertInto('workforceDigestPreferences')
    .values({ orgId, userId, enabled, updatedAt: at })
    .onConflict((oc) => oc.columns(['orgId', 'userId']).doUpdateSet({ enabled, updatedAt: at }))
    .execute();
}

/** Whether the user is still an owner, admin or manager of the organization (unsubscribe links outlive roles). */
export async function isEmployerMember(db: Executor, orgId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('memberships')
    .select('userId')
    .where('orgId', '=', orgId)
    .where('userId', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}
