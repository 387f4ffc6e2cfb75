// The shipped sample is loaded where no framework was imported, once, and never over an import.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime } from '../../test/support/runtime.ts';
import type { Runtime } from '../runtime.ts';
import { importSampleWhereMissing } from './sample.ts';
import { frameworkCounts, frameworkState } from './store.ts';

describe('the shipped skills sample', { timeout: 120_000 }, () => {
  let runtime: Runtime;
  beforeAll(async () => {
    runtime = await createTestRuntime();
  });
  afterAll(async () => {
    await runtime?.close();
  });

  it('loads O*NET and ESCO on a fresh database, and nothing the second time', async () => {
    const db = runtime.deps.db;
    const first = await importSampleWhereMissing(db);
    expect(first.map((summary) => [summary.framework, summary.version])).toEqual([
      ['onet', '29.3'],
      ['esco', '1.1.1'],
    ]);
    expect((await frameworkCounts(db, 'onet')).occupations).toBeGreaterThan(0);
    expect((await frameworkCounts(db, 'esco')).concepts).toBeGreaterThan(0);
    expect(await importSampleWhereMissing(db)).toEqual([]);
  });

  it('leaves a framework alone once anything was imported for it, even an unfinished import', async () => {
    const db = runtime.deps.db;
    await db.updateTable('skillFrameworks').set({ status: 'importing' }).where('id', '=', 'onet').execute();
    const before = await frameworkCounts(db, 'onet');
    expect(await importSampleWhereMissing(db)).toEqual([]);
    expect(await frameworkCounts(db, 'onet')).toEqual(before);
    expect(await frameworkState(db, 'onet')).toMatchObject({ status: 'importing' });
  });
});
