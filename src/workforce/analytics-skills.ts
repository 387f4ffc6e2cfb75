// What the people in scope show of each framework skill, read from the skills rollup (badges/skill-rollup.ts,
// migration 0036) instead of pairing every shared award with every skill of its badge per request. The rollup
// holds what each person has; whether they share it is decided here, at query time, by the same rules as
// analytics-sharing.ts (a test holds the two to the same figures): only ACTIVE people with a consent; `all` =
// their current accepted awards, `chosen` = the chosen awards still theirs; never a revoked credential. So a
// withdrawal, a removal or a revocation counts at once.
import { type RawBuilder, sql } from 'kysely';
import type { Scope } from './analytics-sharing.ts';

const inScope = (scope: Scope) => sql`
  e.org_id = ${scope.orgId} and e.status = 'active'
  ${scope.teamId === null ? sql`` : sql`and e.id in (select m.employee_id from workforce_team_members m where m.team_id = ${scope.teamId})`}`;

/**
 * `revoked_holders as (…), shared_skills as (…)`, to follow `with` or another CTE and a comma: one row per
 * active person in scope (employee_id) and framework concept (framework, code) their shared badges show,
 * with the first date a shared badge evidenced it (first_at), the badges' name for it (name, the greatest)
 * and the highest level they give it (level, null when none gives one).
 *
 * People sharing everything (most) read their row of user_skill_firsts as it is, unless one of their
 * awards' credentials was revoked (few: found through the partial index on credentials that are not
 * active); those, and people sharing chosen badges, are grouped from their shared awards' rows.
 */
export function sharedSkillsCtes(scope: Scope): RawBuilder<unknown> {
  return sql`
    revoked_holders as (
      select s.user_id from award_skills s
      join issued_credentials ic on ic.id = s.credential_id and ic.state = 'revoked'
      where s.user_id in (select user_id from workforce_employees where org_id = ${scope.orgId})
    ),
    shared_skills as (
      select e.id as employee_id, f.framework, f.code, f.name, f.level, f.first_at
      from workforce_employees e
      join workforce_consents c on c.org_id = e.org_id and c.user_id = e.user_id
      join user_skill_firsts f on f.user_id = e.user_id
      where ${inScope(scope)} and c.share = 'all'
        and not exists (select 1 from revoked_holders r where r.user_id = e.user_id)
      union all
      select employee_id, framework, code, max(name), max(level), min(issued_at)
      from (
        select e.id as employee_id, s.framework, s.code, s.name, s.level, s.issued_at, s.credential_id
        from workforce_employees e
        join workforce_consents c on c.org_id = e.org_id and c.user_id = e.user_id
        join award_skills s on s.user_id = e.user_id
        where ${inScope(scope)} and c.share = 'all' and s.current
          and e.user_id in (select user_id from revoked_holders)
        union all
        select e.id, s.framework, s.code, s.name, s.level, s.issued_at, s.credential_id
        from workforce_employees e
        join workforce_consents c on c.org_id = e.org_id and c.user_id = e.user_id
        join workforce_shared_awards w on w.org_id = e.org_id and w.user_id = e.user_id
        join award_skills s on s.award_id = w.award_id and s.user_id = e.user_id
        where ${inScope(scope)} and c.share = 'chosen'
      ) x
      where not exists (select 1 from issued_credentials ic where ic.id = x.credential_id and ic.state = 'revoked')
      group by employee_id, framework, code
    )`;
}
