// Hostile input to the anonymous verify API (issue #14 "Anonymous CPU exhaustion through verify"): the real
// server listening on loopback (embedded database in a temporary directory), GET /health probed at a steady
// rate while each kind of hostile request is fired at it with several connections at once, then all kinds
// together. The probes and the hostile load come from bench/paced-load.ts processes of their own, so the
// server's CPU time (its own thread and its verification workers) is measured alone; the CPU it spends
// answering the probes alone (the first row, per second) is taken off before dividing by the requests.
// Before the limits and the workers, 2,000 repeated contexts cost 5.7 s of CPU, 8,000 cost 24 s and held
// /health for 110 s; the target is /health under 100 ms throughout.
// Prints figures only — never pass/fail on timing.
// Run: npx tsx bench/hostile-verify.ts [--seconds 10] [--rate 4] [--connections 8] [--health-rate 20]
//   [--workers N] [--no-client-priority]
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, setPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.ts';
import { bakeSvg } from '../src/credentials/index.ts';
import { buildApp } from '../src/http/app.ts';
import { openRuntime } from '../src/runtime.ts';
import { verificationWorkStats } from '../src/verification/index.ts';
import {
  aHeavySelfSignedCredential,
  aSelfSignedCredential,
  hostileCredentials,
  multipartForm,
} from '../src/verification/testing.ts';
import { freePort } from '../test/support/browser.ts';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    rate: { type: 'string', default: '4' },
    connections: { type: 'string', default: '8' },
    'health-rate': { type: 'string', default: '20' },
    workers: { type: 'string' },
    'client-priority': { type: 'boolean', default: true },
  },
});
const SECONDS = Number(args.seconds);
const PACED_LOAD = fileURLToPath(new URL('./paced-load.ts', import.meta.url));
const MIB = 1024 * 1024;

interface Paced {
  doneRps: number;
  requests: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  clientSendLagMs: { p99: number };
  non2xx: number;
  errors: number;
}

/**
 * A bench/paced-load.ts process. Unless --no-client-priority, the /health prober runs at a higher priority
 * (nice -10, where allowed), as bench/public-page.ts does: on 2 shared cores a prober that wakes late adds
 * its own lateness to every latency it reports (its send lag is printed beside the latencies). The hostile
 * clients run at nice 10: here they share the server's cores, which a remote attacker's do not; they still
 * send every request at the rate ("hostile req" counts them).
 */
function pacedLoad(commandArgs: string[], prober = false): Promise<Paced> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', PACED_LOAD, ...commandArgs],
      { maxBuffer: 16 * MIB },
      (error, stdout) => (error ? reject(error) : resolve(JSON.parse(stdout) as Paced)),
    );
    if (args['client-priority'] && child.pid !== undefined) {
      try {
        setPriority(child.pid, prober ? -10 : 10);
      } catch {
        // Not allowed here: the prober runs at normal priority.
      }
    }
  });
}

const dataDir = mkdtempSync(join(tmpdir(), 'tessera-hostile-'));
const port = await freePort();
const baseUrl = `http://127.0.0.1:${port}`;
const config = loadConfig({
  NODE_ENV: 'production',
  LOG_LEVEL: 'warn',
  PUBLIC_URL: 'https://tessera.example.org',
  DATA_DIR: dataDir,
  KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  SEED_DEMO_DATA: 'false',
  WORKERS: 'off',
  MAIL_OUTBOX_ONLY: 'true',
  // The verify API allows 120 requests a minute per client by default; the bench is one client.
  VERIFY_RATE_LIMIT: '100000000',
  ...(args.workers !== undefined ? { VERIFY_WORKERS: args.workers } : {}),
});
const runtime = await openRuntime(config);
const app = await buildApp(runtime.deps, { logger: false });

