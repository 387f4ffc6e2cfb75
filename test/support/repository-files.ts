// What a fresh clone holds, and a scan of it for things that only exist on one machine: absolute paths of
// a machine and references to the standards folder that sat beside the checkout where Tessera was first
// written. Either makes `npm test` (or the product) pass here and fail anywhere else.
import { execFileSync } from 'node:child_process';
import { type Dirent, existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { join, sep } from 'node:path';

/**
 * The repository's files, relative to root: what git tracks plus new files it does not ignore, or, without
 * git (a copy made by `tar`), a directory walk that skips what .gitignore names.
 */
export function repositoryFiles(root: string): string[] {
  return gitFiles(root) ?? walk(root, '', ignoreRules(root));
}

function gitFiles(root: string): string[] | undefined {
  try {
    const git = (...args: string[]) =>
      execFileSync('git', ['-C', root, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    // A copy inside some other repository is not a checkout of this one.
    if (realpathSync(git('rev-parse', '--show-toplevel').trim()) !== realpathSync(root)) return undefined;
    const listed = git('ls-files', '-z', '--cached', '--others', '--exclude-standard').split('\0');
    return [...new Set(listed.filter(Boolean))].filter((file) => existsSync(join(root, file)));
  } catch {
    return undefined; // git is not installed, or root is not a repository
  }
}

type IgnoreRule = { pattern: RegExp; directoryOnly: boolean };

/** The subset of .gitignore syntax the repository uses: globs with `*`, anchored or not, `dir/` for directories. */
function ignoreRules(root: string): IgnoreRule[] {
  const file = join(root, '.gitignore');
  const lines = existsSync(file) ? readFileSync(file, 'utf8').split('\n') : [];
  const rules = lines
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#') && !line.startsWith('!'))
    .map((line) => {
      const directoryOnly = line.endsWith('/');
      const body = line.replace(/^\/|\/$/g, '');
      const anchored = line.slice(0, -1).includes('/');
      const glob = body.split('*').map(escapeRegExp).join('[^/]*');
      return { pattern: new RegExp(anchored ? `^${glob}$` : `(^|/)${glob}$`), directoryOnly };
    });
  return [{ pattern: /(^|\/)\.git$/, directoryOnly: false }, ...rules];
}

function walk(root: string, dir: string, rules: IgnoreRule[]): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(join(root, dir), { withFileTypes: true });
  } catch {
    return []; // removed while walking (a test's temporary folder)
  }
  return entries.flatMap((entry) => {
    const path = dir ? `${dir}/${entry.name}` : entry.name;
    const isDirectory = entry.isDirectory();
    if (rules.some((rule) => (!rule.directoryOnly || isDirectory) && rule.pattern.test(path))) return [];
    if (isDirectory) return walk(root, path, rules);
    return entry.isFile() ? [path] : [];
  });
}

const escapeRegExp = (text: string) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

// Where a file path can start: the start of a line, after whitespace, a quote, `(`, `=`, `,`, `:`, `[`, or
// after `file://`. Not after a host name, so URL paths (https://example.org/home/…) are not file paths.
const STARTS = String.raw`(?<=^|[\s'"\x60(=,:\[]|file:\/\/)`;

const RULES: { what: string; pattern: RegExp }[] = [
  { what: 'an absolute path of a machine', pattern: new RegExp(`${STARTS}\\/(?:work|root)\\/`, 'gm') },
  { what: 'a home directory', pattern: new RegExp(`${STARTS}\\/(?:home|Users)\\/[\\w.@ -]+\\/`, 'gm') },
  { what: 'a Windows home directory', pattern: /(?<![\w\\/])[A-Za-z]:(?:\\{1,2}|\/)Users(?:\\{1,2}|\/)/gm },
  {
    what: 'the standards folder outside the repository',
    pattern: /(?<![\w-])shared[\\/](?:standards|data)(?![\w-])/gm,
  },
];

/**
 * `../shared`, out of the repository: modules resolve it from their own folder, so there it must climb
 * higher than the file is deep; scripts, docs and data are read from the repository root, where any does.
 */
const PARENT_SHARED = /(?<![\w.])((?:\.\.[\\/])+)shared(?![\w-])/gm;
const MODULE = /\.(?:[cm]?[jt]s|tsx|jsx)$/;

export interface Finding {
  file: string;
  line: number;
  what: string;
  text: string;
}

/** Every machine-bound path in one text; `extraNeedles` are literal paths to refuse too (this checkout's). */
export function machinePathFindings(file: string, text: string, extraNeedles: string[] = []): Finding[] {
  const lineOf = (index: number) => text.slice(0, index).split('\n').length;
  const finding = (what: string, index: number): Finding => ({
    file,
    line: lineOf(index),
    what,
    text: text.slice(index, index + 60).split('\n')[0] ?? '',
  });
  const findings = RULES.flatMap(({ what, pattern }) =>
    [...text.matchAll(pattern)].map((match) => finding(what, match.index)),
  );
  const depth = MODULE.test(file) ? file.split('/').length - 1 : 0;
  for (const match of text.matchAll(PARENT_SHARED)) {
    const levelsUp = (match[1] ?? '').length / 3;
    if (levelsUp > depth) findings.push(finding('the shared folder beside the repository', match.index));
  }
  for (const needle of extraNeedles) {
    for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
      findings.push({ file, line: lineOf(at), what: 'the path of this checkout', text: needle });
    }
  }
  return findings.sort((a, b) => a.line - b.line);
}

/** Scans every text file of the repository at root, leaving out `exclude` (relative paths). */
export function scanRepository(root: string, exclude: string[] = []): Finding[] {
  const ownPath = realpathSync(root);
  // This checkout's own path, written into a file, is as machine-bound as any other absolute path.
  const needles = ownPath.split(sep).filter(Boolean).length >= 2 ? [ownPath] : [];
  return repositoryFiles(root)
    .filter((file) => !exclude.includes(file))
    .flatMap((file) => {
      let bytes: Buffer;
      try {
        bytes = readFileSync(join(root, file));
      } catch {
        return []; // deleted since it was listed
      }
      if (bytes.subarray(0, 8000).includes(0)) return []; // binary (images, fonts)
      return machinePathFindings(file, bytes.toString('utf8'), needles);
    });
}
