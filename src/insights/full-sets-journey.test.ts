// The skills journey over the full O*NET and ESCO sets, imported into the test database (PGlite, or PostgreSQL
// with DATABASE_URL) through the real importers and the real HTTP app: an issuer aligns a badge's skills with
// concepts found by searching, the learner's credential carries the alignments (and passes the OB 3.0 schemas),
// the award leads to related occupations, and a title leads to a target occupation and its gap. The sets are not
// in the repository: this runs only when TESSERA_SKILLS_DATA_DIR names a folder holding onet/ and esco/ (the ESCO
// release: TESSERA_ESCO_VERSION, default 1.1.1). The same journey over the shipped sample is proven by the tests
// beside each step (src/insights/*.test.ts, test/e2e/skill-alignment.test.ts, test/e2e/insights-pages.test.ts).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { aPublishedCourse } from '../catalog/testing.ts';
import { OB_SCHEMAS, validateAgainstSchema, validateOpenBadgeCredential } from '../credentials/index.ts';
import { aLoggedInUser, type TestSession } from '../identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { importEsco, importOnet } from '../skills/index.ts';
import { aBadgeAsserting, anAcceptedAward } from './testing.ts';

const dataDir = process.env.TESSERA_SKILLS_DATA_DIR;
const escoVersion = process.env.TESSERA_ESCO_VERSION ?? '1.1.1';

interface SearchItem {
  framework: 'onet' | 'esco';
  code: string;
  label: string;
}

describe.runIf(dataDir)('the skills journey over the full O*NET and ESCO sets', { timeout: 900_000 }, () => {
  let t: TestApp;
  let issuer: TestIssuer;
  let learner: TestSession & { email: string };

  beforeAll(async () => {
    t = await createTestApp();
    await importOnet(t.deps.db, join(dataDir!, 'onet'));
    await importEsco(t.deps.db, join(dataDir!, 'esco'), { version: escoVersion });
    issuer = await anIssuerWithOwner(t.app, t.deps, 'Full Sets Academy');
    learner = await aLoggedInUser(t.app, t.deps, { name: 'Ana Full' });
  }, 900_000);
  afterAll(async () => {
    await t?.close();
  });

  const searchFirst = async (q: string, framework: 'onet' | 'esco'): Promise<SearchItem> => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/v1/skills/search',
      query: { q, framework, limit: '5' },
    });
    expect(response.statusCode, response.body).toBe(200);
    const [first] = response.json().items as SearchItem[];
    expect(first, `a ${framework} concept for "${q}"`).toBeDefined();
    return first!;
  };

  it('aligns a badge by searching, issues a credential carrying the alignments, and leads from it to related jobs and a gap', async () => {
    // The issuer searches and picks what comes first.
    const listening = await searchFirst('active listening', 'onet');
    const bookkeeping = await searchFirst('mathematics', 'onet');
    const accounting = await searchFirst('accounting', 'esco');
    expect(listening.label).toBe('Active Listening');
    const courseId = await aPublishedCourse(t.app, issuer.orgId, issuer.owner);
    const badgeId = await aBadgeAsserting(t, issuer, courseId, 'Payroll Practice', [
      { name: listening.label, concept: { framework: 'onet', code: listening.code }, level: 4 },
      { name: bookkeeping.label, concept: { framework: 'onet', code: bookkeeping.code }, level: 5 },
      { name: accounting.label, concept: { framework: 'esco', code: accounting.code } },
    ]);
    const awardId = await anAcceptedAward(t, issuer, badgeId, learner);

    // The credential the learner holds names the concepts, and still passes both OB 3.0 schemas.
    const mine = await t.app.inject({
      method: 'GET',
      url: `/api/v1/me/badges/${awardId}`,
      headers: learner.headers,
    });
    expect(mine.statusCode, mine.body).toBe(200);
    const credential = mine.json().credential as {
      credentialSubject: { achievement: { alignment?: Record<string, string>[] } };
    };
    const alignment = credential.credentialSubject.achievement.alignment ?? [];
    expect(alignment.map((a) => a.targetCode).sort()).toEqual(
      [listening.code, bookkeeping.code, accounting.code].sort(),
    );
    for (const a of alignment) {
      expect(a.targetFramework).toMatch(/^(O\*NET 29\.3|ESCO \d)/);
      expect(a.targetUrl).toMatch(/^https?:\/\//);
      expect(a.targetType).toBe('ceasn:Competency');
    }
    expect(validateOpenBadgeCredential(credential)).toEqual({ valid: true, errors: [] });
    expect(
      validateAgainstSchema(OB_SCHEMAS.getOpenBadgeCredentialsResponse, { credential: [credential] }),
    ).toEqual({ valid: true, errors: [] });

    // Related jobs from the award, each explaining itself by the badge.
    const related = await t.app.inject({
      method: 'POST',
      url: '/api/v1/insights/occupations',
      headers: learner.headers,
      payload: { awardId, framework: 'onet', limit: 5 },
    });
    expect(related.statusCode, related.body).toBe(200);
    const items = related.json().items as { title: string; because: string; source: string }[];
    expect(items).toHaveLength(5);
    for (const item of items) {
      expect(item.because).toContain('"Payroll Practice"');
      expect(item.source).toBe('O*NET 29.3');
    }

    // A title leads to an occupation; set as the target, its gap lists the core skills by importance.
    const titles = await t.app.inject({
      method: 'GET',
      url: '/api/v1/insights/occupations/search',
      query: { q: 'payroll clerk', framework: 'onet', limit: '3' },
    });
    expect(titles.statusCode, titles.body).toBe(200);
    const [target] = titles.json().items as { framework: string; code: string; title: string }[];
    expect(target?.code).toBe('43-3051.00'); // Payroll and Timekeeping Clerks
    const set = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/me/target-occupation',
      headers: learner.headers,
      payload: { framework: 'onet', code: target!.code },
    });
    expect(set.statusCode, set.body).toBe(200);
    const gap = await t.app.inject({
      method: 'POST',
      url: '/api/v1/insights/gap',
      headers: learner.headers,
      payload: { occupation: { framework: 'onet', code: target!.code }, backpack: true },
    });
    expect(gap.statusCode, gap.body).toBe(200);
    type Held = { code: string; needed: number | null; shown: number | null };
    const body = gap.json() as {
      have: Held[];
      gaps: (Held & { importance: number })[];
      coverage: number;
    };
    expect(body.gaps.length).toBeGreaterThan(0);
    const importances = body.gaps.map((g) => g.importance);
    expect(importances).toEqual([...importances].sort((a, b) => b - a));
    // What the badge asserts counts: held at the level needed, or a gap that says the level shown.
    const asserted = new Set([listening.code, bookkeeping.code]);
    for (const h of body.have.filter((s) => asserted.has(s.code)))
      expect(h.shown ?? 0).toBeGreaterThanOrEqual(h.needed ?? 0);
    for (const g of body.gaps.filter((s) => asserted.has(s.code))) {
      expect(g.shown).not.toBeNull();
      expect(g.shown!).toBeLessThan(g.needed!);
    }
    expect(body.coverage).toBeGreaterThanOrEqual(0);
    expect(body.coverage).toBeLessThanOrEqual(1);
    expect([...body.have, ...body.gaps].some((s) => asserted.has(s.code))).toBe(true);
  });
});

describe.skipIf(dataDir)('the skills journey over the full O*NET and ESCO sets', () => {
  it.skip('runs only when TESSERA_SKILLS_DATA_DIR names a folder holding onet/ and esco/', () => {});
});
