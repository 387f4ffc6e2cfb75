import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime } from '../../test/support/runtime.ts';
import type { Runtime } from '../runtime.ts';
import { importEsco, importOnet, SkillImportError } from './index.ts';
import { frameworkCounts, frameworkState, iscoGroupCount } from './store.ts';

const sample = resolve(import.meta.dirname, '../../vendor/skills-sample');
const onetCounts = { occupations: 40, concepts: 68, relations: 2720, titles: 2396, technologies: 1538 };
const escoCounts = { occupations: 24, concepts: 499, relations: 429, titles: 249, technologies: 0 };

/** A writable copy of one framework's sample, for tests that break or interrupt it. */
function copyOf(framework: 'onet' | 'esco'): string {
  const dir = mkdtempSync(join(tmpdir(), `tessera-${framework}-`));
  cpSync(join(sample, framework), dir, { recursive: true });
  copies.push(dir);
  return dir;
}
const copies: string[] = [];

describe('importing skill frameworks', { timeout: 120_000 }, () => {
  let runtime: Runtime;
  beforeAll(async () => {
    runtime = await createTestRuntime();
  });
  afterAll(async () => {
    await runtime?.close();
    for (const dir of copies) rmSync(dir, { recursive: true, force: true });
  });

  it('loads the O*NET sample with its version, and the same rows again on a second run', async () => {
    const db = runtime.deps.db;
    const first = await importOnet(db, join(sample, 'onet'));
    expect(first.version).toBe('29.3');
    expect(await frameworkCounts(db, 'onet')).toEqual(onetCounts);
    await importOnet(db, join(sample, 'onet'));
    expect(await frameworkCounts(db, 'onet')).toEqual(onetCounts);
    expect(await frameworkState(db, 'onet')).toMatchObject({ version: '29.3', status: 'complete' });
    const rated = await db
      .selectFrom('skillOccupationConcepts')
      .selectAll()
      .where('framework', '=', 'onet')
      .where('importance', 'is', null)
      .execute();
    expect(rated).toEqual([]);
    const zones = await db.selectFrom('skillOccupations').select('jobZone').distinct().execute();
    expect(zones.map((z) => z.jobZone).sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('loads the ESCO sample with the version given, alternative labels and ISCO groups', async () => {
    const db = runtime.deps.db;
    await importEsco(db, join(sample, 'esco'), { version: '1.1.1' });
    await importEsco(db, join(sample, 'esco'), { version: '1.1.1' });
    expect(await frameworkCounts(db, 'esco')).toEqual(escoCounts);
    expect(await iscoGroupCount(db)).toBe(69);
    const withAlternatives = await db
      .selectFrom('skillConcepts')
      .select('altLabels')
      .where('framework', '=', 'esco')
      .where('reuseLevel', '=', 'transversal')
      .execute();
    expect(withAlternatives.length).toBeGreaterThan(0);
    expect(withAlternatives.some((c) => c.altLabels.length > 1)).toBe(true);
  });

  it('refuses an ESCO import whose release is neither given nor in the directory name', async () => {
    await expect(importEsco(runtime.deps.db, join(sample, 'esco'))).rejects.toThrow(/--version/);
  });

  it('resumes an interrupted import after the last whole file, without duplicates', async () => {
    const db = runtime.deps.db;
    const dir = copyOf('esco');
    const stopAfterFirst = async () => {
      throw new Error('interrupted');
    };
    await db.deleteFrom('skillFrameworks').where('id', '=', 'esco').execute();
    await expect(importEsco(db, dir, { version: '1.1.2', afterFile: stopAfterFirst })).rejects.toThrow(
      'interrupted',
    );
    expect(await frameworkState(db, 'esco')).toMatchObject({
      status: 'importing',
      completedFiles: ['ISCOGroups_en.csv'],
    });
    const resumed = await importEsco(db, dir, { version: '1.1.2' });
    expect(resumed.resumed).toEqual(['ISCOGroups_en.csv']);
    expect(resumed.loaded).toEqual(['skills_en.csv', 'occupations_en.csv', 'occupationSkillRelations.csv']);
    expect(await frameworkCounts(db, 'esco')).toEqual(escoCounts);
    expect(await frameworkState(db, 'esco')).toMatchObject({ status: 'complete', version: '1.1.2' });
  });

  it('names the file and the missing column when a header is wrong', async () => {
    const dir = copyOf('onet');
    const path = join(dir, 'Skills.txt');
    writeFileSync(path, readFileSync(path, 'utf8').replace('Scale ID', 'Scale'));
    const failure = importOnet(runtime.deps.db, dir);
    await expect(failure).rejects.toBeInstanceOf(SkillImportError);
    await expect(failure).rejects.toThrow('Skills.txt, line 1: missing column "Scale ID" in the header');
  });

  it('names the file and line of a malformed row, and of a directory that is not a release', async () => {
    const dir = copyOf('onet');
    const path = join(dir, 'Knowledge.txt');
    const lines = readFileSync(path, 'utf8').split('\n');
    lines[2] = lines[2]!.replace(/\t(IM|LV)\t[0-9.]+\t/, '\t$1\tlots\t');
    writeFileSync(path, lines.join('\n'));
    await expect(importOnet(runtime.deps.db, dir)).rejects.toThrow(
      'Knowledge.txt, line 3: "Data Value" must be a number, not "lots"',
    );
    await expect(importOnet(runtime.deps.db, join(sample, 'esco'))).rejects.toThrow(
      /Read Me\.txt: not found/,
    );
    expect(await frameworkCounts(runtime.deps.db, 'onet')).toEqual(onetCounts);
  });
});
