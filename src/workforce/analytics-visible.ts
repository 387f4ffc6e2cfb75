// What each employer may see of each person now, kept (issue #17): the shared skills (migration 0044,
// analytics-shared-skills.ts) and the shared awards (migration 0051, analytics-visible-awards.ts). Both are
// derived from the person's consent, their accepted awards and their credentials' states, and both are
// recomputed here, together, in the transaction of every change they depend on, so a withdrawal forgets at once:
// - consent saved, withdrawn or ended, chosen badges changed (store.ts: saveConsent, deleteConsent);
// - awards accepted, given their credential, renewed (the skills rollup's listener; a whole rebuild too);
// - a credential revoked, suspended or reinstated, by either route (issuing's credential state listener).
// An award's dates never change once it is accepted (expiry is read against `now` when asked), so nothing else
// changes them. Whether the person is still ACTIVE (and in a team) is joined when read, as it changes without
// consent rows. Concurrent refreshes of one person wait for each other (a transaction-scoped advisory lock per
// person), so the last one reads every committed change.
import { type RawBuilder, sql } from 'kysely';
import { onSkillRollupChange, type SkillRollupListener } from '../badges/index.ts';
import type { Executor } from '../db/database.ts';
import { onCredentialStateChange } from '../issuing/index.ts';
import { forgetSharedSkills, rebuildSharedSkills, recomputeSharedSkills } from './analytics-shared-skills.ts';
import {
  forgetVisibleAwards,
  peopleWithVisibleAwards,
  recomputeVisibleAwards,
} from './analytics-visible-awards.ts';

/** Concurrent changes of one person's rows wait for each other (held until the transaction ends). */
async function lockPeople(db: Executor, ids: readonly string[]): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended('shared-skills:' || id, 0))
    from (select id from unnest(cast(${ids} as uuid[])) as id order by id) p`.execute(db);
}

/**
 * The per-day counts of these organizations (`orgs`: a query of org_id; migration 0056, kept by triggers that
 * take the same locks) are changed by one transaction at a time. Taken before any row changes, people first
 * and then organizations, each in order, so no two transactions wait on each other's counter rows.
 */
async function lockSkillDays(db: Executor, orgs: RawBuilder<unknown>): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended('skill-days:' || o.org_id::text, 0))
    from (select distinct org_id from (${orgs}) q order by org_id) o`.execute(db);
}

/**
 * Recomputes what these people share at every organization they consent to (only at `orgId` when given: a
 * consent changed there): their shared skills and shared awards. A person without a consent there is left
 * with no rows.
 */
export async function refreshVisible(
  db: Executor,
  userIds: readonly string[],
  orgId: string | null = null,
): Promise<void> {
  const ids = [...new Set(userIds)].sort();
  if (ids.length === 0) return;
  await lockPeople(db, ids);
  await lockSkillDays(
    db,
    orgId !== null
      ? sql`select cast(${orgId} as uuid) as org_id`
      : sql`select org_id from workforce_consents where user_id = any(cast(${ids} as uuid[]))
            union select org_id from workforce_shared_skills where user_id = any(cast(${ids} as uuid[]))`,
  );
  await recomputeSharedSkills(db, ids, orgId);
  await recomputeVisibleAwards(db, ids, orgId);
}

/** Forgets what a person shared with an organization (their consent there goes in the same transaction). */
export async function forgetVisible(db: Executor, orgId: string, userId: string): Promise<void> {
  await lockPeople(db, [userId]);
  await lockSkillDays(db, sql`select cast(${orgId} as uuid) as org_id`);
  await forgetSharedSkills(db, orgId, userId);
  await forgetVisibleAwards(db, orgId, userId);
}

/** A credential's state changed: whoever holds an award with it shows it differently (or not at all) anywhere. */
export async function refreshVisibleOfCredential(db: Executor, credentialId: string): Promise<void> {
  const { rows } = await sql<{ userId: string }>`
    select distinct user_id from awards where credential_id = ${credentialId} and user_id is not null`.execute(
    db,
  );
  await refreshVisible(
    db,
    rows.map((r) => r.userId),
  );
}

/**
 * Rebuilds every row, for awards written around the award engine (seeds, benchmarks), after the skills
 * rollup's own rebuild. Takes no per-person locks: run it when nothing else awards or changes consent.
 */
export async function rebuildVisible(db: Executor): Promise<void> {
  await rebuildSharedSkills(db);
  await recomputeVisibleAwards(db, await peopleWithVisibleAwards(db), null);
}

const followRollup: SkillRollupListener = {
  refreshed: (db, userIds) => refreshVisible(db, userIds),
  rebuilt: (db) => rebuildVisible(db),
};

/** Called once as the workforce context loads (src/workforce/index.ts), in every process that loads it. */
export function registerVisibleListeners(): void {
  onSkillRollupChange(followRollup);
  onCredentialStateChange((trx, changed) => refreshVisibleOfCredential(trx, changed.id));
}
