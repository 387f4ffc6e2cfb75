// How fast the catalog paints on the default install (issue #18 item 13): `tessera serve --build-web` on a fresh
// embedded database with the demo data, exactly as `npm start` runs it, then headless Chromium opens /catalog
// with a cold cache (a new browser context each time) and, separately, a warm one. Reports first contentful paint,
// largest contentful paint, the frame that paints the first course card (a visitor's catalog is rendered by the
// server, so it comes with the HTML) and when the test driver saw it, when the app is live (answers clicks:
// main.tsx marks <html data-app="live">), and the bytes sent over the wire (compressed) against their size unpacked, and the scripts among them (the app downloads only the active
// language's catalog and the pages it shows). Prints figures only — never pass/fail.
// `--path /` measures the front door instead, whose featured course cards carry the same mark.
// Run: npx tsx bench/catalog-paint.ts [--runs 20] [--path /catalog] [--chromium /usr/bin/chromium]
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type Browser, chromium, type Page } from 'playwright-core';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '20' },
    path: { type: 'string', default: '/catalog' },
    chromium: { type: 'string', default: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
  },
});
const RUNS = Number(args.runs);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

async function startServer(dataDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['bin/tessera.js', 'serve', '--build-web'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    try {
      const ready = await fetch(`http://127.0.0.1:${port}/ready`);
      if (ready.ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  child.kill('SIGTERM');
  throw new Error('the server did not become ready in 5 minutes');
}

interface Sample {
  fcp: number;
  lcp: number;
  /** When the first course card's heading was painted (Element Timing), in the page's clock. */
  firstCard: number;
  /** When the test driver (Playwright, polling from outside) saw it, from before the navigation: later. */
  seenByDriver: number;
  /** When the app answers clicks (hydrated or rendered), in the page's clock. */
  live: number;
  transferred: number;
  decoded: number;
  scripts: number;
  scriptBytes: number;
}

/**
 * Run in the page before any of its own scripts: when the first course card's heading is painted (Element
 * Timing: the catalog marks it `elementtiming="course-card"`), whether it came in the server's HTML or was
 * rendered by the app, in the page's own clock (from the navigation's start); and the moment the app is live. A string, not a function: tsx
 * would wrap the function's named closures in a helper the page does not have.
 */
const watchFirstCard = `(() => {
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.identifier !== 'course-card') continue;
      const at = entry.renderTime || entry.startTime;
      if (window.__firstCard === undefined || at < window.__firstCard) window.__firstCard = at;
    }
  }).observe({ type: 'element', buffered: true });
  const app = new MutationObserver(() => {
    if (document.documentElement.dataset.app !== 'live') return;
    window.__live = performance.now();
    app.disconnect();
  });
  app.observe(document, { subtree: true, attributes: true, attributeFilter: ['data-app'] });
})();`;

async function measure(page: Page, url: string): Promise<Sample> {
  const started = Date.now();
  await page.goto(url, { waitUntil: 'commit' });
  await page.locator('.cards .card').first().waitFor();
  const seenByDriver = Date.now() - started;
  await page.waitForFunction(() => (window as unknown as { __firstCard?: number }).__firstCard !== undefined);
  await page.waitForFunction(() => (window as unknown as { __live?: number }).__live !== undefined);
  const { firstCard, live } = await page.evaluate(() => {
    const w = window as unknown as { __firstCard: number; __live: number };
    return { firstCard: w.__firstCard, live: w.__live };
  });
  // LCP is reported by an observer; a short pause lets the last candidate arrive.
  await page.waitForTimeout(300);
  const figures = await page.evaluate(
    () =>
      new Promise<Omit<Sample, 'firstCard' | 'seenByDriver' | 'live'>>((resolve) => {
        let lcp = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) lcp = Math.max(lcp, entry.startTime);
        }).observe({ type: 'largest-contentful-paint', buffered: true });
        setTimeout(() => {
          const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN;
          const entries = [
            ...performance.getEntriesByType('navigation'),
            ...performance.getEntriesByType('resource'),
          ] as PerformanceResourceTiming[];
          const transferred = entries.reduce((sum, e) => sum + e.transferSize, 0);
          const decoded = entries.reduce((sum, e) => sum + e.decodedBodySize, 0);
          const scripts = entries.filter((e) => e.name.endsWith('.js'));
          const scriptBytes = scripts.reduce((sum, e) => sum + e.transferSize, 0);
          resolve({ fcp, lcp, transferred, decoded, scripts: scripts.length, scriptBytes });
        }, 50);
      }),
  );
  return { ...figures, firstCard, seenByDriver, live };
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
};
const ms = (value: number) => `${value.toFixed(0)} ms`;

function report(label: string, samples: Sample[]): void {
  const line = (name: string, pick: (s: Sample) => number) => {
    const values = samples.map(pick);
    console.log(
      `  ${name.padEnd(22)} p50 ${ms(quantile(values, 0.5))}  p90 ${ms(quantile(values, 0.9))}  max ${ms(Math.max(...values))}`,
    );
  };
  console.log(`${label} (${samples.length} loads)`);
  line('first contentful paint', (s) => s.fcp);
  line('largest contentful paint', (s) => s.lcp);
  line('first course card', (s) => s.firstCard);
  line('card seen by the driver', (s) => s.seenByDriver);
  line('app live (clickable)', (s) => s.live);
  const last = samples.at(-1);
  if (last) {
    console.log(
      `  bytes over the wire     ${(last.transferred / 1024).toFixed(0)} KiB (unpacked ${(last.decoded / 1024).toFixed(0)} KiB)`,
    );
    console.log(
      `  scripts                 ${last.scripts} files, ${(last.scriptBytes / 1024).toFixed(0)} KiB over the wire`,
    );
  }
}

const dataDir = await mkdtemp(join(tmpdir(), 'tessera-paint-'));
const port = await freePort();
let server: ChildProcess | undefined;
let browser: Browser | undefined;
try {
  server = await startServer(dataDir, port);
  browser = await chromium.launch({ executablePath: args.chromium, args: ['--no-sandbox'] });
  const url = `http://127.0.0.1:${port}${args.path}`;
  const cold: Sample[] = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext();
    await context.addInitScript({ content: watchFirstCard });
    cold.push(await measure(await context.newPage(), url));
    await context.close();
  }
  const warmContext = await browser.newContext();
  await warmContext.addInitScript({ content: watchFirstCard });
  const warmPage = await warmContext.newPage();
  await measure(warmPage, url);
  const warm: Sample[] = [];
  for (let i = 0; i < RUNS; i++) warm.push(await measure(warmPage, url));
  console.log(`Paint on the default install (embedded database, demo data), ${url}`);
  report('cold cache', cold);
  report('warm cache', warm);
} finally {
  await browser?.close();
  server?.kill('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await rm(dataDir, { recursive: true, force: true });
}
