// Which accepted awards each employer may see of each person now (migration 0051, issue #17): one row per
// organization, person and award (workforce_visible_awards) with what analytics read of it. The rules are
// analytics-sharing.ts's (and sharing.ts's): the person's consent at that organization (`all` = their current
// accepted awards, a renewal replacing the award it renews; `chosen` = the chosen awards still theirs), never
// a revoked credential; a suspended one is kept with its state. Only SQL here: analytics-visible.ts decides
// when it runs (in the transaction of every change, under the person's lock).
import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';

/**
 * Recomputes these people's rows at every organization they consent to (only at `orgId` when given). A person
 * without a consent there is left with no rows. The caller holds the people's locks.
 */
export async function recomputeVisibleAwards(
  db: Executor,
  ids: string[],
  orgId: string | null,
): Promise<void> {
  await sql`delete from workforce_visible_awards
    where user_id = any(cast(${ids} as uuid[])) ${orgId === null ? sql`` : sql`and org_id = ${orgId}`}`.execute(
    db,
  );
  await sql`
    insert into workforce_visible_awards (org_id, user_id, award_id, issued_at, valid_until, superseded_at,
                                          credential_state, badge_version_id, issuer_org_id)
    select c.org_id, c.user_id, a.id, a.issued_at, a.valid_until, a.superseded_at, ic.state, a.badge_version_id,
           a.org_id
    from workforce_consents c
    join awards a on a.user_id = c.user_id and a.state = 'accepted'
    left join issued_credentials ic on ic.id = a.credential_id and ic.state <> 'active'
    where c.user_id = any(cast(${ids} as uuid[])) ${orgId === null ? sql`` : sql`and c.org_id = ${orgId}`}
      and (ic.state is null or ic.state <> 'revoked')
      and ((c.share = 'all' and a.superseded_at is null)
        or (c.share = 'chosen' and exists (
              select 1 from workforce_shared_awards s
              where s.org_id = c.org_id and s.user_id = c.user_id and s.award_id = a.id)))`.execute(db);
}

/** Forgets which awards a person shared with an organization (their consent there goes in the same transaction). */
export async function forgetVisibleAwards(db: Executor, orgId: string, userId: string): Promise<void> {
  await sql`delete from workforce_visible_awards where org_id = ${orgId} and user_id = ${userId}`.execute(db);
}

/** Everyone who has rows or may need them: whoever consents somewhere, or has rows left from before. */
export async function peopleWithVisibleAwards(db: Executor): Promise<string[]> {
  const { rows } = await sql<{ userId: string }>`
    select distinct user_id from workforce_consents
    union select distinct user_id from workforce_visible_awards`.execute(db);
  return rows.map((r) => r.userId);
}
