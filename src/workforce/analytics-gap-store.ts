// SQL of the skill-gap heat map: who in scope holds which role profiles, the highest level each person's
// shared badges evidence for the concepts those roles need (one query for everybody), and which closing
// badges could be sponsored as a bundle.
import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { Scope } from './analytics-sharing.ts';
import { sharedSkillsCtes } from './analytics-skills.ts';

export interface RoleHolding {
  employeeId: string;
  name: string;
  roleId: string;
}

/** The active people in scope holding a role (only `roleId` when given), by name. */
export async function roleHoldings(
  db: Executor,
  scope: Scope,
  roleId: string | null,
): Promise<RoleHolding[]> {
  const team =
    scope.teamId === null
      ? sql``
      : sql`and e.id in (select m.employee_id from workforce_team_members m where m.team_id = ${scope.teamId})`;
  const role = roleId === null ? sql`` : sql`and a.role_id = ${roleId}`;
  const { rows } = await sql<RoleHolding>`
    select e.id as employee_id, coalesce(u.name, e.invited_email) as name, a.role_id
    from workforce_employees e
    join workforce_role_assignments a on a.employee_id = e.id
    left join users u on u.id = e.user_id
    where e.org_id = ${scope.orgId} and e.status = 'active' ${team} ${role}
    order by 2, 1`.execute(db);
  return rows;
}

export interface Evidence {
  employeeId: string;
  framework: string;
  code: string;
  /** The highest level a shared badge gives; null when none gives a level. */
  highest: number | null;
}

/**
 * For every person in scope and each of these concepts (`framework\u001fcode` keys): the highest level their
 * shared badges give it, read as held-skills.ts reads a badge's skills (through the skills rollup:
 * analytics-skills.ts). One row per person and concept shown.
 */
export async function evidenceOf(db: Executor, scope: Scope, conceptKeys: string[]): Promise<Evidence[]> {
  if (conceptKeys.length === 0) return [];
  const { rows } = await sql<{ employeeId: string; framework: string; code: string; highest: string | null }>`
    with ${sharedSkillsCtes(scope)},
    wanted as (select jsonb_array_elements_text(cast(${JSON.stringify(conceptKeys)} as jsonb)) as concept_key)
    select s.employee_id, s.framework, s.code, s.level as highest
    from shared_skills s
    where s.framework || chr(31) || s.code in (select concept_key from wanted)`.execute(db);
  return rows.map((r) => ({ ...r, highest: r.highest === null ? null : Number(r.highest) }));
}

/**
 * Of these published badges, those that could be on sale as a bundle (their latest version requires a
 * priced course or another badge); only these are worth asking commerce for their bundle offer.
 */
export async function bundleCandidates(db: Executor, badgeIds: string[]): Promise<Set<string>> {
  if (badgeIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('badges as b')
    .innerJoin('badgeRequirementIndex as i', 'i.badgeVersionId', 'b.latestVersionId')
    .leftJoin('courses as c', 'c.id', 'i.targetId')
    .select('b.id')
    .distinct()
    .where('b.id', 'in', badgeIds)
    .where('b.state', '=', 'published')
    .where((eb) => eb.or([eb('i.kind', '=', 'badge'), eb('c.priceMinor', 'is not', null)]))
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** The organizations and skills of closing courses and badges (issuer names; the level they teach). */
export async function closerDetails(
  db: Executor,
  courseIds: string[],
  badgeIds: string[],
): Promise<{ courses: Map<string, { issuer: string; skills: unknown }>; badges: Map<string, unknown> }> {
  const [courses, badges] = await Promise.all([
    courseIds.length === 0
      ? []
      : db
          .selectFrom('courses as c')
          .innerJoin('courseRevisions as r', 'r.id', 'c.latestRevisionId')
          .innerJoin('organizations as o', 'o.id', 'c.orgId')
          .select(['c.id', 'o.name as issuer', 'r.skills'])
          .where('c.id', 'in', courseIds)
          .execute(),
    badgeIds.length === 0
      ? []
      : db
          .selectFrom('badges as b')
          .innerJoin('badgeVersions as v', 'v.id', 'b.latestVersionId')
          .select(['b.id', 'v.skills'])
          .where('b.id', 'in', badgeIds)
          .execute(),
  ]);
  return {
    courses: new Map(courses.map((c) => [c.id, { issuer: c.issuer, skills: c.skills }])),
    badges: new Map(badges.map((b) => [b.id, b.skills])),
  };
}
