// `tessera data import` as an operator runs it: a real process on a real embedded database on disk.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const bin = resolve(import.meta.dirname, '../../bin/tessera.js');
const work = mkdtempSync(join(tmpdir(), 'tessera-data-cli-'));
const sample = join(work, 'skills-sample');
cpSync(resolve(import.meta.dirname, '../../vendor/skills-sample'), sample, { recursive: true });

function tessera(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [bin, ...args], {
      env: {
        PATH: process.env.PATH ?? '',
        DATA_DIR: join(work, 'data'),
        LOG_LEVEL: 'warn',
        NODE_ENV: 'test',
      },
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

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('tessera data import', { timeout: 180_000 }, () => {
  it('imports the O*NET and ESCO samples, reporting each file as plain lines off a terminal', async () => {
    const onet = await tessera(['data', 'import', 'onet', join(sample, 'onet')]);
    expect(onet.stderr).toBe('');
    expect(onet.code).toBe(0);
    expect(onet.stdout).toContain('[2/6] Skills.txt: 2800 rows');
    expect(onet.stdout).toContain('Imported O*NET 29.3.');
    const esco = await tessera(['data', 'import', 'esco', join(sample, 'esco'), '--version', '1.1.1']);
    expect(esco.code).toBe(0);
    expect(esco.stdout).toContain('Imported ESCO 1.1.1.');
  });

  it('exits 1 with a message naming the missing file when the directory is not a release', async () => {
    const result = await tessera(['data', 'import', 'esco', join(work, 'nowhere'), '--version', '1.1.1']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('tessera: import stopped: ISCOGroups_en.csv: not found in');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
