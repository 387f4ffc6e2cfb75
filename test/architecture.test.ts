// Keeps the dependency arrows of docs/architecture.md true: a test fails when an import crosses a line.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const src = join(root, 'src');
/** Folders of src/ that are infrastructure, not contexts of the domain. */
const infrastructure = new Set([
  'db',
  'http',
  'jobs',
  'cli',
  'seed',
  'types',
  'i18n',
  'net',
  'credentials',
  'storage',
  'html',
  'csv',
]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

interface Import {
  from: string; // path relative to src, e.g. identity/service.ts
  to: string; // resolved path relative to src, or the package name
  local: boolean;
}

const imports: Import[] = sourceFiles(src).flatMap((file) => {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)].map(
    (m) => m[1] ?? '',
  );
  const dynamic = [...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? '');
  return [...specifiers, ...dynamic].map((spec) => {
    const local = spec.startsWith('.');
    return {
      from: relative(src, file),
      to: local ? relative(src, resolve(dirname(file), spec)) : spec,
      local,
    };
  });
});

const topFolder = (path: string) => (path.includes('/') ? path.split('/')[0]! : '');
/** Tests and test factories (`testing.ts`) may reach anywhere. */
const isTest = (path: string) => /\.test\.tsx?$|(^|\/)testing\.ts$/.test(path);

describe('architecture', () => {
  it('finds the source files it checks', () => {
    expect(imports.length).toBeGreaterThan(20);
  });

  it('keeps the credentials library free of the rest of Tessera', () => {
    const offending = imports.filter(
      (i) =>
        i.from.startsWith('credentials/') && !isTest(i.from) && i.local && !i.to.startsWith('credentials/'),
    );
    expect(offending).toEqual([]);
  });

  it('keeps the credentials library off the network, the database and HTTP', () => {
    const forbidden =
      /^(fastify|@fastify\/|kysely|pg|pg-boss|@electric-sql\/|node:http|node:https|node:net|node:dns|undici)/;
    const offending = imports.filter(
      (i) => i.from.startsWith('credentials/') && !isTest(i.from) && forbidden.test(i.to),
    );
    expect(offending).toEqual([]);
  });

  it('lets only http/, route files, main and the CLI know Fastify', () => {
    const offending = imports.filter(
      (i) =>
        /^(fastify|@fastify\/|fastify-type-provider-zod)/.test(i.to) &&
        !isTest(i.from) &&
        !i.from.startsWith('http/') &&
        !i.from.startsWith('cli/') &&
        !/(\/|-)routes(\/|\.ts$)/.test(i.from) &&
        i.from !== 'main.ts',
    );
    expect(offending).toEqual([]);
  });

  // events.ts: a leaf other contexts subscribe through while the module graph still loads (see its header).
  it('lets a context use another context only through its index.ts (or its table types, actor or events)', () => {
    const offending = imports.filter((i) => {
      if (!i.local || isTest(i.from)) return false;
      const fromCtx = topFolder(i.from);
      const toCtx = topFolder(i.to);
      if (!toCtx || fromCtx === toCtx || infrastructure.has(toCtx)) return false;
      const file = i.to.slice(toCtx.length + 1);
      return !['index.ts', 'tables.ts', 'actor.ts', 'events.ts'].includes(file);
    });
    expect(offending).toEqual([]);
  });

  it('lets only a context itself use its store', () => {
    const offending = imports.filter(
      (i) =>
        i.local &&
        /(^|\/)store(\.ts|\/)/.test(i.to) &&
        topFolder(i.to) !== topFolder(i.from) &&
        !isTest(i.from),
    );
    expect(offending).toEqual([]);
  });

  it('never lets a service or a store import a route file', () => {
    const offending = imports.filter(
      (i) => i.local && /(service|store)\.ts$/.test(i.from) && /routes(\.ts)?$/.test(i.to),
    );
    expect(offending).toEqual([]);
  });
});
