// Insights over the full skill frameworks (issue #16 item 6): the full import time of O*NET then ESCO (the
// `tessera data import` code path), the time to build the in-memory indexes and the resident memory after, then
// related occupations for 5-skill queries — in-process (the service function the route calls) and over HTTP
// (the real app listening on an ephemeral loopback port, sequentially and at concurrency 8) — and skill search
// over HTTP. Counts the SQL statements each request runs, and which tables they read, to show that a query does
// not scan the skill tables. Runs on a fresh embedded database of its own. Prints figures only — never pass/fail.
// Run: npx tsx bench/insights.ts <dir with onet/ and esco/>   or   --onet <dir> --esco <dir>
//   [--esco-version 1.1.1] [--queries 500] [--warmup 50] [--seed 16]
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type KyselyPlugin, type OperationNode, sql } from 'kysely';
import { buildApp } from '../src/http/app.ts';
import {
  importEsco,
  importOnet,
  occupationIndex,
  type QuerySkill,
  relatedOccupations,
} from '../src/skills/index.ts';
import { SkillSearch } from '../src/skills/search-service.ts';
import { benchRuntime } from './embedded-runtime.ts';

const { values: args, positionals } = parseArgs({
  options: {
    onet: { type: 'string' },
    esco: { type: 'string' },
    'esco-version': { type: 'string', default: '1.1.1' },
    queries: { type: 'string', default: '500' },
    warmup: { type: 'string', default: '50' },
    seed: { type: 'string', default: '16' },
  },
  allowPositionals: true,
});
const onetDir = args.onet ?? (positionals[0] ? join(positionals[0], 'onet') : undefined);
const escoDir = args.esco ?? (positionals[0] ? join(positionals[0], 'esco') : undefined);
if (!onetDir || !escoDir) {
  console.error('usage: npx tsx bench/insights.ts <dir with onet/ and esco/> | --onet <dir> --esco <dir>');
  process.exit(2);
}
const QUERIES = Number(args.queries);
const WARMUP = Number(args.warmup);

