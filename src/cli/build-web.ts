// Builds the React app (web/ → web/dist) with Vite's JS API when the build is missing or older than
// its sources, so `npm start` always serves the current app without a separate build step.
import {
  closeSync,
  existsSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
} from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

export const webDir = fileURLToPath(new URL('../../web/', import.meta.url));
export const webDistDir = join(webDir, 'dist');
const SKIPPED = new Set(['dist', 'node_modules']);
const LOCK = join(webDir, '.dist-build.lock');
const STALE_LOCK_MS = 5 * 60_000;

/** The newest modification time of any source file under web/ (dist and temporary builds excluded). */
export function newestWebSourceMtime(dir = webDir): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIPPED.has(entry.name) || entry.name.startsWith('.dist-')) continue;
    const path = join(dir, entry.name);
    const mtime = entry.isDirectory() ? newestWebSourceMtime(path) : statSync(path).mtimeMs;
    if (mtime > newest) newest = mtime;
  }
  return newest;
}

export function webBuildIsCurrent(): boolean {
  const index = join(webDistDir, 'index.html');
  return (
    existsSync(index) &&
    existsSync(join(webDistDir, 'server', 'entry-server.js')) &&
    statSync(index).mtimeMs >= newestWebSourceMtime()
  );
}

/**
 * Runs `vite build` when web/dist is missing or stale. The build goes to a private directory first and
 * is then swapped in, so a server already serving web/dist never sees a half-written app.
 * Returns true when it built.
 */
export async function ensureWebBuilt(log: (message: string) => void): Promise<boolean> {
  if (webBuildIsCurrent()) return false;
  const release = await acquireBuildLock();
  try {
    // Another process may have built it while this one waited for the lock.
    if (webBuildIsCurrent()) return false;
    await buildWeb(log);
    return true;
  } finally {
    release();
  }
}

async function buildWeb(log: (message: string) => void): Promise<void> {
  const started = Date.now();
  log('Building the web app (web/ → web/dist) …');
  const { build } = await import('vite');
  const outDir = join(webDir, `.dist-${process.pid}-${started}`);
  // Vite and its React plugin choose the production transforms from NODE_ENV, which a test run sets
  // to `test`: the app must be built the same way wherever the build starts.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: join(webDir, 'vite.config.ts'),
      mode: 'production',
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true },
    });
    // The server's renderer of the visitors' pages (web/src/entry-server.tsx), beside the app, never served.
    await build({
      configFile: join(webDir, 'vite.config.ts'),
      mode: 'production',
      logLevel: 'warn',
      build: { ssr: 'src/entry-server.tsx', outDir: join(outDir, 'server'), emptyOutDir: true },
    });
    const old = join(webDir, `.dist-old-${process.pid}-${started}`);
    if (existsSync(webDistDir)) renameSync(webDistDir, old);
    // The build is as new as the sources it read: a source saved while it ran leaves it stale.
    const readFrom = new Date(started);
    utimesSync(join(outDir, 'index.html'), readFrom, readFrom);
    renameSync(outDir, webDistDir);
    rmSync(old, { recursive: true, force: true });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
    rmSync(outDir, { recursive: true, force: true });
  }
  log(`Web app built in ${Date.now() - started} ms.`);
}

/** One build at a time across processes (parallel test workers, a server starting during a test run). */
async function acquireBuildLock(): Promise<() => void> {
  for (;;) {
    try {
      closeSync(openSync(LOCK, 'wx'));
      return () => rmSync(LOCK, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = Date.now() - (statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > STALE_LOCK_MS) rmSync(LOCK, { force: true });
      else await sleep(200);
    }
  }
}
