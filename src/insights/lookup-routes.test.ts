// Occupations by title and by code, and the learner's target occupation, over the real HTTP app with the
// shipped sample imported.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { aLoggedInUser, type TestSession } from '../identity/testing.ts';
import { importSample } from './testing.ts';

const ESCO_FOOD_SAFETY = 'http://data.europa.eu/esco/occupation/00ab5610-e715-428f-99f6-b1e5e469dbcd';

interface Hit {
  framework: string;
  code: string;
  title: string;
  matchedTitle: string;
  jobZone: number | null;
  source: string;
}

describe('occupations by title and code, and the target occupation', { timeout: 180_000 }, () => {
  let t: TestApp;
  let ana: TestSession & { email: string };
  let bo: TestSession & { email: string };

  beforeAll(async () => {
    t = await createTestApp();
    await importSample(t);
    ana = await aLoggedInUser(t.app, t.deps);
    bo = await aLoggedInUser(t.app, t.deps);
  }, 240_000);
  afterAll(async () => {
    await t?.close();
  });

  const get = (url: string, who?: TestSession) =>
    t.app.inject({ method: 'GET', url, ...(who ? { headers: who.headers } : {}) });
  const search = (query: string) => get(`/api/v1/insights/occupations/search?${query}`);

  it('finds an occupation by one of its alternate titles and says which title matched', async () => {
    const response = await search('q=cash%20application%20clerk');
    expect(response.statusCode, response.body).toBe(200);
    const [first] = response.json().items as Hit[];
    expect(first).toEqual({
      framework: 'onet',
      code: '43-4061.00',
      title: 'Eligibility Interviewers, Government Programs',
      matchedTitle: 'Cash Application Clerk',
      jobZone: expect.any(Number),
      source: 'O*NET 29.3',
    });
  });

  it('finds an occupation by its own title, once, and keeps to the framework asked for', async () => {
    const items = (await search('q=computer%20programmers&limit=5')).json().items as Hit[];
    expect(items[0]).toMatchObject({ code: '15-1251.00', matchedTitle: 'Computer Programmers' });
    expect(new Set(items.map((i) => `${i.framework} ${i.code}`)).size).toBe(items.length);
    const esco = (await search('q=food%20safety&framework=esco')).json().items as Hit[];
    expect(esco.length).toBeGreaterThan(0);
    expect(esco.every((i) => i.framework === 'esco' && i.source === 'ESCO 1.1.1')).toBe(true);
    expect(esco[0]?.code).toBe(ESCO_FOOD_SAFETY);
  });

  it('refuses an empty or overlong query and a limit outside 1–50', async () => {
    for (const query of [
      'q=',
      'q=%20%20',
      `q=${'a'.repeat(201)}`,
      'q=clerk&limit=0',
      'q=clerk&limit=51',
      'q=clerk&framework=isco',
    ]) {
      const response = await search(query);
      expect(response.statusCode, query).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('describes one occupation: core skills most important first, titles, technologies, source', async () => {
    const response = await get('/api/v1/insights/occupations/onet/15-1251.00');
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({
      framework: 'onet',
      code: '15-1251.00',
      title: 'Computer Programmers',
      source: 'O*NET 29.3',
    });
    expect(body.description.length).toBeGreaterThan(20);
    const importances = (body.skills as { importance: number }[]).map((s) => s.importance);
    expect(importances.length).toBeGreaterThan(5);
    expect(importances).toEqual([...importances].sort((a, b) => b - a));
    expect(importances.every((i) => i >= 3)).toBe(true);
    expect(body.skills).toContainEqual(
      expect.objectContaining({ code: '2.B.3.e', label: 'Programming', kind: 'skill', importance: 4.75 }),
    );
    expect(body.skills).toContainEqual(
      expect.objectContaining({ label: 'Computers and Electronics', kind: 'knowledge' }),
    );
    expect(body.titles.alternate.length).toBeGreaterThan(0);
    expect(body.titles.alternate.length).toBeLessThanOrEqual(20);
    expect(body.technologies.length).toBeLessThanOrEqual(20);
    const flags = (body.technologies as { hot: boolean; inDemand: boolean }[]).map(
      (x) => (x.inDemand ? 2 : 0) + (x.hot ? 1 : 0),
    );
    expect(flags).toEqual([...flags].sort((a, b) => b - a));
  });

  it('describes an ESCO occupation by its URI, with its essential skills only', async () => {
    const response = await get(`/api/v1/insights/occupations/esco/${encodeURIComponent(ESCO_FOOD_SAFETY)}`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({
      framework: 'esco',
      code: ESCO_FOOD_SAFETY,
      title: 'food safety specialist',
    });
    expect(body.skills.length).toBeGreaterThan(0);
    expect(body.skills.every((s: { relation: string }) => s.relation === 'essential')).toBe(true);
  });

  it('answers 404 for an occupation that is not imported', async () => {
    for (const url of [
      '/api/v1/insights/occupations/onet/99-9999.99',
      '/api/v1/insights/occupations/esco/nope',
    ]) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    expect((await get('/api/v1/insights/occupations/isco/2512')).statusCode).toBe(400);
  });

  it('keeps each learner’s target occupation to themselves: set, read, cleared', async () => {
    const target = '/api/v1/me/target-occupation';
    const put = (payload: Record<string, unknown>, who: TestSession) =>
      t.app.inject({ method: 'PUT', url: target, headers: who.headers, payload });
    const remove = (who: TestSession) =>
      t.app.inject({ method: 'DELETE', url: target, headers: who.headers });

    expect((await get(target)).statusCode).toBe(401);
    expect((await get(target, ana)).statusCode).toBe(404);
    const unknown = await put({ framework: 'onet', code: '99-9999.99' }, ana);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors ?? unknown.json().fields ?? unknown.body).toBeTruthy();
    expect(unknown.body).toContain('code');

    const set = await put({ framework: 'onet', code: '15-1251.00' }, ana);
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({
      framework: 'onet',
      code: '15-1251.00',
      title: 'Computer Programmers',
      source: 'O*NET 29.3',
    });
    expect((await get(target, ana)).json()).toMatchObject({
      code: '15-1251.00',
      title: 'Computer Programmers',
    });

    expect((await get(target, bo)).statusCode).toBe(404);
    expect((await remove(bo)).statusCode).toBe(204);
    expect((await get(target, ana)).statusCode).toBe(200);

    expect((await put({ framework: 'esco', code: ESCO_FOOD_SAFETY }, ana)).statusCode).toBe(200);
    expect((await get(target, ana)).json()).toMatchObject({
      framework: 'esco',
      title: 'food safety specialist',
    });
    expect((await remove(ana)).statusCode).toBe(204);
    expect((await get(target, ana)).statusCode).toBe(404);
  });

  it('lets an API token read the target with read, and change it only with learning:write', async () => {
    const token = async (scopes: string[]) => {
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/v1/me/tokens',
        headers: ana.headers,
        payload: { name: `insights ${scopes.join(' ')}`, scopes },
      });
      expect(created.statusCode, created.body).toBe(201);
      return { authorization: `Bearer ${created.json().token}` };
    };
    const reader = await token(['read']);
    const learner = await token(['read', 'learning:write']);
    const target = '/api/v1/me/target-occupation';
    const payload = { framework: 'onet', code: '15-1251.00' };
    expect((await t.app.inject({ method: 'PUT', url: target, headers: reader, payload })).statusCode).toBe(
      403,
    );
    expect((await t.app.inject({ method: 'PUT', url: target, headers: learner, payload })).statusCode).toBe(
      200,
    );
    const read = await t.app.inject({ method: 'GET', url: target, headers: reader });
    expect(read.json()).toMatchObject({ code: '15-1251.00' });
    expect((await t.app.inject({ method: 'DELETE', url: target, headers: reader })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'DELETE', url: target, headers: learner })).statusCode).toBe(204);
  });
});
