// Speed a person notices and a learner who can finish alone (issue #18 items 13 and 9), in the browser on the
// default demo data: a visitor's catalog and front door come rendered by the server and the app hydrates them; only the active
// language's catalog is downloaded (the other one when the reader switches, with no key ever shown); a page
// waiting for its data shows a skeleton shaped like what comes, announced politely, never a grey "Loading…"; the
// first-badge issuance fee shows on the badge progress page even when every course of the badge is free; the
// issuer turns test-card payments on and off in the sales settings; and the price with tax and the test-card
// checkout read in Spanish with Spanish number formatting.
// Axe on every page, reflow at 320 px; screenshots: test-output/screenshots/speed-*-{1280,390}.png.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aVerifiedUser, logInAs, TEST_PASSWORD } from '../../src/identity/testing.ts';
import { addMember, organizationBySlug } from '../../src/orgs/index.ts';
import { seedDemoDataIfEmpty } from '../../src/seed/demo.ts';
import { importSampleWhereMissing } from '../../src/skills/index.ts';
import { seriousViolations } from '../support/axe.ts';
import { screenshotDir, sidewaysScroll, startWebApp, type WebAppUnderTest } from '../support/browser.ts';

let web: WebAppUnderTest | undefined;
let pricedCourseId = '';
let freeCourseId = '';
let issuerOrgId = '';

beforeAll(async () => {
  mkdirSync(screenshotDir, { recursive: true });
  web = await startWebApp();
  const { app, deps } = web.testApp;
  await importSampleWhereMissing(deps.db);
  expect(await seedDemoDataIfEmpty(deps)).toBe(true);
  const catalog = await app.inject({
    method: 'GET',
    url: '/api/v1/catalog/courses?issuer=northwind-academy',
  });
  const items = catalog.json().items as Array<{ id: string; title: string }>;
  pricedCourseId = items.find((c) => c.title === 'Employment law basics')?.id ?? '';
  // Free: the only course the demo's "Structured Interviewer" badge requires.
  freeCourseId = items.find((c) => c.title === 'Structured interviewing')?.id ?? '';
  expect(pricedCourseId && freeCourseId).toBeTruthy();
  issuerOrgId = (await organizationBySlug(deps.db, 'northwind-academy'))?.id ?? '';
}, 240_000);

afterAll(async () => {
  await web?.close();
});

function started(): WebAppUnderTest {
  if (!web) throw new Error('the web app did not start');
  return web;
}

/**
 * A visitor's page once the app is live and the network idle: its script errors and hydration complaints, and
 * the API paths it asked for.
 */
async function hydrated(path: string) {
  const context = await started().browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && /hydrat|did not match|React error/i.test(message.text()))
      problems.push(message.text());
  });
  const asked: string[] = [];
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.startsWith('/api/v1/')) asked.push(pathname);
  });
  await page.goto(`${started().baseUrl}${path}`);
  await page.locator('html[data-app="live"]').waitFor({ state: 'attached' });
  await page.waitForLoadState('networkidle');
  return { context, page, problems, asked };
}

