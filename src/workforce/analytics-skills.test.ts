// The skills rollup (badges/skill-rollup.ts, migration 0036) and what each employer may see of it
// (analytics-shared-skills.ts, migration 0044, and its per-day counts, migration 0056) give the skills-gained
// figure exactly as pairing every shared award with every skill of its badge did, and follow what changes it
// at once: an award accepted, renewed or revoked (by its route or the credentials API), chosen badges changed,
// a person withdrawing or removed.
import { type RawBuilder, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { awardBadge } from '../badges/award.ts';
import { lastClaimToken } from '../badges/award-testing.ts';
import { findVersion } from '../badges/definition-store.ts';
import { rebuildSkillRollup } from '../badges/index.ts';
import { aPublishedBadge, aPublishedCourse } from '../badges/testing.ts';
import { aLoggedInUser, type TestSession } from '../identity/testing.ts';
import { importSample } from '../insights/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { type Evidence, evidenceOf } from './analytics-gap-store.ts';
import { rebuildSharedSkills } from './analytics-shared-skills.ts';
import { type Scope, sharedAwardsCte } from './analytics-sharing.ts';
import { type ConceptFirstSeen, sharedFigures } from './analytics-store.ts';
import { anEmployee, anEmployerWithManager, type TestEmployer } from './testing.ts';

type Person = TestSession & { email: string };
const PROGRAMMING = '2.B.3.e';
const READING = '2.A.1.a';
const WRITING = '2.A.1.c';
const START = new Date('2025-01-01T00:00:00Z');
const END = new Date('2025-07-01T00:00:00Z');

/** The skills gained as they were computed before the rollup: every shared award paired with its skills. */
const pairedFirstSeen = (scope: Scope): RawBuilder<ConceptFirstSeen> => sql`
  ${sharedAwardsCte(scope)},
  first_seen as (
    select s.employee_id, c.framework, c.code, min(s.issued_at) as first_at
    from shared s join shared_concepts c on c.version_id = s.badge_version_id
    where s.issued_at < ${END}
    group by 1, 2, 3
  ),
  per_bucket as (
    select framework, code,
           case when first_at >= ${START} then date_trunc('month', first_at at time zone 'UTC') end as bucket,
           count(*) as people
    from first_seen group by 1, 2, 3
  )
  select b.framework, b.code, to_char(b.bucket, 'YYYY-MM-DD') as bucket, b.people::int as people,
         (select max(c.name) from shared_concepts c where c.framework = b.framework and c.code = b.code) as name
  from per_bucket b`;

/** The highest level per person and concept as the heat map read it before the rollup. */
const pairedLevels = (scope: Scope): RawBuilder<Evidence> => sql`
  ${sharedAwardsCte(scope)}
  select s.employee_id, c.framework, c.code, max(c.level) as highest
  from shared s join shared_concepts c on c.version_id = s.badge_version_id
  group by 1, 2, 3`;

const byPersonAndCode = (list: Evidence[]) =>
  list
    .map((e) => ({ ...e, highest: e.highest === null ? null : Number(e.highest) }))
    .sort((a, b) => `${a.employeeId}${a.code}`.localeCompare(`${b.employeeId}${b.code}`));

const sorted = (list: ConceptFirstSeen[]) =>
  list
    .map((c) => ({ ...c, people: Number(c.people) }))
    .sort((a, b) => `${a.code}${a.bucket}`.localeCompare(`${b.code}${b.bucket}`));

describe('the skills rollup behind the skills gained', { timeout: 180_000 }, () => {
  let t: TestApp;
  let issuer: TestIssuer;
  let employer: TestEmployer;
  let scope: Scope;
  const badge: Record<string, string> = {};

  const api = (method: 'POST' | 'PUT' | 'DELETE', url: string, headers: object, payload?: object) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: headers as Record<string, string>,
      ...(payload ? { payload } : {}),
    });

  async function accepted(who: Person, badgeId: string, issuedOn: string): Promise<string> {
    const awarded = await api(
      'POST',
      `/orgs/${issuer.orgId}/badges/${badgeId}/awards`,
      issuer.owner.headers,
      {
        email: who.email,
        issuedOn,
      },
    );
    expect(awarded.statusCode, awarded.body).toBe(201);
    const token = await lastClaimToken(t.deps, who.email);
    const accept = await api('POST', `/claims/${token}/accept`, who.headers);
    expect(accept.statusCode, accept.body).toBe(200);
    return awarded.json().id;
  }

  /** A renewal (cycle 2) dated `issuedOn`: it supersedes the first award and is the person's at once. */
  async function renewed(who: Person, badgeId: string, issuedOn: string): Promise<string> {
    const row = await t.deps.db
      .selectFrom('badges')
      .select('latestVersionId')
      .where('id', '=', badgeId)
      .executeTakeFirstOrThrow();
    const version = await findVersion(t.deps.db, row.latestVersionId ?? '');
    if (!version) throw new Error('no published version');
    const { award } = await t.deps.db.transaction().execute((trx) =>
      awardBadge(t.deps, trx, {
        version,
        email: who.email,
        source: 'manual',
        cycle: 2,
        issuedOn: new Date(issuedOn),
      }),
    );
    return award.id;
  }

  const revoke = async (awardId: string) =>
    expect(
      (await api('POST', `/orgs/${issuer.orgId}/awards/${awardId}/revoke`, issuer.owner.headers, {}))
        .statusCode,
    ).toBe(200);

  const consent = async (who: Person, body: object) =>
    expect((await api('PUT', `/me/employers/${employer.orgId}/consent`, who.headers, body)).statusCode).toBe(
      200,
    );

  /** The codes of the concepts the employer may see of this person (workforce_shared_skills, migration 0044). */
  const sharedSkillsOf = async (who: Person) =>
    (
      await sql<{ code: string }>`select code from workforce_shared_skills
        where org_id = ${employer.orgId} and user_id = ${who.userId} order by code`.execute(t.deps.db)
    ).rows.map((r) => r.code);

  /** What the transactions kept is what a full rebuild computes, and the figures are the paired ones. */
  async function expectKeptAsComputed() {
    const all = sql<object>`select org_id, user_id, framework, code, name, level::text, first_at
      from workforce_shared_skills order by 1, 2, 3, 4`;
    const kept = (await all.execute(t.deps.db)).rows;
    // The per-day counts the triggers keep (migration 0056) are those of the rows, counted afresh.
    const days = sql<object>`select org_id, framework, code, to_char(day, 'YYYY-MM-DD') as day, name, people
      from workforce_skill_days order by 1, 2, 3, 4, 5`;
    const counted = sql<object>`select org_id, framework, code,
        to_char(first_at at time zone 'UTC', 'YYYY-MM-DD') as day, name, count(*)::int as people
      from workforce_shared_skills group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5`;
    const keptDays = (await days.execute(t.deps.db)).rows;
    expect(keptDays).toEqual((await counted.execute(t.deps.db)).rows);
    await rebuildSharedSkills(t.deps.db);
    expect((await all.execute(t.deps.db)).rows).toEqual(kept);
    expect((await days.execute(t.deps.db)).rows).toEqual(keptDays);
    expect(await fromRollup()).toEqual(await paired());
  }

  const employeeOf = async (who: Person) =>
    (
      await t.deps.db
        .selectFrom('workforceEmployees')
        .select('id')
        .where('orgId', '=', employer.orgId)
        .where('userId', '=', who.userId)
        .executeTakeFirstOrThrow()
    ).id;

  async function join(name: string): Promise<Person> {
    const who = await aLoggedInUser(t.app, t.deps, { name });
    await anEmployee(t.app, t.deps, employer, who);
    return who;
  }

  const fromRollup = async (of: Scope = scope) =>
    sorted(
      (
        await sharedFigures(t.deps.db, of, {
          start: START,
          end: END,
          now: t.deps.now(),
          soon: t.deps.now(),
          interval: 'month',
          imports: [],
          top: 0,
          expiringLimit: 0,
        })
      ).concepts,
    );
  const paired = async (of: Scope = scope) => sorted((await pairedFirstSeen(of).execute(t.deps.db)).rows);
  /** How many people first showed `code` in the bucket of `day` (YYYY-MM-01; null: before the period). */
  const gained = async (code: string, day: string | null) =>
    (await fromRollup()).find((c) => c.code === code && c.bucket === day)?.people ?? 0;

  beforeAll(async () => {
    t = await createTestApp();
    await importSample(t);
    issuer = await anIssuerWithOwner(t.app, t.deps);
    const courseIds = [await aPublishedCourse(t.app, issuer.orgId, issuer.owner)];
    const aBadge = async (name: string, skills: object[]) =>
      (await aPublishedBadge(t.app, issuer, { courseIds, name, extra: { skills } })).id;
    const skill = (name: string, code: string, level?: number) => ({
      name,
      concept: { framework: 'onet', code },
      ...(level === undefined ? {} : { level }),
    });
    badge.prog = await aBadge('Programming basics', [skill('Programming', PROGRAMMING, 3)]);
    badge.progExpert = await aBadge('Programming expert', [
      skill('Coding', PROGRAMMING, 5),
      skill('Writing', WRITING, 2),
    ]);
    badge.read = await aBadge('Reading', [skill('Reading', READING)]);
    employer = await anEmployerWithManager(t.app, t.deps);
    scope = { orgId: employer.orgId, teamId: null };
  }, 240_000);
  afterAll(() => t?.close());

  it('gives the skills gained exactly as pairing every shared award with its skills did', async () => {
    // Sharing all: one award revoked, one renewed (the renewal counts, from its own date).
    const ana = await join('Ana');
    await accepted(ana, badge.prog ?? '', '2024-11-02');
    const anaExpert = await accepted(ana, badge.progExpert ?? '', '2025-02-10');
    await accepted(ana, badge.read ?? '', '2025-03-15');
    await renewed(ana, badge.read ?? '', '2025-05-20');
    await revoke(anaExpert);
    await consent(ana, { share: 'all', includeImports: false });
    // Sharing chosen badges: a chosen award stays chosen after its renewal; the others are not shared.
    const ben = await join('Ben');
    const benRead = await accepted(ben, badge.read ?? '', '2025-01-20');
    await accepted(ben, badge.progExpert ?? '', '2025-04-01');
    await renewed(ben, badge.read ?? '', '2025-06-03');
    await consent(ben, { share: 'chosen', includeImports: false, awardIds: [benRead] });
    // Sharing all, shown after the period only (not counted), and another with nothing revoked.
    const cai = await join('Cai');
    await accepted(cai, badge.progExpert ?? '', '2025-08-01');
    await consent(cai, { share: 'all', includeImports: false });
    const dee = await join('Dee');
    await accepted(dee, badge.progExpert ?? '', '2025-02-11');
    await accepted(dee, badge.prog ?? '', '2025-01-05');
    await consent(dee, { share: 'all', includeImports: false });
    // Never shared.
    const eli = await join('Eli');
    await accepted(eli, badge.read ?? '', '2025-02-02');

    const rollup = await fromRollup();
    expect(rollup.length).toBeGreaterThan(3);
    expect(rollup).toEqual(await paired());
    // The heat map's highest level per person and skill, too.
    const keys = [PROGRAMMING, READING, WRITING].map((code) => `onet\u001f${code}`);
    const levels = byPersonAndCode(await evidenceOf(t.deps.db, scope, keys));
    expect(levels.some((e) => e.highest === 3)).toBe(true);
    expect(levels).toEqual(byPersonAndCode((await pairedLevels(scope).execute(t.deps.db)).rows));
    // A team (Ana and Dee) is read person by person, the organization from its per-day counts: both are the
    // paired figures.
    const team = await t.deps.db
      .insertInto('workforceTeams')
      .values({ orgId: employer.orgId, name: 'Skills team' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.deps.db
      .insertInto('workforceTeamMembers')
      .values([
        { teamId: team.id, employeeId: await employeeOf(ana) },
        { teamId: team.id, employeeId: await employeeOf(dee) },
      ])
      .execute();
    const teamScope = { orgId: employer.orgId, teamId: team.id };
    const ofTeam = await fromRollup(teamScope);
    expect(ofTeam).toEqual(await paired(teamScope));
    expect(ofTeam).not.toEqual(rollup);
    expect(ofTeam.find((c) => c.code === PROGRAMMING && c.bucket === '2025-01-01')?.people).toBe(1);
    // A rebuilt rollup (seeds, benchmarks) is the same one the award engine keeps.
    await rebuildSkillRollup(t.deps.db);
    expect(await fromRollup()).toEqual(rollup);
    // Reading: Ana (renewal, May), Ben (his chosen first cycle, January); Programming: Dee in January, Ana before.
    expect(await gained(READING, '2025-05-01')).toBe(1);
    expect(await gained(READING, '2025-01-01')).toBe(1);
    expect(await gained(PROGRAMMING, '2025-01-01')).toBe(1);
    expect(await gained(PROGRAMMING, null)).toBe(1);
    expect(await gained(WRITING, '2025-02-01')).toBe(1);
  });

  it('follows an award accepted, renewed or revoked and a withdrawal at once', async () => {
    const fay = await join('Fay');
    await consent(fay, { share: 'all', includeImports: false });
    const before = await gained(WRITING, '2025-03-01');
    const expert = await accepted(fay, badge.progExpert ?? '', '2025-03-03');
    expect(await gained(WRITING, '2025-03-01')).toBe(before + 1);
    // Renewed: the skill now dates from the renewal.
    await renewed(fay, badge.progExpert ?? '', '2025-04-04');
    expect(await gained(WRITING, '2025-03-01')).toBe(before);
    expect(await gained(WRITING, '2025-04-01')).toBeGreaterThanOrEqual(1);
    const april = await gained(WRITING, '2025-04-01');
    // Revoked (the renewal): the skill is no longer shown by her.
    const renewal = await t.deps.db
      .selectFrom('awards')
      .select('id')
      .where('supersededBy', 'is', null)
      .where('badgeId', '=', badge.progExpert ?? '')
      .where('recipientEmail', '=', fay.email)
      .executeTakeFirstOrThrow();
    expect(renewal.id).not.toBe(expert);
    await revoke(renewal.id);
    expect(await gained(WRITING, '2025-04-01')).toBe(april - 1);
    expect(await fromRollup()).toEqual(await paired());
    // Withdrawn: forgotten at once (the rollup keeps what she has; her consent decides what is shown).
    await accepted(fay, badge.read ?? '', '2025-06-06');
    expect(await gained(READING, '2025-06-01')).toBe(1);
    expect((await api('DELETE', `/me/employers/${employer.orgId}`, fay.headers)).statusCode).toBe(204);
    expect(await gained(READING, '2025-06-01')).toBe(0);
    expect(await fromRollup()).toEqual(await paired());
  });

  it('keeps what the employer sees of skills with consent, chosen badges, revocation and removal', async () => {
    const gus = await join('Gus');
    const employeeId = await employeeOf(gus);
    await consent(gus, { share: 'all', includeImports: false });
    const prog = await accepted(gus, badge.prog ?? '', '2025-02-03');
    const read = await accepted(gus, badge.read ?? '', '2025-03-04');
    const progFeb = await gained(PROGRAMMING, '2025-02-01');
    const readMar = await gained(READING, '2025-03-01');
    expect(await sharedSkillsOf(gus)).toEqual([READING, PROGRAMMING]);
    await expectKeptAsComputed();
    // Chosen badges: only the reading badge, then only the programming one.
    await consent(gus, { share: 'chosen', includeImports: false, awardIds: [read] });
    expect(await sharedSkillsOf(gus)).toEqual([READING]);
    expect(await gained(PROGRAMMING, '2025-02-01')).toBe(progFeb - 1);
    expect(await gained(READING, '2025-03-01')).toBe(readMar);
    await consent(gus, { share: 'chosen', includeImports: false, awardIds: [prog] });
    expect(await sharedSkillsOf(gus)).toEqual([PROGRAMMING]);
    expect(await gained(READING, '2025-03-01')).toBe(readMar - 1);
    await expectKeptAsComputed();
    // Everything again; then a renewal of the reading badge dates the skill from the renewal.
    await consent(gus, { share: 'all', includeImports: false });
    await renewed(gus, badge.read ?? '', '2025-05-05');
    expect(await gained(READING, '2025-03-01')).toBe(readMar - 1);
    expect(await sharedSkillsOf(gus)).toEqual([READING, PROGRAMMING]);
    await expectKeptAsComputed();
    // The programming credential revoked through the credentials API (not the award's route): gone at once.
    const credential = await t.deps.db
      .selectFrom('awards')
      .select('credentialId')
      .where('id', '=', prog)
      .executeTakeFirstOrThrow();
    const revoked = await api(
      'POST',
      `/orgs/${issuer.orgId}/credentials/${credential.credentialId}/revoke`,
      issuer.owner.headers,
      {},
    );
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(await sharedSkillsOf(gus)).toEqual([READING]);
    expect(await gained(PROGRAMMING, '2025-02-01')).toBe(progFeb - 1);
    await expectKeptAsComputed();
    // Removed by the employer: nothing of him is left to read.
    const removed = await api(
      'DELETE',
      `/orgs/${employer.orgId}/employees/${employeeId}`,
      employer.owner.headers,
    );
    expect(removed.statusCode, removed.body).toBe(204);
    expect(await sharedSkillsOf(gus)).toEqual([]);
    await expectKeptAsComputed();
  });
});
