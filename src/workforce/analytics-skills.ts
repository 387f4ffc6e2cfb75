// What the people in scope show of each framework skill, read from what each employer may see of each
// person's skills (workforce_shared_skills, migration 0044, kept by analytics-shared-skills.ts in the
// transactions that change consent, chosen badges, awards and revocations) instead of deciding that per person
// on every request. The rules are those of analytics-sharing.ts (a test holds the two to the same figures):
// only ACTIVE people with a consent; `all` = their current accepted awards, `chosen` = the chosen awards still
// theirs; never a revoked credential. Whether a person is active and in the team is joined here, as it is read.
import { type RawBuilder, sql } from 'kysely';
import type { Scope } from './analytics-sharing.ts';

/**
 * `shared_skills as (…)`, to follow `with` or another CTE and a comma: one row per active person in scope
 * (employee_id) and framework concept (framework, code) their shared badges show, with the first date a
 * shared badge evidenced it (first_at), the badges' name for it (name, the greatest) and the highest level
 * they give it (level, null when none gives one).
 */
export function sharedSkillsCtes(scope: Scope): RawBuilder<unknown> {
  const team =
    scope.teamId === null
      ? sql``
      : sql`and e.id in (select m.employee_id from workforce_team_members m where m.team_id = ${scope.teamId})`;
  return sql`
    shared_skills as (
      select e.id as employee_id, f.framework, f.code, f.name, f.level, f.first_at
      from workforce_employees e
      join workforce_shared_skills f on f.org_id = e.org_id and f.user_id = e.user_id
      where e.org_id = ${scope.orgId} and e.status = 'active' ${team}
    )`;
}