async function expectAccessibleAndReflowing(page: Page): Promise<void> {
  expect(await seriousViolations(page)).toEqual([]);
  await page.setViewportSize({ width: 320, height: 800 });
  expect(await sidewaysScroll(page)).toBe(0);
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function shoot(page: Page, name: string): Promise<void> {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: join(screenshotDir, `speed-${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** A new person, logged in through the login form (the page's cookies), landing on `next`. */
async function logInThroughForm(page: Page, email: string, next: string): Promise<void> {
  await page.goto(`${started().baseUrl}/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
}

/** The script files the page downloaded so far. */
function scriptsLoaded(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((entry) => entry.name)
      .filter((name) => name.endsWith('.js')),
  );
}

describe('the language catalogs', () => {
  it('download only the active language, and the other one when the reader switches, never showing a key', async () => {
    const { page, scriptErrors } = await started().openPage('/catalog');
    page.setDefaultTimeout(60_000);
    await page.getByRole('heading', { name: 'Course catalog', level: 1 }).waitFor();
    let scripts = await scriptsLoaded(page);
    expect(scripts.some((name) => /\/catalog-en-[\w-]+\.js$/.test(name))).toBe(true);
    expect(scripts.some((name) => /\/catalog-es-[\w-]+\.js$/.test(name))).toBe(false);

    await page.getByRole('button', { name: 'Español' }).click();
    await page.getByRole('heading', { name: 'Catálogo de cursos', level: 1 }).waitFor();
    scripts = await scriptsLoaded(page);
    expect(scripts.some((name) => /\/catalog-es-[\w-]+\.js$/.test(name))).toBe(true);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
    // No translation key (such as "catalog.title") anywhere on the page.
    expect(await page.locator('body').innerText()).not.toMatch(/\b(app|nav|catalog|language|landing)\.[a-z]/);
    expect(scriptErrors).toEqual([]);
    await page.context().close();
  }, 240_000);
});

describe('a visitor’s catalog', () => {
  it('shows its courses before any script runs, and the app takes them over without asking again or a hydration error', async () => {
    const { browser, baseUrl } = started();
    // Without JavaScript at all: the server's HTML holds the courses.
    const noScript = await browser.newContext({ locale: 'en-US', javaScriptEnabled: false });
    const still = await noScript.newPage();
    await still.goto(`${baseUrl}/catalog`);
    await still.getByRole('link', { name: 'Employment law basics' }).waitFor();
    expect(await still.locator('.cards .card').count()).toBeGreaterThan(1);
    await noScript.close();

    const { context, page, problems, asked } = await hydrated('/catalog');
    // Hydrated from the page's own state: the session and the courses were not asked for again.
    expect(asked).not.toContain('/api/v1/catalog/courses');
    expect(asked).not.toContain('/api/v1/auth/session');
    // The app answers: a search changes the address and the results in place, without loading a page.
    await page.evaluate(() => {
      (window as unknown as { stayed: boolean }).stayed = true;
    });
    await page.getByLabel('Search', { exact: true }).fill('Employment law');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL(/[?&]q=Employment\+law/);
    await page.getByRole('status').filter({ hasText: '1 course found.' }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    expect(problems).toEqual([]);
    await context.close();

    // A reader who chose Spanish before, on a browser asking for English: the page is rendered afresh in
    // Spanish, not hydrated in the wrong language.
    const chosen = await browser.newContext({ locale: 'en-US' });
    await chosen.addInitScript(() => localStorage.setItem('tessera.language', 'es'));
    const spanish = await chosen.newPage();
    const errors: string[] = [];
    spanish.on('pageerror', (error) => errors.push(error.message));
    spanish.on('console', (message) => {
      if (message.type() === 'error' && /hydrat|did not match|React error/i.test(message.text()))
        errors.push(message.text());
    });
    await spanish.goto(`${baseUrl}/catalog`);
    await spanish.getByRole('heading', { name: 'Catálogo de cursos', level: 1 }).waitFor({ timeout: 60_000 });
    await spanish.locator('html[data-app="live"]').waitFor({ state: 'attached' });
    expect(await spanish.evaluate(() => document.documentElement.lang)).toBe('es');
    expect(errors).toEqual([]);
    await chosen.close();
  }, 240_000);
});

describe('a visitor’s front door', () => {
  it('shows its featured courses before any script runs, and the app takes them over without asking again', async () => {
    const { browser, baseUrl } = started();
    const noScript = await browser.newContext({ locale: 'en-US', javaScriptEnabled: false });
    const still = await noScript.newPage();
    await still.goto(`${baseUrl}/`);
    await still.getByRole('link', { name: 'Employment law basics' }).waitFor();
    await noScript.close();

    const { context, page, problems, asked } = await hydrated('/');
    expect(asked).not.toContain('/api/v1/catalog/courses');
    expect(asked).not.toContain('/api/v1/auth/session');
    await expectAccessibleAndReflowing(page);
    // The app answers: a link opens the catalog in place, without loading a page.
    await page.evaluate(() => {
      (window as unknown as { stayed: boolean }).stayed = true;
    });
    await page.getByRole('link', { name: 'Employment law basics' }).click();
    await page.waitForURL(/\/catalog\/[0-9a-f-]+$/);
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  }, 240_000);
});

describe('a page waiting for its data', () => {
  it('shows a skeleton of what comes, announced politely, and no visible "Loading…"', async () => {
    const { deps } = started().testApp;
    const learner = await aVerifiedUser(deps, { name: 'Sam Skeleton' });
    const { page } = await started().openPage('/');
    page.setDefaultTimeout(60_000);
    // Hold the badge progress answer until the skeleton has been looked at.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route('**/api/v1/me/badge-progress', async (route) => {
      await held;
      await route.continue();
    });
    await logInThroughForm(page, learner.email, '/learn/badge-progress');
    await page.getByRole('heading', { name: 'Badge progress', level: 1 }).waitFor();
    const skeleton = page.locator('main .skeleton[aria-busy="true"]');
    await skeleton.waitFor();
    expect(await skeleton.locator('.skeleton__card').count()).toBe(3);
    const announced = page.getByRole('status').filter({ hasText: 'Loading…' });
    await expect.poll(() => announced.count()).toBe(1);
    // Heard, not seen: the only "Loading…" is the visually hidden status (a 1 px clipped box).
    expect(await page.getByText('Loading…').count()).toBe(1);
    expect((await announced.boundingBox())?.width).toBeLessThanOrEqual(1);
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'skeleton');
    release();
    await page.getByText('No badges in progress.').waitFor();
    expect(await skeleton.count()).toBe(0);
    await page.context().close();
  }, 240_000);
});

