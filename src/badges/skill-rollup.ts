// The skills rollup (migration 0036, issue #17): which framework skills each accepted award evidences
// (award_skills: one row per award × concept, with the award's date, the badge's highest level for it, its
// credential and whether the award is current, i.e. not superseded by a renewal) and, per person, over their
// current awards (user_skill_firsts: the first date, the badge's name for the skill, the highest level).
// Employer analytics read it instead of pairing every person with every skill of their badges per request.
// It holds what a person has, never with whom it is shared: that is workforce's (analytics-shared-skills.ts,
// kept with consent, chosen awards and revocations in their transactions). Kept here, in one place: an award
// accepted (a claim, or a renewal kept at once), given its credential, or superseded by its renewal
// (award-store.ts) refreshes its holder's rows, and then what listeners derive from them (workforce's
// per-employer shared skills, migration 0044). Expiry changes nothing here: an expired badge still shows the
// skill was gained. Set-based: one statement per table whatever the number of people.
import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';

/**
 * The framework concepts a badge version asserts, as held-skills.ts reads a badge's skills:
 * `{concept: {framework: 'onet' | 'esco', code}}` with a non-empty code; a level only when it is a number
 * from 0 to 7. Anything malformed is skipped. (Migration 0036 backfilled with the same expression.)
 */
const versionConcepts = sql`
  select v.id as version_id, k.skill->'concept'->>'framework' as framework,
         k.skill->'concept'->>'code' as code, coalesce(k.skill->>'name', '') as name,
         case when jsonb_typeof(k.skill->'level') = 'number' and (k.skill->>'level')::numeric between 0 and 7
              then (k.skill->>'level')::numeric end as level
  from badge_versions v
  cross join lateral jsonb_array_elements(
    case when jsonb_typeof(v.skills) = 'array' then v.skills else '[]'::jsonb end) as k(skill)
  where v.id in (select badge_version_id from held)
    and jsonb_typeof(k.skill) = 'object' and jsonb_typeof(k.skill->'concept') = 'object'
    and k.skill->'concept'->>'framework' in ('onet', 'esco')
    and jsonb_typeof(k.skill->'concept'->'code') = 'string' and k.skill->'concept'->>'code' <> ''`;

/**
 * What is derived from the rollup elsewhere (workforce: what each employer may see of it) and must follow it
 * in the same transaction. Registered once as that context loads; `rebuild` follows a whole rebuild.
 */
export interface SkillRollupListener {
  refreshed(db: Executor, userIds: readonly string[]): Promise<void>;
  rebuilt(db: Executor): Promise<void>;
}
const listeners: SkillRollupListener[] = [];

export function onSkillRollupChange(listener: SkillRollupListener): void {
  if (!listeners.includes(listener)) listeners.push(listener);
}

/**
 * Recomputes the rollup of these people from their accepted awards, then what is derived from it (the
 * listeners). Concurrent refreshes of one person wait for each other (a transaction-scoped advisory lock per
 * person), so the last one reads every committed award.
 */
export async function refreshSkillRollup(db: Executor, userIds: readonly string[]): Promise<void> {
  const ids = [...new Set(userIds)].sort();
  if (ids.length === 0) return;
  await sql`select pg_advisory_xact_lock(hashtextextended('skill-rollup:' || id, 0))
    from unnest(cast(${ids} as uuid[])) as id order by id`.execute(db);
  await recompute(db, ids);
  for (const listener of listeners) await listener.refreshed(db, ids);
}

async function recompute(db: Executor, ids: string[]): Promise<void> {
  await sql`delete from award_skills where user_id = any(cast(${ids} as uuid[]))`.execute(db);
  await sql`
    with held as (
      select id, user_id, credential_id, badge_version_id, issued_at, superseded_at from awards
      where state = 'accepted' and user_id = any(cast(${ids} as uuid[]))
    ),
    concepts as (${versionConcepts})
    insert into award_skills (award_id, user_id, credential_id, framework, code, name, level, issued_at, current)
    select a.id, a.user_id, a.credential_id, c.framework, c.code, max(c.name), max(c.level), a.issued_at,
           a.superseded_at is null
    from held a join concepts c on c.version_id = a.badge_version_id
    group by a.id, a.user_id, a.credential_id, a.issued_at, a.superseded_at, c.framework, c.code`.execute(db);
  await sql`delete from user_skill_firsts where user_id = any(cast(${ids} as uuid[]))`.execute(db);
  await sql`
    insert into user_skill_firsts (user_id, framework, code, name, level, first_at)
    select user_id, framework, code, max(name), max(level), min(issued_at)
    from award_skills where current and user_id = any(cast(${ids} as uuid[]))
    group by user_id, framework, code`.execute(db);
}

/** Refreshes the rollup of whoever holds these awards (awards without an account: nothing to do). */
export async function refreshSkillRollupOfAwards(db: Executor, awardIds: readonly string[]): Promise<void> {
  if (awardIds.length === 0) return;
  const { rows } = await sql<{ userId: string }>`
    select distinct user_id from awards
    where id = any(cast(${[...awardIds]} as uuid[])) and user_id is not null`.execute(db);
  await refreshSkillRollup(
    db,
    rows.map((r) => r.userId),
  );
}

/**
 * Rebuilds the whole rollup, for awards written around the award engine (seeds, benchmarks). Takes no
 * per-person locks (there may be thousands): run it when nothing else awards.
 */
export async function rebuildSkillRollup(db: Executor): Promise<void> {
  const { rows } = await sql<{ userId: string }>`
    select user_id from awards where state = 'accepted' and user_id is not null
    union select user_id from award_skills`.execute(db);
  await recompute(
    db,
    rows.map((r) => r.userId),
  );
  for (const listener of listeners) await listener.rebuilt(db);
}
