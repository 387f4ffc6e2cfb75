// The repository stands on its own: nothing in it points at one machine's folders or at the standards
// folder that once sat beside the checkout, so a clone anywhere passes `npm test`.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import semver from 'semver';
import { afterAll, describe, expect, it } from 'vitest';
import { machinePathFindings, repositoryFiles, scanRepository } from './support/repository-files.ts';

const root = resolve(import.meta.dirname, '..');
// This file holds the samples below; it is the one file the scan leaves out.
const THIS_FILE = 'test/repository.test.ts';

const found = (text: string, file = 'src/credentials/example.ts') =>
  machinePathFindings(file, text).map((finding) => finding.what);

describe('the repository', () => {
  it('lists its own files and none of what .gitignore names', () => {
    const files = repositoryFiles(root);
    expect(files).toEqual(expect.arrayContaining(['package.json', 'src/main.ts', THIS_FILE]));
    expect(files.filter((file) => /(^|\/)(node_modules|\.git|data)\//.test(file))).toEqual([]);
    expect(files.filter((file) => file.startsWith('web/dist/'))).toEqual([]);
  });

  it('holds no absolute path of a machine and no reference to the standards folder beside it', () => {
    expect(scanRepository(root, [THIS_FILE])).toEqual([]);
  });
});

describe('the Node.js version', () => {
  const readJson = (file: string) => JSON.parse(readFileSync(join(root, file), 'utf8'));
  const required = readJson('package.json').engines?.node as string | undefined;

  it('is Node.js 22.12 or newer, in package.json and in the README', () => {
    expect(required).toBe('>=22.12');
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toMatch(/^## Run it \(Node\.js 22\b/m);
  });

  it('is enough for every dependency installed by the lock file', () => {
    const oldest = semver.minVersion(required ?? '*')?.version ?? '0.0.0';
    type Locked = { engines?: { node?: string }; optional?: boolean };
    const packages = Object.entries(readJson('package-lock.json').packages as Record<string, Locked>);
    const refusing = packages
      // Optional platform packages are skipped by npm where their engines do not match.
      .filter(([path, locked]) => path && !locked.optional && locked.engines?.node)
      .filter(([, locked]) => !semver.satisfies(oldest, locked.engines?.node ?? '*'))
      .map(([path, locked]) => `${path} wants node ${locked.engines?.node}`);
    expect(refusing).toEqual([]);
  });
});

describe('the machine-path scan', () => {
  it('finds absolute paths of a machine wherever a file path starts', () => {
    expect(found(`const VECTORS = '/work/shared/standards/x';`)).toContain('an absolute path of a machine');
    expect(found('readFileSync("/home/alice/tessera/a.json")')).toEqual(['a home directory']);
    expect(found('cd /Users/Bob Smith/tessera && npm test')).toEqual(['a home directory']);
    expect(found('  "cache": "/root/.npm",')).toEqual(['an absolute path of a machine']);
    expect(found('new URL("file:///work/main/vendor/")')).toEqual(['an absolute path of a machine']);
    expect(found('{"path":"C:\\\\Users\\\\carol\\\\tessera"}')).toEqual(['a Windows home directory']);
    expect(found('set DATA=C:/Users/carol/data')).toContain('a Windows home directory');
  });

  it('finds the standards folder beside the checkout, however it is reached', () => {
    expect(found(`new URL('../../../../shared/standards/examples/', import.meta.url)`)).toContain(
      'the standards folder outside the repository',
    );
    expect(found(`join(root, '..', 'shared/data/onet')`)).toEqual([
      'the standards folder outside the repository',
    ]);
    // src/credentials/ is two folders deep: three levels up leaves the repository.
    expect(found(`import x from '../../../shared/x.js';`)).toEqual([
      'the shared folder beside the repository',
    ]);
    // Scripts and docs are read from the repository root, where one level up is already outside.
    expect(found('cp -r ../shared/ vendor/', '.ci/run')).toEqual(['the shared folder beside the repository']);
    expect(found('see [the data](../shared/onet.md)', 'docs/data.md')).toEqual([
      'the shared folder beside the repository',
    ]);
  });

  it('leaves URL paths, relative paths and folders inside the repository alone', () => {
    const harmless = [
      'see https://example.org/work/1 and https://x.test/home/alice/ and http://work/',
      "import { Button } from '../shared/Button.tsx';",
      'const dir = join(root, "src/work/queue");',
      '"integrity": "sha512-ab+cd/work/ef/home/gh/Users/ij=="',
      'a shared/standardsless folder, shared-data/, my-shared/data',
      '/api/v1/users/me and /orgs/:id/members/',
    ];
    for (const text of harmless) expect(found(text), text).toEqual([]);
  });

  it('names the file and line of what it finds, and the path of the checkout itself', () => {
    const text = 'first line\nconst base = "/srv/ci/tessera/vendor";\n';
    expect(machinePathFindings('bench/x.ts', text, ['/srv/ci/tessera'])).toEqual([
      { file: 'bench/x.ts', line: 2, what: 'the path of this checkout', text: '/srv/ci/tessera' },
    ]);
  });

  describe('in a copy of the repository without git', () => {
    const copy = mkdtempSync(join(tmpdir(), 'tessera-repository-scan-'));
    const plant = (file: string, text: string) => {
      mkdirSync(dirname(join(copy, file)), { recursive: true });
      writeFileSync(join(copy, file), text);
    };
    afterAll(() => rmSync(copy, { recursive: true, force: true }));

    it('walks the folders, skips what .gitignore names and finds a planted path', () => {
      plant('.gitignore', 'node_modules/\n/tmp/\n*.log\nweb/dist/\n');
      plant('package.json', '{"name": "copy"}\n');
      plant('src/clean.ts', "export const here = new URL('./', import.meta.url);\n");
      plant('src/planted.ts', "export const there = '/home/dave/standards/examples';\n");
      plant('node_modules/dep/index.js', "module.exports = '/home/dave/ignored';\n");
      plant('web/dist/app.js', "'/work/ignored'\n");
      plant('tmp/x.ts', "'/work/ignored'\n");
      plant('src/tmp/kept.ts', "'/root/kept'\n"); // /tmp/ is anchored at the root: this one is scanned
      plant('debug.log', "'/work/ignored'\n");
      plant('image.png', `\0PNG '/work/binary'`);

      expect(repositoryFiles(copy).sort()).toEqual([
        '.gitignore',
        'image.png',
        'package.json',
        'src/clean.ts',
        'src/planted.ts',
        'src/tmp/kept.ts',
      ]);
      expect(scanRepository(copy).map(({ file, line, what }) => ({ file, line, what }))).toEqual([
        { file: 'src/planted.ts', line: 1, what: 'a home directory' },
        { file: 'src/tmp/kept.ts', line: 1, what: 'an absolute path of a machine' },
      ]);
    });
  });
});
