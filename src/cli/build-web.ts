// Builds the React app (web/ → web/dist) with Vite's JS API when the build is missing or older than
// its sources, so `npm start` always serves the current app without a separate build step.
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const webDir = fileURLToPath(new URL('../../web/', import.meta.url));
export const webDistDir = join(webDir, 'dist');
const SKIPPED = new Set(['dist', 'node_modules']);

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
  return existsSync(index) && statSync(index).mtimeMs >= newestWebSourceMtime();
}

/**
 * Runs `vite build` when web/dist is missing or stale. The build goes to a private directory first and
 * is then swapped in, so a server already serving web/dist never sees a half-written app.
 * Returns true when it built.
 */
export async function ensureWebBuilt(log: (message: string) => void): Promise<boolean> {
  if (webBuildIsCurrent()) return false;
  const started = Date.now();
  log('Building the web app (web/ → web/dist) …');
  const { build } = await import('vite');
  const outDir = join(webDir, `.dist-${process.pid}-${started}`);
  try {
    await build({
      configFile: join(webDir, 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true },
    });
    const old = join(webDir, `.dist-old-${process.pid}-${started}`);
    if (existsSync(webDistDir)) renameSync(webDistDir, old);
    renameSync(outDir, webDistDir);
    rmSync(old, { recursive: true, force: true });
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
  log(`Web app built in ${Date.now() - started} ms.`);
  return true;
}
