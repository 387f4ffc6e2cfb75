// Public badge page and verify API under load (issue #7 "Performance"): the real server listening on
// loopback, on a fresh PostgreSQL database, with one public badge. Two load generators, each in a process of
// its own (so the server's CPU time is measured alone), at fixed rates against GET /badges/{id} and
// POST /api/v1/verify with the OB 3.0 credential JSON, then the verify API flat out:
// - paced (bench/paced-load.ts): requests due evenly at the rate, latency counted from each one's due time
//   (wrk2's method, free of coordinated omission) — the figure the issue's latency target is read from;
// - autocannon: its rate mode sends each connection's share of every second back to back from the start of
//   the second, and "corrects" latencies as if requests were due every 1 ms (`Math.ceil(1 / rate)`), so its
//   percentiles describe bursts, not a steady 1,000 requests/s. Kept for comparison and for the flat-out case.
// Prints figures only — never pass/fail on timing.
// Run: npx tsx bench/public-page.ts [--seconds 10] [--rates 200,1000] [--only page|verify] [--connections N]
//   [--load paced,autocannon] [--no-client-priority]
//   uses DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres, to create (and drop) a database.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, setPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
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
    load: { type: 'string', default: 'paced,autocannon' },
    'client-priority': { type: 'boolean', default: true },
  },
});
const SECONDS = Number(args.seconds);
const AUTOCANNON = createRequire(import.meta.url).resolve('autocannon/autocannon.js');
const PACED_LOAD = fileURLToPath(new URL('./paced-load.ts', import.meta.url));
const TOOLS = args.load.split(',').map((tool) => {
  if (tool !== 'paced' && tool !== 'autocannon')
    throw new Error(`--load takes paced and/or autocannon, not ${tool}`);
  return tool;
});

/**
 * Runs a load generator and returns what it printed. Unless --no-client-priority, it runs at a higher
 * scheduling priority (nice -10, where allowed) than the server and PostgreSQL: on 2 shared cores a generator
 * that wakes late adds its own lateness to every latency it reports (a plain Node server answering a fixed
 * 12 kB page measured p99 9–15 ms at normal priority, 3–6 ms at nice -10). The server loses, not gains, by it.
 */
function loadGenerator(commandArgs: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, commandArgs, { maxBuffer: 16 * 1024 * 1024 }, (error, stdout) =>
      error ? reject(error) : resolve(stdout),
    );
    if (args['client-priority'] && child.pid !== undefined) {
      try {
        setPriority(child.pid, -10);
      } catch {
        if (!priorityWarned)
          console.warn(
            "(no permission to raise the load generator's priority: running it at normal priority)",
          );
        priorityWarned = true;
      }
    }
  });
}
let priorityWarned = false;

interface PacedFigures {
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
}
interface PacedResult {
  doneRps: number;
  requests: number;
  latencyMs: PacedFigures;
  clientSendLagMs: PacedFigures;
  clientCpuMsPerRequest: number;
  non2xx: number;
  errors: number;
}
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
    page: { path: pagePath, autocannon: ['-H', 'accept=text/html'], paced: ['--header', 'accept=text/html'] },
    verify: {
      path: '/api/v1/verify',
      autocannon: ['-m', 'POST', '-H', 'content-type=application/json', '-i', bodyFile],
      paced: ['--method', 'POST', '--header', 'content-type=application/json', '--body-file', bodyFile],
    },
  } as const;
  type Target = keyof typeof targets;

  interface Row {
    case: string;
    load: string;
    'offered rps': string;
    'done rps': number;
    'p50 ms': number;
    'p90 ms': number;
    'p99 ms': number;
    'max ms': number;
    'client lag p99 ms': number | string;
    'loop delay p99 ms': number;
    'loop delay max ms': number;
    'server CPU ms/req': string;
    'client CPU ms/req': string;
    'non-2xx': number;
    errors: number;
  }
  const rows: Row[] = [];

  interface Figures {
    doneRps: number;
    p50: number;
    p90: number;
    p99: number;
    max: number;
    requests: number;
    non2xx: number;
    errors: number;
    clientLagP99?: number;
    clientCpuMsPerRequest?: number;
  }

  /** autocannon: each connection sends its share of every second back to back, from the start of the second. */
  async function autocannonLoad(
    name: Target,
    rate: number | undefined,
    seconds: number,
    connections: number,
  ) {
    const stdout = await loadGenerator([
      AUTOCANNON,
      '-j',
      '-c',
      String(connections),
      '-d',
      String(seconds),
      ...(rate === undefined ? [] : ['-r', String(rate / connections)]),
      ...targets[name].autocannon,
      `${baseUrl}${targets[name].path}`,
    ]);
    const result = JSON.parse(stdout) as autocannon.Result;
    return {
      doneRps: Math.round(result.requests.total / (result.duration || seconds)),
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
      requests: result.requests.total,
      non2xx: result.non2xx,
      errors: result.errors + result.timeouts,
    } satisfies Figures;
  }

  /** bench/paced-load.ts: requests due evenly at the rate, latency counted from each one's due time. */
  async function pacedLoad(name: Target, rate: number, seconds: number, connections: number) {
    const stdout = await loadGenerator([
      '--import',
      'tsx',
      PACED_LOAD,
      '--url',
      `${baseUrl}${targets[name].path}`,
      '--rate',
      String(rate),
      '--seconds',
      String(seconds),
      '--connections',
      String(connections),
      ...targets[name].paced,
    ]);
    const result = JSON.parse(stdout) as PacedResult;
    return {
      doneRps: result.doneRps,
      ...result.latencyMs,
      requests: result.requests,
      non2xx: result.non2xx,
      errors: result.errors,
      clientLagP99: result.clientSendLagMs.p99,
      clientCpuMsPerRequest: result.clientCpuMsPerRequest,
    } satisfies Figures;
  }

  /** One case: the load generator in a process of its own, so the server's CPU time is its alone. */
  async function run(name: Target, rate: number | undefined, seconds: number, record = true) {
    const connections = args.connections
      ? Number(args.connections)
      : rate === undefined
        ? 16
        : Math.max(10, Math.min(50, Math.ceil(rate / 20)));
    for (const tool of rate === undefined ? (['autocannon'] as const) : TOOLS) {
      const cpuBefore = process.cpuUsage();
      // The server runs in this process: how long its event loop was held up tells server stalls from client ones.
      const loopDelay = monitorEventLoopDelay({ resolution: 1 });
      loopDelay.enable();
      const result: Figures =
        tool === 'paced' && rate !== undefined
          ? await pacedLoad(name, rate, seconds, connections)
          : await autocannonLoad(name, rate, seconds, connections);
      const cpu = process.cpuUsage(cpuBefore);
      loopDelay.disable();
      if (!record) continue;
      rows.push({
        case: name === 'page' ? 'GET /badges/{id}' : 'POST /api/v1/verify',
        load: tool,
        'offered rps': rate === undefined ? 'max' : String(rate),
        'done rps': result.doneRps,
        'p50 ms': result.p50,
        'p90 ms': result.p90,
        'p99 ms': result.p99,
        'max ms': result.max,
        'client lag p99 ms': result.clientLagP99 ?? '',
        'loop delay p99 ms': Math.round(loopDelay.percentile(99) / 1e6),
        'loop delay max ms': Math.round(loopDelay.max / 1e6),
        'server CPU ms/req': ((cpu.user + cpu.system) / 1000 / Math.max(1, result.requests)).toFixed(2),
        'client CPU ms/req': result.clientCpuMsPerRequest?.toFixed(2) ?? '',
        'non-2xx': result.non2xx,
        errors: result.errors,
      });
    }
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
