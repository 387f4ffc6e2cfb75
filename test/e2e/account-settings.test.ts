// Browser journey of the account page (/account): a person adds the address a badge or invitation was sent to,
// confirms it from the mailed link and sees it verified, makes it primary; creates an API token (its secret shown
// once, and it works), then revokes it (and it stops working). axe at 1280 and 390 px, reflow at 320 px.
// Screenshots go to test-output/screenshots (or SCREENSHOT_DIR).
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aVerifiedUser, lastMailedToken, TEST_PASSWORD } from '../../src/identity/testing.ts';
import { seriousViolations } from '../support/axe.ts';
import { screenshotDir, sidewaysScroll, startWebApp, type WebAppUnderTest } from '../support/browser.ts';

let web: WebAppUnderTest | undefined;

beforeAll(async () => {
  web = await startWebApp();
  await mkdir(screenshotDir, { recursive: true });
}, 180_000);

afterAll(async () => {
  await web?.close();
});

function started(): WebAppUnderTest {
  if (!web) throw new Error('the web app did not start');
  return web;
}

describe('the account page', () => {
  it('adds an address, confirms it from the mailed link and makes it primary', async () => {
    const person = await aVerifiedUser(started().testApp.deps, { name: 'Nora Núñez' });
    const work = `nora.work-${randomBytes(3).toString('hex')}@example.org`;
    const { page, scriptErrors } = await started().openPage('/login?next=%2Faccount');
    await page.getByLabel('Email address').fill(person.email);
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Account', level: 1 }).waitFor();
    await page.locator('.account-list').getByText(person.email).waitFor();

    await page.getByLabel('Address to add').fill('not an address');
    await page.getByRole('button', { name: 'Add and send the link' }).click();
    await page.getByRole('alert').waitFor();
    await page.getByLabel('Address to add').fill(work);
    await page.getByRole('button', { name: 'Add and send the link' }).click();
    await page.getByText(`We sent a confirmation link to ${work}.`, { exact: false }).waitFor();
    await page.getByText('(waiting for confirmation)').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(screenshotDir, 'account-1280.png'), fullPage: true });

    const token = await lastMailedToken(started().testApp.deps, work);
    await page.goto(`${started().baseUrl}/verify-email?token=${token}`);
    await page.getByText('Your email address is verified.', { exact: false }).waitFor();
    await page.goto(`${started().baseUrl}/account`);
    await page.getByRole('button', { name: `Make ${work} primary` }).click();
    // The old primary row already reads "(primary, verified)": wait for the new address's row to say it.
    const workRow = page.locator('.account-list__item').filter({ hasText: work });
    await workRow.filter({ hasText: '(primary, verified)' }).waitFor();
    const primaryRows = page.locator('.account-list__item').filter({ hasText: '(primary, verified)' });
    expect(await primaryRows.count()).toBe(1);
    expect(await primaryRows.first().textContent()).toContain(work);
    expect(scriptErrors).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('creates an API token that works, shown once, and revokes it', async () => {
    const person = await aVerifiedUser(started().testApp.deps, { name: 'Tomás Token' });
    const { page, scriptErrors } = await started().openPage('/login?next=%2Faccount');
    await page.getByLabel('Email address').fill(person.email);
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'API tokens' }).waitFor();
    await page.getByText('You have no API token.').waitFor();

    await page.getByLabel('Name', { exact: true }).fill('Payroll LMS sync');
    await page.getByRole('button', { name: 'Create the token' }).click();
    const secret = (await page.getByTestId('new-token').textContent()) ?? '';
    expect(secret.length).toBeGreaterThan(20);
    const asToken = () =>
      fetch(`${started().baseUrl}/api/v1/me/enrolments`, { headers: { authorization: `Bearer ${secret}` } });
    expect((await asToken()).status).toBe(200);

    await page.reload();
    await page.getByText('Payroll LMS sync', { exact: true }).waitFor();
    expect(await page.getByTestId('new-token').count()).toBe(0);
    expect(await page.content()).not.toContain(secret);
    for (const width of [390, 320]) {
      await page.setViewportSize({ width, height: 800 });
      expect(await sidewaysScroll(page)).toBe(0);
    }
    await page.setViewportSize({ width: 390, height: 800 });
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(screenshotDir, 'account-390.png'), fullPage: true });

    await page.getByRole('button', { name: 'Revoke Payroll LMS sync' }).click();
    await page.getByRole('button', { name: 'Yes, revoke Payroll LMS sync' }).click();
    await page.getByText('You have no API token.').waitFor();
    expect((await asToken()).status).toBe(401);
    expect(scriptErrors).toEqual([]);
    await page.context().close();
  }, 120_000);
});
