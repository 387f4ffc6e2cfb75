// The issuer dashboard's figures at size (issue #19 item 8): an issuer with 50,000 awards over three years
// across 20 badges in every state (offered, accepted, declined, awaiting the fee; some public, some expiring
// soon). Times GET /orgs/{orgId}/figures over HTTP (app.inject: routing, validation, access check, SQL,
// serialization; no socket) for a year by month, three years by month and a quarter by week, and the CSV of
// one table, and prints p50/p99 and the SQL statements per request (constant: set-based, never one per award).
// Seeds with set-based SQL (INSERT … SELECT generate_series), not 50,000 API calls. Prints figures only.
// Run: npx tsx bench/issuer-figures.ts [--runs 100] [--warmup 10]
//   embedded PGlite by default; DATABASE_URL=postgres://… runs it on PostgreSQL (a fresh schema, dropped after).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type KyselyPlugin, sql } from 'kysely';
import { aPublishedBadge, aPublishedCourse } from '../src/badges/testing.ts';
import { loadConfig } from '../src/config.ts';
import { buildApp } from '../src/http/app.ts';
import { anIssuerWithOwner } from '../src/issuing/testing.ts';
import { openRuntime } from '../src/runtime.ts';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '100' },
    warmup: { type: 'string', default: '10' },
  },
});
const RUNS = Number(args.runs);
const WARMUP = Number(args.warmup);
const AWARDS = 50_000;
const BADGES = 20;

const dataDir = mkdtempSync(join(tmpdir(), 'tessera-figures-bench-'));
const schema = `bench_figures_${randomBytes(4).toString('hex')}`;
const runtime = await openRuntime(
  loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    PUBLIC_URL: 'https://tessera.example.org',
    DATA_DIR: dataDir,
    ...(process.env.DATABASE_URL
      ? { DATABASE_URL: process.env.DATABASE_URL, DATABASE_SCHEMA: schema, JOBS_SCHEMA: `${schema}_jobs` }
      : {}),
    KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    SEED_DEMO_DATA: 'false',
    WORKERS: 'off',
    MAIL_OUTBOX_ONLY: 'true',
  }),
);

let statements = 0;
const counter: KyselyPlugin = {
  transformQuery({ node }) {
    statements += 1;
    return node;
  },
  transformResult: async ({ result }) => result,
};
const deps = { ...runtime.deps, db: runtime.deps.db.withPlugin(counter) };
const db = runtime.deps.db;
const app = await buildApp(deps, { logger: false });
await app.ready();

// --- seed: an issuer, one course, 20 published badges, 50,000 awards spread over three years
const seedStart = performance.now();
const issuer = await anIssuerWithOwner(app, deps, 'Bench Academy');
const courseId = await aPublishedCourse(app, issuer.orgId, issuer.owner, { title: 'Bench course' });
const badges: Array<{ id: string; versionId: string }> = [];
for (let i = 0; i < BADGES; i++) {
  const badge = await aPublishedBadge(app, issuer, { courseIds: [courseId], name: `Badge ${i + 1}` });
  badges.push({ id: badge.id, versionId: badge.latestVersion.id });
}
const badgeIds = badges.map((b) => b.id);
const versionIds = badges.map((b) => b.versionId);
await sql`
  insert into awards (org_id, badge_id, badge_version_id, recipient_email, cycle, source, state, awarded_date,
                      issued_at, valid_until, visibility, created_at)
  select ${issuer.orgId}, (${badgeIds}::uuid[])[1 + i % ${BADGES}], (${versionIds}::uuid[])[1 + i % ${BADGES}],
         'learner' || i || '@example.org', 1, 'manual',
         (array['accepted', 'accepted', 'accepted', 'offered', 'declined', 'awaiting-fee'])[1 + i % 6],
         now() - (i % 1095) * interval '1 day', now() - (i % 1095) * interval '1 day',
         now() + ((i * 7) % 1095) * interval '1 day',
         case when i % 3 = 0 then 'public' else 'private' end, now()
  from generate_series(1, ${AWARDS}) as i`.execute(db);
console.log(
  `seeded ${AWARDS} awards over ${BADGES} badges in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`,
);

// --- measure
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function time(name: string, url: string): Promise<void> {
  const call = async () => {
    const response = await app.inject({ method: 'GET', url, headers: issuer.owner.headers });
    if (response.statusCode !== 200) throw new Error(`${name}: ${response.statusCode} ${response.body}`);
    return response;
  };
  for (let i = 0; i < WARMUP; i++) await call();
  const times: number[] = [];
  statements = 0;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await call();
    times.push(performance.now() - start);
  }
  const perRequest = statements / RUNS;
  times.sort((a, b) => a - b);
  console.log(
    `${name.padEnd(36)} p50 ${percentile(times, 50).toFixed(1).padStart(7)} ms   p99 ${percentile(times, 99)
      .toFixed(1)
      .padStart(7)} ms   ${perRequest} SQL statements per request`,
  );
}

const base = `/api/v1/orgs/${issuer.orgId}/figures`;
const check = await app.inject({ method: 'GET', url: base, headers: issuer.owner.headers });
const totals = check.json().awards.totals;
console.log(`the last twelve months: ${JSON.stringify(totals)}`);
console.log(`database: ${runtime.deps.config.database.kind}; ${RUNS} runs after ${WARMUP} warm-up`);
await time('a year by month (default)', base);
const today = new Date().toISOString().slice(0, 10);
const threeYears = new Date(Date.now() - 3 * 365 * 86_400_000).toISOString().slice(0, 10);
await time('three years by month', `${base}?from=${threeYears}&to=${today}`);
const quarter = new Date(Date.now() - 91 * 86_400_000).toISOString().slice(0, 10);
await time('a quarter by week', `${base}?from=${quarter}&to=${today}&interval=week`);
await time('CSV of the badges table', `${base}?format=csv&table=badges`);

await app.close();
if (process.env.DATABASE_URL) {
  await sql`drop schema ${sql.id(schema)} cascade`.execute(db);
  await sql`drop schema ${sql.id(`${schema}_jobs`)} cascade`.execute(db);
}
await runtime.close();
rmSync(dataDir, { recursive: true, force: true });
