// POST /api/v1/insights/occupations over the real HTTP app with the shipped sample imported.
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { importEsco, importOnet } from '../skills/index.ts';

const sample = resolve(import.meta.dirname, '../../vendor/skills-sample');
const PROGRAMMERS = '15-1251.00';
const PROGRAMMING = '2.B.3.e';
const COMPUTERS = '2.C.3.a';
const ACTIVE_LISTENING = '2.A.1.b';

interface Item {
  framework: string;
  code: string;
  title: string;
  score: number;
  matched: { code: string; label: string; importance: number | null; level: number | null }[];
  missing: { code: string; label: string; importance: number | null }[];
  titles: { alternate: string[]; reported: string[] };
  jobZone: number | null;
  technologies: { name: string; hot: boolean; inDemand: boolean }[];
  source: string;
  because: string;
}

describe('POST /api/v1/insights/occupations', { timeout: 120_000 }, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await importOnet(t.deps.db, join(sample, 'onet'));
    await importEsco(t.deps.db, join(sample, 'esco'), { version: '1.1.1' });
  });
  afterAll(async () => {
    await t?.close();
  });

  const ask = (payload: unknown) =>
    t.app.inject({ method: 'POST', url: '/api/v1/insights/occupations', payload: payload as object });

  it('ranks programmers first for programming skills, to anyone, with matched and missing skills, titles and technologies', async () => {
    const response = await ask({
      skills: [
        { framework: 'onet', code: PROGRAMMING, level: 6 },
        { framework: 'onet', code: COMPUTERS },
        { framework: 'onet', code: ACTIVE_LISTENING },
      ],
      limit: 3,
    });
    expect(response.statusCode).toBe(200);
    const items = response.json().items as Item[];
    expect(items).toHaveLength(3);
    const [first] = items as [Item];
    expect(first).toMatchObject({ framework: 'onet', code: PROGRAMMERS, title: 'Computer Programmers' });
    expect(first.source).toBe('O*NET 29.3');
    expect(first.jobZone).toBeGreaterThanOrEqual(1);
    expect(items.map((i) => i.score)).toEqual([...items.map((i) => i.score)].sort((a, b) => b - a));
    expect(first.matched[0]).toMatchObject({ code: PROGRAMMING, label: 'Programming' });
    expect(first.matched[0]!.importance).toBeGreaterThan(3);
    expect(first.matched[0]!.level).toBeGreaterThan(3);
    expect(first.missing.length).toBeGreaterThan(0);
    expect(first.missing.map((m) => m.code)).not.toContain(PROGRAMMING);
    expect(first.because).toMatch(/^Because your skills include Programming at level 6/);
    expect(first.titles.alternate.length).toBeGreaterThan(0);
    expect(first.titles.reported.length).toBeGreaterThan(0);
    const flagged = first.technologies.map((x) => x.hot || x.inDemand);
    expect(flagged[0]).toBe(true);
    expect(flagged).toEqual([...flagged].sort((a, b) => Number(b) - Number(a)));
  });

  it('ranks ESCO occupations from ESCO skills and names ESCO as the source', async () => {
    const relation = await t.deps.db
      .selectFrom('skillOccupationConcepts')
      .select(['occupationCode'])
      .where('framework', '=', 'esco')
      .where('relation', '=', 'essential')
      .groupBy('occupationCode')
      .having((eb) => eb.fn.countAll(), '>=', 5)
      .orderBy('occupationCode')
      .executeTakeFirstOrThrow();
    const skills = await t.deps.db
      .selectFrom('skillOccupationConcepts')
      .select('conceptCode')
      .where('framework', '=', 'esco')
      .where('occupationCode', '=', relation.occupationCode)
      .where('relation', '=', 'essential')
      .execute();
    const response = await ask({ skills: skills.map((s) => ({ framework: 'esco', code: s.conceptCode })) });
    expect(response.statusCode).toBe(200);
    const [first] = response.json().items as Item[];
    expect(first).toMatchObject({ framework: 'esco', code: relation.occupationCode, source: 'ESCO 1.1.1' });
    expect(first!.matched.length).toBe(skills.length);
    expect(first!.missing).toEqual([]);
  });

  it('refuses unknown concepts with a problem naming each of them', async () => {
    const response = await ask({
      skills: [
        { framework: 'onet', code: PROGRAMMING },
        { framework: 'onet', code: '9.Z.9' },
        { framework: 'esco', code: 'http://data.europa.eu/esco/skill/nope' },
      ],
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    const body = response.json();
    expect(body.detail).toContain('onet 9.Z.9');
    expect(body.detail).toContain('esco http://data.europa.eu/esco/skill/nope');
    expect(body.errors ?? body.fields ?? body.invalidParams).toBeDefined();
  });

  it.each([
    ['no skills', { skills: [] }],
    ['no body', undefined],
    ['a limit of 0', { skills: [{ framework: 'onet', code: PROGRAMMING }], limit: 0 }],
    ['a limit of 10000', { skills: [{ framework: 'onet', code: PROGRAMMING }], limit: 10_000 }],
    ['51 skills', { skills: Array.from({ length: 51 }, () => ({ framework: 'onet', code: PROGRAMMING })) }],
    ['a level of 9', { skills: [{ framework: 'onet', code: PROGRAMMING, level: 9 }] }],
    ['an unknown framework', { skills: [{ framework: 'isco', code: PROGRAMMING }] }],
    ['an empty code', { skills: [{ framework: 'onet', code: '  ' }] }],
  ])('refuses a request with %s with a 400 problem', async (_label, payload) => {
    const response = await ask(payload);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body).not.toMatch(/at \w+ \(|node_modules/);
  });

  it('is described in the OpenAPI document with an example, open to anyone', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const operation = spec.paths['/api/v1/insights/occupations'].post;
    expect(operation.security).toContainEqual({});
    expect(operation.security).toContainEqual({ bearer: ['read'] });
    const schema = operation.requestBody.content['application/json'].schema;
    expect(JSON.stringify(schema)).toContain(PROGRAMMING);
    expect(JSON.stringify(operation.responses['200'])).toContain('Computer Programmers');
  });
});
