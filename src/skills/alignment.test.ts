// Skills resolved on write against the imported frameworks (the shipped sample, loaded by the importers).
import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime } from '../../test/support/runtime.ts';
import { InvalidError } from '../errors.ts';
import type { Runtime } from '../runtime.ts';
import {
  applyConcepts,
  MAX_SKILL_DESCRIPTION,
  type ResolvedConcept,
  sameSkill,
  skillOrNameSchema,
  skillSchema,
} from './alignment.ts';
import { resolveSkills, skillsWithKnownConcepts } from './alignment-service.ts';
import { importEsco, importOnet } from './index.ts';
import { sampleDirectory } from './sample.ts';

const SHOW_INITIATIVE = 'http://data.europa.eu/esco/skill/001115fb-569f-4ee6-8381-c6807ef2527f';

describe('skill alignment on write', { timeout: 120_000 }, () => {
  let runtime: Runtime;
  beforeAll(async () => {
    runtime = await createTestRuntime();
    await importOnet(runtime.deps.db, sampleDirectory('onet'));
    await importEsco(runtime.deps.db, sampleDirectory('esco'), { version: '1.1.1' });
  });
  afterAll(async () => {
    await runtime?.close();
  });

  it('fills framework with its version, code, url and description from a known O*NET concept, keeping the name', async () => {
    const [skill] = await resolveSkills(runtime.deps.db, [
      { name: 'Listening to customers', concept: { framework: 'onet', code: '2.A.1.b' }, level: 4 },
    ]);
    expect(skill).toEqual({
      name: 'Listening to customers',
      framework: 'O*NET 29.3',
      code: '2.A.1.b',
      url: 'https://www.onetonline.org/find/descriptor/result/2.A.1.b',
      concept: { framework: 'onet', code: '2.A.1.b' },
      level: 4,
      description: expect.stringMatching(/^Giving full attention to what other people are saying/),
    });
  });

  it('gives an ESCO concept its URI as code and url, and keeps what the author wrote over the concept', async () => {
    const [esco, authored] = await resolveSkills(runtime.deps.db, [
      { name: 'Initiative', concept: { framework: 'esco', code: SHOW_INITIATIVE } },
      {
        name: 'Listening',
        framework: 'Our framework',
        url: 'https://academy.example.org/skills/listening',
        concept: { framework: 'onet', code: '2.A.1.b' },
      },
    ]);
    expect(esco).toMatchObject({
      name: 'Initiative',
      framework: 'ESCO 1.1.1',
      code: SHOW_INITIATIVE,
      url: SHOW_INITIATIVE,
    });
    expect(authored).toMatchObject({
      framework: 'Our framework',
      code: '2.A.1.b',
      url: 'https://academy.example.org/skills/listening',
    });
  });

  it('refuses each concept that is not imported at skills.<i>.concept, naming the framework', async () => {
    const refused = await resolveSkills(runtime.deps.db, [
      { name: 'Fine', concept: { framework: 'onet', code: '2.A.1.b' } },
      { name: 'Made up', concept: { framework: 'onet', code: '9.Z.9.z' } },
      { name: 'Free text' },
      { name: 'Made up too', concept: { framework: 'esco', code: 'http://data.europa.eu/esco/skill/nope' } },
    ]).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(InvalidError);
    expect((refused as InvalidError).fields).toEqual([
      {
        path: 'skills.1.concept',
        message: '"9.Z.9.z" is not an imported O*NET concept',
        code: 'unknown-concept',
        params: { code: '9.Z.9.z', framework: 'O*NET' },
      },
      {
        path: 'skills.3.concept',
        message: '"http://data.europa.eu/esco/skill/nope" is not an imported ESCO concept',
        code: 'unknown-concept',
        params: { code: 'http://data.europa.eu/esco/skill/nope', framework: 'ESCO' },
      },
    ]);
  });

  it('looks every concept of a request up in one query, and none for free-text skills', async () => {
    let queries = 0;
    const counting: KyselyPlugin = {
      transformQuery: (args) => {
        queries += 1;
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    const db = runtime.deps.db.withPlugin(counting);
    const codes = ['2.A.1.a', '2.A.1.b', '2.A.1.c', '2.A.1.d', '2.B.1.a'];
    const skills = await resolveSkills(db, [
      ...codes.map((code) => ({ name: code, concept: { framework: 'onet' as const, code } })),
      { name: 'Initiative', concept: { framework: 'esco', code: SHOW_INITIATIVE } },
    ]);
    expect(skills.map((s) => s.framework)).toEqual([...codes.map(() => 'O*NET 29.3'), 'ESCO 1.1.1']);
    expect(queries).toBe(1);
    await resolveSkills(db, [{ name: 'Spreadsheets' }, { name: 'Payroll' }]);
    expect(queries).toBe(1);
  });

  it('lets demo data drop the concepts that are not imported instead of failing', async () => {
    const kept = await skillsWithKnownConcepts(runtime.deps.db, [
      { name: 'Listening', concept: { framework: 'onet', code: '2.A.1.b' }, level: 3 },
      { name: 'Unknown here', concept: { framework: 'onet', code: '9.Z.9.z' }, level: 2 },
    ]);
    expect(kept).toEqual([
      { name: 'Listening', concept: { framework: 'onet', code: '2.A.1.b' }, level: 3 },
      { name: 'Unknown here', level: 2 },
    ]);
  });
});

describe('the skill shape', () => {
  const concept = (description: string): ResolvedConcept => ({
    framework: 'onet',
    code: '2.A.1.b',
    label: 'Active Listening',
    description,
    frameworkName: 'O*NET 29.3',
  });

  it('keeps at most 500 characters of a concept description', () => {
    const long = 'word '.repeat(200);
    const { skills } = applyConcepts(
      [{ name: 'Listening', concept: { framework: 'onet', code: '2.A.1.b' } }],
      new Map([['onet\u00002.A.1.b', concept(long)]]),
    );
    expect(skills[0]?.description?.length).toBeLessThanOrEqual(MAX_SKILL_DESCRIPTION);
    expect(skills[0]?.description).toMatch(/…$/);
  });

  it('refuses a description, a level above 7 and a non-http url from input', () => {
    expect(skillSchema.safeParse({ name: 'A', description: 'mine' }).success).toBe(false);
    expect(skillSchema.safeParse({ name: 'A', level: 7.5 }).success).toBe(false);
    expect(skillSchema.safeParse({ name: 'A', level: -1 }).success).toBe(false);
    expect(skillSchema.safeParse({ name: 'A', url: 'javascript:alert(1)' }).success).toBe(false);
    expect(skillSchema.safeParse({ name: 'A', concept: { framework: 'isco', code: '1' } }).success).toBe(
      false,
    );
    expect(skillSchema.parse({ name: '  Payroll ', level: 0 })).toEqual({ name: 'Payroll', level: 0 });
  });

  it('takes a plain string as a skill of that name, where courses still send one', () => {
    expect(skillOrNameSchema.parse(' Payroll ')).toEqual({ name: 'Payroll' });
    expect(skillOrNameSchema.safeParse('').success).toBe(false);
  });

  it('counts two skills as the same by concept or by name in any case', () => {
    const listening = { name: 'Listening', concept: { framework: 'onet' as const, code: '2.A.1.b' } };
    expect(sameSkill(listening, { name: 'Active listening', concept: listening.concept })).toBe(true);
    expect(sameSkill(listening, { name: 'LISTENING ' })).toBe(true);
    expect(sameSkill(listening, { name: 'Speaking', concept: { framework: 'onet', code: '2.A.1.d' } })).toBe(
      false,
    );
  });
});
