// Browser journey of course pictures (issue #18 item 10) and the badges a course counts toward (item 11): an
// author adds a picture with its description in the course editor; the catalog card, the course page and the
// cart show it, a course without one shows its designed fallback, and the course page links to its badge.
// Axe at 1280 and 390 px, no sideways scroll at 320 px, screenshots in test-output/screenshots/course-images-*.png.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aPublishedBadge, aPublishedCourse } from '../../src/badges/testing.ts';
import { aLoggedInUser, TEST_PASSWORD, type TestSession } from '../../src/identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../../src/issuing/testing.ts';
import { seriousViolations } from '../support/axe.ts';
import { screenshotDir, sidewaysScroll, startWebApp, type WebAppUnderTest } from '../support/browser.ts';

let web: WebAppUnderTest | undefined;
let issuer: TestIssuer;
let learner: TestSession & { email: string };
let pictured: string;
let plain: string;

/** A drawn landscape (no real photo needed): sky, hills and a sun, as a JPEG. */
const LANDSCAPE = () =>
  sharp(
    Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="960" height="540">
<rect width="960" height="540" fill="#8fc8e8"/><circle cx="760" cy="130" r="70" fill="#f6c945"/>
<path d="M0 380 Q240 250 480 360 T960 330 V540 H0z" fill="#3d8b5a"/>
<path d="M0 450 Q300 360 620 440 T960 420 V540 H0z" fill="#2a6b43"/></svg>`),
  )
    .jpeg()
    .toBuffer();

beforeAll(async () => {
  web = await startWebApp();
  const t = web.testApp;
  issuer = await anIssuerWithOwner(t.app, t.deps, 'Hillside Institute');
  pictured = await aPublishedCourse(t.app, issuer.orgId, issuer.owner, {
    title: 'Field bookkeeping',
    price: { amountMinor: 4900, currency: 'EUR' },
  });
  plain = await aPublishedCourse(t.app, issuer.orgId, issuer.owner, { title: 'Payroll without pictures' });
  await aPublishedBadge(t.app, issuer, { courseIds: [pictured], name: 'Field Bookkeeper' });
  learner = (await aLoggedInUser(t.app, t.deps, { name: 'Iris Cart' })) as typeof learner;
  mkdirSync(screenshotDir, { recursive: true });
}, 400_000);

afterAll(async () => {
  await web?.close();
});

function started(): WebAppUnderTest {
  if (!web) throw new Error('the web app did not start');
  return web;
}

async function checkLayouts(page: Page, name: string): Promise<void> {
  for (const width of [1280, 390, 320]) {
    await page.setViewportSize({ width, height: 900 });
    expect(await seriousViolations(page), `${name} at ${width} px`).toEqual([]);
    if (width < 1280)
      expect(await sidewaysScroll(page), `${name} scrolls sideways at ${width} px`).toBeLessThanOrEqual(0);
    if (width > 320)
      await page.screenshot({
        path: join(screenshotDir, `course-images-${name}-${width}.png`),
        fullPage: true,
      });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function logIn(page: Page, email: string): Promise<void> {
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
}

describe('course pictures in a browser', () => {
  it('are added in the course editor with a required description', async () => {
    const path = `/issue/courses/${pictured}`;
    const { page, scriptErrors } = await started().openPage(`/login?next=${encodeURIComponent(path)}`);
    await logIn(page, issuer.owner.email);
    await page.getByText('No picture yet').waitFor({ timeout: 60_000 });
    await page
      .getByLabel('Add a picture')
      .setInputFiles({ name: 'hills.jpg', mimeType: 'image/jpeg', buffer: await LANDSCAPE() });
    await page.getByRole('button', { name: 'Save the picture' }).click();
    await page.getByText('Describe the picture before saving it.').first().waitFor();
    await page.getByLabel('Describe the picture').fill('Green hills under a yellow sun');
    await page.getByRole('button', { name: 'Save the picture' }).click();
    await page.getByText('Picture saved.').waitFor({ timeout: 60_000 });
    const image = page.getByRole('img', { name: 'Green hills under a yellow sun' });
    await image.waitFor();
    // Shown is not loaded yet: the picture's bytes arrive after its element.
    await expect
      .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), {
        timeout: 30_000,
      })
      .toBe(960);
    await checkLayouts(page, 'editor');
    expect(scriptErrors).toEqual([]);
  }, 240_000);

  it('show on the catalog cards, with a designed fallback for a course without one', async () => {
    const { page, scriptErrors } = await started().openPage('/catalog');
    const card = page.getByRole('article').filter({ hasText: 'Field bookkeeping' });
    await card.getByRole('img', { name: 'Green hills under a yellow sun' }).waitFor({ timeout: 60_000 });
    const fallback = page.getByRole('article').filter({ hasText: 'Payroll without pictures' });
    expect(await fallback.locator('.course-cover--fallback').textContent()).toBe('PW');
    await checkLayouts(page, 'catalog');
    expect(scriptErrors).toEqual([]);
  }, 240_000);

  it('shows on the course page, which links to the badge the course counts toward', async () => {
    const { page, scriptErrors } = await started().openPage(`/catalog/${pictured}`);
    await page.getByRole('img', { name: 'Green hills under a yellow sun' }).waitFor({ timeout: 60_000 });
    await page.getByRole('heading', { name: 'This course counts toward a badge' }).waitFor();
    const link = page.getByRole('link', { name: 'Field Bookkeeper' });
    expect(await link.getAttribute('href')).toMatch(/^\/catalog\/badges\/[0-9a-f-]{36}$/);
    await checkLayouts(page, 'course');
    await link.click();
    await page.getByRole('heading', { name: 'Field Bookkeeper', level: 1 }).waitFor({ timeout: 60_000 });
    expect(scriptErrors).toEqual([]);
    // The course without a badge has no such section.
    await page.goto(`${started().baseUrl}/catalog/${plain}`);
    await page
      .getByRole('heading', { name: 'Payroll without pictures', level: 1 })
      .waitFor({ timeout: 60_000 });
    expect(await page.getByText('counts toward').count()).toBe(0);
  }, 240_000);

  it('shows in the cart beside the course', async () => {
    const t = started().testApp;
    const added = await t.app.inject({
      method: 'POST',
      url: `/api/v1/me/carts/${issuer.orgId}/items`,
      headers: learner.headers,
      payload: { kind: 'course', courseId: pictured },
    });
    expect(added.statusCode, added.body).toBeLessThan(300);
    const { page, scriptErrors } = await started().openPage('/login?next=%2Fcart');
    await logIn(page, learner.email);
    await page.getByRole('heading', { name: 'Your cart', level: 1 }).waitFor({ timeout: 60_000 });
    await page.getByRole('img', { name: 'Green hills under a yellow sun' }).waitFor({ timeout: 60_000 });
    await checkLayouts(page, 'cart');
    expect(scriptErrors).toEqual([]);
  }, 240_000);
});
