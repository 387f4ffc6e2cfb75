// Skill search quality and speed over the full frameworks. Both sets are imported into a fresh embedded
// database in a temporary directory; then, for a seeded random 10% of the ESCO concepts that have
// alternative labels, one alternative label is taken out of the index and used as the query (ESCO only).
// Prints top-1 / top-5 accuracy per ranking variant, and per-query p50/p99 latency (index alone, and through
// the per-process service with its import-state check). Figures only, never pass/fail.
// Run: npx tsx bench/skills-search.ts <onet-dir> <esco-dir> [esco-version]
import { importEsco, importOnet } from '../src/skills/index.ts';
import {
  DEFAULT_SEARCH_OPTIONS,
  type SearchableConcept,
  type SearchOptions,
  SkillSearchIndex,
} from '../src/skills/search.ts';
import { loadSearchableConcepts, SkillSearch } from '../src/skills/search-service.ts';
import { benchRuntime } from './embedded-runtime.ts';

const [onetDir, escoDir, escoVersion = '1.1.1'] = process.argv.slice(2);
if (!onetDir || !escoDir) {
  console.error('usage: npx tsx bench/skills-search.ts <onet-dir> <esco-dir> [esco-version]');
  process.exit(2);
}

/** mulberry32: the same held-out set on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const bench = await benchRuntime('skills-bench');
const { runtime } = bench;
try {
  const started = performance.now();
  await importOnet(runtime.deps.db, onetDir);
  await importEsco(runtime.deps.db, escoDir, { version: escoVersion });
  console.log(`import: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const concepts = await loadSearchableConcepts(runtime.deps.db);
  console.log(`concepts: ${concepts.length}`);

  // --- the held-out set: one alternative label each, removed from the index
  const next = random(16);
  const held = new Map<string, string>();
  for (const c of concepts) {
    if (c.framework !== 'esco' || c.altLabels.length === 0 || next() >= 0.1) continue;
    held.set(c.code, c.altLabels[Math.floor(next() * c.altLabels.length)] as string);
  }
  const indexed: SearchableConcept[] = concepts.map((c) => {
    const out = held.get(c.code);
    return out === undefined ? c : { ...c, altLabels: c.altLabels.filter((l) => l !== out) };
  });
  console.log(`held-out alternative labels: ${held.size}\n`);

  const fields = (label: number, alt: number, description: number) => ({
    label: { weight: label, b: 0.75 },
    alt: { weight: alt, b: 0.75 },
    description: { weight: description, b: 0.75 },
  });
  const variants: [string, SearchOptions][] = [
    ['BM25, no stemming', { k1: 1.2, fields: fields(1, 1, 1), perField: false, stemming: 'none' }],
    ['BM25, plurals', { k1: 1.2, fields: fields(1, 1, 1), perField: false, stemming: 'plural' }],
    ['BM25, light stemming', { k1: 1.2, fields: fields(1, 1, 1), perField: false, stemming: 'light' }],
    ['BM25F 1/1/1, light', { k1: 1.2, fields: fields(1, 1, 1), perField: true, stemming: 'light' }],
    ['BM25F 3/1.5/0.5, light', { k1: 1.2, fields: fields(3, 1.5, 0.5), perField: true, stemming: 'light' }],
    ['BM25F 2/0.7/0.3, light', { k1: 1.2, fields: fields(2, 0.7, 0.3), perField: true, stemming: 'light' }],
    ['BM25F 2/1/0.15, light', { k1: 1.2, fields: fields(2, 1, 0.15), perField: true, stemming: 'light' }],
    ['BM25F 2/1/0.3, none', { ...DEFAULT_SEARCH_OPTIONS, stemming: 'none' }],
    ['BM25F 2/1/0.3, plurals', { ...DEFAULT_SEARCH_OPTIONS, stemming: 'plural' }],
    ['BM25F 2/1/0.3, light (default)', DEFAULT_SEARCH_OPTIONS],
  ];
  const percent = (n: number) => `${((100 * n) / held.size).toFixed(1)}%`;
  for (const [name, options] of variants) {
    const index = new SkillSearchIndex(indexed, options);
    let top1 = 0;
    let top5 = 0;
    for (const [code, query] of held) {
      const hits = index.search({ q: query, framework: 'esco', limit: 5 });
      const rank = hits.findIndex((h) => h.concept.code === code);
      if (rank === 0) top1 += 1;
      if (rank >= 0) top5 += 1;
    }
    console.log(`${name.padEnd(34)} top-1 ${percent(top1).padStart(6)}   top-5 ${percent(top5).padStart(6)}`);
  }

  // --- latency: every held-out query, limit 10, all frameworks
  const quantiles = (times: number[]) => {
    const sorted = [...times].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
    return `p50 ${at(0.5).toFixed(2)} ms, p99 ${at(0.99).toFixed(2)} ms`;
  };
  const buildStart = performance.now();
  const index = new SkillSearchIndex(concepts);
  console.log(`\nindex build: ${(performance.now() - buildStart).toFixed(0)} ms`);
  const queries = [...held.values()];
  const inProcess: number[] = [];
  for (const q of queries) {
    const t0 = performance.now();
    index.search({ q, limit: 10 });
    inProcess.push(performance.now() - t0);
  }
  console.log(`query, index alone: ${quantiles(inProcess)}`);
  const service = new SkillSearch(runtime.deps.db);
  await service.index();
  const withCheck: number[] = [];
  for (const q of queries) {
    const t0 = performance.now();
    await service.search({ q, limit: 10 });
    withCheck.push(performance.now() - t0);
  }
  console.log(`query, service (import-state check + search): ${quantiles(withCheck)}`);
} finally {
  await bench.close();
}