describe('the first-badge issuance fee on the badge progress page', () => {
  it('shows for a badge whose courses are all free, before anything is bought', async () => {
    const { app, deps } = started().testApp;
    const learner = await aVerifiedUser(deps, { name: 'Frida Free' });
    const session = await logInAs(app, learner.email);
    const enrolled = await app.inject({
      method: 'POST',
      url: '/api/v1/me/enrolments',
      headers: session.headers,
      payload: { courseId: freeCourseId },
    });
    expect(enrolled.statusCode).toBe(201);

    const { page, scriptErrors } = await started().openPage('/');
    page.setDefaultTimeout(60_000);
    await logInThroughForm(page, learner.email, '/learn/badge-progress');
    const card = page.getByRole('article', { name: 'Structured Interviewer' });
    await card.waitFor();
    await card
      .getByText(
        'Issuing this badge costs €15.00 + VAT once, paid when you earn it (only your first badge from Northwind Academy has this fee).',
      )
      .waitFor();
    // Nothing to buy: no purchase panel, the fee said once.
    expect(await card.getByRole('heading', { name: 'What you still need' }).count()).toBe(0);
    expect(await card.getByText(/Issuing this badge costs/).count()).toBe(1);
    await expectAccessibleAndReflowing(page);
    await shoot(page, 'progress-fee');
    expect(scriptErrors).toEqual([]);
    await page.context().close();
  }, 240_000);
});

