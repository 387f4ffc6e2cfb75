// The `tessera` command as an operator runs it: a real process, a real embedded database on disk.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const bin = resolve(import.meta.dirname, '../bin/tessera.js');
const dataDir = mkdtempSync(join(tmpdir(), 'tessera-cli-'));

function tessera(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [bin, ...args], {
      env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'test', ...env },
    });
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

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

// Each case starts real processes that open an embedded database on disk: slow on a loaded machine.
describe('the tessera command', { timeout: 120_000 }, () => {
  it('lists its commands in --help', async () => {
    const { code, stdout } = await tessera(['--help']);
    expect(code).toBe(0);
    for (const command of ['serve', 'worker', 'migrate', 'seed', 'user', 'org', 'dev'])
      expect(stdout).toContain(command);
  });

  it('stops with exit code 2 and names the variable when the configuration is wrong', async () => {
    const { code, stderr } = await tessera(['migrate'], { PORT: 'eighty', DATABASE_URL: 'mysql://x' });
    expect(code).toBe(2);
    expect(stderr).toContain('PORT');
    expect(stderr).toContain('DATABASE_URL');
  });

  it('migrates, creates a user and an organization owned by them, and refuses a taken slug', async () => {
    expect((await tessera(['migrate'])).code).toBe(0);
    const user = await tessera([
      'user',
      'create',
      '--email',
      'Owner@Example.test',
      '--name',
      'Olivia Owner',
      '--password',
      'a long password',
    ]);
    expect(user.stdout).toContain('Created user owner@example.test');
    expect(user.code).toBe(0);
    const org = await tessera([
      'org',
      'create',
      '--name',
      'Acme Academy',
      '--slug',
      'acme',
      '--owner',
      'owner@example.test',
    ]);
    expect(org.stdout).toContain('Created issuer organization acme');
    const again = await tessera(['org', 'create', '--name', 'Acme Again', '--slug', 'acme']);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/taken/);
  });

  it('generates and prints a password when none is given', async () => {
    const { code, stdout } = await tessera([
      'user',
      'create',
      '--email',
      'second@example.test',
      '--name',
      'Sam Second',
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Password: \S{10,}/);
  });

  it('refuses a too-short password with a clear message', async () => {
    const { code, stderr } = await tessera([
      'user',
      'create',
      '--email',
      'third@example.test',
      '--name',
      'T',
      '--password',
      'short',
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain('at least 10 characters');
  });
});
