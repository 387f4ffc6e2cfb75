// What an employer sees of many people at once: the set-based SQL twin of sharing.ts, for analytics. The
// rules are the same (a test holds the two to the same answer, person by person): only ACTIVE people with a
// consent; `all` = every accepted award that is current (a renewal replaces the award it renews), `chosen` =
// the chosen awards still theirs; never a revoked credential; imported badges only with `includeImports`
// (with `chosen`, only the chosen ones). Every figure of analytics is computed from `sharedAwardsCte` and
// `sharedImportsOf` below and nowhere else. The shared awards are kept per organization, person and award
// (migration 0051, analytics-visible-awards.ts) in the transactions that change them; imports are few and read
// here.
import { type RawBuilder, sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import { awardState, importedIssuedAt } from './model.ts';

/**
 * The framework concepts each shared badge version asserts, as held-skills.ts reads a badge's skills:
 * `{concept: {framework: 'onet' | 'esco', code}}` with a non-empty code; a level only when it is a number
 * from 0 to 7 (null otherwise). Anything malformed is skipped.
 */
const versionConcepts = sql`
  select v.id as version_id, k.skill->'concept'->>'framework' as framework,
         k.skill->'concept'->>'code' as code, coalesce(k.skill->>'name', '') as name,
         case when jsonb_typeof(k.skill->'level') = 'number' and (k.skill->>'level')::numeric between 0 and 7
              then (k.skill->>'level')::numeric end as level
  from badge_versions v
  cross join lateral jsonb_array_elements(
    case when jsonb_typeof(v.skills) = 'array' then v.skills else '[]'::jsonb end) as k(skill)
  where v.id in (select badge_version_id from shared)
    and jsonb_typeof(k.skill) = 'object' and jsonb_typeof(k.skill->'concept') = 'object'
    and k.skill->'concept'->>'framework' in ('onet', 'esco')
    and jsonb_typeof(k.skill->'concept'->'code') = 'string' and k.skill->'concept'->>'code' <> ''`;

/** Whose badges count: the organization's active people, or those of one of its teams. */
export interface Scope {
  orgId: string;
  teamId: string | null;
}

/** The active people in scope with their consent (none: they share nothing). */
export function peopleCte(scope: Scope): RawBuilder<unknown> {
  const team =
    scope.teamId === null
      ? sql``
      : sql`and e.id in (select m.employee_id from workforce_team_members m where m.team_id = ${scope.teamId})`;
  return sql`
    select e.id as employee_id, e.user_id, c.share, c.include_imports
    from workforce_employees e
    join workforce_consents c on c.org_id = e.org_id and c.user_id = e.user_id
    where e.org_id = ${scope.orgId} and e.status = 'active' ${team}`;
}

/**
 * `with people as (…), shared as (…), shared_concepts as (…)`: one row per award an active person in scope
 * shares now, and the framework concepts of those badge versions (read once per version, not per award).
 * Queries append their own `select … from shared` (joining badge_versions for a name where they show one).
 * Which awards a person shares with the organization is decided when it changes, not here: the rows of
 * `workforce_visible_awards` (migration 0051, kept by analytics-visible.ts under the rules above) are read as
 * they are for the people in scope. `credential_state` is the credential's state only when it is not
 * `active` (suspended; a revoked credential is never shared), null otherwise, as for an award without one.
 */
export function sharedAwardsCte(scope: Scope): RawBuilder<unknown> {
  return sql`
    with people as (${peopleCte(scope)}),
    shared as (
      select p.employee_id, w.award_id, w.issued_at, w.valid_until, w.superseded_at, w.credential_state,
             w.badge_version_id, w.issuer_org_id
      from people p
      join workforce_visible_awards w on w.org_id = ${scope.orgId} and w.user_id = p.user_id
    ),
    shared_concepts as (${versionConcepts})`;
}

export interface SharedImport {
  employeeId: string;
  id: string;
  name: string;
  issuer: string | null;
  /** When it says it was issued, else when it was imported (as sharing.ts has it). */
  issuedAt: Date;
  validUntil: Date | null;
  verdict: string;
}

const dateOrNull = (text: string | null): Date | null => {
  const parsed = text ? new Date(text) : null;
  return parsed && !Number.isNaN(parsed.getTime()) ? parsed : null;
};

/**
 * The imported badges the people in scope share. Their dates are free text from other issuers, read here
 * exactly as sharing.ts reads them (JavaScript's date parser): there are few imports per person, so they
 * are counted in memory rather than parsed by the database.
 */
export async function sharedImportsOf(db: Executor, scope: Scope): Promise<SharedImport[]> {
  const { rows } = await sql<{
    employeeId: string;
    id: string;
    name: string;
    issuer: string | null;
    validFrom: string | null;
    validUntil: string | null;
    createdAt: Date;
    verdict: string;
  }>`
    with people as (${peopleCte(scope)})
    select p.employee_id, i.id, i.badge_name as name, i.issuer_name as issuer, i.valid_from, i.valid_until,
           i.created_at, i.verdict
    from people p
    join imported_badges i on i.user_id = p.user_id
    where p.include_imports
      and (p.share = 'all' or exists (
            select 1 from workforce_shared_imports s
            where s.org_id = ${scope.orgId} and s.user_id = p.user_id and s.import_id = i.id))`.execute(db);
  return rows.map((row) => ({
    employeeId: row.employeeId,
    id: row.id,
    name: row.name,
    issuer: row.issuer,
    issuedAt: importedIssuedAt(row.validFrom, new Date(row.createdAt)),
    validUntil: dateOrNull(row.validUntil),
    verdict: row.verdict,
  }));
}

export interface SharedBadgeOfPerson {
  kind: 'award' | 'import';
  id: string;
  name: string;
  issuer: string | null;
  issuedAt: Date;
  validUntil: Date | null;
  state: string;
}

/**
 * Every badge each person in scope shares, by employee id: the same list sharing.ts gives for one person
 * (without skills), built from the set-based queries analytics use.
 */
export async function sharedBadgesInScope(
  db: Executor,
  scope: Scope,
  now: Date,
): Promise<Map<string, SharedBadgeOfPerson[]>> {
  const [{ rows: awards }, imports] = await Promise.all([
    sql<{
      employeeId: string;
      awardId: string;
      badgeName: string;
      issuer: string;
      issuedAt: Date;
      validUntil: Date | null;
      credentialState: string | null;
    }>`
      ${sharedAwardsCte(scope)}
      select s.employee_id, s.award_id, v.name as badge_name, o.name as issuer, s.issued_at, s.valid_until,
             s.credential_state
      from shared s
      join badge_versions v on v.id = s.badge_version_id
      join organizations o on o.id = s.issuer_org_id`.execute(db),
    sharedImportsOf(db, scope),
  ]);
  const byPerson = new Map<string, SharedBadgeOfPerson[]>();
  const add = (employeeId: string, badge: SharedBadgeOfPerson) =>
    byPerson.set(employeeId, [...(byPerson.get(employeeId) ?? []), badge]);
  for (const row of awards) {
    const validUntil = row.validUntil ? new Date(row.validUntil) : null;
    add(row.employeeId, {
      kind: 'award',
      id: row.awardId,
      name: row.badgeName,
      issuer: row.issuer,
      issuedAt: new Date(row.issuedAt),
      validUntil,
      state: awardState(row.credentialState, validUntil, now),
    });
  }
  for (const row of imports)
    add(row.employeeId, {
      kind: 'import',
      id: row.id,
      name: row.name,
      issuer: row.issuer,
      issuedAt: row.issuedAt,
      validUntil: row.validUntil,
      state: row.verdict,
    });
  return byPerson;
}
