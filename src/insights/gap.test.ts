// POST /api/v1/insights/gap over the real HTTP app with the shipped sample imported: the core skills of
// Computer Programmers held and lacking, and the published badges and courses that would close a gap.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { aDraftBadge, aPublishedCourse } from '../badges/testing.ts';
import { aLoggedInUser, type TestSession } from '../identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { aBadgeAsserting, anAcceptedAward, importSample } from './testing.ts';

const PROGRAMMERS = { framework: 'onet', code: '15-1251.00' } as const;
const PROGRAMMING = { framework: 'onet', code: '2.B.3.e' } as const;
const ACTIVE_LISTENING = { framework: 'onet', code: '2.A.1.b' } as const;
const CRITICAL_THINKING = { framework: 'onet', code: '2.A.2.a' } as const;

interface GapItem {
  code: string;
  label: string;
  importance: number | null;
  needed: number | null;
  shown: number | null;
  closers: {
    badges: { id: string; name: string; issuer: string; url: string }[];
    courses: { id: string; title: string; url: string }[];
  };
}
interface Have {
  code: string;
  importance: number | null;
  needed: number | null;
  shown: number | null;
  badges: { awardId: string; name: string }[];
}

describe('POST /api/v1/insights/gap', { timeout: 180_000 }, () => {
  let t: TestApp;
  let issuer: TestIssuer;
  let ana: TestSession & { email: string };
  let closerBadge: string;
  let draftBadge: string;
  let closerCourse: string;
  let anasAward: string;

  beforeAll(async () => {
    t = await createTestApp();
    await importSample(t);
    issuer = await anIssuerWithOwner(t.app, t.deps, 'Gap Academy');
    const courseId = await aPublishedCourse(t.app, issuer.orgId, issuer.owner);
    closerCourse = await aPublishedCourse(t.app, issuer.orgId, issuer.owner, {
      title: 'Reasoning with evidence',
      skills: [{ name: 'Critical thinking', concept: CRITICAL_THINKING, level: 4 }],
    });
    closerBadge = await aBadgeAsserting(t, issuer, courseId, 'Critical Thinking at Work', [
      { name: 'Critical thinking', concept: CRITICAL_THINKING, level: 4 },
    ]);
    draftBadge = (
      await aDraftBadge(t.app, issuer, {
        courseIds: [courseId],
        name: 'Thinking (draft)',
        extra: { skills: [{ name: 'Critical thinking', concept: CRITICAL_THINKING }] },
      })
    ).id;
    ana = await aLoggedInUser(t.app, t.deps, { name: 'Ana Núñez' });
    const programming = await aBadgeAsserting(t, issuer, courseId, 'Programming Basics', [
      { name: 'Programming', concept: PROGRAMMING, level: 6 },
      { name: 'Listening', concept: ACTIVE_LISTENING, level: 2 },
    ]);
    anasAward = await anAcceptedAward(t, issuer, programming, ana);
  }, 240_000);
  afterAll(async () => {
    await t?.close();
  });

  const gap = (payload: Record<string, unknown>, who?: TestSession) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/insights/gap',
      payload,
      ...(who ? { headers: who.headers } : {}),
    });

  it('splits the core skills into held and lacking, each list most important first', async () => {
    const response = await gap({
      occupation: PROGRAMMERS,
      skills: [
        { ...PROGRAMMING, level: 6 },
        { ...ACTIVE_LISTENING, level: 2 },
      ],
    });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as { occupation: unknown; have: Have[]; gaps: GapItem[]; coverage: number };
    expect(body.occupation).toMatchObject({
      ...PROGRAMMERS,
      title: 'Computer Programmers',
      source: 'O*NET 29.3',
    });
    expect(body.have.map((h) => h.code)).toEqual([PROGRAMMING.code]);
    expect(body.have[0]).toMatchObject({ shown: 6, badges: [] });
    expect(body.have[0]!.needed).toBeCloseTo(4.88);
    const importances = body.gaps.map((g) => g.importance ?? 0);
    expect(importances).toEqual([...importances].sort((a, b) => b - a));
    expect(importances.every((i) => i >= 3)).toBe(true);
    expect(body.gaps.map((g) => g.code)).not.toContain(PROGRAMMING.code);
    expect(body.coverage).toBeGreaterThan(0);
    expect(body.coverage).toBeLessThan(1);
  });

  it('counts a skill shown below the level needed as a gap, with the level shown', async () => {
    const body = (await gap({ occupation: PROGRAMMERS, skills: [{ ...ACTIVE_LISTENING, level: 2 }] })).json();
    const listening = (body.gaps as GapItem[]).find((g) => g.code === ACTIVE_LISTENING.code);
    expect(listening).toMatchObject({ label: 'Active Listening', shown: 2, needed: 4 });
    const thinking = (body.gaps as GapItem[]).find((g) => g.code === CRITICAL_THINKING.code);
    expect(thinking?.shown).toBeNull();
    const atLevel = (
      await gap({ occupation: PROGRAMMERS, skills: [{ ...ACTIVE_LISTENING, level: 4 }] })
    ).json();
    expect((atLevel.have as Have[]).map((h) => h.code)).toEqual([ACTIVE_LISTENING.code]);
  });

  it('offers the published badges and courses carrying a missing concept, never a draft badge', async () => {
    const body = (await gap({ occupation: PROGRAMMERS, skills: [PROGRAMMING] })).json();
    const thinking = (body.gaps as GapItem[]).find((g) => g.code === CRITICAL_THINKING.code);
    expect(thinking?.closers.badges).toEqual([
      {
        id: closerBadge,
        name: 'Critical Thinking at Work',
        issuer: 'Gap Academy',
        url: `${t.deps.config.publicUrl}/achievements/${closerBadge}`,
      },
    ]);
    expect(thinking?.closers.badges.map((b) => b.id)).not.toContain(draftBadge);
    expect(thinking?.closers.courses).toEqual([
      { id: closerCourse, title: 'Reasoning with evidence', url: `/catalog/${closerCourse}` },
    ]);
    const listening = (body.gaps as GapItem[]).find((g) => g.code === ACTIVE_LISTENING.code);
    // Ana's badge asserts Active Listening (at level 2): it is published, so it is offered too.
    expect(listening?.closers.badges.map((b) => b.name)).toEqual(['Programming Basics']);
    expect(listening?.closers.courses).toEqual([]);
  });

  it('reads the learner’s backpack: held skills name the badge, a lower level is a gap', async () => {
    const response = await gap({ occupation: PROGRAMMERS, backpack: true }, ana);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as { have: Have[]; gaps: GapItem[] };
    expect(body.have).toEqual([
      expect.objectContaining({
        code: PROGRAMMING.code,
        shown: 6,
        badges: [{ awardId: anasAward, name: 'Programming Basics' }],
      }),
    ]);
    expect(body.gaps.find((g) => g.code === ACTIVE_LISTENING.code)?.shown).toBe(2);
    expect((await gap({ occupation: PROGRAMMERS, backpack: true })).statusCode).toBe(401);
  });

  it('refuses an unknown occupation naming it, and input that is not exactly one of the three', async () => {
    const unknown = await gap({
      occupation: { framework: 'onet', code: '99-9999.99' },
      skills: [PROGRAMMING],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect(unknown.body).toContain('99-9999.99');
    const unknownSkill = await gap({
      occupation: PROGRAMMERS,
      skills: [{ framework: 'onet', code: '9.Z.9' }],
    });
    expect(unknownSkill.statusCode).toBe(400);
    expect(unknownSkill.body).toContain('9.Z.9');
    for (const payload of [
      { occupation: PROGRAMMERS },
      { occupation: PROGRAMMERS, skills: [PROGRAMMING], backpack: true },
      { skills: [PROGRAMMING] },
      { occupation: { framework: 'isco', code: '2512' }, skills: [PROGRAMMING] },
    ])
      expect((await gap(payload, ana)).statusCode, JSON.stringify(payload)).toBe(400);
  });
});
