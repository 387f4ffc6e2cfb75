// POST /api/v1/insights/occupations from one award or a whole backpack, over the real HTTP app with the
// shipped sample imported: badges asserting O*NET concepts, awarded by hand and accepted by their learners.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { aPublishedCourse } from '../catalog/testing.ts';
import { aLoggedInUser, type TestSession } from '../identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { aBadgeAsserting, anAcceptedAward, importSample } from './testing.ts';

const PROGRAMMING = { framework: 'onet', code: '2.B.3.e' } as const;
const COMPUTERS = { framework: 'onet', code: '2.C.3.a' } as const;
const ACTIVE_LISTENING = { framework: 'onet', code: '2.A.1.b' } as const;

interface Item {
  framework: string;
  code: string;
  score: number;
  matched: { code: string; label: string; badges?: { awardId: string; name: string }[] }[];
  because: string;
}

describe('related occupations from awards and the backpack', { timeout: 180_000 }, () => {
  let t: TestApp;
  let issuer: TestIssuer;
  let ana: TestSession & { email: string };
  let bo: TestSession & { email: string };
  let anasPayroll: string;
  let anasComputing: string;
  let bosPayroll: string;
  let bosSpreadsheets: string;

  beforeAll(async () => {
    t = await createTestApp();
    await importSample(t);
    issuer = await anIssuerWithOwner(t.app, t.deps, 'Insights Academy');
    const courseId = await aPublishedCourse(t.app, issuer.orgId, issuer.owner);
    ana = await aLoggedInUser(t.app, t.deps, { name: 'Ana Núñez' });
    bo = await aLoggedInUser(t.app, t.deps, { name: 'Bo Other' });
    const payroll = await aBadgeAsserting(t, issuer, courseId, 'Payroll Basics', [
      { name: 'Active listening', concept: ACTIVE_LISTENING, level: 4 },
      { name: 'Programming', concept: PROGRAMMING, level: 6 },
    ]);
    const computing = await aBadgeAsserting(t, issuer, courseId, 'Computing', [
      { name: 'Computers', concept: COMPUTERS, level: 5 },
      { name: 'Programming', concept: PROGRAMMING, level: 3 },
    ]);
    const spreadsheets = await aBadgeAsserting(t, issuer, courseId, 'Spreadsheets', [
      { name: 'Spreadsheets' },
    ]);
    anasPayroll = await anAcceptedAward(t, issuer, payroll, ana);
    anasComputing = await anAcceptedAward(t, issuer, computing, ana, 'public');
    bosPayroll = await anAcceptedAward(t, issuer, payroll, bo);
    bosSpreadsheets = await anAcceptedAward(t, issuer, spreadsheets, bo);
  }, 240_000);
  afterAll(async () => {
    await t?.close();
  });

  const ask = (payload: Record<string, unknown>, who?: TestSession) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/insights/occupations',
      payload,
      ...(who ? { headers: who.headers } : {}),
    });

  it('ranks from the learner’s own private award, naming the badge in each explanation and matched skill', async () => {
    const response = await ask({ awardId: anasPayroll, limit: 5 }, ana);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as { items: Item[]; reason?: string };
    expect(body.reason).toBeUndefined();
    expect(body.items.length).toBeGreaterThan(0);
    const [first] = body.items as [Item];
    expect(first.because).toMatch(/^Because your badge "Payroll Basics" asserts .*at level [46]/);
    for (const m of first.matched)
      expect(m.badges).toEqual([{ awardId: anasPayroll, name: 'Payroll Basics' }]);
  });

  it('scores an award’s skills with its levels exactly as the same skills given as a query', async () => {
    const fromAward = (await ask({ awardId: anasPayroll, limit: 10 }, ana)).json().items as Item[];
    const fromQuery = (
      await ask({
        skills: [
          { ...ACTIVE_LISTENING, level: 4 },
          { ...PROGRAMMING, level: 6 },
        ],
        limit: 10,
      })
    ).json().items as Item[];
    expect(fromAward.map((i) => [i.code, i.score])).toEqual(fromQuery.map((i) => [i.code, i.score]));
  });

  it('ranks from a public award for anyone, and answers 404 for someone else’s private one', async () => {
    expect((await ask({ awardId: anasComputing })).statusCode).toBe(200);
    for (const who of [undefined, ana]) {
      const hidden = await ask({ awardId: bosPayroll }, who);
      expect(hidden.statusCode).toBe(404);
      expect(hidden.headers['content-type']).toContain('application/problem+json');
    }
    expect((await ask({ awardId: '00000000-0000-4000-8000-000000000000' }, ana)).statusCode).toBe(404);
  });

  it('ranks from the whole backpack with the highest level any badge asserts, naming every badge', async () => {
    const response = await ask({ backpack: true, limit: 10 }, ana);
    expect(response.statusCode, response.body).toBe(200);
    const items = response.json().items as Item[];
    const programming = items.flatMap((i) => i.matched).find((m) => m.code === PROGRAMMING.code);
    expect(programming?.badges).toEqual([
      { awardId: anasPayroll, name: 'Payroll Basics' },
      { awardId: anasComputing, name: 'Computing' },
    ]);
    const fromQuery = (
      await ask({
        skills: [
          { ...ACTIVE_LISTENING, level: 4 },
          { ...PROGRAMMING, level: 6 },
          { ...COMPUTERS, level: 5 },
        ],
        limit: 10,
      })
    ).json().items as Item[];
    expect(items.map((i) => [i.code, i.score])).toEqual(fromQuery.map((i) => [i.code, i.score]));
  });

  it('asks an anonymous caller for the backpack to log in', async () => {
    const response = await ask({ backpack: true });
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('says when an award has no skill aligned to a framework, with no items', async () => {
    const response = await ask({ awardId: bosSpreadsheets }, bo);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ items: [], reason: 'no-aligned-skills' });
  });

  it('ranks only the framework asked for: a backpack of O*NET skills has none aligned to ESCO', async () => {
    const esco = await ask({ backpack: true, framework: 'esco' }, ana);
    expect(esco.json()).toEqual({ items: [], reason: 'no-aligned-skills' });
    const onet = (await ask({ backpack: true, framework: 'onet' }, ana)).json().items as Item[];
    expect(onet.length).toBeGreaterThan(0);
    expect(onet.every((i) => i.framework === 'onet')).toBe(true);
  });

  it('takes exactly one of skills, awardId and backpack', async () => {
    for (const payload of [
      {},
      { skills: [PROGRAMMING], backpack: true },
      { skills: [PROGRAMMING], awardId: anasPayroll },
      { awardId: anasPayroll, backpack: true },
      { backpack: false },
    ]) {
      const response = await ask(payload, ana);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    expect((await ask({ awardId: 'not-a-uuid' }, ana)).statusCode).toBe(400);
  });

  it('leaves a revoked badge out of the backpack', async () => {
    const before = (await ask({ backpack: true }, bo)).json();
    expect(before.items.length).toBeGreaterThan(0);
    const revoked = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/awards/${bosPayroll}/revoke`,
      headers: issuer.owner.headers,
      payload: { reason: 'Issued in error' },
    });
    expect(revoked.statusCode, revoked.body).toBe(200);
    // Bo keeps only the Spreadsheets badge, which has no aligned skill.
    expect((await ask({ backpack: true }, bo)).json()).toEqual({ items: [], reason: 'no-aligned-skills' });
  });
});
