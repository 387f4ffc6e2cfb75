// The full O*NET and ESCO sets, imported into the test database (PGlite, or PostgreSQL with DATABASE_URL), through
// the real importers and the real HTTP app. The sets are not in the repository: this runs only when
// TESSERA_SKILLS_DATA_DIR names a folder holding onet/ and esco/ (the ESCO release: TESSERA_ESCO_VERSION,
// default 1.1.1). It takes minutes: two full imports of each set.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { importEsco, importOnet } from './index.ts';
import { frameworkCounts, iscoGroupCount } from './store.ts';

const dataDir = process.env.TESSERA_SKILLS_DATA_DIR;
const escoVersion = process.env.TESSERA_ESCO_VERSION ?? '1.1.1';
const PROGRAMMING = '2.B.3.e';
const COMPUTERS = '2.C.3.a';
const PROGRAMMERS = ['15-1251.00', '15-1252.00']; // Computer Programmers, Software Developers

describe.runIf(dataDir)('the full O*NET and ESCO sets', { timeout: 900_000 }, () => {
  let t: TestApp;
  const timings: string[] = [];
  const timed = async <T>(what: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await work();
    timings.push(`${what} ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return result;
  };
  const importBoth = async (round: string) => {
    await timed(`O*NET import (${round})`, () => importOnet(t.deps.db, join(dataDir!, 'onet')));
    await timed(`ESCO import (${round})`, () =>
      importEsco(t.deps.db, join(dataDir!, 'esco'), { version: escoVersion }),
    );
  };

  beforeAll(async () => {
    t = await createTestApp();
    await importBoth('first');
  }, 900_000);
  afterAll(async () => {
    if (timings.length > 0) console.info(`full sets: ${timings.join(', ')}`);
    await t?.close();
  });

  it('imports counts that look like the full sets, and the same counts again on a second run', async () => {
    const onet = await frameworkCounts(t.deps.db, 'onet');
    const esco = await frameworkCounts(t.deps.db, 'esco');
    const isco = await iscoGroupCount(t.deps.db);
    expect(onet.occupations).toBeGreaterThanOrEqual(900);
    expect(onet.concepts).toBeGreaterThanOrEqual(60);
    expect(onet.relations).toBeGreaterThanOrEqual(50_000);
    expect(onet.titles).toBeGreaterThanOrEqual(50_000);
    expect(onet.technologies).toBeGreaterThanOrEqual(20_000);
    expect(esco.concepts).toBeGreaterThanOrEqual(13_000);
    expect(esco.occupations).toBeGreaterThanOrEqual(3_000);
    expect(esco.relations).toBeGreaterThanOrEqual(100_000);
    expect(isco).toBeGreaterThanOrEqual(400);

    await importBoth('again');
    expect(await frameworkCounts(t.deps.db, 'onet')).toEqual(onet);
    expect(await frameworkCounts(t.deps.db, 'esco')).toEqual(esco);
    expect(await iscoGroupCount(t.deps.db)).toBe(isco);
  });

  it('finds the active-listening concepts first when searching "active listening", O*NET\'s Active Listening first among O*NET\'s', async () => {
    const search = async (query: Record<string, string>) => {
      const response = await t.app.inject({ method: 'GET', url: '/api/v1/skills/search', query });
      expect(response.statusCode).toBe(200);
      return (response.json().items as { framework: string; code: string; label: string }[]).map(
        (item) => `${item.framework} ${item.label}`,
      );
    };
    // ESCO's "listen actively" holds "active listening" among its alternative labels: either may come first.
    const both = await timed('first skill search', () => search({ q: 'active listening' }));
    expect(both.slice(0, 2).sort()).toEqual(['esco listen actively', 'onet Active Listening']);
    const onet = await search({ q: 'active listening', framework: 'onet' });
    expect(onet[0]).toBe('onet Active Listening');
  });

  it('ranks Computer Programmers or Software Developers in the top 5 for Programming and Computers and Electronics', async () => {
    const response = await timed('first occupations query', () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/insights/occupations',
        payload: {
          skills: [
            { framework: 'onet', code: PROGRAMMING },
            { framework: 'onet', code: COMPUTERS },
          ],
          limit: 5,
        },
      }),
    );
    expect(response.statusCode).toBe(200);
    const items = response.json().items as { code: string; title: string; source: string }[];
    expect(items).toHaveLength(5);
    expect(items.some((item) => PROGRAMMERS.includes(item.code))).toBe(true);
    expect(items[0]?.source).toBe('O*NET 29.3');
  });
});

describe.skipIf(dataDir)('the full O*NET and ESCO sets', () => {
  it.skip('are checked only when TESSERA_SKILLS_DATA_DIR names a folder holding onet/ and esco/', () => {});
});
