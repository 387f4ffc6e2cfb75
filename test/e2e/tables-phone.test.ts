// Tables on a phone (issue #18, item 3): at 390 and 320 CSS px a learner sees the cart's "Remove" on
// screen and empties the cart with it, neither the cart nor the orders page scrolls sideways (WCAG
// 1.4.10), and Tab from the orders page's heading reaches the orders table's scroll region, which the
// arrow keys then scroll (WCAG 2.1.1). Axe runs on both pages; screenshots at 320 px are written to
// test-output/screenshots (or SCREENSHOT_DIR) for a person to look at.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aOneLessonCourse } from '../../src/badges/award-testing.ts';
import { aVerifiedUser, logInAs, TEST_PASSWORD, type TestSession } from '../../src/identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../../src/issuing/testing.ts';
import { seriousViolations } from '../support/axe.ts';
import { screenshotDir, sidewaysScroll, startWebApp, type WebAppUnderTest } from '../support/browser.ts';

const suffix = randomBytes(3).toString('hex');
const ordered = `Payroll year-end closing and statutory reporting ${suffix}`;
const carted = `Collective agreements and overtime rules in practice ${suffix}`;

let web: WebAppUnderTest | undefined;
let issuer: TestIssuer;
let learner: { email: string; session: TestSession };
let cartedId = '';

beforeAll(async () => {
  web = await startWebApp();
  const { app, deps } = web.testApp;
  issuer = await anIssuerWithOwner(app, deps, 'Nómina Academy');
  const price = { price: { amountMinor: 12_345, currency: 'EUR' } };
  const orderedId = await aOneLessonCourse(app, issuer, { title: ordered, ...price });
  cartedId = await aOneLessonCourse(app, issuer, { title: carted, ...price });
  const person = await aVerifiedUser(deps, { name: 'Lena Learner' });
  learner = { email: person.email, session: await logInAs(app, person.email) };
  // One placed order, so the orders page has its table.
  await addToCart(orderedId);
  const checkout = await app.inject({
    method: 'POST',
    url: `/api/v1/me/carts/${issuer.orgId}/checkout`,
    headers: learner.session.headers,
  });
  expect(checkout.statusCode).toBeLessThan(300);
  mkdirSync(screenshotDir, { recursive: true });
}, 180_000);

afterAll(async () => {
  await web?.close();
});

function started(): WebAppUnderTest {
  if (!web) throw new Error('the web app did not start');
  return web;
}

async function addToCart(courseId: string): Promise<void> {
  const added = await started().testApp.app.inject({
    method: 'POST',
    url: `/api/v1/me/carts/${issuer.orgId}/items`,
    headers: learner.session.headers,
    payload: { kind: 'course', courseId },
  });
  expect(added.statusCode).toBeLessThan(300);
}

/** How far the page scrolls sideways (0 when everything fits the viewport's width). */
describe('tables on a phone', () => {
  it.each([390, 320])(
    'at %i px shows the cart’s Remove on screen, removes the item with it, and lets the keyboard reach the orders table',
    async (width) => {
      await addToCart(cartedId);
      const { page, scriptErrors } = await started().openPage('/login?next=%2Fcart');
      await page.setViewportSize({ width, height: 800 });
      await page.getByLabel('Email address').fill(learner.email);
      await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.getByRole('heading', { name: 'Your cart', level: 1 }).waitFor();

      const remove = page.getByRole('button', { name: `Remove ${carted}` });
      const box = await remove.boundingBox();
      expect(box).not.toBeNull();
      expect(box?.x).toBeGreaterThanOrEqual(0);
      expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(width);
      expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);
      expect(await seriousViolations(page)).toEqual([]);
      if (width === 320) await page.screenshot({ path: join(screenshotDir, 'cart-320.png'), fullPage: true });

      await remove.click();
      await page.getByText('Your cart is empty.').waitFor();
      expect(await remove.count()).toBe(0);

      await page.getByRole('main').getByRole('link', { name: 'Your orders' }).click();
      const heading = page.getByRole('heading', { name: 'Your orders', level: 1 });
      await heading.waitFor();
      const region = page.getByRole('region', { name: 'Orders, newest first' });
      await region.waitFor();
      expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);
      expect(await seriousViolations(page)).toEqual([]);

      // From the heading (focused after the navigation), Tab reaches the table's region.
      await expect.poll(() => heading.evaluate((h) => h === document.activeElement)).toBe(true);
      let tabs = 0;
      while (!(await region.evaluate((r) => r === document.activeElement)) && tabs < 5) {
        await page.keyboard.press('Tab');
        tabs += 1;
      }
      expect(await region.evaluate((r) => r === document.activeElement)).toBe(true);
      // The table is wider than a phone: the region scrolls, not the page, and the arrow keys scroll it.
      expect(await region.evaluate((r) => r.scrollWidth > r.clientWidth)).toBe(true);
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => region.evaluate((r) => r.scrollLeft)).toBeGreaterThan(0);
      if (width === 320)
        await page.screenshot({ path: join(screenshotDir, 'orders-320.png'), fullPage: true });
      expect(scriptErrors).toEqual([]);
      await page.context().close();
    },
    120_000,
  );
});
