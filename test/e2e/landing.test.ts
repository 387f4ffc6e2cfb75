// Browser journey of `/` (issue #18 item 11): an anonymous visitor gets a real front door — courses from the
// catalog, "Verify a badge" leading to the verify page, sign-up and log-in — while a signed-in person still lands
// on their dashboard. axe finds nothing serious, and the page reflows at 320 px. Screenshots go to test-output/screenshots
// (or SCREENSHOT_DIR).
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aPublishedCourse } from '../../src/catalog/testing.ts';
import { TEST_PASSWORD } from '../../src/identity/testing.ts';
import { anIssuerWithOwner } from '../../src/issuing/testing.ts';
import { seriousViolations } from '../support/axe.ts';
import { screenshotDir, sidewaysScroll, startWebApp, type WebAppUnderTest } from '../support/browser.ts';

const COURSE_TITLE = 'Nóminas en la práctica';
let web: WebAppUnderTest | undefined;
let ownerEmail = '';

beforeAll(async () => {
  web = await startWebApp();
  const { app, deps } = web.testApp;
  const issuer = await anIssuerWithOwner(app, deps);
  ownerEmail = issuer.owner.email;
  await aPublishedCourse(app, issuer.orgId, issuer.owner, { title: COURSE_TITLE });
  await mkdir(screenshotDir, { recursive: true });
}, 180_000);

afterAll(async () => {
  await web?.close();
});

function started(): WebAppUnderTest {
  if (!web) throw new Error('the web app did not start');
  return web;
}

describe('the front page', () => {
  it('shows an anonymous visitor the catalog, a way to verify a badge and how to start', async () => {
    const { page, scriptErrors } = await started().openPage('/');
    await page.getByRole('heading', { level: 1, name: 'Learn, earn badges, show what you can do' }).waitFor();
    await page.getByRole('link', { name: COURSE_TITLE }).waitFor();
    expect(await page.getByRole('link', { name: 'Sign up free' }).getAttribute('href')).toBe('/signup');
    expect(await page.getByRole('link', { name: 'Verify a badge' }).getAttribute('href')).toBe('/verify');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(screenshotDir, 'landing-1280.png'), fullPage: true });

    await page.getByRole('link', { name: 'Verify a badge' }).click();
    await page.waitForURL(/\/verify$/);
    expect(scriptErrors).toEqual([]);
  });

  it('reflows on a phone without sideways scrolling', async () => {
    const { page } = await started().openPage('/');
    await page.getByRole('link', { name: COURSE_TITLE }).waitFor();
    for (const width of [390, 320]) {
      await page.setViewportSize({ width, height: 800 });
      expect(await sidewaysScroll(page)).toBe(0);
    }
    await page.setViewportSize({ width: 390, height: 800 });
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(screenshotDir, 'landing-390.png'), fullPage: true });
  });

  it('sends a signed-in person to their dashboard instead', async () => {
    const { page } = await started().openPage('/login');
    await page.getByLabel('Email address').fill(ownerEmail);
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL((url) => url.pathname !== '/login');
    await page.goto(`${started().baseUrl}/`);
    await page.waitForURL(/\/issue$/);
  });

  it('asks for the session and the courses while the language’s strings are still on their way, and once', async () => {
    const context = await started().browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    const asked: string[] = [];
    let release: () => void = () => {};
    const stringsHeld = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(/\/assets\/catalog-en-[^/]+\.js$/, async (route) => {
      await stringsHeld;
      await route.continue();
    });
    page.on('request', (request) => {
      const { pathname } = new URL(request.url());
      if (pathname.startsWith('/api/v1/')) asked.push(pathname);
    });
    const answered = (path: string) =>
      page.waitForResponse((response) => new URL(response.url()).pathname === path, { timeout: 30_000 });
    const bothAnswered = Promise.all([answered('/api/v1/auth/session'), answered('/api/v1/catalog/courses')]);
    // The landing page as the browser app renders it: the server renders it, data included, only for a visitor
    // without a session cookie, so this reader carries one that has expired.
    await context.addCookies([{ name: 'tessera_session', value: 'expired', url: started().baseUrl }]);
    await page.goto(`${started().baseUrl}/`, { waitUntil: 'commit' });
    // The English strings are held back: nothing can render, yet the page's data is asked for and answered.
    await bothAnswered;
    expect(asked).toEqual(expect.arrayContaining(['/api/v1/auth/session', '/api/v1/catalog/courses']));
    release();
    await page.getByRole('link', { name: COURSE_TITLE }).waitFor({ timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    expect(asked.filter((path) => path === '/api/v1/catalog/courses')).toHaveLength(1);
    expect(asked.filter((path) => path === '/api/v1/auth/session')).toHaveLength(1);
    await context.close();
  });
});
