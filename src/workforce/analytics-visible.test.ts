// What each employer may see of each person's awards (workforce_visible_awards, migration 0051, kept by
// analytics-visible.ts) follows every change through the real services, in their transactions: consent given
// and chosen badges changed, an award accepted later, a withdrawal, a renewal, a revocation, a suspension and a
// reinstatement (by the awards route and the credentials API), at every employer the person shares with. At
// every step the kept rows are what a full rebuild computes, and analytics show each person exactly what
// sharing.ts shows the employer.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { awardBadge } from '../badges/award.ts';
import { lastClaimToken } from '../badges/award-testing.ts';
import { findVersion } from '../badges/definition-store.ts';
import { aPublishedBadge, aPublishedCourse } from '../badges/testing.ts';
import { aLoggedInUser, type TestSession } from '../identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { type SharedBadgeOfPerson, sharedBadgesInScope } from './analytics-sharing.ts';
import { rebuildVisible } from './analytics-visible.ts';
import { sharedBadges } from './sharing.ts';
import { anEmployee, anEmployerWithManager, type TestEmployer } from './testing.ts';

type Person = TestSession & { email: string };

describe('the awards each employer may see, kept', { timeout: 180_000 }, () => {
  let t: TestApp;
  let issuer: TestIssuer;
  let first: TestEmployer;
  let second: TestEmployer;
  const badges: string[] = [];
  const people: Person[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    issuer = await anIssuerWithOwner(t.app, t.deps);
    const courseId = await aPublishedCourse(t.app, issuer.orgId, issuer.owner);
    for (const name of ['Lifting', 'Forklift', 'First aid'])
      badges.push((await aPublishedBadge(t.app, issuer, { courseIds: [courseId], name })).id);
    first = await anEmployerWithManager(t.app, t.deps);
    second = await anEmployerWithManager(t.app, t.deps);
  }, 240_000);
  afterAll(() => t?.close());

  const api = (method: 'POST' | 'PUT' | 'DELETE', url: string, headers: object, payload?: object) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: headers as Record<string, string>,
      ...(payload ? { payload } : {}),
    });

  /** A person employed (and active) at both employers. */
  async function aPersonAtBoth(): Promise<Person> {
    const who = await aLoggedInUser(t.app, t.deps);
    await anEmployee(t.app, t.deps, first, who);
    await anEmployee(t.app, t.deps, second, who);
    people.push(who);
    return who;
  }

  async function accepted(who: Person, badge: number): Promise<string> {
    const awarded = await api(
      'POST',
      `/orgs/${issuer.orgId}/badges/${badges[badge]}/awards`,
      issuer.owner.headers,
      {
        email: who.email,
      },
    );
    expect(awarded.statusCode, awarded.body).toBe(201);
    const token = await lastClaimToken(t.deps, who.email);
    const accept = await api('POST', `/claims/${token}/accept`, who.headers);
    expect(accept.statusCode, accept.body).toBe(200);
    return awarded.json().id;
  }

  /** A renewal (cycle 2) of an accepted award: it supersedes the first and is the person's at once. */
  async function renewal(who: Person, badge: number): Promise<string> {
    const row = await t.deps.db
      .selectFrom('badges')
      .select('latestVersionId')
      .where('id', '=', badges[badge] ?? '')
      .executeTakeFirstOrThrow();
    const version = await findVersion(t.deps.db, row.latestVersionId ?? '');
    if (!version) throw new Error('no published version');
    const { award } = await t.deps.db
      .transaction()
      .execute((trx) => awardBadge(t.deps, trx, { version, email: who.email, source: 'manual', cycle: 2 }));
    return award.id;
  }

  const consent = async (who: Person, at: TestEmployer, body: object) => {
    const saved = await api('PUT', `/me/employers/${at.orgId}/consent`, who.headers, body);
    expect(saved.statusCode, saved.body).toBe(200);
  };

  const changeAward = async (awardId: string, change: 'revoke' | 'suspend' | 'reinstate') => {
    const changed = await api(
      'POST',
      `/orgs/${issuer.orgId}/awards/${awardId}/${change}`,
      issuer.owner.headers,
      {},
    );
    expect(changed.statusCode, changed.body).toBe(200);
  };

  /** The same change through the credentials API (issuing/), not the award's route. */
  const changeCredential = async (awardId: string, change: 'revoke' | 'suspend' | 'reinstate') => {
    const { credentialId } = await t.deps.db
      .selectFrom('awards')
      .select('credentialId')
      .where('id', '=', awardId)
      .executeTakeFirstOrThrow();
    const changed = await api(
      'POST',
      `/orgs/${issuer.orgId}/credentials/${credentialId}/${change}`,
      issuer.owner.headers,
      {},
    );
    expect(changed.statusCode, changed.body).toBe(200);
  };

  /** The kept rows of a person at an employer: award, superseded or not, the credential's state when not active. */
  const visible = async (who: Person, at: TestEmployer) =>
    (
      await sql<{ awardId: string; superseded: boolean; credentialState: string | null }>`
        select award_id, superseded_at is not null as superseded, credential_state
        from workforce_visible_awards where org_id = ${at.orgId} and user_id = ${who.userId}
        order by award_id`.execute(t.deps.db)
    ).rows;

  const ids = async (who: Person, at: TestEmployer) => (await visible(who, at)).map((r) => r.awardId);
  const sortedIds = (...awardIds: string[]) => [...awardIds].sort();

  const comparable = (list: SharedBadgeOfPerson[]) =>
    list
      .map((b) => ({
        ...b,
        issuedAt: b.issuedAt.toISOString(),
        validUntil: b.validUntil?.toISOString() ?? null,
      }))
      .sort((a, b) => `${a.kind}${a.id}`.localeCompare(`${b.kind}${b.id}`));

  /** What the transactions kept is what a full rebuild computes, and analytics show what sharing.ts shows. */
  async function expectKeptAsComputed() {
    const all = sql<object>`select * from workforce_visible_awards order by org_id, user_id, award_id`;
    const kept = (await all.execute(t.deps.db)).rows;
    await t.deps.db.transaction().execute((trx) => rebuildVisible(trx));
    expect((await all.execute(t.deps.db)).rows).toEqual(kept);
    const now = t.deps.now();
    for (const at of [first, second]) {
      const scoped = await sharedBadgesInScope(t.deps.db, { orgId: at.orgId, teamId: null }, now);
      for (const who of people) {
        const employee = await t.deps.db
          .selectFrom('workforceEmployees')
          .select(['id', 'status'])
          .where('orgId', '=', at.orgId)
          .where('userId', '=', who.userId)
          .executeTakeFirst();
        const one =
          employee?.status === 'active' ? await sharedBadges(t.deps.db, at.orgId, who.userId, now) : [];
        const sharedAwards = one.filter((b) => b.kind === 'award').map(({ skills: _skills, ...b }) => b);
        expect(comparable(scoped.get(employee?.id ?? '') ?? []), who.email).toEqual(comparable(sharedAwards));
      }
    }
  }

  it('follows consent given, chosen badges changed, a later award and a withdrawal', async () => {
    const ada = await aPersonAtBoth();
    const lifting = await accepted(ada, 0);
    const forklift = await accepted(ada, 1);
    expect(await visible(ada, first)).toEqual([]);
    // Everything with the first employer; one chosen badge with the second.
    await consent(ada, first, { share: 'all', includeImports: false });
    expect(await ids(ada, first)).toEqual(sortedIds(lifting, forklift));
    expect(await ids(ada, second)).toEqual([]);
    await consent(ada, second, { share: 'chosen', includeImports: false, awardIds: [lifting] });
    expect(await ids(ada, second)).toEqual([lifting]);
    await expectKeptAsComputed();
    // Another chosen badge instead: the first one is no longer shown there; the first employer sees the same.
    await consent(ada, second, { share: 'chosen', includeImports: false, awardIds: [forklift] });
    expect(await ids(ada, second)).toEqual([forklift]);
    expect(await ids(ada, first)).toEqual(sortedIds(lifting, forklift));
    // An award accepted later: shared at once where she shares everything, not where she chose.
    const firstAid = await accepted(ada, 2);
    expect(await ids(ada, first)).toEqual(sortedIds(lifting, forklift, firstAid));
    expect(await ids(ada, second)).toEqual([forklift]);
    await expectKeptAsComputed();
    // Withdrawn from the first employer: forgotten there at once, kept at the second.
    expect((await api('DELETE', `/me/employers/${first.orgId}`, ada.headers)).statusCode).toBe(204);
    expect(await ids(ada, first)).toEqual([]);
    expect(await ids(ada, second)).toEqual([forklift]);
    await expectKeptAsComputed();
  });

  it('follows an award renewed, suspended, reinstated and revoked at every employer', async () => {
    const ben = await aPersonAtBoth();
    const lifting = await accepted(ben, 0);
    const forklift = await accepted(ben, 1);
    await consent(ben, first, { share: 'all', includeImports: false });
    await consent(ben, second, { share: 'chosen', includeImports: false, awardIds: [lifting, forklift] });
    // Renewed: the renewal replaces the award where he shares everything; the chosen one stays, superseded.
    const renewed = await renewal(ben, 0);
    expect(await ids(ben, first)).toEqual(sortedIds(renewed, forklift));
    expect((await visible(ben, second)).find((r) => r.awardId === lifting)?.superseded).toBe(true);
    await expectKeptAsComputed();
    // Suspended by the awards route, reinstated through the credentials API: shown as suspended, then active.
    await changeAward(forklift, 'suspend');
    for (const at of [first, second])
      expect((await visible(ben, at)).find((r) => r.awardId === forklift)?.credentialState).toBe('suspended');
    await expectKeptAsComputed();
    await changeCredential(forklift, 'reinstate');
    for (const at of [first, second])
      expect((await visible(ben, at)).find((r) => r.awardId === forklift)?.credentialState).toBeNull();
    // Suspended through the credentials API, reinstated by the awards route.
    await changeCredential(forklift, 'suspend');
    expect((await visible(ben, first)).find((r) => r.awardId === forklift)?.credentialState).toBe(
      'suspended',
    );
    await changeAward(forklift, 'reinstate');
    expect((await visible(ben, first)).find((r) => r.awardId === forklift)?.credentialState).toBeNull();
    await expectKeptAsComputed();
    // Revoked (the renewal by its route, the chosen first cycle through the credentials API): gone everywhere.
    await changeAward(renewed, 'revoke');
    expect(await ids(ben, first)).toEqual([forklift]);
    await changeCredential(lifting, 'revoke');
    expect(await ids(ben, second)).toEqual([forklift]);
    await expectKeptAsComputed();
  });
});
