// "Add to wallet" in the acceptance flow, in a browser at 1280 and 390 px, axe-clean and without sideways
// scroll at 320: the learner opens the claim link from the "Accept your badge" mail, accepts, and right there
// adds the badge to a wallet, asking for a transaction code for OpenID wallets; the page shows the QR codes and
// the code, and the OpenID offer it made asks the wallet for that code.
// Screenshots go to test-output/screenshots (or SCREENSHOT_DIR).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awardBadge } from '../../src/badges/award.ts';
import { lastClaimToken } from '../../src/badges/award-testing.ts';
import { findVersion } from '../../src/badges/definition-store.ts';
import { aPublishedBadge } from '../../src/badges/testing.ts';
import { aPublishedCourse } from '../../src/catalog/testing.ts';
import { aVerifiedUser, TEST_PASSWORD } from '../../src/identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../../src/issuing/testing.ts';
import { seriousViolations } from '../support/axe.ts';
import { screenshotDir, sidewaysScroll, startWebApp, type WebAppUnderTest } from '../support/browser.ts';

let web: WebAppUnderTest | undefined;
let issuer: TestIssuer;

beforeAll(async () => {
  web = await startWebApp();
  issuer = await anIssuerWithOwner(web.testApp.app, web.testApp.deps, 'Claim Wallet Academy');
  mkdirSync(screenshotDir, { recursive: true });
}, 600_000);

afterAll(async () => {
  await web?.close();
});

function started(): WebAppUnderTest {
  if (!web) throw new Error('the web app did not start');
  return web;
}

/** A badge awarded to a new learner and waiting for them: its claim token, as the mail carries it. */
async function anOfferedBadge(badgeName: string) {
  const { app, deps } = started().testApp;
  const person = await aVerifiedUser(deps, { name: 'Clara Claim' });
  const courseId = await aPublishedCourse(app, issuer.orgId, issuer.owner);
  const badge = await aPublishedBadge(app, issuer, { courseIds: [courseId], name: badgeName });
  const version = await findVersion(deps.db, badge.latestVersion.id);
  if (!version) throw new Error('published badge has no version');
  await deps.db
    .transaction()
    .execute((trx) => awardBadge(deps, trx, { version, email: person.email, source: 'manual' }));
  return { email: person.email, token: await lastClaimToken(deps, person.email) };
}

async function loggedInAt(path: string, email: string, width: number) {
  const opened = await started().openPage(`/login?next=${encodeURIComponent(path)}`);
  await opened.page.setViewportSize({ width, height: 900 });
  // The machine may be busy: the first paint of the log-in page can take a while.
  await opened.page.getByLabel('Email address').fill(email, { timeout: 60_000 });
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

const imageLoaded = (page: Page, alt: string) =>
  page.waitForFunction(
    (text) => {
      const img = document.querySelector(`img[alt="${text}"]`) as HTMLImageElement | null;
      return !!img && img.complete && img.naturalWidth > 0;
    },
    alt,
    { timeout: 60_000 },
  );

describe('adding a badge to a wallet right after accepting it', () => {
  it.each([1280, 390])(
    'at %i px offers “Add to wallet” after “Accept the badge”, with the QR codes and a transaction code',
    async (width) => {
      const badgeName = `Rigging basics ${width}`;
      const { email, token } = await anOfferedBadge(badgeName);
      const { page, scriptErrors } = await loggedInAt(`/claim/${token}`, email, width);
      await page.getByRole('button', { name: 'Accept the badge' }).click({ timeout: 60_000 });
      await page.getByText('You accepted the badge.').waitFor({ timeout: 60_000 });

      await page.getByRole('heading', { name: 'Add to a wallet' }).waitFor();
      await page.getByLabel('Protect the OpenID link with a code').check();
      await page.getByRole('button', { name: 'Add to wallet' }).click();
      await imageLoaded(page, `QR code that adds ${badgeName} to a wallet`);
      await imageLoaded(page, `QR code that offers ${badgeName} to an OpenID wallet`);
      const link = await page.getByRole('link', { name: 'Open in wallet', exact: true }).getAttribute('href');
      expect(link).toMatch(new RegExp(`^${started().baseUrl}/wallet/i/[0-9a-f-]{36}\\?iuv=1$`));
      const code = await page.getByTestId('wallet-tx-code').textContent();
      expect(code).toMatch(/^\d{6}$/);
      expect(await page.getByRole('link', { name: 'Open in an OpenID wallet' }).getAttribute('href')).toMatch(
        /^openid-credential-offer:\/\/\?credential_offer_uri=/,
      );
      await expectFitsAndAccessible(page, 'claim', width);

      // The offer an OpenID wallet reads asks for the code, and never carries it.
      const offerId = new URL(link ?? '').pathname.split('/').pop();
      const offer = await page.request.get(`${started().baseUrl}/wallet/oid4vci/offers/${offerId}`);
      expect(offer.status()).toBe(200);
      const grant = (await offer.json()).grants['urn:ietf:params:oauth:grant-type:pre-authorized_code'];
      expect(grant.tx_code).toMatchObject({ input_mode: 'numeric', length: 6 });
      expect(JSON.stringify(await offer.json())).not.toContain(code ?? '');
      expect(scriptErrors).toEqual([]);
      await page.context().close();
    },
    240_000,
  );
});
