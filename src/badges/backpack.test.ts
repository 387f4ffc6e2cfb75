import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { aPublishedCourse } from '../catalog/testing.ts';
import { aLoggedInUser, logInAs, type TestSession } from '../identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { importOnet } from '../skills/index.ts';
import { awardBadge } from './award.ts';
import { findVersion } from './definition-store.ts';
import { aPublishedBadge } from './testing.ts';

const DAY = 86_400_000;

describe('the learner’s backpack', () => {
  let t: TestApp;
  let clock = new Date('2030-03-01T09:00:00Z');
  let issuer: TestIssuer;
  let courseId: string;
  let learner: TestSession & { email: string };
  let other: TestSession & { email: string };

  beforeAll(async () => {
    t = await createTestApp({ now: () => clock });
    issuer = await anIssuerWithOwner(t.app, t.deps, 'Backpack Academy');
    courseId = await aPublishedCourse(t.app, issuer.orgId, issuer.owner);
    learner = await aLoggedInUser(t.app, t.deps, { name: 'Ana Núñez' });
    other = await aLoggedInUser(t.app, t.deps, { name: 'Bo Other' });
  });
  afterAll(() => t?.close());

  const aBadge = async (validityDays: number | null = 1095, name?: string) => {
    const badge = await aPublishedBadge(t.app, issuer, { courseIds: [courseId], validityDays, name });
    const version = await findVersion(t.deps.db, badge.latestVersion.id);
    if (!version) throw new Error('published badge has no version');
    return version;
  };
  const award = async (validityDays: number | null, email: string, userId: string | null) => {
    const version = await aBadge(validityDays);
    const { award } = await t.deps.db
      .transaction()
      .execute((trx) => awardBadge(t.deps, trx, { version, email, userId, source: 'manual' }));
    return award;
  };
  const setState = (awardId: string, state: 'accepted' | 'declined') =>
    t.deps.db.updateTable('awards').set({ state, decidedAt: clock }).where('id', '=', awardId).execute();
  const backpack = async (as: TestSession = learner) => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/me/badges', headers: as.headers });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().items as Array<Record<string, unknown> & { awardId: string }>;
  };
  const detail = (awardId: string, as: TestSession = learner) =>
    t.app.inject({ method: 'GET', url: `/api/v1/me/badges/${awardId}`, headers: as.headers });

  it('shows an accepted badge with its issuer, dates and credential state', async () => {
    const accepted = await award(1095, learner.email, learner.userId);
    await setState(accepted.id, 'accepted');
    const item = (await backpack()).find((i) => i.awardId === accepted.id);
    expect(item).toMatchObject({
      state: 'accepted',
      badge: { issuer: { name: 'Backpack Academy', slug: issuer.slug } },
      issuedAt: clock.toISOString(),
      validUntil: '2033-03-01T09:00:00.000Z', // 3 years: calendar years, not 1,095 days
      expired: false,
      credentialState: 'active',
      superseded: false,
      visibility: 'private',
      credentialId: accepted.credentialId,
      claimable: false,
    });
    expect(item?.badge).toMatchObject({
      imageUrl: expect.stringMatching(/\/achievements\/[0-9a-f-]+\/versions\/1\/image$/),
    });
  });

  it('shows a badge offered to my verified address, not yet linked to my account, as claimable', async () => {
    const offered = await award(1095, learner.email, null);
    const item = (await backpack()).find((i) => i.awardId === offered.id);
    expect(item).toMatchObject({ state: 'offered', claimable: true });
    expect((await detail(offered.id)).statusCode).toBe(200);
  });

  it('leaves out declined badges', async () => {
    const declined = await award(1095, learner.email, learner.userId);
    await setState(declined.id, 'declined');
    expect((await backpack()).map((i) => i.awardId)).not.toContain(declined.id);
  });

  it('answers 404 for a badge of someone else, by account or by address', async () => {
    const byAccount = await award(1095, other.email, other.userId);
    const byAddress = await award(1095, other.email, null);
    for (const id of [byAccount.id, byAddress.id]) {
      const response = await detail(id);
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    expect((await backpack()).map((i) => i.awardId)).not.toContain(byAccount.id);
    expect((await backpack(other)).map((i) => i.awardId)).toEqual(
      expect.arrayContaining([byAccount.id, byAddress.id]),
    );
  });

  it('gives the signed credential in the detail', async () => {
    const mine = await award(1095, learner.email, learner.userId);
    const response = await detail(mine.id);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({
      awardId: mine.id,
      recipientEmail: learner.email,
      source: 'manual',
      cycle: 1,
    });
    expect(body.credential.type).toContain('OpenBadgeCredential');
    expect(body.credential.proof).toBeDefined();
  });

  it('gives the skills of the badge version an award was earned under, aligned ones with concept and level', async () => {
    // Aligned skills name concepts that must have been imported: the shipped O*NET sample has Active Listening.
    await importOnet(t.deps.db, join(resolve(import.meta.dirname, '../../vendor/skills-sample'), 'onet'));
    const skills = [
      { name: 'Listening to clients', concept: { framework: 'onet', code: '2.A.1.b' }, level: 4 },
      { name: 'Payroll administration', framework: 'ESCO', url: 'https://esco.ec.europa.eu/en/skill' },
    ];
    const badge = await aPublishedBadge(t.app, issuer, { courseIds: [courseId], extra: { skills } });
    const version = await findVersion(t.deps.db, badge.latestVersion.id);
    if (!version) throw new Error('published badge has no version');
    const { award: mine } = await t.deps.db
      .transaction()
      .execute((trx) =>
        awardBadge(t.deps, trx, { version, email: learner.email, userId: learner.userId, source: 'manual' }),
      );
    // A later version with other skills does not change what this award's badge asserted.
    const edited = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/orgs/${issuer.orgId}/badges/${badge.id}`,
      headers: issuer.owner.headers,
      payload: { skills: [{ name: 'Something else' }] },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const republished = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/badges/${badge.id}/publish`,
      headers: issuer.owner.headers,
    });
    expect(republished.statusCode, republished.body).toBe(200);

    const response = await detail(mine.id);
    expect(response.statusCode, response.body).toBe(200);
    const listed = response.json().badge.skills;
    expect(listed).toEqual([
      expect.objectContaining({
        name: 'Listening to clients',
        concept: { framework: 'onet', code: '2.A.1.b' },
        level: 4,
      }),
      { name: 'Payroll administration', framework: 'ESCO', url: 'https://esco.ec.europa.eu/en/skill' },
    ]);
    expect(listed[0]).not.toHaveProperty('concept.label');
    // The backpack list carries them too, so a page can sum up every badge's skills in one request.
    const item = (await backpack()).find((i) => i.awardId === mine.id);
    expect(item?.badge).toMatchObject({ skills: listed });
  }, 60_000);

  it('gives an empty skill list for a badge without skills', async () => {
    const mine = await award(1095, learner.email, learner.userId);
    expect((await detail(mine.id)).json().badge.skills).toEqual([]);
  });

  it('marks a badge expired once the clock passes its validity', async () => {
    const short = await award(10, learner.email, learner.userId);
    const before = (await backpack()).find((i) => i.awardId === short.id);
    expect(before?.expired).toBe(false);
    const saved = clock;
    clock = new Date(saved.getTime() + 11 * DAY);
    try {
      // Sessions age with the clock too: log in again on the later day.
      const later = await logInAs(t.app, learner.email);
      expect((await backpack(later)).find((i) => i.awardId === short.id)?.expired).toBe(true);
      expect((await detail(short.id, later)).json().expired).toBe(true);
    } finally {
      clock = saved;
    }
  });

  it('never expires a badge without a validity period', async () => {
    const forever = await award(null, learner.email, learner.userId);
    clock = new Date(clock.getTime() + 5000 * DAY);
    const later = await logInAs(t.app, learner.email);
    const item = (await backpack(later)).find((i) => i.awardId === forever.id);
    expect(item).toMatchObject({ validUntil: null, expired: false });
  });

  it('asks for a login', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/me/badges' });
    expect(response.statusCode).toBe(401);
  });
});
