// A bulk run whose process was killed (SIGKILL: no chance to release its lease) is resumed with
// `tessera award bulk --resume` at once, not after the lease expires, and ends with every row awarded
// exactly once. Real processes on a real database: the embedded one on disk, or PostgreSQL when
// DATABASE_URL is set. And a live lease is respected, with who holds it and until when.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { testDatabaseUrl, uniqueSchemaName } from '../../test/support/database.ts';
import { bulkAwardFromCli } from '../cli/award-commands.ts';
import { loadConfig } from '../config.ts';
import type { Deps } from '../deps.ts';
import { buildApp } from '../http/app.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { openRuntime } from '../runtime.ts';
import { aOneLessonCourse } from './award-testing.ts';
import { resumeStalledBulkRuns } from './bulk-job.ts';
import { LEASE_SECONDS, processBulkRun } from './bulk-runs.ts';
import { aPublishedBadge } from './testing.ts';

const bin = resolve(import.meta.dirname, '../../bin/tessera.js');
const dir = mkdtempSync(join(tmpdir(), 'tessera-bulk-resume-'));
const RECIPIENTS = 3000;

/** The database the test and its child processes share, as the environment a `tessera` process reads. */
const schema = uniqueSchemaName('resume');
const env: Record<string, string> = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'warn',
  PUBLIC_URL: 'http://localhost:3000',
  DATA_DIR: join(dir, 'data'),
  KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  AUTH_RATE_LIMIT: '1000',
  SEED_DEMO_DATA: 'false',
  ...(testDatabaseUrl
    ? { DATABASE_URL: testDatabaseUrl, DATABASE_SCHEMA: schema, JOBS_SCHEMA: `${schema}_jobs` }
    : {}),
};

/** Opens the shared database in this process (on the embedded database, only while no child runs). */
async function openShared<T>(work: (app: Awaited<ReturnType<typeof buildApp>>, deps: Deps) => Promise<T>) {
  const runtime = await openRuntime(loadConfig({ ...env, LOG_LEVEL: 'silent' }));
  const app = await buildApp(runtime.deps, { logger: false });
  try {
    await app.ready();
    return await work(app, runtime.deps);
  } finally {
    await app.close();
    await runtime.close();
  }
}

