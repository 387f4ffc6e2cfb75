// GET /api/v1/skills/search over the real server, with the shipped sample imported by the importers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { importEsco, importOnet } from './index.ts';
import { sampleDirectory } from './sample.ts';

interface Item {
  framework: string;
  code: string;
  uri?: string;
  label: string;
  kind: string;
  description: string;
  score: number;
  matched: string[];
}

describe('GET /api/v1/skills/search', { timeout: 120_000 }, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    // Start from O*NET alone, whatever a fresh start loaded: ESCO comes in a later test.
    await t.deps.db.deleteFrom('skillConcepts').execute();
    await t.deps.db.deleteFrom('skillFrameworks').execute();
    await importOnet(t.deps.db, sampleDirectory('onet'));
  });
  afterAll(async () => {
    await t?.close();
  });

  const search = (query: Record<string, string>) =>
    t.app.inject({ method: 'GET', url: '/api/v1/skills/search', query });
  const items = async (query: Record<string, string>): Promise<Item[]> => {
    const response = await search(query);
    expect(response.statusCode).toBe(200);
    return response.json().items;
  };

  it('finds a known O*NET skill first by its label, for anyone, with what matched', async () => {
    const [first] = await items({ q: 'active listening' });
    expect(first).toMatchObject({
      framework: 'onet',
      code: '2.A.1.b',
      label: 'Active Listening',
      kind: 'skill',
      matched: ['active', 'listening'],
    });
    expect(first?.description).toMatch(/full attention/);
    expect(first).not.toHaveProperty('uri');
  });

  it('picks up a new import on the next query: an ESCO skill by an alternative label', async () => {
    expect(await items({ q: 'give impetus', framework: 'esco' })).toEqual([]);
    await importEsco(t.deps.db, sampleDirectory('esco'), { version: '1.1.1' });
    const [first] = await items({ q: 'give impetus', framework: 'esco' });
    expect(first).toMatchObject({
      framework: 'esco',
      label: 'show initiative',
      uri: 'http://data.europa.eu/esco/skill/001115fb-569f-4ee6-8381-c6807ef2527f',
      matched: ['give', 'impetus'],
    });
  });

  it('ranks label matches above description matches and keeps the same order on every call', async () => {
    const query = { q: 'human', framework: 'onet', limit: '50' };
    const hits = await items(query);
    expect(hits.length).toBeGreaterThan(2);
    expect(hits[0]?.label).toBe('Personnel and Human Resources');
    expect(hits[0]?.score).toBeGreaterThan(hits[1]?.score ?? Number.POSITIVE_INFINITY);
    const scores = hits.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(await items(query)).toEqual(hits);
    const knowledge = await items({ q: 'mathematics', kind: 'knowledge', limit: '3' });
    expect(knowledge[0]?.label).toBe('Mathematics');
    expect(knowledge.every((h) => h.kind === 'knowledge')).toBe(true);
  });

  it('refuses an empty or overlong phrase, a limit outside 1..50 and an unknown framework', async () => {
    const refused: Record<string, string>[] = [
      { q: '' },
      { q: '   ' },
      { q: '?!' },
      { q: 'x'.repeat(201) },
      { q: 'listening', limit: '0' },
      { q: 'listening', limit: '51' },
      { q: 'listening', limit: 'many' },
      { q: 'listening', framework: 'isco' },
      { q: 'listening', kind: 'attitude' },
    ];
    for (const query of refused) {
      const response = await search(query);
      expect(response.statusCode, JSON.stringify(query)).toBe(400);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    expect((await search({ q: '' })).json().errors).toEqual([
      {
        path: 'querystring.q',
        message: 'q must not be empty',
        code: 'too_small',
        params: { origin: 'string', minimum: 1 },
      },
    ]);
    const missing = await t.app.inject({ method: 'GET', url: '/api/v1/skills/search' });
    expect(missing.statusCode).toBe(400);
  });

  it('is described in the OpenAPI document with an example', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const operation = spec.paths['/api/v1/skills/search'].get;
    expect(operation.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['q', 'framework', 'kind', 'limit']),
    );
    expect(JSON.stringify(operation.responses['200'])).toContain('Active Listening');
  });
});
