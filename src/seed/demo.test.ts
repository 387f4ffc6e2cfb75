import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { importSampleWhereMissing } from '../skills/index.ts';
import { seedDemoDataIfEmpty } from './demo.ts';

describe('demo data', { timeout: 120_000 }, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    // As at start (src/main.ts): the skills sample is loaded before the demo data.
    await importSampleWhereMissing(t.deps.db);
  });
  afterAll(() => t?.close());

  it('seeds the Northwind Academy courses once: two free ones, one with an assessment and one with an essay, and three priced ones', async () => {
    expect(await seedDemoDataIfEmpty(t.deps)).toBe(true);
    expect(await seedDemoDataIfEmpty(t.deps)).toBe(false);
    const catalog = await t.app.inject({
      method: 'GET',
      url: '/api/v1/catalog/courses?issuer=northwind-academy',
    });
    const items = catalog.json().items as Array<{ id: string; title: string }>;
    expect(items.map((c) => c.title).sort()).toEqual([
      'Employment law basics',
      'Onboarding that sticks',
      'Payroll essentials: gross to net',
      'Performance conversations',
      'Structured interviewing',
    ]);
    const free = ['Payroll essentials: gross to net', 'Structured interviewing'].map((title) =>
      items.find((c) => c.title === title),
    ) as Array<{ id: string }>;
    const kinds = await Promise.all(
      free.map(async (c) =>
        (await t.app.inject({ method: 'GET', url: `/api/v1/catalog/courses/${c.id}` }))
          .json()
          .units.map((u: { kind: string; questionCount: number }) => `${u.kind}:${u.questionCount}`),
      ),
    );
    expect(kinds).toEqual([
      ['lesson:0', 'assessment:2'],
      ['lesson:0', 'evidence:0'],
    ]);
  });

  it('has four published badges, one stacked on two others, and a public badge of the demo learner that verifies', async () => {
    const badges = await t.deps.db
      .selectFrom('badges')
      .select(['id', 'name', 'state', 'requirements'])
      .orderBy('createdAt')
      .execute();
    expect(badges.map((b) => `${b.name}:${b.state}`)).toEqual([
      'Payroll Essentials:published',
      'Structured Interviewer:published',
      'People Operations Foundations:published',
      'HR Generalist Starter:published',
    ]);
    expect(badges[2]?.requirements.items.map((r) => r.kind)).toEqual(['badge', 'badge']);
    const award = await t.deps.db
      .selectFrom('awards')
      .selectAll()
      .where('recipientEmail', '=', 'learner@tessera.test')
      .executeTakeFirstOrThrow();
    expect(award).toMatchObject({ state: 'accepted', visibility: 'public' });
    const page = await t.app.inject({ method: 'GET', url: `/badges/${award.id}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Payroll Essentials');
    expect(page.body).toContain('verdict-verified');
  });

  it('names the public badge in the demo credentials, and its URL verifies when pasted on the verify page', async () => {
    const text = readFileSync(join(t.deps.config.dataDir, 'demo-credentials.txt'), 'utf8');
    const badgeUrl = /A public demo badge: (\S+)/.exec(text)?.[1];
    expect(badgeUrl).toMatch(new RegExp(`^${t.deps.config.publicUrl}/badges/[0-9a-f-]{36}$`));
    const verified = await t.app.inject({
      method: 'POST',
      url: '/verify',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ url: badgeUrl ?? '' }).toString(),
    });
    expect(verified.statusCode).toBe(200);
    expect(verified.body).toContain('verdict-verified');
    expect(verified.body).toContain('Payroll Essentials');
  });

  it('opens a storefront: priced courses, a bundle at the default 10 % discount, 20 % VAT and a first-badge fee', async () => {
    const catalog = await t.app.inject({
      method: 'GET',
      url: '/api/v1/catalog/courses?issuer=northwind-academy',
    });
    const prices = (
      catalog.json().items as Array<{ title: string; price: { amountMinor: number } | null }>
    ).map((c) => [c.title, c.price?.amountMinor ?? null]);
    expect(prices).toContainEqual(['Employment law basics', 4500]);
    expect(prices).toContainEqual(['Payroll essentials: gross to net', null]);
    const bundles = await t.app.inject({ method: 'GET', url: '/api/v1/bundles' });
    expect(bundles.statusCode, bundles.body).toBe(200);
    const bundle = (bundles.json().bundles as Array<Record<string, unknown>>).find(
      (b) => b.name === 'HR Generalist Starter',
    );
    expect(bundle).toMatchObject({ currency: 'EUR', listSumMinor: 12000, priceMinor: 10800 });
    const org = await t.deps.db
      .selectFrom('organizations')
      .select(['id', 'issuanceFeeMinor', 'issuanceFeeCurrency'])
      .where('slug', '=', 'northwind-academy')
      .executeTakeFirstOrThrow();
    expect(org).toMatchObject({ issuanceFeeMinor: 1500, issuanceFeeCurrency: 'EUR' });
    const settings = await t.deps.db
      .selectFrom('commerceSettings')
      .selectAll()
      .where('orgId', '=', org.id)
      .executeTakeFirstOrThrow();
    expect(settings).toMatchObject({ taxRateBp: 2000, taxLabel: 'VAT', bundleDiscountBp: 1000 });
  });

  it('aligns the demo badges and courses to O*NET concepts with levels, and the public badge carries them', async () => {
    const badge = await t.deps.db
      .selectFrom('badges')
      .select('skills')
      .where('name', '=', 'Structured Interviewer')
      .executeTakeFirstOrThrow();
    expect(badge.skills.map((s) => [s.name, s.concept?.code, s.level, s.framework])).toEqual([
      ['Active listening', '2.A.1.b', 4, 'O*NET 29.3'],
      ['Social perceptiveness', '2.B.1.a', 4, 'O*NET 29.3'],
    ]);
    const courses = await t.deps.db.selectFrom('courses').select(['title', 'skills']).execute();
    const conceptsOf = (title: string) =>
      courses.find((c) => c.title === title)?.skills.flatMap((s) => (s.concept ? [s.concept.code] : []));
    expect(conceptsOf('Structured interviewing')).toEqual(['2.A.1.b', '2.B.1.a', '2.C.1.f']);
    expect(courses.every((c) => c.skills.some((s) => s.concept && s.level !== undefined))).toBe(true);
    const award = await t.deps.db
      .selectFrom('awards')
      .innerJoin('issuedCredentials as c', 'c.id', 'awards.credentialId')
      .select('c.credential')
      .where('awards.recipientEmail', '=', 'learner@tessera.test')
      .executeTakeFirstOrThrow();
    const alignment = (award.credential as { credentialSubject: { achievement: { alignment: object[] } } })
      .credentialSubject.achievement.alignment;
    expect(alignment).toEqual([
      expect.objectContaining({ targetCode: '2.C.1.c', targetType: 'ceasn:Competency' }),
    ]);
  });
});

describe('demo data on a database without skill frameworks', { timeout: 120_000 }, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it('seeds anyway, keeping the skills as free text with their levels', async () => {
    expect(await seedDemoDataIfEmpty(t.deps)).toBe(true);
    const badge = await t.deps.db
      .selectFrom('badges')
      .select('skills')
      .where('name', '=', 'Structured Interviewer')
      .executeTakeFirstOrThrow();
    expect(badge.skills).toEqual([
      { name: 'Active listening', level: 4 },
      { name: 'Social perceptiveness', level: 4 },
    ]);
  });
});