try {
  await app.listen({ port, host: '127.0.0.1' });

  // --- the hostile bodies, grown from a credential signed by its own did:key as an attacker would sign it
  const { credential } = await aSelfSignedCredential();
  const heaviest = await aHeavySelfSignedCredential(900);
  const svgAttributes = Array.from({ length: 400_000 }, (_, i) => ` a${i}="v"`).join('');
  const hostileSvg = bakeSvg(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg"${svgAttributes}/>`), {
    format: 'ob3-json',
    payload: JSON.stringify(credential),
  });
  const svgForm = multipartForm([
    { name: 'file', filename: 'badge.svg', type: 'image/svg+xml', bytes: hostileSvg },
  ]);
  const json = (value: object) => ({
    body: Buffer.from(JSON.stringify({ credential: value })),
    type: 'application/json',
  });
  const cases: Record<string, { body: Buffer; type: string }> = {
    '2,000 repeated contexts': json(hostileCredentials.repeatedContexts(credential, 2000)),
    '8,000 repeated contexts': json(hostileCredentials.repeatedContexts(credential, 8000)),
    '200,000 empty subjects': json(hostileCredentials.emptySubjects(credential, 200_000)),
    'a list of 50,000 types': json(hostileCredentials.hugeArray(credential, 50_000)),
    'within limits, 900 alignments': json(heaviest),
    [`SVG, ${(hostileSvg.length / MIB).toFixed(1)} MiB of attributes`]: {
      body: svgForm.payload,
      type: svgForm.headers['content-type'],
    },
  };
  const bodyFiles = Object.fromEntries(
    Object.entries(cases).map(([name, { body }], i) => {
      const file = join(dataDir, `hostile-${i}.body`);
      writeFileSync(file, body);
      return [name, file];
    }),
  );

  // --- what each answers, once (this also starts the verification workers)
  const answers: Record<string, string> = {};
  for (const [name, { body, type }] of Object.entries(cases)) {
    const response = await fetch(`${baseUrl}/api/v1/verify`, {
      method: 'POST',
      headers: { 'content-type': type },
      body: new Uint8Array(body),
    });
    const reply = (await response.json()) as { verdict?: string; reason?: string };
    answers[name] = `${response.status} ${reply.verdict ?? reply.reason ?? ''}`;
  }

  const health = () =>
    pacedLoad(
      [
        '--url',
        `${baseUrl}/health`,
        '--rate',
        args['health-rate'],
        '--seconds',
        String(SECONDS),
        '--connections',
        '4',
      ],
      true,
    );
  const hostile = (name: string) =>
    pacedLoad([
      '--url',
      `${baseUrl}/api/v1/verify`,
      '--method',
      'POST',
      '--header',
      `content-type=${cases[name]!.type}`,
      '--body-file',
      bodyFiles[name]!,
      '--rate',
      args.rate,
      '--seconds',
      String(SECONDS),
      '--connections',
      args.connections,
    ]);

  interface Row {
    case: string;
    answer: string;
    'hostile req': number;
    'non-2xx': number;
    'server CPU ms/req': string;
    'health p50 ms': number;
    'health p99 ms': number;
    'health max ms': number;
    'prober lag p99 ms': number;
    'loop delay max ms': number;
    'server thread busy %': number;
    'worker timeouts': number;
  }
  const rows: Row[] = [];

  /** Server CPU ms per second with /health probes alone: taken from each case before dividing by its requests. */
  let idleCpuPerSecond = 0;

  async function measure(label: string, names: string[]): Promise<void> {
    const cpuBefore = process.cpuUsage();
    const startedAt = performance.now();
    const timeoutsBefore = verificationWorkStats(runtime.deps)?.timedOut ?? 0;
    const loopDelay = monitorEventLoopDelay({ resolution: 1 });
    const busyBefore = performance.eventLoopUtilization();
    loopDelay.enable();
    const [probes, ...loads] = await Promise.all([health(), ...names.map(hostile)]);
    loopDelay.disable();
    // How much of the time the server's own thread was running code rather than waiting for events.
    const busy = performance.eventLoopUtilization(busyBefore).utilization;
    const cpu = process.cpuUsage(cpuBefore);
    const seconds = (performance.now() - startedAt) / 1000;
    const cpuMs = (cpu.user + cpu.system) / 1000;
    if (names.length === 0) idleCpuPerSecond = cpuMs / seconds;
    const hostileCpuMs = Math.max(0, cpuMs - idleCpuPerSecond * seconds);
    const requests = loads.reduce((sum, load) => sum + load.requests, 0);
    rows.push({
      case: label,
      answer: names.length === 1 ? (answers[names[0]!] ?? '') : 'mixed',
      'hostile req': requests,
      'non-2xx': loads.reduce((sum, load) => sum + load.non2xx + load.errors, 0),
      'server CPU ms/req': requests
        ? (hostileCpuMs / requests).toFixed(1)
        : `${idleCpuPerSecond.toFixed(0)}/s`,
      'health p50 ms': probes.latencyMs.p50,
      'health p99 ms': probes.latencyMs.p99,
      'health max ms': probes.latencyMs.max,
      'prober lag p99 ms': probes.clientSendLagMs.p99,
      'loop delay max ms': Math.round(loopDelay.max / 1e6),
      'server thread busy %': Math.round(busy * 100),
      'worker timeouts': (verificationWorkStats(runtime.deps)?.timedOut ?? 0) - timeoutsBefore,
    });
  }

  const loadBefore = loadavg()
    .map((n) => n.toFixed(1))
    .join(' ');
  await measure('(none: /health alone)', []);
  for (const name of Object.keys(cases)) await measure(name, [name]);
  await measure('all of them at once', Object.keys(cases));

  console.log(
    `\nHostile verify requests — Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ` +
      `VERIFY_WORKERS=${config.verifyWorkers}, VERIFY_DEADLINE_MS=${config.verifyDeadlineMs}, ` +
      `VERIFY_QUEUE=${config.verifyQueue}; ${SECONDS} s per case, hostile ${args.rate} rps on ` +
      `${args.connections} connections each, /health at ${args['health-rate']} rps; load average ` +
      `${loadBefore} before\n`,
  );
  console.table(rows);
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await app.close();
  await runtime.close();
  rmSync(dataDir, { recursive: true, force: true });
}
