// The data commands while `tessera serve` holds the embedded database: real processes on a real data
// directory. The server does the work over its admin socket; the results are read back through the API.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const bin = resolve(import.meta.dirname, '../bin/tessera.js');
const dataDir = mkdtempSync(join(tmpdir(), 'tessera-served-'));
const socket = join(dataDir, 'run', 'admin.sock');
const env = {
  PATH: process.env.PATH ?? '',
  DATA_DIR: dataDir,
  LOG_LEVEL: 'warn',
  NODE_ENV: 'test',
  SEED_DEMO_DATA: 'false',
};

function tessera(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [bin, ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

async function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

let server: ChildProcess;
let output = '';
let base = '';
/** A published badge of the demo issuer, found by the award case. */
let badgeId = '';

async function waitForChannel(timeoutMs = 150_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited:\n${output}`);
    if (existsSync(socket)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no admin socket within ${timeoutMs} ms:\n${output}`);
}

interface Session {
  cookie: string;
  csrf: string;
}

/** A session for the API, logged in with a password. */
async function logIn(email: string, password: string): Promise<Session> {
  const response = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  expect(response.status).toBe(200);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie: (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '', csrf: csrfToken };
}

async function api<T>(session: Session, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${base}/api/v1${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      cookie: session.cookie,
      ...(body === undefined ? {} : { 'content-type': 'application/json', 'x-csrf-token': session.csrf }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.status, await response.clone().text()).toBeLessThan(300);
  return (await response.json()) as T;
}

const owner = { email: 'served.owner@example.test', password: 'a long served password' };

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, [bin, 'serve'], { env: { ...env, PORT: String(port) } });
  server.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  server.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  await waitForChannel();
}, 180_000);

afterAll(async () => {
  if (server?.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
  rmSync(dataDir, { recursive: true, force: true });
});

// Each case starts a CLI process next to a running server on a loaded machine.
describe('the data commands while tessera serve runs on the embedded database', { timeout: 240_000 }, () => {
  it('keeps the admin socket to the data directory owner', () => {
    expect(statSync(join(dataDir, 'run')).mode & 0o777).toBe(0o700);
    expect(statSync(socket).mode & 0o777).toBe(0o600);
  });

  it('creates a user through the running server, who can then log in', async () => {
    const created = await tessera([
      ...['user', 'create', '--email', 'Served.Owner@Example.test', '--name', 'Sona Served'],
      ...['--password', 'a long served password'],
    ]);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^Created user served\.owner@example\.test \([0-9a-f-]{36}\)\.\n$/);
    await logIn(owner.email, owner.password);
  });

  it('creates an organization owned by that user through the running server', async () => {
    const created = await tessera([
      ...['org', 'create', '--name', 'Served Academy', '--slug', 'served-academy'],
      ...['--owner', 'served.owner@example.test'],
    ]);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^Created issuer organization served-academy \([0-9a-f-]{36}\)\.\n$/);
    const session = await logIn(owner.email, owner.password);
    const { items } = await api<{ items: Array<{ slug: string; role: string }> }>(session, '/orgs');
    expect(items).toEqual([expect.objectContaining({ slug: 'served-academy', role: 'owner' })]);
  });

  it('awards a badge to a CSV file through the running server and says what it did', async () => {
    const session = await logIn(owner.email, owner.password);
    const [org] = (await api<{ items: Array<{ id: string }> }>(session, '/orgs')).items;
    const course = await api<{ id: string }>(session, `/orgs/${org?.id}/courses`, {
      title: 'Serving basics',
      summary: 'What a running server does.',
      estimatedMinutes: 30,
      units: [{ id: 'intro', kind: 'lesson', title: 'Serving', markdown: '# Serving' }],
    });
    await api(session, `/orgs/${org?.id}/courses/${course.id}/publish`, {});
    const draft = await api<{ id: string }>(session, `/orgs/${org?.id}/badges`, {
      name: 'Served well',
      description: 'Awarded from a file while the server ran.',
      requirements: { items: [{ kind: 'course', courseId: course.id }], required: null },
    });
    await api(session, `/orgs/${org?.id}/badges/${draft.id}/publish`, {});
    badgeId = draft.id;
    const file = join(dataDir, 'cohort.csv');
    writeFileSync(file, 'email,name\nserved1@example.org,One\nserved2@example.org,Two\nbroken,Three\n');

    const run = await tessera(['award', 'bulk', file, '--badge', badgeId, '--yes']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toBe('Checked cohort.csv: 3 rows: 2 valid (0 already hold the badge), 1 with problems.');
    expect(lines).toContain('  row 3 (broken): email is not a valid email address');
    expect(lines.at(-1)).toBe('Done: 2 awarded, 0 skipped (already held).');
    expect(run.stderr).toContain('awarding: 100% (2/2 rows)');
    const runId = lines.find((l) => l.startsWith('Run id: '))?.slice('Run id: '.length);
    const seen = await api<{ state: string; awardedRows: number }>(
      session,
      `/orgs/${org?.id}/bulk-awards/${runId}`,
    );
    expect(seen).toMatchObject({ state: 'done', awardedRows: 2 });
  });

  it('refuses a taken slug and a malformed one with exit code 2 and the reason', async () => {
    const taken = await tessera(['org', 'create', '--name', 'Again', '--slug', 'served-academy']);
    expect(taken.code).toBe(2);
    expect(taken.stderr).toBe('tessera: The address "served-academy" is taken; choose another.\n');
    const malformed = await tessera(['org', 'create', '--name', 'Bad', '--slug', 'Not A Slug']);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('The address (slug) is not usable.');
  });

  it('refuses a file with unknown columns with exit code 1, and an unknown badge or run with 2', async () => {
    const file = join(dataDir, 'bad.csv');
    writeFileSync(file, 'email,team\nx@example.org,red\n');
    const refused = await tessera(['award', 'bulk', file, '--badge', badgeId, '--yes']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^tessera: The file was refused: .*"team"/);
    const nothing = '00000000-0000-4000-8000-000000000000';
    const unknownBadge = await tessera(['award', 'bulk', file, '--badge', nothing, '--yes']);
    expect(unknownBadge.code).toBe(2);
    expect(unknownBadge.stderr).toMatch(/^tessera: .*badge/i);
    const unknownRun = await tessera(['award', 'bulk', '--resume', nothing]);
    expect(unknownRun.code).toBe(2);
    expect(unknownRun.stderr).toBe(`tessera: No bulk award run ${nothing}.\n`);
  });

  it('opens the database itself again once the server has stopped, and the socket is gone', async () => {
    server.kill('SIGTERM');
    expect(await new Promise((r) => server.once('exit', r))).toBe(0);
    expect(existsSync(socket)).toBe(false);
    const created = await tessera([
      ...['user', 'create', '--email', 'after@example.test', '--name', 'After Stop'],
      ...['--password', 'a long after password'],
    ]);
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('Created user after@example.test');
  });
});
