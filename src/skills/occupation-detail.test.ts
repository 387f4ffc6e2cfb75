// occupationDetail over the shipped sample: what a public occupation page and the insights API show.
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime } from '../../test/support/runtime.ts';
import type { Runtime } from '../runtime.ts';
import { importEsco, importOnet, occupationDetail } from './index.ts';

const sample = resolve(import.meta.dirname, '../../vendor/skills-sample');
const FOOD_SAFETY = 'http://data.europa.eu/esco/occupation/00ab5610-e715-428f-99f6-b1e5e469dbcd';

describe('one occupation in detail', { timeout: 120_000 }, () => {
  let runtime: Runtime;
  beforeAll(async () => {
    runtime = await createTestRuntime();
    await importOnet(runtime.deps.db, join(sample, 'onet'));
    await importEsco(runtime.deps.db, join(sample, 'esco'), { version: '1.1.1' });
  }, 240_000);
  afterAll(async () => {
    await runtime?.close();
  });

  it('gives an O*NET occupation its core skills and knowledge, most important first, with needed levels', async () => {
    const detail = await occupationDetail(runtime.deps.db, 'onet', '15-1251.00');
    expect(detail).toMatchObject({
      framework: 'onet',
      code: '15-1251.00',
      title: 'Computer Programmers',
      jobZone: expect.any(Number),
      source: 'O*NET 29.3',
    });
    const skills = detail!.skills;
    expect(skills.every((s) => (s.importance ?? 0) >= 3 && s.relation === null)).toBe(true);
    expect(skills.map((s) => s.importance)).toEqual(
      [...skills.map((s) => s.importance)].sort((a, b) => (b ?? 0) - (a ?? 0)),
    );
    // Importance below 3 is not core: Repairing (IM 1.00) is rated for programmers but left out.
    expect(skills.map((s) => s.code)).not.toContain('2.B.3.l');
    expect(skills.find((s) => s.code === '2.B.3.e')).toEqual({
      code: '2.B.3.e',
      label: 'Programming',
      kind: 'skill',
      importance: 4.75,
      level: 4.88,
      relation: null,
    });
    expect(new Set(detail!.titles.alternate).size).toBe(detail!.titles.alternate.length);
    expect(detail!.titles.alternate.length).toBeLessThanOrEqual(20);
    expect(detail!.titles.reported.length).toBeLessThanOrEqual(20);
    expect(detail!.technologies.length).toBeGreaterThan(0);
    expect(detail!.technologies.length).toBeLessThanOrEqual(20);
  });

  it('gives an ESCO occupation its essential skills, without importance or level', async () => {
    const detail = await occupationDetail(runtime.deps.db, 'esco', FOOD_SAFETY);
    expect(detail).toMatchObject({ title: 'food safety specialist', source: 'ESCO 1.1.1', jobZone: null });
    expect(detail!.skills.length).toBeGreaterThan(0);
    expect(detail!.skills.every((s) => s.relation === 'essential' && s.importance === null)).toBe(true);
  });

  it('answers null for an unknown occupation or framework', async () => {
    expect(await occupationDetail(runtime.deps.db, 'onet', '99-9999.99')).toBeNull();
    expect(await occupationDetail(runtime.deps.db, 'isco', '2512')).toBeNull();
  });
});
