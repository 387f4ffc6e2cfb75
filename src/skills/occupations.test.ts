// The related-occupations ranking over the shipped sample (imported with the real importers) and over small
// hand-made frameworks where a rule is easier to see.
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime } from '../../test/support/runtime.ts';
import type { Runtime } from '../runtime.ts';
import { importEsco, importOnet } from './index.ts';
import {
  buildOccupationIndex,
  type FrameworkData,
  type IndexedOccupation,
  levelFactor,
  missingSkills,
  type OccupationIndex,
  type QuerySkill,
  rankOccupations,
  unknownSkills,
} from './occupations.ts';
import { occupationIndex } from './occupations-load.ts';

const sample = resolve(import.meta.dirname, '../../vendor/skills-sample');
const PROGRAMMERS = '15-1251.00';
const ACTIVE_LISTENING = '2.A.1.b';
const PROGRAMMING = '2.B.3.e';

/** The occupation's `k` most distinctive concepts (highest weight) as a query. */
function distinctiveQuery(o: IndexedOccupation, k: number): QuerySkill[] {
  return [...o.ratings.values()]
    .sort((a, b) => b.weight - a.weight)
    .slice(0, k)
    .map((r) => ({ framework: o.framework, code: r.concept }));
}

describe('ranking related occupations over the sample', { timeout: 120_000 }, () => {
  let runtime: Runtime;
  let index: OccupationIndex;
  beforeAll(async () => {
    runtime = await createTestRuntime();
    await importOnet(runtime.deps.db, join(sample, 'onet'));
    await importEsco(runtime.deps.db, join(sample, 'esco'), { version: '1.1.1' });
    index = await occupationIndex(runtime.deps.db);
  });
  afterAll(async () => {
    await runtime?.close();
  });

  const onet = () => index.get('onet')!;
  const occupation = (code: string) => onet().byCode.get(code)!;

  it('ranks an occupation first from its five most distinctive skills, nearly always, and never below third', () => {
    const ranks: number[] = [];
    for (const framework of index.values()) {
      for (const o of framework.occupations) {
        if (o.ratings.size < 5) continue;
        const ranked = rankOccupations(index, distinctiveQuery(o, 5), 10).map((r) => r.occupation.code);
        ranks.push(ranked.indexOf(o.code) + 1);
      }
    }
    expect(ranks.length).toBeGreaterThan(50);
    expect(Math.min(...ranks)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...ranks)).toBeLessThanOrEqual(3);
    expect(ranks.filter((r) => r === 1).length / ranks.length).toBeGreaterThanOrEqual(0.85);
    expect(rankOccupations(index, distinctiveQuery(occupation(PROGRAMMERS), 5), 1)[0]?.occupation.code).toBe(
      PROGRAMMERS,
    );
  });

  it('weighs a skill every occupation needs (Active Listening) far below one that sets programmers apart', () => {
    const programmers = occupation(PROGRAMMERS);
    const listening = programmers.ratings.get(ACTIVE_LISTENING)!;
    const programming = programmers.ratings.get(PROGRAMMING)!;
    expect(listening.importance).toBeGreaterThanOrEqual(3);
    expect(programming.weight).toBeGreaterThan(listening.weight * 3);
  });

  it('does not let a common skill decide: adding Active Listening keeps programmers first', () => {
    const query = distinctiveQuery(occupation(PROGRAMMERS), 3);
    const withListening = [...query, { framework: 'onet' as const, code: ACTIVE_LISTENING }];
    expect(rankOccupations(index, withListening, 1)[0]?.occupation.code).toBe(PROGRAMMERS);
    const listeners = [...onet().occupations].filter(
      (o) =>
        (o.ratings.get(ACTIVE_LISTENING)?.importance ?? 0) >
        (occupation(PROGRAMMERS).ratings.get(ACTIVE_LISTENING)?.importance ?? 0),
    );
    expect(listeners.length).toBeGreaterThan(0);
  });

  it('counts a skill shown below the level an occupation needs only in part', () => {
    const needed = occupation(PROGRAMMERS).ratings.get(PROGRAMMING)!.level!;
    const scoreAt = (level?: number) =>
      rankOccupations(
        index,
        [{ framework: 'onet', code: PROGRAMMING, ...(level === undefined ? {} : { level }) }],
        50,
      ).find((r) => r.occupation.code === PROGRAMMERS)!.score;
    expect(scoreAt(7)).toBe(scoreAt());
    expect(scoreAt(Math.ceil(needed))).toBe(scoreAt());
    expect(scoreAt(1)).toBeLessThan(scoreAt() / 2);
  });

  it('lists as matched the query skills that count, and as missing the core skills the query lacks', () => {
    const programmers = occupation(PROGRAMMERS);
    const query = distinctiveQuery(programmers, 3);
    const [first] = rankOccupations(index, query, 1);
    expect(new Set(first!.matched.map((m) => m.concept))).toEqual(new Set(query.map((q) => q.code)));
    const missing = missingSkills(programmers, query, 8);
    expect(missing).toHaveLength(8);
    for (const m of missing) {
      expect(query.some((q) => q.code === m.concept)).toBe(false);
      expect(m.importance).toBeGreaterThanOrEqual(3);
    }
    const importances = missing.map((m) => m.importance!);
    expect(importances).toEqual([...importances].sort((a, b) => b - a));
  });

  it('ranks occupations for one skill by how much that skill weighs in each, not by how few other skills they have', () => {
    const weights = onet()
      .occupations.map((o) => ({ code: o.code, weight: o.ratings.get(PROGRAMMING)?.weight ?? 0 }))
      .filter((o) => o.weight > 0)
      .sort((a, b) => b.weight - a.weight)
      .slice(0, 5);
    const ranked = rankOccupations(index, [{ framework: 'onet', code: PROGRAMMING }], 5);
    expect(ranked.map((r) => r.occupation.code)).toEqual(weights.map((w) => w.code));
    expect(ranked[0]!.occupation.code).toBe(PROGRAMMERS);
  });

  it('names the concepts it does not know', () => {
    const query: QuerySkill[] = [
      { framework: 'onet', code: PROGRAMMING },
      { framework: 'onet', code: '9.Z.9' },
      { framework: 'esco', code: PROGRAMMING },
    ];
    expect(unknownSkills(index, query).map((s) => `${s.framework} ${s.code}`)).toEqual([
      'onet 9.Z.9',
      `esco ${PROGRAMMING}`,
    ]);
    expect(unknownSkills(index, query.slice(0, 1))).toEqual([]);
  });
});

