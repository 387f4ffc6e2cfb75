// `npm start` as an operator sees it: a real process on the embedded database, on a real port.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const bin = resolve(import.meta.dirname, '../bin/tessera.js');
const dataDir = mkdtempSync(join(tmpdir(), 'tessera-serve-'));

async function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function start(port: number, env: Record<string, string> = {}): Started {
  const child = spawn(process.execPath, [bin, 'serve'], {
    env: {
      PATH: process.env.PATH ?? '',
      DATA_DIR: dataDir,
      PORT: String(port),
      LOG_LEVEL: 'info',
      NODE_ENV: 'development',
      ...env,
    },
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return { child, output: () => output, exited };
}

async function waitForReady(port: number, started: Started, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (started.child.exitCode !== null) throw new Error(`the server exited:\n${started.output()}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/ready`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`not ready within ${timeoutMs} ms:\n${started.output()}`);
}

/** The JSON log entries of a process (its output is a pipe, not a terminal, so every line is JSON). */
function logEntries(started: Started): Array<Record<string, unknown> & { msg?: string }> {
  return started
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line));
}

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('tessera serve on the embedded database', { timeout: 120_000 }, () => {
  let first: Started;
  let port: number;

  it('starts, seeds demo accounts it prints, and answers /ready', async () => {
    port = await freePort();
    first = start(port);
    await waitForReady(port, first);
    expect(first.output()).toContain('admin@tessera.test');
    const credentials = readFileSync(join(dataDir, 'demo-credentials.txt'), 'utf8');
    expect(credentials).toContain('learner@tessera.test');
    expect(credentials).toMatch(/The storefront: http:\/\/\S+\/bundles/);
    const ready = await (await fetch(`http://127.0.0.1:${port}/ready`)).json();
    expect(ready).toEqual({ status: 'ready', database: 'pglite' });
  });

  it('logs JSON lines to a pipe, the demo accounts inside one entry', () => {
    const demo = logEntries(first).find((entry) => entry.msg?.startsWith('demo data created'));
    expect(demo?.msg).toContain('operator@tessera.test');
    expect(demo?.msg).toContain('/outbox (log in as the platform operator above)');
  });

  it('listens on the loopback address only by default, and its log says so and how to open it up', async () => {
    const entries = logEntries(first);
    const listening = entries.filter((e) => e.msg?.startsWith('Server listening at')).map((e) => e.msg);
    expect(listening).toEqual([`Server listening at http://127.0.0.1:${port}`]);
    const ready = entries.find((e) => e.msg?.startsWith('Tessera is ready'));
    expect(ready).toMatchObject({ host: '127.0.0.1', port });
    expect(ready?.msg).toContain('listening on 127.0.0.1 only');
    expect(ready?.msg).toContain('set HOST=0.0.0.0 behind TLS or a reverse proxy');
    expect(ready?.msg).toContain(`log in as a platform operator and open http://localhost:${port}/outbox`);
    // This machine's other addresses, when it has one, refuse the connection.
    const external = Object.values(networkInterfaces())
      .flat()
      .find((address) => address?.family === 'IPv4' && !address.internal);
    if (external) await expect(fetch(`http://${external.address}:${port}/health`)).rejects.toThrow();
  });

  it('refuses a second instance on the same data directory with a clear message', async () => {
    const second = start(await freePort());
    const code = await second.exited;
    expect(code).not.toBe(0);
    expect(second.output()).toMatch(/Another Tessera process \(pid \d+\) is using this data directory/);
  });

  it('stops cleanly on SIGTERM', async () => {
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain('shutting down');
  });

  it('keeps the data on the next start and does not seed again', async () => {
    const again = start(port);
    await waitForReady(port, again);
    const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: 'learner@tessera.test',
        password: /learner@tessera\.test\s+(\S+)/.exec(
          readFileSync(join(dataDir, 'demo-credentials.txt'), 'utf8'),
        )?.[1],
      }),
    });
    expect(login.status).toBe(200);
    expect(again.output()).not.toContain('demo data created');
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  });
});

describe('tessera serve with an unsafe mail set-up', { timeout: 60_000 }, () => {
  it('refuses to start in production without SMTP_URL, naming it and MAIL_OUTBOX_ONLY', async () => {
    const refused = start(await freePort(), { NODE_ENV: 'production' });
    expect(await refused.exited).toBe(2);
    expect(refused.output()).toMatch(/SMTP_URL: required in production.*MAIL_OUTBOX_ONLY=true/);
  });

  it('refuses a public outbox on every interface, naming OUTBOX_PUBLIC and HOST', async () => {
    const refused = start(await freePort(), { OUTBOX_PUBLIC: 'true', HOST: '0.0.0.0' });
    expect(await refused.exited).toBe(2);
    expect(refused.output()).toContain('OUTBOX_PUBLIC and HOST: a public outbox is allowed only');
  });
});
