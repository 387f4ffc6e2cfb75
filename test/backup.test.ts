// `tessera backup` and `tessera restore` as an operator runs them: real processes on an embedded
// database on disk, and a real server process holding the data directory when the backup must refuse.
import { type ChildProcess, spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const bin = resolve(import.meta.dirname, '../bin/tessera.js');
const dir = mkdtempSync(join(tmpdir(), 'tessera-backup-'));
const original = join(dir, 'original');
const restored = join(dir, 'restored');
const backupFile = join(dir, 'backups', 'tessera.tar.gz');
const upload = join('files', 'evidence', 'submission-1');

function start(args: string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, [bin, ...args], {
    env: { PATH: process.env.PATH ?? '', DATA_DIR: original, LOG_LEVEL: 'warn', NODE_ENV: 'test', ...env },
  });
}

function tessera(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = start(args, env);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr?.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Each case starts real processes that open an embedded database on disk: slow on a loaded machine.
describe('tessera backup and restore', { timeout: 180_000 }, () => {
  beforeAll(async () => {
    const user = await tessera([
      'user',
      'create',
      '--email',
      'kept@example.test',
      '--name',
      'Kept Safe',
      '--password',
      'a long password',
    ]);
    expect(user.code, user.stderr).toBe(0);
    const org = await tessera([
      'org',
      'create',
      '--name',
      'Kept Academy',
      '--slug',
      'kept',
      '--owner',
      'kept@example.test',
    ]);
    expect(org.code, org.stderr).toBe(0);
    mkdirSync(join(original, 'files', 'evidence'), { recursive: true });
    writeFileSync(join(original, upload), 'an uploaded essay');
  }, 180_000);

  it('backs up a stopped install and restores it into a new data directory with its data', async () => {
    const backup = await tessera(['backup', backupFile]);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(
      /^Backed up .+ to .+tessera\.tar\.gz: the database \([\d.]+ MB\) and 2 other files of DATA_DIR, the key-encryption key among them\./,
    );
    expect(statSync(backupFile).mode & 0o777).toBe(0o600);

    const restore = await tessera(['restore', backupFile], { DATA_DIR: restored });
    expect(restore.code, restore.stderr).toBe(0);
    expect(restore.stdout).toContain(`Restored ${backupFile} into ${restored}`);

    expect(readFileSync(join(restored, upload), 'utf8')).toBe('an uploaded essay');
    expect(readFileSync(join(restored, 'key-encryption.key'))).toEqual(
      readFileSync(join(original, 'key-encryption.key')),
    );
    expect(statSync(join(restored, 'key-encryption.key')).mode & 0o777).toBe(0o600);
    // The organization and its owner came back with the database: the slug is taken, the owner found.
    const again = await tessera(
      ['org', 'create', '--name', 'Another', '--slug', 'kept', '--owner', 'kept@example.test'],
      { DATA_DIR: restored },
    );
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/taken/);
    const other = await tessera(
      ['org', 'create', '--name', 'Other Academy', '--slug', 'other', '--owner', 'kept@example.test'],
      { DATA_DIR: restored },
    );
    expect(other.code, other.stderr).toBe(0);
  });

  it('refuses to back up while Tessera runs on the data directory, and says to stop it', async () => {
    const worker = start(['worker'], { LOG_LEVEL: 'info' });
    try {
      await new Promise<void>((ready, failed) => {
        let output = '';
        worker.stdout?.on('data', (chunk) => {
          output += chunk;
          if (output.includes('workers started')) ready();
        });
        worker.on('exit', (code) => failed(new Error(`the worker exited (${code}) before it started`)));
      });
      const refused = await tessera(['backup', join(dir, 'while-running.tar.gz')]);
      expect(refused.code).toBe(3);
      expect(refused.stderr).toContain(`Tessera is running on this data directory (pid ${worker.pid})`);
      expect(refused.stderr).toContain('no backup was made. Stop it');
      expect(existsSync(join(dir, 'while-running.tar.gz'))).toBe(false);
    } finally {
      const exited = new Promise((done) => worker.once('exit', done));
      worker.kill('SIGTERM');
      await exited;
    }
  });

  it('refuses to restore into a data directory that is not empty, and leaves it as it was', async () => {
    const refused = await tessera(['restore', backupFile]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('is not empty');
    expect(readFileSync(join(original, upload), 'utf8')).toBe('an uploaded essay');
  });

  it('refuses a file that is not a backup, and leaves the new data directory empty', async () => {
    const notABackup = join(dir, 'notes.tar.gz');
    writeFileSync(notABackup, 'just some notes');
    const target = join(dir, 'never-restored');
    const refused = await tessera(['restore', notABackup], { DATA_DIR: target });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('is not a readable Tessera backup');
    expect(readdirSync(target)).toEqual([]);
  });

  it('refuses to overwrite an existing backup file', async () => {
    const refused = await tessera(['backup', backupFile]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('exists already');
  });

  it('names pg_dump on PostgreSQL and touches nothing', async () => {
    const advice = await tessera(['backup', join(dir, 'pg.dump')], {
      DATABASE_URL: 'postgres://tessera@db.invalid:5432/tessera',
    });
    expect(advice.code).toBe(2);
    expect(advice.stderr).toContain(`pg_dump --format=custom --file=${join(dir, 'pg.dump')} "$DATABASE_URL"`);
  });
});
