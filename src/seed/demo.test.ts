import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { seedDemoDataIfEmpty } from './demo.ts';

describe('demo data', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it('seeds two published Northwind Academy courses once, one with an assessment and one with an essay', async () => {
    expect(await seedDemoDataIfEmpty(t.deps)).toBe(true);
    expect(await seedDemoDataIfEmpty(t.deps)).toBe(false);
    const catalog = await t.app.inject({
      method: 'GET',
      url: '/api/v1/catalog/courses?issuer=northwind-academy',
    });
    const items = catalog.json().items as Array<{ id: string; title: string }>;
    expect(items.map((c) => c.title)).toEqual([
      'Payroll essentials: gross to net',
      'Structured interviewing',
    ]);
    const kinds = await Promise.all(
      items.map(async (c) =>
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

  it('has three published badges, one stacked on the other two, and a public badge of the demo learner that verifies', async () => {
    const badges = await t.deps.db
      .selectFrom('badges')
      .select(['id', 'name', 'state', 'requirements'])
      .orderBy('createdAt')
      .execute();
    expect(badges.map((b) => `${b.name}:${b.state}`)).toEqual([
      'Payroll Essentials:published',
      'Structured Interviewer:published',
      'People Operations Foundations:published',
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
});