/** mulberry32: the same queries on every run. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(Number(args.seed));
const pick = <T>(items: T[], k: number): T[] => {
  const chosen = new Set<T>();
  while (chosen.size < Math.min(k, items.length)) chosen.add(items[Math.floor(random() * items.length)] as T);
  return [...chosen];
};

// --- every SQL statement goes through this plugin: counted, with the tables it names
let statements: { kind: string; tables: string[] }[] = [];
function tablesOf(node: unknown, into: Set<string>): Set<string> {
  if (!node || typeof node !== 'object') return into;
  const n = node as { kind?: string; table?: { identifier?: { name?: string } } };
  if (n.kind === 'TableNode' && n.table?.identifier?.name) into.add(n.table.identifier.name);
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) for (const item of value) tablesOf(item, into);
    else if (value && typeof value === 'object') tablesOf(value, into);
  }
  return into;
}
const counter: KyselyPlugin = {
  transformQuery({ node }) {
    statements.push({ kind: (node as OperationNode).kind, tables: [...tablesOf(node, new Set())] });
    return node;
  },
  transformResult: async ({ result }) => result,
};

const quantiles = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { n: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? 0 };
};
const rows: { what: string; n: number; p50: number; p99: number; max: number; extra: string }[] = [];
const record = (what: string, times: number[], extra = '') => rows.push({ what, ...quantiles(times), extra });
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const bench = await benchRuntime('insights-bench');
const db = bench.runtime.deps.db.withPlugin(counter);
const deps = { ...bench.runtime.deps, db };

/** The database's own count of sequential and index scans per skill table (statistics flushed first). */
async function tableScans(): Promise<Map<string, { seq: number; seqRows: number; idx: number }>> {
  const plain = bench.runtime.deps.db;
  await sql`select pg_stat_force_next_flush()`.execute(plain);
  await sql`select 1`.execute(plain);
  const { rows } = await sql<{
    relname: string;
    seqScan: number;
    seqTupRead: number;
    idxScan: number | null;
  }>`
    select relname, seq_scan, seq_tup_read, idx_scan from pg_stat_user_tables
    where relname like 'skill%' order by relname`.execute(plain);
  return new Map(
    rows.map((r) => [
      r.relname,
      { seq: Number(r.seqScan), seqRows: Number(r.seqTupRead), idx: Number(r.idxScan ?? 0) },
    ]),
  );
}
try {
  // --- import, as `tessera data import onet|esco` does
  let t0 = performance.now();
  const onet = await importOnet(db, onetDir);
  const onetMs = performance.now() - t0;
  t0 = performance.now();
  const esco = await importEsco(db, escoDir, { version: args['esco-version'] });
  const escoMs = performance.now() - t0;
  console.log(`import O*NET ${onet.version}: ${seconds(onetMs)}; ESCO ${esco.version}: ${seconds(escoMs)}`);

  // --- the indexes: built in-process here, and again by the app before it listens (its own search index)
  t0 = performance.now();
  const index = await occupationIndex(db);
  const occupationsIndexMs = performance.now() - t0;
  t0 = performance.now();
  await new SkillSearch(db).index();
  const searchIndexMs = performance.now() - t0;
  const app = await buildApp(deps, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  globalThis.gc?.();
  const rss = process.memoryUsage();
  const counts = [...index.values()].map(
    (f) => `${f.source}: ${f.occupations.length} occupations, ${f.concepts.size} concepts`,
  );
  console.log(`indexes: ${counts.join('; ')}`);
  console.log(
    `index build: occupations ${seconds(occupationsIndexMs)}, skill search ${seconds(searchIndexMs)}; ` +
      `RSS after both indexes (and the app's own search index) ${mb(rss.rss)}, JS heap ${mb(rss.heapUsed)}`,
  );

  const scansBefore = await tableScans();
  let requests = 0;

  // --- the queries: 5 random concepts of one framework each, the same for every way of asking
  const queriesOf = (framework: 'onet' | 'esco'): QuerySkill[][] => {
    const codes = [...(index.get(framework)?.concepts.keys() ?? [])];
    return Array.from({ length: WARMUP + QUERIES }, () =>
      pick(codes, 5).map((code) => ({ framework, code })),
    );
  };
  const queries = { onet: queriesOf('onet'), esco: queriesOf('esco') };

  const post = async (skills: QuerySkill[]) => {
    const response = await fetch(`${base}/api/v1/insights/occupations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ skills, limit: 10 }),
    });
    if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
    return (await response.json()) as { items: unknown[] };
  };
  /** Per-request latency of `ask` over the list, `concurrency` requests in flight; the first WARMUP untimed. */
  async function run<T>(list: T[], ask: (item: T) => Promise<unknown>, concurrency = 1) {
    for (const item of list.slice(0, WARMUP)) await ask(item);
    requests += WARMUP;
    const times: number[] = [];
    const perRequest: number[] = [];
    let next = WARMUP;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < list.length) {
          const item = list[next++] as T;
          const before = statements.length;
          const t = performance.now();
          await ask(item);
          requests += 1;
          times.push(performance.now() - t);
          if (concurrency === 1) perRequest.push(statements.length - before);
        }
      }),
    );
    const rate = (times.length / (performance.now() - started)) * 1000;
    return { times, perRequest, rate };
  }
  const sqlNote = (perRequest: number[]) => {
    const least = Math.min(...perRequest);
    const most = Math.max(...perRequest);
    return `SQL/request ${least === most ? least : `${least}–${most}`}`;
  };

  const results = { onet: 0, esco: 0 };
  for (const framework of ['onet', 'esco'] as const) {
    const name = framework === 'onet' ? 'O*NET' : 'ESCO';
    const inProcess = await run(queries[framework], async (q) => {
      results[framework] += (await relatedOccupations(db, q, 10)).length;
    });
    record(`occupations, ${name}, in-process`, inProcess.times, sqlNote(inProcess.perRequest));
    const sequential = await run(queries[framework], post);
    record(
      `occupations, ${name}, HTTP sequential`,
      sequential.times,
      `${sqlNote(sequential.perRequest)}, ${sequential.rate.toFixed(0)} req/s`,
    );
    const parallel = await run(queries[framework], post, 8);
    record(`occupations, ${name}, HTTP concurrency 8`, parallel.times, `${parallel.rate.toFixed(0)} req/s`);
  }

  // --- skill search: the first one to three words of a random concept's label
  const labels = [...index.values()].flatMap((f) => [...f.concepts.values()].map((c) => c.label));
  const phrases = Array.from({ length: WARMUP + QUERIES }, () => {
    const words = (pick(labels, 1)[0] ?? 'listening').split(/\s+/);
    return words.slice(0, 1 + Math.floor(random() * 3)).join(' ');
  });
  const search = await run(phrases, async (q) => {
    const response = await fetch(`${base}/api/v1/skills/search?${new URLSearchParams({ q, limit: '10' })}`);
    if (response.status !== 200 && response.status !== 400) throw new Error(`HTTP ${response.status}`);
    await response.arrayBuffer();
  });
  record(
    'skill search, HTTP sequential',
    search.times,
    `${sqlNote(search.perRequest)}, ${search.rate.toFixed(0)} req/s`,
  );
  const searchParallel = await run(
    phrases,
    async (q) => {
      const response = await fetch(`${base}/api/v1/skills/search?${new URLSearchParams({ q, limit: '10' })}`);
      await response.arrayBuffer();
    },
    8,
  );
  record('skill search, HTTP concurrency 8', searchParallel.times, `${searchParallel.rate.toFixed(0)} req/s`);

  // --- what one request reads: the statements of one O*NET and one ESCO query and one search
  const traceOf = async (ask: () => Promise<unknown>) => {
    statements = [];
    await ask();
    return statements.map((s) => `${s.kind.replace('QueryNode', '')} ${s.tables.join(', ')}`).join('; ');
  };
  const traces = [
    ['occupations (O*NET)', await traceOf(() => post(queries.onet[0] as QuerySkill[]))],
    ['occupations (ESCO)', await traceOf(() => post(queries.esco[0] as QuerySkill[]))],
    [
      'skill search',
      await traceOf(() => fetch(`${base}/api/v1/skills/search?q=active+listening`).then((r) => r.text())),
    ],
  ];
  requests += traces.length;
  const scansAfter = await tableScans();
  await app.close();

  console.log(
    `\n5-skill queries (limit 10): ${QUERIES} per framework after ${WARMUP} warm-up, seed ${args.seed}; ` +
      `${(results.onet / (WARMUP + QUERIES)).toFixed(1)} O*NET and ${(results.esco / (WARMUP + QUERIES)).toFixed(1)} ESCO occupations per answer on average\n`,
  );
  const ms = (v: number) => `${v.toFixed(v < 10 ? 2 : 1)} ms`.padStart(10);
  console.log(
    `${'what'.padEnd(38)} ${'n'.padStart(5)} ${'p50'.padStart(10)} ${'p99'.padStart(10)} ${'max'.padStart(10)}  notes`,
  );
  for (const r of rows)
    console.log(
      `${r.what.padEnd(38)} ${String(r.n).padStart(5)} ${ms(r.p50)} ${ms(r.p99)} ${ms(r.max)}  ${r.extra}`,
    );
  console.log('\nSQL statements of one request (kind and tables named):');
  for (const [what, trace] of traces) console.log(`  ${what}: ${trace}`);
  console.log(`\nScans per skill table during the ${requests} requests above (PostgreSQL statistics):`);
  for (const [table, after] of scansAfter) {
    const before = scansBefore.get(table) ?? { seq: 0, seqRows: 0, idx: 0 };
    console.log(
      `  ${table.padEnd(26)} sequential ${String(after.seq - before.seq).padStart(6)} (rows read ${String(after.seqRows - before.seqRows).padStart(7)})   index ${String(after.idx - before.idx).padStart(6)}`,
    );
  }
} finally {
  await bench.close();
}
