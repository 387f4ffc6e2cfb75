// Employer analytics at size (issue #17): the "skills gained" figure paired every person with every skill their
// shared badges show on every request. The framework skills each accepted award evidences are now kept per
// award (award_skills) and, over a person's current awards, per person and skill with the first date and the
// highest level (user_skill_firsts). badges/skill-rollup.ts keeps both up to date; what is shared with whom is
// still decided at query time (consent, chosen awards, revoked credentials). Backfilled here with the same SQL.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table award_skills (
    award_id uuid not null references awards (id) on delete cascade,
    user_id uuid not null references users (id) on delete cascade,
    credential_id uuid,
    framework text not null,
    code text not null,
    name text not null,
    level numeric,
    issued_at timestamptz not null,
    current boolean not null,
    primary key (award_id, framework, code)
  )`.execute(db);
  await sql`create index award_skills_by_user on award_skills (user_id)`.execute(db);
  await sql`create index award_skills_by_credential on award_skills (credential_id)`.execute(db);
  await sql`create table user_skill_firsts (
    user_id uuid not null references users (id) on delete cascade,
    framework text not null,
    code text not null,
    name text not null,
    level numeric,
    first_at timestamptz not null,
    primary key (user_id, framework, code)
  )`.execute(db);

  await sql`
    with concepts as (
      select v.id as version_id, k.skill->'concept'->>'framework' as framework,
             k.skill->'concept'->>'code' as code, coalesce(k.skill->>'name', '') as name,
             case when jsonb_typeof(k.skill->'level') = 'number' and (k.skill->>'level')::numeric between 0 and 7
                  then (k.skill->>'level')::numeric end as level
      from badge_versions v
      cross join lateral jsonb_array_elements(
        case when jsonb_typeof(v.skills) = 'array' then v.skills else '[]'::jsonb end) as k(skill)
      where jsonb_typeof(k.skill) = 'object' and jsonb_typeof(k.skill->'concept') = 'object'
        and k.skill->'concept'->>'framework' in ('onet', 'esco')
        and jsonb_typeof(k.skill->'concept'->'code') = 'string' and k.skill->'concept'->>'code' <> ''
    )
    insert into award_skills (award_id, user_id, credential_id, framework, code, name, level, issued_at, current)
    select a.id, a.user_id, a.credential_id, c.framework, c.code, max(c.name), max(c.level), a.issued_at,
           a.superseded_at is null
    from awards a join concepts c on c.version_id = a.badge_version_id
    where a.state = 'accepted' and a.user_id is not null
    group by a.id, c.framework, c.code`.execute(db);
  await sql`
    insert into user_skill_firsts (user_id, framework, code, name, level, first_at)
    select user_id, framework, code, max(name), max(level), min(issued_at)
    from award_skills where current
    group by user_id, framework, code`.execute(db);
}
