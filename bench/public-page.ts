// Public badge page and verify API under load (issue #7 "Performance"): the real server listening on
// loopback, on a fresh PostgreSQL database, with one public badge; autocannon (in a process of its own, so the
// server's CPU time is measured alone) at fixed rates against GET /badges/{id} and POST /api/v1/verify with the
// OB 3.0 credential JSON, then the verify API flat out. Prints requests/s and p50/p99 latency.
// Prints figures only — never pass/fail on timing.
// Run: npx tsx bench/public-page.ts [--seconds 10] [--rates 200,1000] [--only page|verify] [--connections N]
//   uses DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres, to create (and drop) a database.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs, promisify } from 'node:util';
import type autocannon from 'autocannon';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { buildApp } from '../src/http/app.ts';
import { openRuntime } from '../src/runtime.ts';
import { anAcceptedBadge } from '../src/showcase/testing.ts';
import { freePort } from '../test/support/browser.ts';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    rates: { type: 'string', default: '200,1000' },
    only: { type: 'string' },
    connections: { type: 'string' },
  },
});
const SECONDS = Number(args.seconds);
const AUTOCANNON = createRequire(import.meta.url).resolve('autocannon/autocannon.js');
const execFileAsync = promisify(execFile);
const RATES = args.rates.split(',').map(Number);

// --- a database of its own on PostgreSQL
const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const databaseName = `tessera_bench_${randomBytes(4).toString('hex')}`;
const pgAdmin = new pg.Client({ connectionString: adminUrl });
await pgAdmin.connect();
await pgAdmin.query(`create database ${databaseName}`);
const databaseUrl = new URL(adminUrl);
databaseUrl.pathname = `/${databaseName}`;
const dataDir = mkdtempSync(join(tmpdir(), 'tessera-bench-'));

const port = await freePort();
const baseUrl = `http://127.0.0.1:${port}`;
const config = loadConfig({
  NODE_ENV: 'production',
  LOG_LEVEL: 'warn',
  PUBLIC_URL: 'https://tessera.example.org',
  DATA_DIR: dataDir,
  DATABASE_URL: databaseUrl.toString(),
  KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  SEED_DEMO_DATA: 'false',
  WORKERS: 'off',
  // The verify API allows 120 requests a minute per client by default; the bench is one client.
  VERIFY_RATE_LIMIT: '100000000',
});
const runtime = await openRuntime(config);
const { deps } = runtime;
const app = await buildApp(deps, { logger: false });

try {
  // --- one public badge, earned and accepted the way a learner does it, then made public
  const { award, learner } = await anAcceptedBadge(app, deps, {
    badgeName: 'Gestión de nóminas — Zoë',
    learnerName: 'Zoë Núñez',
  });
  const shared = await app.inject({
    method: 'PUT',
    url: `/api/v1/me/badges/${award.id}/sharing`,
    headers: learner.headers,
    payload: { visibility: 'public' },
  });
  if (shared.statusCode !== 200) throw new Error(`sharing failed: ${shared.statusCode} ${shared.body}`);
  await app.listen({ port, host: '127.0.0.1' });

  const pagePath = `/badges/${award.id}`;
  const credential = await (
    await fetch(`${baseUrl}${pagePath}`, { headers: { accept: 'application/ld+json' } })
  ).json();
  const verdict = (await (
    await fetch(`${baseUrl}/api/v1/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ credential }),
    })
  ).json()) as { verdict: string };
  if (verdict.verdict !== 'verified') throw new Error(`the credential does not verify: ${verdict.verdict}`);
  const html = await (await fetch(`${baseUrl}${pagePath}`, { headers: { accept: 'text/html' } })).text();
  if (!html.includes('Gestión de nóminas — Zoë')) throw new Error('the badge page does not show the badge');

  const bodyFile = join(dataDir, 'verify-body.json');
  writeFileSync(bodyFile, JSON.stringify({ credential }));
  const targets = {
    page: { path: pagePath, args: ['-H', 'accept=text/html'] },
    verify: {
      path: '/api/v1/verify',
      args: ['-m', 'POST', '-H', 'content-type=application/json', '-i', bodyFile],
    },
  } as const;

  interface Row {
    case: string;
    'offered rps': string;
    'done rps': number;
    'p50 ms': number;
    'p90 ms': number;
    'p99 ms': number;
    'max ms': number;
    'loop delay p99 ms': number;
    'loop delay max ms': number;
    'server CPU ms/req': string;
    'non-2xx': number;
    errors: number;
  }
  const rows: Row[] = [];

  /** autocannon in a process of its own, so the server's CPU time is its alone. */
  async function run(name: keyof typeof targets, rate: number | undefined, seconds: number, record = true) {
    const connections = args.connections
      ? Number(args.connections)
      : rate === undefined
        ? 16
        : Math.max(10, Math.min(50, Math.ceil(rate / 20)));
    const cpuBefore = process.cpuUsage();
    // The server runs in this process: how long its event loop was held up tells server stalls from client ones.
    const loopDelay = monitorEventLoopDelay({ resolution: 1 });
    loopDelay.enable();
    const { stdout } = await execFileAsync(
      process.execPath,
      [
        AUTOCANNON,
        '-j',
        '-c',
        String(connections),
        '-d',
        String(seconds),
        // A per-connection rate spaces requests evenly (an overall rate lets autocannon send each second's budget in a burst).
        ...(rate === undefined ? [] : ['-r', String(rate / connections)]),
        ...targets[name].args,
        `${baseUrl}${targets[name].path}`,
      ],
      { maxBuffer: 16 * 1024 * 1024 },
    );
    const cpu = process.cpuUsage(cpuBefore);
    loopDelay.disable();
    const result = JSON.parse(stdout) as autocannon.Result;
    if (!record) return;
    rows.push({
      case: name === 'page' ? 'GET /badges/{id}' : 'POST /api/v1/verify',
      'offered rps': rate === undefined ? 'max' : String(rate),
      'done rps': Math.round(result.requests.total / (result.duration || seconds)),
      'p50 ms': result.latency.p50,
      'p90 ms': result.latency.p90,
      'p99 ms': result.latency.p99,
      'max ms': result.latency.max,
      'loop delay p99 ms': Math.round(loopDelay.percentile(99) / 1e6),
      'loop delay max ms': Math.round(loopDelay.max / 1e6),
      'server CPU ms/req': ((cpu.user + cpu.system) / 1000 / Math.max(1, result.requests.total)).toFixed(2),
      'non-2xx': result.non2xx,
      errors: result.errors + result.timeouts,
    });
  }

  const load = () =>
    loadavg()
      .map((n) => n.toFixed(1))
      .join(' ');
  const loadBefore = load();
  // Warm up: JIT, connection pool, the page's verification cache.
  await run('page', 200, 3, false);
  await run('verify', 200, 3, false);
  if (args.only !== 'verify') for (const rate of RATES) await run('page', rate, SECONDS);
  if (args.only !== 'page') {
    for (const rate of RATES) await run('verify', rate, SECONDS);
    await run('verify', undefined, SECONDS);
  }

  console.log(
    `\nPublic badge page and verify API — Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ` +
      `PostgreSQL, ${SECONDS} s per case, load average ${loadBefore} before, ${load()} after\n`,
  );
  console.table(rows);
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await app.close();
  await runtime.close();
  // pg-boss closes its pool a moment after stop() resolves; dropping the database first kills it loudly.
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  await pgAdmin.query(`drop database ${databaseName} with (force)`);
  await pgAdmin.end();
  rmSync(dataDir, { recursive: true, force: true });
}
