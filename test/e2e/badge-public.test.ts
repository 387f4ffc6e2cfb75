// Browser journey of a badge before it is earned (issue #18 item 11): a visitor reads a pathway badge's public
// page (skills, what it takes with prices, validity, the bundle, the issuer and its logo); a learner who holds
// one badge, completed its course and has another course in the cart sees "Open my badge", "Review" and
// "In your cart" instead of "Add to cart" on the badge page and in the catalog. The public pages keep a way
// back. axe finds nothing serious and the pages reflow at 390 and 320 px. Screenshots: badge-public-*.png,
// catalog-holdings-*.png.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aPublishedBadge } from '../../src/badges/testing.ts';
import { aPricedCourse, cartOf } from '../../src/commerce/testing.ts';
import { TEST_PASSWORD } from '../../src/identity/testing.ts';
import { multipartFile } from '../../src/learning/testing.ts';
import { anAcceptedBadge } from '../../src/showcase/testing.ts';
import { importOnet, sampleDirectory } from '../../src/skills/index.ts';
import { seriousViolations } from '../support/axe.ts';
import { screenshotDir, sidewaysScroll, startWebApp, type WebAppUnderTest } from '../support/browser.ts';

const LOGO = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 80 20"><rect width="80" height="20" rx="4" fill="#1d4ed8"/></svg>',
);

let web: WebAppUnderTest | undefined;
let held: Awaited<ReturnType<typeof anAcceptedBadge>>;
let pathwayId: string;
let learnerPage: Page;

beforeAll(async () => {
  web = await startWebApp();
  const { app, deps } = web.testApp;
  const t = { app, deps };
  await importOnet(deps.db, sampleDirectory('onet'));
  held = await anAcceptedBadge(app, deps, { badgeName: 'Payroll basics' });
  const { issuer } = held;
  const form = multipartFile('logo.svg', LOGO);
  const logo = await app.inject({
    method: 'PUT',
    url: `/api/v1/orgs/${issuer.orgId}/logo`,
    headers: { ...issuer.owner.headers, ...form.headers },
    payload: form.payload,
  });
  if (logo.statusCode !== 200) throw new Error(`logo: ${logo.statusCode} ${logo.body}`);
  const [freeCourse] = (held.badge.requirements as { items: Array<{ courseId: string }> }).items.map(
    (item) => item.courseId,
  );
  const yearEnd = await aPricedCourse(t, issuer, { priceMinor: 4_900, title: 'Year-end payroll' });
  const audits = await aPricedCourse(t, issuer, { priceMinor: 2_900, title: 'Payroll audits' });
  pathwayId = (
    await aPublishedBadge(app, issuer, {
      courseIds: [freeCourse!, yearEnd, audits],
      badgeIds: [held.badge.id],
      name: 'Payroll professional',
      validityDays: 730,
      extra: {
        description: 'Runs payroll for a whole year, year-end closing and audits included.',
        criteriaNarrative: 'Complete **every** course below and hold *Payroll basics*.',
        level: 'Intermediate',
        skills: [{ name: 'Active Listening', concept: { framework: 'onet', code: '2.A.1.b' } }],
      },
    })
  ).id;
  const added = await cartOf(t, held.learner, issuer.orgId).add({ kind: 'course', courseId: yearEnd });
  if (added.statusCode !== 201) throw new Error(`cart: ${added.statusCode} ${added.body}`);
  await mkdir(screenshotDir, { recursive: true });

  const opened = await web.openPage('/login?next=%2Fcatalog');
  learnerPage = opened.page;
  learnerPage.setDefaultTimeout(60_000);
  await learnerPage.getByLabel('Email address').fill(held.learner.email);
  await learnerPage.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
  await learnerPage.getByRole('button', { name: 'Log in' }).click();
  await learnerPage.getByRole('heading', { level: 1, name: 'Course catalog' }).waitFor();
}, 240_000);

afterAll(async () => {
  await web?.close();
});

function started(): WebAppUnderTest {
  if (!web) throw new Error('the web app did not start');
  return web;
}

async function reflowsAndPasses(page: Page, name: string) {
  await page.setViewportSize({ width: 1280, height: 900 });
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: join(screenshotDir, `${name}-1280.png`), fullPage: true });
  for (const width of [390, 320]) {
    await page.setViewportSize({ width, height: 800 });
    expect(await sidewaysScroll(page)).toBe(0);
  }
  await page.setViewportSize({ width: 390, height: 800 });
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: join(screenshotDir, `${name}-390.png`), fullPage: true });
}

