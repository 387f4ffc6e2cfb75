// Two processes running the award engine on one PostgreSQL database, as two servers do, while an
// issuer's first credentials are awarded: every completion gets exactly one award, under one signing key,
// and no event needed a retry (the first key is created race-free). Skipped on the embedded database,
// which one process owns.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { testDatabaseUrl } from '../../test/support/database.ts';
import { aLoggedInUser } from '../identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { aOneLessonCourse, completeOneLessonCourse } from './award-testing.ts';
import { aPublishedBadge } from './testing.ts';

const LEARNERS = 30;
const engineProcess = resolve(import.meta.dirname, '../../test/support/engine-process.ts');
const keyEncryptionKey = randomBytes(32).toString('base64');

function anEngineProcess(t: TestApp): { child: ChildProcess; ready: Promise<void>; done: Promise<string> } {
  const { config } = t.deps;
  if (config.database.kind !== 'postgres') throw new Error('PostgreSQL only');
  const child = spawn(process.execPath, ['--import', 'tsx', engineProcess], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      LOG_LEVEL: 'error',
      PUBLIC_URL: config.publicUrl,
      DATABASE_URL: config.database.url,
      DATABASE_SCHEMA: config.database.schema,
      JOBS_SCHEMA: config.jobsSchema,
      KEY_ENCRYPTION_KEY: keyEncryptionKey,
      DATA_DIR: config.dataDir,
    },
  });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const ready = new Promise<void>((resolveReady, failed) => {
    child.stdout?.on('data', (chunk) => {
      stdout += chunk;
      if (stdout.includes('ready')) resolveReady();
    });
    child.once('exit', (code) => failed(new Error(`the engine process exited (${code}) early: ${stderr}`)));
  });
  const done = new Promise<string>((resolveDone) => child.once('exit', () => resolveDone(stdout + stderr)));
  return { child, ready, done };
}

describe.skipIf(!testDatabaseUrl)('two award engine processes on one database', { timeout: 180_000 }, () => {
  let t: TestApp;
  let issuer: TestIssuer;

  beforeAll(async () => {
    t = await createTestApp({ env: { KEY_ENCRYPTION_KEY: keyEncryptionKey } });
    issuer = await anIssuerWithOwner(t.app, t.deps);
  }, 180_000);
  afterAll(() => t?.close());

  it("award every completion exactly once while they create the issuer's first key", async () => {
    const course = await aOneLessonCourse(t.app, issuer);
    const badge = await aPublishedBadge(t.app, issuer, { courseIds: [course] });
    for (let i = 0; i < LEARNERS; i++)
      await completeOneLessonCourse(t.app, await aLoggedInUser(t.app, t.deps), course);

    const engines = [anEngineProcess(t), anEngineProcess(t)];
    await Promise.all(engines.map((engine) => engine.ready));
    for (const engine of engines) engine.child.stdin?.write('go\n');
    const outputs = await Promise.all(engines.map((engine) => engine.done));

    const awards = await t.deps.db
      .selectFrom('awards')
      .select('recipientEmail')
      .where('badgeId', '=', badge.id)
      .execute();
    expect(awards, outputs.join('\n')).toHaveLength(LEARNERS);
    expect(new Set(awards.map((a) => a.recipientEmail)).size).toBe(LEARNERS);
    const keys = await t.deps.db
      .selectFrom('issuerKeys')
      .select('id')
      .where('orgId', '=', issuer.orgId)
      .execute();
    expect(keys).toHaveLength(1);
    const events = await t.deps.db
      .selectFrom('learningEvents')
      .select(['attempts', 'lastError', 'failedAt', 'consumedAt'])
      .where('type', '=', 'course.completed')
      .execute();
    expect(events).toHaveLength(LEARNERS);
    expect(events.filter((e) => e.consumedAt === null || e.failedAt !== null || e.attempts > 0)).toEqual([]);
    // Both processes took part: the race was real.
    for (const output of outputs)
      expect(JSON.parse(output.trim().split('\n').at(-1) ?? '{}').runs).toBeGreaterThan(0);
  });
});
