// Related occupations (issue #16 item 4): how well the ranking of src/skills/occupations.ts finds an
// occupation and its neighbours from a few of its skills, against a naive shared-skill count, and how long a
// 5-skill query takes in-process. Imports both frameworks into an embedded database of its own first.
// Prints figures only — never pass/fail.
// Run: npx tsx bench/occupations.ts <onet-dir> <esco-dir> [--esco-version 1.1.1] [--split held-out|tuning]
//
// Method. Occupations are split by a hash of their code: one in five is held out (figures reported), the rest
// served to choose the weighting. For each occupation, the query is 5 skills drawn (seeded) from its 10 most
// important (O*NET, by importance IM) or its essential skills (ESCO), without levels.
//   self:  the rank of the occupation itself among all of its framework's.
//   group: leave-one-out, the occupation removed: the rank of the best-placed other occupation in its
//          group (O*NET SOC minor group, e.g. 15-12; ESCO ISCO-08 unit group), skipping occupations alone in it.
// Tied scores take their mean position (a method that ties everything scores what random order would).
import { parseArgs } from 'node:util';
import { importEsco, importOnet } from '../src/skills/index.ts';
import {
  type FrameworkIndex,
  type IndexedOccupation,
  type QuerySkill,
  rankOccupations,
  strength,
} from '../src/skills/occupations.ts';
import { occupationIndex } from '../src/skills/occupations-load.ts';
import { relatedOccupations } from '../src/skills/occupations-service.ts';
import { benchRuntime } from './embedded-runtime.ts';

const { values: args, positionals } = parseArgs({
  options: {
    'esco-version': { type: 'string', default: '1.1.1' },
    split: { type: 'string', default: 'held-out' },
  },
  allowPositionals: true,
});
const [onetDir, escoDir] = positionals;
if (!onetDir || !escoDir) {
  console.error('usage: npx tsx bench/occupations.ts <onet-dir> <esco-dir> [--esco-version 1.1.1]');
  process.exit(2);
}

const bench = await benchRuntime('occupations-bench');
const { runtime } = bench;
const { db } = runtime.deps;

let started = performance.now();
await importOnet(db, onetDir);
console.log(`import O*NET: ${((performance.now() - started) / 1000).toFixed(1)} s`);
started = performance.now();
await importEsco(db, escoDir, { version: args['esco-version'] });
console.log(`import ESCO: ${((performance.now() - started) / 1000).toFixed(1)} s`);
started = performance.now();
const index = await occupationIndex(db);
console.log(`index build: ${((performance.now() - started) / 1000).toFixed(1)} s`);

// --- seeded randomness and the split
let seed = 20261206;
const random = () => {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return seed / 2 ** 32;
};
const hash = (text: string) => {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h;
};
const heldOut = (o: IndexedOccupation) => hash(o.code) % 5 === 0;
const inSplit = (o: IndexedOccupation) => (args.split === 'tuning' ? !heldOut(o) : heldOut(o));

function sample<T>(items: T[], k: number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, k);
}

function queryOf(o: IndexedOccupation): QuerySkill[] | null {
  const ratings = [...o.ratings.values()];
  const pool =
    o.framework === 'onet'
      ? ratings.sort((a, b) => strength(b) - strength(a)).slice(0, 10)
      : ratings.filter((r) => r.relation === 'essential');
  if (pool.length < 5) return null;
  return sample(pool, 5).map((r) => ({ framework: o.framework, code: r.concept }));
}

const groupOf = (o: IndexedOccupation) => (o.framework === 'onet' ? o.code.slice(0, 5) : (o.iscoGroup ?? ''));

type Scorer = (framework: FrameworkIndex, query: QuerySkill[]) => Map<IndexedOccupation, number>;

const ranked: Scorer = (framework, query) =>
  new Map(
    rankOccupations(new Map([[framework.id, framework]]), query, Number.POSITIVE_INFINITY).map((r) => [
      r.occupation,
      r.score,
    ]),
  );

