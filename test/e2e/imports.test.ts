import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aVerifiedUser, TEST_PASSWORD } from '../../src/identity/testing.ts';
import { anOb2Issuer, LOOPBACK_VERIFY_ENV, type Ob2Issuer } from '../../src/imports/testing.ts';
import { seriousViolations } from '../support/axe.ts';
import { startWebApp, type WebAppUnderTest } from '../support/browser.ts';

const BADGE_NAME = 'Gestión de nóminas — Zoë';
let web: WebAppUnderTest | undefined;
let issuer: Ob2Issuer | undefined;
let learnerEmail = '';

beforeAll(async () => {
  issuer = await anOb2Issuer('Old Guild');
  web = await startWebApp({ env: LOOPBACK_VERIFY_ENV });
  learnerEmail = (await aVerifiedUser(web.testApp.deps, { name: 'Zoë Learner' })).email;
}, 180_000);

afterAll(async () => {
  await web?.close();
  await issuer?.close();
});

function started(): { web: WebAppUnderTest; issuer: Ob2Issuer } {
  if (!web || !issuer) throw new Error('the web app or the loopback issuer did not start');
  return { web, issuer };
}

describe('importing a badge from another issuer in a browser', () => {
  it('shows a badge imported from a baked OB 2.0 PNG in the backpack, verified', async () => {
    const { web, issuer } = started();
    const assertionUrl = issuer.anAssertion('/assertions/e2e', BADGE_NAME);
    const png = issuer.bakedPng(assertionUrl);

    const { page, scriptErrors } = await web.openPage('/learn/badges');
    await page.getByLabel('Email address').fill(learnerEmail);
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Imported badges' }).waitFor();
    await page.getByText('No imported badges yet.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page
      .getByLabel('Or a badge image')
      .setInputFiles({ name: 'badge.png', mimeType: 'image/png', buffer: png });
    await page.getByRole('button', { name: 'Add to my backpack' }).click();
    await page.getByText(`“${BADGE_NAME}” was added: Verified.`).waitFor();

    const card = page.locator('.imported-badges article', {
      has: page.getByRole('heading', { name: BADGE_NAME }),
    });
    await card.waitFor();
    expect(await card.textContent()).toContain('Issued by Old Guild');
    expect(await card.getByText('Verified', { exact: true }).count()).toBe(1);
    expect(issuer.hits).toContain('/assertions/e2e');

    // A revocation at the source shows once the badge is checked again.
    issuer.revoke('/assertions/e2e', 'Issued in error');
    await card.getByRole('button', { name: 'Check again' }).click();
    await card.getByText('Not verified', { exact: true }).waitFor();
    expect(await card.textContent()).toContain('Issued in error');

    expect(await seriousViolations(page)).toEqual([]);
    expect(scriptErrors).toEqual([]);
  });
});
