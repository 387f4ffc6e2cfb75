// Read queries over awards, shared by the backpack, the progress page, reminders and the issuer's award
// list: one join of awards with the version they were earned under, the badge, the issuer and the
// issued credential's state. Writes to awards belong to the award engine, never here.
import { type Selectable, sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { CredentialState } from '../issuing/tables.ts';
import type { AwardSource, AwardState, AwardsTable } from './tables.ts';

export type AwardRow = Selectable<AwardsTable>;

export interface AwardView extends AwardRow {
  badgeName: string;
  badgeDescription: string;
  criteriaNarrative: string;
  versionNumber: number;
  issuerName: string;
  issuerSlug: string;
  /** null while the award waits for its fee (no credential yet). */
  credentialState: CredentialState | null;
}

/** The detail view adds the signed credential itself. */
export interface AwardDetail extends AwardView {
  credential: Record<string, unknown> | null;
}

function awardViews(db: Executor) {
  return db
    .selectFrom('awards as a')
    .innerJoin('badgeVersions as v', 'v.id', 'a.badgeVersionId')
    .innerJoin('organizations as o', 'o.id', 'a.orgId')
    .leftJoin('issuedCredentials as c', 'c.id', 'a.credentialId')
    .selectAll('a')
    .select([
      'v.name as badgeName',
      'v.description as badgeDescription',
      'v.criteriaNarrative',
      'v.number as versionNumber',
      'o.name as issuerName',
      'o.slug as issuerSlug',
      'c.state as credentialState',
    ]);
}

type AwardViewQuery = ReturnType<typeof awardViews>;

/** Mine: given to my account, or offered to one of my verified addresses and not yet accepted. */
function ownedBy(query: AwardViewQuery, userId: string, verifiedEmails: readonly string[]): AwardViewQuery {
  return query.where((eb) =>
    verifiedEmails.length === 0
      ? eb('a.userId', '=', userId)
      : eb.or([
          eb('a.userId', '=', userId),
          eb.and([eb('a.state', '=', 'offered'), eb('a.recipientEmail', 'in', [...verifiedEmails])]),
        ]),
  );
}

/** The learner's backpack: offered and accepted awards (declined ones and unpaid fees stay out). */
export async function learnerAwards(
  db: Executor,
  userId: string,
  verifiedEmails: readonly string[],
): Promise<AwardView[]> {
  return ownedBy(awardViews(db), userId, verifiedEmails)
    .where('a.state', 'in', ['offered', 'accepted'])
    .orderBy('a.issuedAt', 'desc')
    .orderBy('a.id')
    .execute();
}

export async function learnerAward(
  db: Executor,
  userId: string,
  verifiedEmails: readonly string[],
  awardId: string,
): Promise<AwardDetail | undefined> {
  return ownedBy(awardViews(db), userId, verifiedEmails)
    .select('c.credential')
    .where('a.id', '=', awardId)
    .executeTakeFirst();
}

/**
 * Awards that still count for the learner: not superseded, not declined, credential not revoked.
 * Expiry is left to the caller (an expired one may be renewed).
 */
export async function currentAwardsOf(
  db: Executor,
  userId: string,
  verifiedEmails: readonly string[],
): Promise<AwardView[]> {
  return ownedBy(awardViews(db), userId, verifiedEmails)
    .where('a.supersededAt', 'is', null)
    .where('a.state', '<>', 'declined')
    .where((eb) => eb.or([eb('c.state', 'is', null), eb('c.state', '<>', 'revoked')]))
    .orderBy('a.cycle', 'desc')
    .execute();
}

export interface OrgAwardFilter {
  badgeId?: string;
  /** Part of the recipient's name or address, any case. */
  q?: string;
  state?: AwardState;
  credentialState?: CredentialState;
  source?: AwardSource;
  /** Valid until before this moment (never-expiring awards are left out). */
  expiringBefore?: Date;
  /** Issued at or after / before these moments. */
  issuedFrom?: Date;
  issuedBefore?: Date;
}

const UUID = /^(?:urn:uuid:)?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function filtered(query: AwardViewQuery, orgId: string, filter: OrgAwardFilter): AwardViewQuery {
  let q = query.where('a.orgId', '=', orgId);
  if (filter.badgeId) q = q.where('a.badgeId', '=', filter.badgeId);
  if (filter.state) q = q.where('a.state', '=', filter.state);
  if (filter.credentialState) q = q.where('c.state', '=', filter.credentialState);
  if (filter.source) q = q.where('a.source', '=', filter.source);
  if (filter.expiringBefore) q = q.where('a.validUntil', '<', filter.expiringBefore);
  if (filter.issuedFrom) q = q.where('a.issuedAt', '>=', filter.issuedFrom);
  if (filter.issuedBefore) q = q.where('a.issuedAt', '<', filter.issuedBefore);
  if (filter.q) {
    const pattern = likePattern(filter.q.trim());
    // A credential id (urn:uuid:… or the bare UUID) or an award id finds that one award.
    const id = UUID.exec(filter.q.trim())?.[1]?.toLowerCase();
    q = q.where((eb) =>
      eb.or([
        eb('a.recipientEmail', 'ilike', pattern),
        eb('a.recipientName', 'ilike', pattern),
        ...(id ? [eb('a.credentialId', '=', id), eb('a.id', '=', id)] : []),
      ]),
    );
  }
  return q;
}

export async function orgAwards(
  db: Executor,
  orgId: string,
  filter: OrgAwardFilter,
  page: { limit: number; offset: number },
): Promise<{ items: AwardView[]; total: number }> {
  const [items, count] = await Promise.all([
    filtered(awardViews(db), orgId, filter)
      .orderBy('a.issuedAt', 'desc')
      .orderBy('a.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    filtered(awardViews(db), orgId, filter)
      .clearSelect()
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

/** Every matching award, a page at a time (keyset on issuedAt, id): memory stays flat for any size. */
export async function* allOrgAwards(
  db: Executor,
  orgId: string,
  filter: OrgAwardFilter,
  pageSize = 500,
): AsyncGenerator<AwardView> {
  let after: { issuedAt: Date; id: string } | null = null;
  for (;;) {
    let query = filtered(awardViews(db), orgId, filter);
    if (after) {
      const { issuedAt, id } = after;
      query = query.where(sql<boolean>`(a.issued_at, a.id) < (${issuedAt}, ${id}::uuid)`);
    }
    const rows = await query.orderBy('a.issuedAt', 'desc').orderBy('a.id', 'desc').limit(pageSize).execute();
    yield* rows;
    const last = rows.at(-1);
    if (!last || rows.length < pageSize) return;
    after = { issuedAt: last.issuedAt, id: last.id };
  }
}

export interface ExpiringAward {
  id: string;
  recipientEmail: string;
  recipientName: string | null;
  userId: string | null;
  validUntil: Date;
  badgeName: string;
  issuerName: string;
  daysBefore: 30 | 90;
}

/**
 * Live awards expiring within `windowDays` whose most urgent reminder (30 days when that close, else
 * 90) has not been recorded yet. Superseded, declined, revoked/suspended and never-expiring are left out.
 */
export async function awardsDueReminder(db: Executor, now: Date, limit: number): Promise<ExpiringAward[]> {
  const in30 = new Date(now.getTime() + 30 * 86_400_000);
  const in90 = new Date(now.getTime() + 90 * 86_400_000);
  const due = sql<number>`case when a.valid_until <= ${in30} then 30 else 90 end`;
  const rows = await db
    .selectFrom('awards as a')
    .innerJoin('badgeVersions as v', 'v.id', 'a.badgeVersionId')
    .innerJoin('organizations as o', 'o.id', 'a.orgId')
    .innerJoin('issuedCredentials as c', 'c.id', 'a.credentialId')
    .select([
      'a.id',
      'a.recipientEmail',
      'a.recipientName',
      'a.userId',
      'a.validUntil',
      'v.name as badgeName',
      'o.name as issuerName',
    ])
    .select(due.as('daysBefore'))
    .where('a.supersededAt', 'is', null)
    .where('a.state', 'in', ['offered', 'accepted'])
    .where('c.state', '=', 'active')
    .where('a.validUntil', '>', now)
    .where('a.validUntil', '<=', in90)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('awardReminders as r')
            .select('r.awardId')
            .whereRef('r.awardId', '=', 'a.id')
            .where(sql<boolean>`r.days_before = ${due}`),
        ),
      ),
    )
    .orderBy('a.validUntil')
    .orderBy('a.id')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    ...row,
    validUntil: row.validUntil as Date,
    daysBefore: Number(row.daysBefore) === 30 ? 30 : 90,
  }));
}
