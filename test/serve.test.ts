// `npm start` as an operator sees it: a real process on the embedded database, on a real port.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
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

function start(port: number): Started {
  const child = spawn(process.execPath, [bin, 'serve'], {
    env: {
      PATH: process.env.PATH ?? '',
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      NODE_ENV: 'development',
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
