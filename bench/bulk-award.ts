// Bulk award throughput (issue #5 "Performance"): a CSV of N recipients through the dry run and the
// batched run, on a database of its own (embedded PGlite in a temp dir, or a fresh PostgreSQL database),
// printing awards/s per stage and peak memory. Baking happens on download in the product; here each
// credential is baked into the badge PNG in memory, to show what downloading them all would cost.
// Prints figures only — never pass/fail on timing.
// Run: npx tsx bench/bulk-award.ts [--pg] [--rows 10000] [--batch 500] [--lanes 2] [--no-bake]
//   --pg uses DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres, to create a fresh database.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { markRunning, previewBulkRun, processBulkRun } from '../src/badges/bulk-runs.ts';
import { aPublishedBadge } from '../src/badges/testing.ts';
import { loadConfig } from '../src/config.ts';
import { bake } from '../src/credentials/index.ts';
import { buildApp } from '../src/http/app.ts';
import { defaultBadgeSvg, svgToPng } from '../src/issuing/badge-image.ts';
import { anIssuerWithOwner } from '../src/issuing/testing.ts';
import { openRuntime } from '../src/runtime.ts';
import { aOneLessonCourse } from '../test/support/awards.ts';

const { values: args } = parseArgs({
  options: {
    pg: { type: 'boolean', default: false },
    rows: { type: 'string', default: '10000' },
    batch: { type: 'string', default: '500' },
    lanes: { type: 'string', default: '2' },
    /** Skip the in-memory bake of every credential (not part of the award run; ~60 s at 100,000). */
    bake: { type: 'boolean', default: true },
  },
  allowNegative: true,
});
const ROWS = Number(args.rows);
const BATCH = Number(args.batch);
/** Batches in flight at once (PostgreSQL only; PGlite always runs one). */
const LANES = args.pg ? Number(args.lanes) : 1;

// --- memory: peak RSS, sampled every 100 ms
let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 100);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

// --- a database of its own
const dataDir = mkdtempSync(join(tmpdir(), 'tessera-bench-'));
let pgAdmin: pg.Client | undefined;
let databaseUrl: string | undefined;
const databaseName = `tessera_bench_${randomBytes(4).toString('hex')}`;
if (args.pg) {
  const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  pgAdmin = new pg.Client({ connectionString: adminUrl });
  await pgAdmin.connect();
  await pgAdmin.query(`create database ${databaseName}`);
  const url = new URL(adminUrl);
  url.pathname = `/${databaseName}`;
  databaseUrl = url.toString();
}
const config = loadConfig({
  NODE_ENV: 'production',
  LOG_LEVEL: 'warn',
  PUBLIC_URL: 'https://tessera.example.org',
  DATA_DIR: dataDir,
  ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  SEED_DEMO_DATA: 'false',
  WORKERS: 'off',
});
const runtime = await openRuntime(config);
const { deps } = runtime;
const app = await buildApp(deps, { logger: false });
await app.ready();

// --- an issuer with a published badge (through the API, as the product does it)
const issuer = await anIssuerWithOwner(app, deps, 'Bench Academy');
const badge = await aPublishedBadge(app, issuer, { courseIds: [await aOneLessonCourse(app, issuer)] });

/** N recipients, streamed in ~64 KB chunks: the file is never held whole. */
async function* csv(rows: number): AsyncGenerator<Buffer> {
  let chunk = 'email,name,evidence_url,issue_date\n';
  for (let i = 0; i < rows; i++) {
    chunk += `learner${i}@example.org,"Learner ${i}",https://portfolio.example.org/${i},2026-01-15\n`;
    if (chunk.length > 65_536) {
      yield Buffer.from(chunk);
      chunk = '';
    }
  }
  yield Buffer.from(chunk);
}

const figures: { stage: string; ms: number }[] = [];
const timed = async <T>(stage: string, work: () => Promise<T>): Promise<T> => {
  const start = performance.now();
  const result = await work();
  figures.push({ stage, ms: performance.now() - start });
  return result;
};

const totalStart = performance.now();
const run = await timed('validate (parse + rows stored)', () =>
  previewBulkRun(deps, {
    orgId: issuer.orgId,
    badgeId: badge.id,
    createdBy: null,
    fileName: 'bench.csv',
    source: csv(ROWS),
  }),
);
if (run.validRows !== ROWS) throw new Error(`expected ${ROWS} valid rows, got ${run.validRows}`);
await deps.db.transaction().execute((trx) => markRunning(deps, trx, run));