/** The naive count: how many query skills the occupation has (O*NET: importance ≥ 3; ESCO: any relation). */
const naive: Scorer = (framework, query) => {
  const scores = new Map<IndexedOccupation, number>();
  for (const o of framework.occupations) {
    let count = 0;
    for (const skill of query) {
      const rating = o.ratings.get(skill.code);
      if (rating && (rating.importance === null || rating.importance >= 3)) count += 1;
    }
    if (count > 0) scores.set(o, count);
  }
  return scores;
};

/** Expected rank of the first of `targets` when ties are broken at random. */
function rankOf(
  framework: FrameworkIndex,
  scores: Map<IndexedOccupation, number>,
  targets: Set<IndexedOccupation>,
  skip?: IndexedOccupation,
): number {
  let best = Number.NEGATIVE_INFINITY;
  for (const t of targets) best = Math.max(best, scores.get(t) ?? 0);
  let above = 0;
  let tied = 0;
  let tiedTargets = 0;
  for (const o of framework.occupations) {
    if (o === skip) continue;
    const s = scores.get(o) ?? 0;
    if (s > best) above += 1;
    else if (s === best) {
      tied += 1;
      if (targets.has(o)) tiedTargets += 1;
    }
  }
  return above + (tied + 1) / (tiedTargets + 1);
}

interface Figures {
  n: number;
  mrr: number;
  hit5: number;
  hit10: number;
}
const figures = (ranks: number[]): Figures => ({
  n: ranks.length,
  mrr: ranks.reduce((a, r) => a + 1 / r, 0) / ranks.length,
  hit5: ranks.filter((r) => r <= 5).length / ranks.length,
  hit10: ranks.filter((r) => r <= 10).length / ranks.length,
});
const show = (label: string, f: Figures) =>
  console.log(
    `  ${label.padEnd(28)} n=${String(f.n).padStart(4)}  MRR ${f.mrr.toFixed(3)}  hit@5 ${(f.hit5 * 100).toFixed(1)}%  hit@10 ${(f.hit10 * 100).toFixed(1)}%`,
  );

const queries: QuerySkill[][] = [];
for (const framework of index.values()) {
  const groups = new Map<string, IndexedOccupation[]>();
  for (const o of framework.occupations) groups.set(groupOf(o), [...(groups.get(groupOf(o)) ?? []), o]);
  const ranks = {
    self: { ranked: [] as number[], naive: [] as number[] },
    group: { ranked: [] as number[], naive: [] as number[] },
  };
  for (const o of framework.occupations) {
    if (!inSplit(o)) continue;
    const query = queryOf(o);
    if (!query) continue;
    queries.push(query);
    for (const [name, scorer] of [
      ['ranked', ranked],
      ['naive', naive],
    ] as const) {
      const scores = scorer(framework, query);
      ranks.self[name].push(rankOf(framework, scores, new Set([o])));
      const others = (groups.get(groupOf(o)) ?? []).filter((x) => x !== o);
      if (groupOf(o) && others.length > 0)
        ranks.group[name].push(rankOf(framework, scores, new Set(others), o));
    }
  }
  console.log(`\n${framework.source} (${framework.occupations.length} occupations, ${args.split} split)`);
  show('self, distinctive weighting', figures(ranks.self.ranked));
  show('self, shared-skill count', figures(ranks.self.naive));
  show('group, distinctive weighting', figures(ranks.group.ranked));
  show('group, shared-skill count', figures(ranks.group.naive));
}

// --- speed: a 5-skill query in-process, ranking only (limit 10) and the whole answer with its details
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
const rankTimes: number[] = [];
for (const query of queries) {
  const t0 = performance.now();
  rankOccupations(index, query, 10);
  rankTimes.push(performance.now() - t0);
}
const answerTimes: number[] = [];
for (const query of queries.slice(0, 300)) {
  const t0 = performance.now();
  await relatedOccupations(db, query, 10);
  answerTimes.push(performance.now() - t0);
}
console.log(
  `\n5-skill query, ranking only (${rankTimes.length}): p50 ${percentile(rankTimes, 50).toFixed(2)} ms, p99 ${percentile(rankTimes, 99).toFixed(2)} ms`,
);
console.log(
  `5-skill query, whole answer with titles and technologies (${answerTimes.length}): p50 ${percentile(answerTimes, 50).toFixed(1)} ms, p99 ${percentile(answerTimes, 99).toFixed(1)} ms`,
);

await bench.close();
