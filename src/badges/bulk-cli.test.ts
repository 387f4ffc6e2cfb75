import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { aOneLessonCourse } from '../../test/support/awards.ts';
import { bulkAwardFromCli, type CliOutput } from '../cli/award-commands.ts';
import { CliError } from '../cli/errors.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { aPublishedBadge } from './testing.ts';

const dir = mkdtempSync(join(tmpdir(), 'tessera-bulk-cli-'));
const csvFile = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const recipients = (n: number) =>
  `email,name\n${Array.from({ length: n }, (_, i) => `cli${i}@example.org,Person ${i}`).join('\n')}\n`;

/** Captured stdout lines and stderr text, as a terminal or as a pipe. */
function capture(isTTY = false) {
  const lines: string[] = [];
  let stderr = '';
  const err = Object.assign(
    new Writable({
      write(chunk, _encoding, done) {
        stderr += chunk;
        done();
      },
    }),
    { isTTY },
  );
  const io: CliOutput = { out: (line) => lines.push(line), err };
  return { io, lines, stderr: () => stderr };
}

describe('tessera award bulk', () => {
  let t: TestApp;
  let issuer: TestIssuer;
  let badgeId: string;

  beforeAll(async () => {
    t = await createTestApp();
    issuer = await anIssuerWithOwner(t.app, t.deps);
    badgeId = (await aPublishedBadge(t.app, issuer, { courseIds: [await aOneLessonCourse(t.app, issuer)] }))
      .id;
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const awardsOf = () =>
    t.deps.db.selectFrom('awards').select('recipientEmail').where('badgeId', '=', badgeId).execute();

  it('prints the dry run summary and the first problems, and awards nothing', async () => {
    const { io, lines } = capture();
    const file = csvFile('dry.csv', 'email,name\nok@example.org,Ok\nbroken,Bad\nok@example.org,Again\n');
    expect(await bulkAwardFromCli(t.deps, { file, badge: badgeId, dryRun: true }, io)).toBe(0);
    expect(lines[0]).toBe('Checked dry.csv: 3 rows: 1 valid (0 already hold the badge), 2 with problems.');
    expect(lines).toContain('  row 2 (broken): email is not a valid email address');
    expect(lines).toContain('  row 3 (ok@example.org): email repeats row 1');
    expect(await awardsOf()).toEqual([]);
  });

  it('awards the rows with a progress line every 5% when stderr is not a terminal', async () => {
    const { io, lines, stderr } = capture();
    const file = csvFile('cohort.csv', recipients(40));
    expect(await bulkAwardFromCli(t.deps, { file, badge: badgeId, yes: true }, io)).toBe(0);
    expect(lines.at(-1)).toBe('Done: 40 awarded, 0 skipped (already held).');
    expect(stderr()).toContain('awarding: 0% (0/40 rows)');
    expect(stderr()).toContain('awarding: 100% (40/40 rows)');
    expect((await awardsOf()).length).toBe(40);
  });

  it('resumes a stopped run by its id, awarding only what is left', async () => {
    const first = capture();
    const file = csvFile(
      'later.csv',
      `email\n${['r1', 'r2', 'cli0'].map((n) => `${n}@example.org`).join('\n')}\n`,
    );
    await bulkAwardFromCli(t.deps, { file, badge: badgeId, dryRun: true }, first.io);
    const runId = first.lines.find((l) => l.startsWith('Run id: '))?.slice('Run id: '.length) ?? '';
    const resumed = capture(true);
    expect(await bulkAwardFromCli(t.deps, { resume: runId }, resumed.io)).toBe(0);
    expect(resumed.lines.at(-1)).toBe('Done: 2 awarded, 1 skipped (already held).');
    expect(resumed.stderr()).toContain('100%');
  });

  it('refuses a file with unknown columns with exit code 1 and the reason', async () => {
    const { io } = capture();
    const file = csvFile('bad.csv', 'email,team\nx@example.org,red\n');
    const run = bulkAwardFromCli(t.deps, { file, badge: badgeId, yes: true }, io);
    await expect(run).rejects.toThrow(CliError);
    await expect(run).rejects.toMatchObject({ exitCode: 1, message: expect.stringContaining('"team"') });
  });

  it('asks for --yes when nobody can answer the question', async () => {
    const { io } = capture();
    const file = csvFile('ask.csv', recipients(1));
    await expect(bulkAwardFromCli(t.deps, { file, badge: badgeId }, io)).rejects.toMatchObject({
      exitCode: 2,
    });
  });

  it('exits 2 on usage errors before opening the database', async () => {
    const bin = resolve(import.meta.dirname, '../../bin/tessera.js');
    const run = (args: string[]) =>
      new Promise<{ code: number | null; stderr: string }>((done) => {
        const child = spawn(process.execPath, [bin, 'award', 'bulk', ...args], {
          env: { PATH: process.env.PATH ?? '', DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'warn' },
        });
        let stderr = '';
        child.stderr.on('data', (chunk) => {
          stderr += chunk;
        });
        child.on('close', (code) => done({ code, stderr }));
      });
    const missing = await run([join(dir, 'nope.csv'), '--badge', badgeId]);
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringContaining('No such file') });
    const noBadge = await run([csvFile('x.csv', recipients(1))]);
    expect(noBadge).toMatchObject({ code: 2, stderr: expect.stringContaining('--badge') });
  });
});
