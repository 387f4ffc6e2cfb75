// "Add to wallet" in a browser at 1280 and 390 px, axe-clean and without sideways scroll at 320: the earner
// opens it on their badge, sees the QR code and the link, and the link answers a wallet (Accept: JSON) with the
// VC-API exchange and the OID4VCI offer to continue with; a browser opening the link gets the page with both QR codes.
// Screenshots go to tmp/screenshots (or SCREENSHOT_DIR).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aVerifiedUser, TEST_PASSWORD } from '../../src/identity/testing.ts';
import { anIssuerWithOwner } from '../../src/issuing/testing.ts';
import { anAcceptedAward } from '../../src/wallets/testing.ts';
import { seriousViolations } from '../support/axe.ts';
import { sidewaysScroll, startWebApp, type WebAppUnderTest } from '../support/browser.ts';

const screenshotDir = process.env.SCREENSHOT_DIR ?? join(process.cwd(), 'tmp', 'screenshots');
const badgeName = 'Wallet-ready payroll';

let web: WebAppUnderTest | undefined;
let learnerEmail = '';
let awardId = '';

beforeAll(async () => {
  web = await startWebApp();
  const { app, deps } = web.testApp;
  const issuer = await anIssuerWithOwner(app, deps, 'Wallet Academy');
  const person = await aVerifiedUser(deps, { name: 'Wanda Wallet' });
  learnerEmail = person.email;
  const award = await anAcceptedAward(
    app,
    deps,
    issuer,
    { email: person.email, userId: person.user.id },
    { name: badgeName },
  );
  awardId = award.id;
  mkdirSync(screenshotDir, { recursive: true });
}, 240_000);

afterAll(async () => {
  await web?.close();
});

function started(): WebAppUnderTest {
  if (!web) throw new Error('the web app did not start');
  return web;
}

async function loggedInAt(path: string, width: number) {
  const opened = await started().openPage(`/login?next=${encodeURIComponent(path)}`);
  await opened.page.setViewportSize({ width, height: 900 });
  await opened.page.getByLabel('Email address').fill(learnerEmail);
  await opened.page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
  await opened.page.getByRole('button', { name: 'Log in' }).click();
  return opened;
}

async function expectFitsAndAccessible(page: Page, name: string, width: number) {
  expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: join(screenshotDir, `wallet-${name}-${width}.png`), fullPage: true });
  await page.setViewportSize({ width: 320, height: 900 });
  expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width, height: 900 });
}

const qrLoaded = (page: Page, alt: string) =>
  page
    .getByAltText(alt)
    .evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0);

describe('adding a badge to a wallet', () => {
  it.each([1280, 390])(
    'at %i px shows the QR code and the link, and the link answers a wallet with the exchange',
    async (width) => {
      const { page, scriptErrors } = await loggedInAt(`/learn/badges/${awardId}`, width);
      await page.getByRole('heading', { name: badgeName }).waitFor();
      await page.getByRole('button', { name: 'Add to wallet' }).click();
      const alt = `QR code that adds ${badgeName} to a wallet`;
      await page.getByAltText(alt).waitFor();
      await page.waitForFunction((text) => {
        const img = document.querySelector(`img[alt="${text}"]`) as HTMLImageElement | null;
        return !!img && img.complete && img.naturalWidth > 0;
      }, alt);
      expect(await qrLoaded(page, alt)).toBe(true);
      const link = await page.getByRole('link', { name: 'Open in wallet' }).getAttribute('href');
      expect(link).toMatch(new RegExp(`^${started().baseUrl}/wallet/i/[0-9a-f-]{36}\\?iuv=1$`));
      await expectFitsAndAccessible(page, 'badge', width);

      const offerId = new URL(link ?? '').pathname.split('/').pop();
      const asWallet = await page.request.get(link ?? '', { headers: { accept: 'application/json' } });
      expect(asWallet.status()).toBe(200);
      const offerUri = encodeURIComponent(`${started().baseUrl}/wallet/oid4vci/offers/${offerId}`);
      expect(await asWallet.json()).toEqual({
        protocols: {
          vcapi: `${started().baseUrl}/wallet/exchanges/${offerId}`,
          OID4VCI: `openid-credential-offer://?credential_offer_uri=${offerUri}`,
        },
      });

      await page.goto(link ?? '');
      await page.getByRole('heading', { name: 'Add your badge to a wallet' }).waitFor();
      expect(await page.getByRole('link', { name: 'Open in wallet', exact: true }).getAttribute('href')).toBe(
        link,
      );
      expect(await page.getByRole('link', { name: 'Open in an OpenID wallet' }).getAttribute('href')).toMatch(
        /^openid-credential-offer:\/\/\?credential_offer_uri=/,
      );
      expect(await qrLoaded(page, 'QR code of the OpenID credential offer for your badge')).toBe(true);
      await expectFitsAndAccessible(page, 'interaction-page', width);
      expect(scriptErrors).toEqual([]);
      await page.context().close();
    },
    240_000,
  );
});