describe('a badge’s public page and the catalog that knows what the learner holds', {
  timeout: 180_000,
}, () => {
  it('shows a visitor what the badge asserts, what it takes and costs, and who issues it', async () => {
    const { page, scriptErrors } = await started().openPage(`/catalog/badges/${pathwayId}`);
    page.setDefaultTimeout(60_000);
    await page.getByRole('heading', { level: 1, name: 'Payroll professional' }).waitFor();
    expect(await page.title()).toContain('Payroll professional');
    expect(await page.locator('meta[name="description"]').getAttribute('content')).toContain(
      'Runs payroll for a whole year',
    );
    await page.getByText('2 years, then renewable by retaking its courses').waitFor();
    await page.getByRole('link', { name: 'Active Listening' }).waitFor();
    await page.getByText('O*NET', { exact: false }).first().waitFor();
    await page.getByRole('link', { name: 'Year-end payroll' }).waitFor();
    await page.getByRole('button', { name: 'Add to cart: Payroll audits' }).waitFor();
    await page.getByRole('link', { name: 'Payroll basics' }).waitFor();
    await page.getByRole('heading', { name: 'Get every course at once' }).waitFor();
    await page.getByRole('button', { name: 'Add the bundle to the cart: Payroll professional' }).waitFor();
    expect(await page.locator('.badge-public__issuer img').getAttribute('src')).toMatch(/^\/org-logos\//);
    await page.locator('.badge-public__image').evaluate((img: HTMLImageElement) => img.decode());
    await reflowsAndPasses(page, 'badge-public');
    // The issuer's public page (issue #19 item 9) lists this badge among its own.
    const issuerPage = page.getByRole('link', { name: /^All badges by / });
    const issuerName = ((await issuerPage.textContent()) ?? '').replace('All badges by ', '');
    await issuerPage.click();
    await page.waitForURL(/\/issuers\/[^/]+$/);
    await page.getByRole('heading', { level: 1, name: issuerName }).waitFor();
    await page.getByRole('link', { name: 'Payroll professional' }).first().waitFor();
    expect(scriptErrors).toEqual([]);
  });

  it('answers "not found" for a badge that is not published', async () => {
    const { page } = await started().openPage('/catalog/badges/00000000-0000-4000-8000-000000000000');
    await page.getByRole('heading', { level: 1, name: 'Badge not found' }).waitFor();
    expect(await page.getByRole('link', { name: 'Back to the catalog' }).getAttribute('href')).toBe(
      '/catalog',
    );
  });

  it('offers the learner "Open my badge", "Review" and "In your cart" instead of "Add to cart"', async () => {
    const page = learnerPage;
    await page.goto(`${started().baseUrl}/catalog/badges/${pathwayId}`);
    await page.getByRole('heading', { level: 1, name: 'Payroll professional' }).waitFor();
    const open = page.getByRole('link', { name: 'Open my badge: Payroll basics' });
    expect(await open.getAttribute('href')).toBe(`/learn/badges/${held.award.id}`);
    await page.getByRole('link', { name: 'Review: Payroll in one lesson' }).waitFor();
    await page.getByRole('link', { name: 'Go to the cart (Year-end payroll is in it)' }).waitFor();
    expect(await page.getByRole('button', { name: 'Add to cart: Year-end payroll' }).count()).toBe(0);
    await page.getByRole('link', { name: 'See my progress' }).waitFor();

    await page.goto(`${started().baseUrl}/catalog`);
    await page.getByRole('heading', { level: 1, name: 'Course catalog' }).waitFor();
    const review = page.getByRole('link', { name: 'Review: Payroll in one lesson' });
    expect(await review.getAttribute('href')).toMatch(/^\/learn\/[0-9a-f-]{36}$/);
    await page.getByRole('link', { name: 'Go to the cart (Year-end payroll is in it)' }).waitFor();
    await page.getByRole('button', { name: 'Add to cart: Payroll audits' }).waitFor();
    expect(await page.getByRole('button', { name: 'Add to cart: Year-end payroll' }).count()).toBe(0);
    await reflowsAndPasses(page, 'catalog-holdings');

    await page.goto(`${started().baseUrl}/bundles`);
    await page.getByRole('link', { name: 'Payroll professional' }).first().click();
    await page.waitForURL(new RegExp(`/catalog/badges/${pathwayId}$`));
  });

  it('keeps a way back home and to the catalog on the verify page and a badge’s not-found page', async () => {
    for (const path of ['/verify', '/badges/00000000-0000-4000-8000-000000000000']) {
      const { page } = await started().openPage(path);
      const nav = page.getByRole('navigation', { name: 'Elsewhere on Tessera' });
      expect(await nav.getByRole('link', { name: 'Tessera home' }).getAttribute('href')).toBe('/');
      expect(await nav.getByRole('link', { name: 'Browse courses and badges' }).getAttribute('href')).toBe(
        '/catalog',
      );
      await page.setViewportSize({ width: 320, height: 800 });
      expect(await sidewaysScroll(page)).toBe(0);
    }
  });
});
