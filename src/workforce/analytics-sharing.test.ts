// The set-based "what is shared" of analytics gives, person by person, exactly what sharing.ts gives the
// employer's badges route: share all or chosen, imported badges, revoked and renewed awards, withdrawal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { awardBadge } from '../badges/award.ts';
import { lastClaimToken } from '../badges/award-testing.ts';
import { findVersion } from '../badges/definition-store.ts';
import { aPublishedBadge, aPublishedCourse } from '../badges/testing.ts';
import { aLoggedInUser, type TestSession } from '../identity/testing.ts';
import { importJson } from '../imports/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { anIssuedCredential } from '../verification/testing.ts';
import { type SharedBadgeOfPerson, sharedBadgesInScope } from './analytics-sharing.ts';
import { sharedBadges } from './sharing.ts';
import { anEmployee, anEmployerWithManager, type TestEmployer } from './testing.ts';

type Person = TestSession & { email: string };

describe('what analytics count as shared', { timeout: 180_000 }, () => {
  let t: TestApp;
  let issuer: TestIssuer;
  let employer: TestEmployer;
  const badges: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    issuer = await anIssuerWithOwner(t.app, t.deps);
    const courseId = await aPublishedCourse(t.app, issuer.orgId, issuer.owner);
    for (const name of ['Lifting', 'Forklift', 'First aid', 'Welding'])
      badges.push((await aPublishedBadge(t.app, issuer, { courseIds: [courseId], name })).id);
    employer = await anEmployerWithManager(t.app, t.deps);
  }, 240_000);
  afterAll(() => t?.close());

  const api = (
    method: 'POST' | 'PUT' | 'DELETE',
    url: string,
    headers: Record<string, string>,
    payload?: object,
  ) => t.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });

  async function accepted(person: Person, badge: number): Promise<string> {
    const awarded = await api(
      'POST',
      `/orgs/${issuer.orgId}/badges/${badges[badge]}/awards`,
      issuer.owner.headers,
      {
        email: person.email,
      },
    );
    expect(awarded.statusCode, awarded.body).toBe(201);
    const token = await lastClaimToken(t.deps, person.email);
    expect((await api('POST', `/claims/${token}/accept`, person.headers)).statusCode).toBe(200);
    return awarded.json().id;
  }

  /** A renewal (cycle 2) of an accepted award: it supersedes the first and is the person's at once. */
  async function renewal(person: Person, badge: number): Promise<string> {
    const row = await t.deps.db
      .selectFrom('badges')
      .select('latestVersionId')
      .where('id', '=', badges[badge] ?? '')
      .executeTakeFirstOrThrow();
    const version = await findVersion(t.deps.db, row.latestVersionId ?? '');
    if (!version) throw new Error('no published version');
    const { award } = await t.deps.db
      .transaction()
      .execute((trx) =>
        awardBadge(t.deps, trx, { version, email: person.email, source: 'manual', cycle: 2 }),
      );
    return award.id;
  }

  async function anImport(person: Person): Promise<string> {
    const credential = await anIssuedCredential(t.app, t.deps, { badgeName: 'Imported welding' });
    const imported = await importJson(t.app, person, { credential: credential.credential });
    expect(imported.statusCode, imported.body).toBe(201);
    return imported.json().id;
  }

  const consent = async (person: Person, body: object) =>
    expect(
      (await api('PUT', `/me/employers/${employer.orgId}/consent`, person.headers, body)).statusCode,
    ).toBe(200);

  const comparable = (list: SharedBadgeOfPerson[]) =>
    list
      .map((b) => ({
        kind: b.kind,
        id: b.id,
        name: b.name,
        issuer: b.issuer,
        issuedAt: b.issuedAt.toISOString(),
        validUntil: b.validUntil?.toISOString() ?? null,
        state: b.state,
      }))
      .sort((a, b) => `${a.kind}${a.id}`.localeCompare(`${b.kind}${b.id}`));

  it('returns for every person exactly what sharing.ts shows the employer', async () => {
    const people: Array<{ person: Person; employeeId: string }> = [];
    const join = async () => {
      const person = await aLoggedInUser(t.app, t.deps);
      const employeeId = await anEmployee(t.app, t.deps, employer, person);
      people.push({ person, employeeId });
      return person;
    };
    // All: a revoked award never counts; a renewed one counts once, as its renewal.
    const all = await join();
    await accepted(all, 0);
    const revoked = await accepted(all, 1);
    await accepted(all, 2);
    const renewed = await renewal(all, 2);
    expect(
      (await api('POST', `/orgs/${issuer.orgId}/awards/${revoked}/revoke`, issuer.owner.headers, {}))
        .statusCode,
    ).toBe(200);
    await consent(all, { share: 'all', includeImports: false });
    await anImport(all);
    // Chosen, imports included: only the chosen award and the chosen import; a chosen award stays after renewal.
    const chosen = await join();
    const picked = await accepted(chosen, 0);
    await accepted(chosen, 1);
    const pickedThenRenewed = await accepted(chosen, 2);
    await renewal(chosen, 2);
    const pickedImport = await anImport(chosen);
    await anImport(chosen);
    await consent(chosen, {
      share: 'chosen',
      includeImports: true,
      awardIds: [picked, pickedThenRenewed],
      importIds: [pickedImport],
    });
    // All with imports.
    const withImports = await join();
    await accepted(withImports, 3);
    await anImport(withImports);
    await consent(withImports, { share: 'all', includeImports: true });
    // Withdrawn and removed after sharing everything: nothing at all.
    const withdrawn = await join();
    await accepted(withdrawn, 0);
    await consent(withdrawn, { share: 'all', includeImports: true });
    expect((await api('DELETE', `/me/employers/${employer.orgId}`, withdrawn.headers)).statusCode).toBe(204);
    const removed = await join();
    await accepted(removed, 0);
    await consent(removed, { share: 'all', includeImports: true });
    const removedId = people.at(-1)?.employeeId ?? '';
    expect(
      (await api('DELETE', `/orgs/${employer.orgId}/employees/${removedId}`, employer.manager.headers))
        .statusCode,
    ).toBe(204);

    const now = t.deps.now();
    const scoped = await sharedBadgesInScope(t.deps.db, { orgId: employer.orgId, teamId: null }, now);
    for (const { person, employeeId } of people) {
      const one = await sharedBadges(t.deps.db, employer.orgId, person.userId, now);
      expect(comparable(scoped.get(employeeId) ?? []), person.email).toEqual(comparable(one));
    }
    const ids = (employeeId: string) =>
      comparable(scoped.get(employeeId) ?? []).map((b) => `${b.kind}:${b.id}`);
    const [allId, chosenId, importsId, withdrawnId] = people.map((p) => p.employeeId) as [
      string,
      string,
      string,
      string,
    ];
    expect(ids(allId)).toHaveLength(2);
    expect(ids(allId)).toContain(`award:${renewed}`);
    expect(ids(allId)).not.toContain(`award:${revoked}`);
    expect(ids(chosenId).sort()).toEqual(
      [`award:${picked}`, `award:${pickedThenRenewed}`, `import:${pickedImport}`].sort(),
    );
    expect(ids(importsId)).toHaveLength(2);
    expect(scoped.has(withdrawnId)).toBe(false);
    expect(scoped.has(removedId)).toBe(false);
  });
});
