// Chromium for browser tests: Debian's /usr/bin/chromium (CI installs it), driven by playwright-core.
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { ensureWebBuilt } from '../../src/cli/build-web.ts';
import { createTestApp, type TestApp } from './app.ts';

/** Where browser journeys write their screenshots for a person to look at (git ignores it). */
export const screenshotDir = process.env.SCREENSHOT_DIR ?? join(process.cwd(), 'test-output', 'screenshots');

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Browser tests fail, never skip, without Chromium: the message says how to install it. */
export function assertChromiumInstalled(): void {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `Browser tests need Chromium at ${chromiumPath}: install it with \`apt-get install -y chromium\` ` +
        '(or point CHROMIUM_PATH at a Chromium binary).',
    );
  }
}

/** Launches headless Chromium, or fails with the fix when it is not installed (never skips). */
export async function launchBrowser(): Promise<Browser> {
  assertChromiumInstalled();
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A TCP port free right now on 127.0.0.1, so the server's PUBLIC_URL can be known before it listens. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export interface WebAppUnderTest {
  baseUrl: string;
  testApp: TestApp;
  browser: Browser;
  /**
   * A fresh browser context on `path`, once the app runs there (main.tsx marks <html data-app="live">);
   * `scriptErrors` collects uncaught errors of its scripts.
   */
  openPage(path: string): Promise<{ page: Page; scriptErrors: string[] }>;
  close(): Promise<void>;
}

/**
 * The real server (web app, API, mail workers) listening on a free port whose address is also its
 * PUBLIC_URL, so links in mail lead back to it, and a Chromium to drive it. Builds web/dist if stale.
 * `env` adds configuration (e.g. letting verification fetch a loopback test server).
 */
export async function startWebApp(options: { env?: Record<string, string> } = {}): Promise<WebAppUnderTest> {
  assertChromiumInstalled();
  await ensureWebBuilt(() => {});
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const testApp = await createTestApp({
    serveWebApp: true,
    workers: true,
    env: { ...options.env, PUBLIC_URL: baseUrl },
  });
  let browser: Browser | undefined;
  try {
    await testApp.app.listen({ port, host: '127.0.0.1' });
    browser = await launchBrowser();
  } catch (error) {
    await testApp.close();
    throw error;
  }
  const launched = browser;
  return {
    baseUrl,
    testApp,
    browser: launched,
    async openPage(path) {
      const context = await launched.newContext({ locale: 'en-US' });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      const scriptErrors: string[] = [];
      page.on('pageerror', (error) => scriptErrors.push(error.message));
      await page.goto(`${baseUrl}${path}`);
      // A server-rendered page of the app (the catalog) shows before its script runs: act once the app is live
      // (pages the server writes alone, such as a badge's public page, have no #root).
      await page.waitForFunction(
        () => !document.getElementById('root') || document.documentElement.dataset.app === 'live',
      );
      return { page, scriptErrors };
    },
    async close() {
      await launched.close();
      await testApp.close();
    },
  };
}

/** How far the page scrolls sideways (0: it reflows to the viewport's width, WCAG 1.4.10). */
export function sidewaysScroll(page: Page): Promise<number> {
  return page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    return root.scrollWidth - root.clientWidth;
  });
}

/**
 * Makes the page's zero-delay timers run `ms` late, as on a loaded machine: what a page shows in the render of a
 * click must not wait for one (a query library's notifications do, by default).
 */
export async function lateTimers(page: Page, ms = 300): Promise<void> {
  await page.evaluate((late) => {
    const original = window.setTimeout;
    const patched = (handler: TimerHandler, delay?: number, ...rest: unknown[]) =>
      original(handler, delay ? delay : late, ...rest);
    window.setTimeout = patched as typeof window.setTimeout;
  }, ms);
}
