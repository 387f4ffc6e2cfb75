// What each employer may see of each person's framework skills (migration 0044, issue #17): one row per
// organization, person and concept (workforce_shared_skills) with the first date a shared badge evidenced it,
// the badges' name for it (the greatest) and the highest level they give it. It is the skills rollup
// (badges/skill-rollup.ts: award_skills) filtered by the rules of analytics-sharing.ts: the person's consent at
// that organization (`all` = their current accepted awards, `chosen` = the chosen awards still theirs), never
// a revoked credential. Analytics read it as it is instead of deciding consent, chosen badges and revocation
// for every person on every request.
//
// Only SQL here: analytics-visible.ts keeps it, with the shared awards (migration 0051), in the transaction of
// every change it depends on (consent, chosen badges, awards accepted or renewed, credentials revoked), under
// a per-person lock. Whether the person is still ACTIVE (and in a team) is joined when read.
import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';

/**
 * Recomputes these people's rows at every organization they consent to (only at `orgId` when given: a
 * consent changed there). A person without a consent there is left with no rows. The caller holds the locks.
 */
export async function recomputeSharedSkills(
  db: Executor,
  ids: string[],
  orgId: string | null,
): Promise<void> {
  const atOrg = orgId === null ? sql`` : sql`and org_id = ${orgId}`;
  await sql`delete from workforce_shared_skills
    where user_id = any(cast(${ids} as uuid[])) ${atOrg}`.execute(db);
  await sql`
    insert into workforce_shared_skills (org_id, user_id, framework, code, name, level, first_at)
    select c.org_id, c.user_id, s.framework, s.code, max(s.name), max(s.level), min(s.issued_at)
    from workforce_consents c
    join award_skills s on s.user_id = c.user_id
    where c.user_id = any(cast(${ids} as uuid[])) ${orgId === null ? sql`` : sql`and c.org_id = ${orgId}`}
      and ((c.share = 'all' and s.current)
        or (c.share = 'chosen' and exists (
              select 1 from workforce_shared_awards w
              where w.org_id = c.org_id and w.user_id = c.user_id and w.award_id = s.award_id)))
      and not exists (
        select 1 from issued_credentials ic where ic.id = s.credential_id and ic.state = 'revoked')
    group by c.org_id, c.user_id, s.framework, s.code`.execute(db);
}

/** Forgets what a person shared with an organization (their consent there goes in the same transaction). */
export async function forgetSharedSkills(db: Executor, orgId: string, userId: string): Promise<void> {
  await sql`delete from workforce_shared_skills where org_id = ${orgId} and user_id = ${userId}`.execute(db);
}

/**
 * Rebuilds every row, for awards written around the award engine (seeds, benchmarks), after the skills
 * rollup's own rebuild. Takes no per-person locks: run it when nothing else awards or changes consent.
 */
export async function rebuildSharedSkills(db: Executor): Promise<void> {
  const { rows } = await sql<{ userId: string }>`
    select distinct user_id from workforce_consents
    union select distinct user_id from workforce_shared_skills`.execute(db);
  await recomputeSharedSkills(
    db,
    rows.map((r) => r.userId),
    null,
  );
}