const stageMs = new Map<string, number>();
const processStart = performance.now();
/** Elapsed seconds at each tenth of the rows: shows whether throughput holds as the tables grow. */
const tenths: string[] = [];
const outcome = await processBulkRun(deps, run.id, {
  batchSize: BATCH,
  lanes: LANES,
  onProgress: (progress) => {
    if (progress.processedRows >= ((tenths.length + 1) * ROWS) / 10)
      tenths.push(((performance.now() - processStart) / 1000).toFixed(1));
  },
  onStage: (stage, ms) => stageMs.set(stage, (stageMs.get(stage) ?? 0) + ms),
});
const processMs = performance.now() - processStart;
if (outcome !== 'done') throw new Error(`run ended ${outcome}`);
// With two lanes the stages of two batches overlap: each stage's time is summed over both lanes.
for (const [stage, ms] of stageMs)
  figures.push({ stage: `  ${stage}${LANES > 1 ? ' (lane time)' : ''}`, ms });
figures.push({ stage: 'run (award rows + sign + mails)', ms: processMs });
const awardedMs = performance.now() - totalStart;

// --- bake: each credential into the badge PNG, in memory, read back a page at a time
const png = svgToPng(defaultBadgeSvg(badge.name as string));
if (args.bake)
  await timed('bake (PNG, in memory)', async () => {
    let after = 0;
    for (;;) {
      const page = await deps.db
        .selectFrom('bulkAwardRows as r')
        .innerJoin('awards as a', 'a.id', 'r.awardId')
        .innerJoin('issuedCredentials as c', 'c.id', 'a.credentialId')
        .select(['r.rowNumber', 'c.credential'])
        .where('r.runId', '=', run.id)
        .where('r.rowNumber', '>', after)
        .orderBy('r.rowNumber')
        .limit(1000)
        .execute();
      if (page.length === 0) break;
      for (const row of page) bake(png, { format: 'ob3-json', payload: JSON.stringify(row.credential) });
      after = page.at(-1)!.rowNumber;
    }
  });
const totalMs = performance.now() - totalStart;

const counts = await deps.db
  .selectFrom('mailMessages')
  .select((eb) => eb.fn.countAll<number>().as('n'))
  .where('idempotencyKey', 'like', 'badge-awarded:%')
  .executeTakeFirstOrThrow();
clearInterval(sampler);

const database = args.pg ? 'PostgreSQL' : 'PGlite (embedded)';
console.log(
  `\nBulk award of ${ROWS.toLocaleString('en')} recipients on ${database}, batches of ${BATCH}, ${LANES} lane(s); ${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}`,
);
for (const { stage, ms } of figures) {
  console.log(
    `  ${stage.padEnd(36)} ${(ms / 1000).toFixed(2).padStart(7)} s ${Math.round((ROWS / ms) * 1000)
      .toLocaleString('en')
      .padStart(9)} awards/s`,
  );
}
console.log(
  `  ${'awarded (validate → done)'.padEnd(36)} ${(awardedMs / 1000).toFixed(2).padStart(7)} s ${Math.round(
    (ROWS / awardedMs) * 1000,
  )
    .toLocaleString('en')
    .padStart(9)} awards/s`,
);
console.log(
  `  ${'total with bake'.padEnd(36)} ${(totalMs / 1000).toFixed(2).padStart(7)} s ${Math.round(
    (ROWS / totalMs) * 1000,
  )
    .toLocaleString('en')
    .padStart(9)} awards/s`,
);
const cpu = process.cpuUsage();
console.log(`  run elapsed at each 10% of the rows (s): ${tenths.join(', ')}`);
console.log(
  `  mails queued: ${Number(counts.n).toLocaleString('en')}; peak RSS ${mb(peakRss)}; Node CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s; load average ${loadavg()[0]?.toFixed(1)}`,
);

await app.close();
await runtime.close();
if (pgAdmin) {
  await new Promise((resolve) => setTimeout(resolve, 500));
  await pgAdmin.query(`drop database ${databaseName} with (force)`);
  await pgAdmin.end();
}
rmSync(dataDir, { recursive: true, force: true });