describe('the rules of the ranking on a small framework', () => {
  // Four occupations: "talk" is rated 4 by all, "code" matters most to dev (at a high level) and to lead (at a
  // low one), "cut" only to chef.
  const data: FrameworkData = {
    id: 'onet',
    source: 'O*NET test',
    occupations: ['dev', 'chef', 'clerk', 'lead'].map((code) => ({
      code,
      title: code,
      jobZone: 3,
      iscoGroup: null,
      notation: null,
    })),
    concepts: ['talk', 'code', 'cut'].map((code) => ({ code, label: code })),
    ratings: [
      ...['dev', 'chef', 'clerk', 'lead'].map((o) => ({
        occupationCode: o,
        conceptCode: 'talk',
        importance: 4,
        level: 4,
        relation: null,
      })),
      { occupationCode: 'dev', conceptCode: 'code', importance: 4.8, level: 6, relation: null },
      { occupationCode: 'lead', conceptCode: 'code', importance: 4.2, level: 2, relation: null },
      { occupationCode: 'chef', conceptCode: 'cut', importance: 4.5, level: 5, relation: null },
      { occupationCode: 'clerk', conceptCode: 'code', importance: 1, level: 0, relation: null },
    ],
  };
  const index = buildOccupationIndex([data]);
  const top = (query: QuerySkill[]) => rankOccupations(index, query, 4).map((r) => r.occupation.code);

  it('gives a skill every occupation rates alike no weight, and ranks by the distinctive one', () => {
    expect(top([{ framework: 'onet', code: 'talk' }])).toEqual([]);
    expect(
      top([
        { framework: 'onet', code: 'talk' },
        { framework: 'onet', code: 'cut' },
      ])[0],
    ).toBe('chef');
  });

  it('prefers the occupation whose level the query reaches when the query level is low', () => {
    expect(top([{ framework: 'onet', code: 'code' }])[0]).toBe('dev');
    expect(top([{ framework: 'onet', code: 'code', level: 2 }])[0]).toBe('lead');
  });

  it('counts a level at or above the one needed fully and a lower one in proportion', () => {
    expect(levelFactor(null, 5)).toBe(1);
    expect(levelFactor(6, 5)).toBe(1);
    expect(levelFactor(5, 5)).toBe(1);
    expect(levelFactor(2, 5)).toBe(0.5);
    expect(levelFactor(0, 5)).toBeGreaterThan(0);
  });
});