describe("the issuer's sales settings", () => {
  it('turn test-card payments off and on again, saved through the API', async () => {
    const { app, deps } = started().testApp;
    const owner = await aVerifiedUser(deps, { name: 'Olive Owner' });
    await addMember(deps, 'system', issuerOrgId, { email: owner.email, role: 'owner' });
    const savedSetting = async () => {
      const session = await logInAs(app, owner.email);
      const response = await app.inject({
        url: `/api/v1/orgs/${issuerOrgId}/commerce/settings`,
        headers: session.cookieOnly,
      });
      return (response.json() as { testCardPayments: boolean }).testCardPayments;
    };
    expect(await savedSetting()).toBe(true);

    const { page, scriptErrors } = await started().openPage('/');
    page.setDefaultTimeout(60_000);
    await logInThroughForm(page, owner.email, '/issue/sales/settings');
    await page.getByRole('heading', { name: 'Sales settings', level: 1 }).waitFor();
    const testCards = page.getByRole('checkbox', { name: 'Learners pay by test card (test mode)' });
    await testCards.waitFor();
    expect(await testCards.isChecked()).toBe(true);
    await page
      .getByRole('group', { name: 'Test mode' })
      .getByText(/no money moves/)
      .waitFor();
    await expectAccessibleAndReflowing(page);
    await shoot(page, 'sales-settings');

    await testCards.uncheck();
    await page.getByRole('button', { name: 'Save the settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect(await savedSetting()).toBe(false);
    await page.reload();
    await testCards.waitFor();
    expect(await testCards.isChecked()).toBe(false);

    // The same page in Spanish, turning it back on.
    await page.getByRole('button', { name: 'Español' }).click();
    const spanish = page.getByRole('checkbox', {
      name: 'Las personas pagan con tarjeta de prueba (modo de prueba)',
    });
    await spanish.check();
    await page.getByRole('button', { name: 'Guardar los ajustes' }).click();
    await page.getByRole('status').filter({ hasText: 'Guardado.' }).waitFor();
    expect(await savedSetting()).toBe(true);
    await expectAccessibleAndReflowing(page);
    await shoot(page, 'sales-settings-es');
    expect(scriptErrors).toEqual([]);
    await page.context().close();
  }, 240_000);
});

describe('buying in Spanish', () => {
  it('shows the price with tax and the test-card checkout in Spanish, with Spanish number formatting', async () => {
    const { deps } = started().testApp;
    const learner = await aVerifiedUser(deps, { name: 'Lucía Prueba' });
    // A browser that asks for Spanish (Accept-Language and navigator.languages es-ES).
    const context = await started().browser.newContext({ locale: 'es-ES' });
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    const scriptErrors: string[] = [];
    page.on('pageerror', (error) => scriptErrors.push(error.message));
    const login = await page.request.post(`${started().baseUrl}/api/v1/auth/login`, {
      data: { email: learner.email, password: TEST_PASSWORD },
    });
    expect(login.status()).toBe(200);

    await page.goto(`${started().baseUrl}/catalog/${pricedCourseId}`);
    await page.getByRole('heading', { name: 'Employment law basics', level: 1 }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
    // es-ES shows consumer prices with tax included: 45,00 € + 20 % = 54,00 €, comma decimals, € after.
    await page
      .getByText(/^54,00\s€ \(VAT incl\.\)$/)
      .first()
      .waitFor();
    await page
      .getByText(/emitir la primera cuesta 18,00\s€ \(VAT incl\.\)/)
      .first()
      .waitFor();
    await expectAccessibleAndReflowing(page);
    await shoot(page, 'course-es');

    await page.getByRole('button', { name: 'Añadir al carrito' }).first().click();
    await page.getByRole('link', { name: 'Ir al carrito' }).click();
    await page.getByRole('button', { name: 'Hacer el pedido' }).click();
    await page.getByRole('button', { name: /^Pagar 54,00\s€ con tarjeta \(modo de prueba\)$/ }).click();

    await page.getByRole('heading', { name: 'Pagar con tarjeta (modo de prueba)', level: 1 }).waitFor();
    await page.getByText('Modo de prueba: no se mueve dinero.').waitFor();
    await page.getByText(/^Incluye VAT: 9,00\s€$/).waitFor();
    await page.getByLabel('Número de tarjeta').waitFor();
    await page.getByLabel('Código de seguridad (CVC)').waitFor();
    await page.getByRole('button', { name: /^Pagar 54,00\s€$/ }).waitFor();
    await expectAccessibleAndReflowing(page);
    await shoot(page, 'checkout-es');
    expect(scriptErrors).toEqual([]);
    await context.close();
  }, 240_000);
});
