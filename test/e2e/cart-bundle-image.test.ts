// Browser check of a badge bundle in the cart (issue #18): the line shows the badge's own picture, loaded, not
// the gradient initials a course without a picture gets. Axe at 1280 and 390 px, no sideways scroll at 320 px,
// screenshots in test-output/screenshots/cart-bundle-*.png.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aBundleBadge, aPricedCourse } from '../../src/commerce/testing.ts';
import { aLoggedInUser, TEST_PASSWORD, type TestSession } from '../../src/identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../../src/issuing/testing.ts';
import { seriousViolations } from '../support/axe.ts';
import { screenshotDir, sidewaysScroll, startWebApp, type WebAppUnderTest } from '../support/browser.ts';

let web: WebAppUnderTest | undefined;
let issuer: TestIssuer;
let learner: TestSession & { email: string };
let badgeId: string;

beforeAll(async () => {
  web = await startWebApp();
  const t = web.testApp;
  issuer = await anIssuerWithOwner(t.app, t.deps, 'Bundle Institute');
  const a = await aPricedCourse(t, issuer, { priceMinor: 3000, title: 'Ledgers' });
  const b = await aPricedCourse(t, issuer, { priceMinor: 2000, title: 'Payslips' });
  badgeId = await aBundleBadge(t, issuer, [a, b]);
  learner = (await aLoggedInUser(t.app, t.deps, { name: 'Bea Bundle' })) as typeof learner;
  const added = await t.app.inject({
    method: 'POST',
    url: `/api/v1/me/carts/${issuer.orgId}/items`,
    headers: learner.headers,
    payload: { kind: 'bundle', badgeId },
  });
  expect(added.statusCode, added.body).toBe(201);
  mkdirSync(screenshotDir, { recursive: true });
}, 400_000);

afterAll(async () => {
  await web?.close();
});

describe('a badge bundle in the cart', () => {
  it('shows the badge’s picture on its line instead of gradient initials', async () => {
    if (!web) throw new Error('the web app did not start');
    const { page, scriptErrors } = await web.openPage('/login?next=%2Fcart');
    await page.getByLabel('Email address').fill(learner.email);
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Your cart', level: 1 }).waitFor({ timeout: 60_000 });
    const row = page.getByRole('row').filter({ has: page.getByRole('button', { name: /Remove/ }) });
    const picture = row.locator(`img[src$="/achievements/${badgeId}/versions/1/image"]`);
    await picture.waitFor({ timeout: 60_000 });
    await picture.scrollIntoViewIfNeeded();
    await expect
      .poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), {
        timeout: 60_000,
      })
      .toBe(true);
    expect(await row.locator('.course-cover--fallback').count()).toBe(0);
    for (const width of [1280, 390, 320]) {
      await page.setViewportSize({ width, height: 900 });
      if (width > 320) {
        expect(await seriousViolations(page), `cart at ${width} px`).toEqual([]);
        await page.screenshot({ path: join(screenshotDir, `cart-bundle-${width}.png`), fullPage: true });
      }
      if (width < 1280)
        expect(await sidewaysScroll(page), `cart scrolls sideways at ${width} px`).toBeLessThanOrEqual(0);
    }
    expect(scriptErrors).toEqual([]);
  }, 300_000);
});