interface Child {
  process: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function tessera(args: string[]): Child {
  const child = spawn(process.execPath, [bin, ...args], { env: { PATH: process.env.PATH ?? '', ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return { process: child, stdout: () => stdout, stderr: () => stderr, exited };
}

/** Resolves once `test` holds for the child's output; fails if the child exits first. */
async function outputMatches(child: Child, test: () => boolean, what: string): Promise<void> {
  let ended = false;
  void child.exited.then(() => {
    ended = true;
  });
  while (!test()) {
    if (ended) throw new Error(`exited before ${what}:\n${child.stdout()}\n${child.stderr()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('resuming a bulk award run whose process was killed', { timeout: 240_000 }, () => {
  let badgeId: string;

  beforeAll(async () => {
    badgeId = await openShared(async (app, deps) => {
      const issuer = await anIssuerWithOwner(app, deps);
      return (await aPublishedBadge(app, issuer, { courseIds: [await aOneLessonCourse(app, issuer)] })).id;
    });
  });

  it('takes the run over at once with --resume and awards every row exactly once', async () => {
    const file = join(dir, 'cohort.csv');
    const rows = Array.from({ length: RECIPIENTS }, (_, i) => `killed${i}@example.org,Person ${i}`);
    writeFileSync(file, `email,name\n${rows.join('\n')}\n`);

    const first = tessera(['award', 'bulk', file, '--badge', badgeId, '--yes']);
    // Killed once at least one batch is committed, most likely in the middle of the next one.
    await outputMatches(first, () => /awarding: [1-9]\d*%/.test(first.stderr()), 'its first batch');
    first.process.kill('SIGKILL');
    expect(await first.exited, 'the first process ended before it was killed').toBeNull();
    const runId = /Run id: (\S+)/.exec(first.stdout())?.[1] ?? '';
    expect(runId).toMatch(/^[0-9a-f-]{36}$/);

    const started = Date.now();
    const resumed = tessera(['award', 'bulk', '--resume', runId]);
    const code = await Promise.race([
      resumed.exited,
      new Promise<'too slow'>((r) => setTimeout(() => r('too slow'), LEASE_SECONDS * 1000)),
    ]);
    if (code === 'too slow') resumed.process.kill('SIGKILL');
    expect(code, `${resumed.stdout()}\n${resumed.stderr()}`).toBe(0);
    expect(resumed.stdout()).not.toContain('following its progress');
    // It started from where the killed process stopped, not from a finished run.
    const [, resumedAt] = /awarding: (\d+)%/.exec(resumed.stderr()) ?? [];
    expect(Number(resumedAt)).toBeGreaterThan(0);
    expect(Number(resumedAt)).toBeLessThan(100);
    expect(resumed.stdout()).toMatch(/Done: [\d,]+ awarded, 0 skipped/);
    expect(Date.now() - started).toBeLessThan(LEASE_SECONDS * 1000);

    const outcome = await openShared(async (_app, deps) => {
      const run = await deps.db
        .selectFrom('bulkAwardRuns')
        .selectAll()
        .where('id', '=', runId)
        .executeTakeFirstOrThrow();
      const awards = await deps.db
        .selectFrom('awards')
        .select(['recipientEmail', 'credentialId'])
        .where('badgeId', '=', badgeId)
        .execute();
      const credentials = await deps.db
        .selectFrom('issuedCredentials')
        .select('id')
        .where(
          'id',
          'in',
          awards.map((a) => a.credentialId ?? ''),
        )
        .execute();
      const mails = await deps.db
        .selectFrom('mailMessages')
        .select('toAddress')
        .where('idempotencyKey', 'like', 'badge-awarded:%')
        .where('toAddress', 'like', 'killed%')
        .execute();
      return { run, awards, credentials, mails };
    });
    expect(outcome.run).toMatchObject({ state: 'done', awardedRows: RECIPIENTS, processedRows: RECIPIENTS });
    expect(outcome.awards).toHaveLength(RECIPIENTS);
    expect(new Set(outcome.awards.map((a) => a.recipientEmail)).size).toBe(RECIPIENTS);
    expect(outcome.credentials).toHaveLength(RECIPIENTS);
    expect(outcome.mails).toHaveLength(RECIPIENTS);
  });
});

describe('a bulk award run whose lease another process holds', () => {
  let t: TestApp;
  let issuer: TestIssuer;
  let badgeId: string;

  beforeAll(async () => {
    t = await createTestApp();
    issuer = await anIssuerWithOwner(t.app, t.deps);
    badgeId = (await aPublishedBadge(t.app, issuer, { courseIds: [await aOneLessonCourse(t.app, issuer)] }))
      .id;
  });
  afterAll(() => t?.close());

  const lines: string[] = [];
  const io = {
    out: (line: string) => lines.push(line),
    err: new Writable({ write: (_chunk, _encoding, done) => done() }),
  };

  /** A started run of `emails`, its lease held by `holder` until `until`. */
  async function aRunHeldBy(name: string, emails: string[], holder: { pid: number }, until: Date) {
    const file = join(dir, `${name}.csv`);
    writeFileSync(file, `email\n${emails.join('\n')}\n`);
    lines.length = 0;
    await bulkAwardFromCli(t.deps, { file, badge: badgeId, dryRun: true }, io);
    const runId = lines.find((l) => l.startsWith('Run id: '))?.slice('Run id: '.length) ?? '';
    await t.deps.db
      .updateTable('bulkAwardRuns')
      .set({
        state: 'running',
        startedAt: new Date(),
        leaseOwner: randomUUID(),
        leaseExpiresAt: until,
        leaseHost: hostname(),
        leasePid: holder.pid,
      })
      .where('id', '=', runId)
      .execute();
    lines.length = 0;
    return runId;
  }

  it('is followed by --resume, saying who holds it and until when, and taken over once the lease expires', async () => {
    // Held by a live process (this one, under another lease owner) for two more seconds.
    const until = new Date(Date.now() + 2000);
    const runId = await aRunHeldBy('held', ['held1@example.org', 'held2@example.org'], process, until);

    expect(await bulkAwardFromCli(t.deps, { resume: runId }, io)).toBe(0);
    expect(lines).toContain(
      `The run is being processed by pid ${process.pid} on host ${hostname()} until ${until.toISOString()}; ` +
        'following its progress. It is taken over here as soon as that process stops or its lease expires.',
    );
    expect(lines.at(-1)).toBe('Done: 2 awarded, 0 skipped (already held).');
  });

  it("is taken over at once by a worker when the lease's process has ended", async () => {
    const ended = spawnSync(process.execPath, ['-e', '0']);
    const runId = await aRunHeldBy('orphaned', ['orphan1@example.org'], ended, new Date(Date.now() + 60_000));

    expect(await resumeStalledBulkRuns(t.deps)).toBe(1);
    expect(await processBulkRun(t.deps, runId)).toBe('done');
    const awards = await t.deps.db
      .selectFrom('awards')
      .select('recipientEmail')
      .where('bulkRunId', '=', runId)
      .execute();
    expect(awards).toEqual([{ recipientEmail: 'orphan1@example.org' }]);
  });
});
