// The first journey through the real app in Chromium: sign up, follow the mailed verification link, log in,
// see the dashboard, log out; the outbox as a platform operator reads it (and nobody else); axe on the forms.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aVerifiedUser, lastMailedToken } from '../../src/identity/testing.ts';
import { seriousViolations } from '../support/axe.ts';
import { startWebApp, type WebAppUnderTest } from '../support/browser.ts';

let web: WebAppUnderTest | undefined;

beforeAll(async () => {
  web = await startWebApp();
}, 180_000);

afterAll(async () => {
  await web?.close();
});

function started(): WebAppUnderTest {
  if (!web) throw new Error('the web app did not start');
  return web;
}
const openPage = (path: string) => started().openPage(path);

describe('the web app in a browser', () => {
  it('signs a new user up, verifies the email from the mailed link, logs in to the dashboard and out', async () => {
    const email = `ada-${randomBytes(4).toString('hex')}@example.com`;
    const password = 'correct horse battery';
    const { page, scriptErrors } = await openPage('/signup');

    await page.getByLabel('Full name').fill('Ada Lovelace');
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();
    expect(await page.getByRole('status').textContent()).toContain(email);

    // The person opens the link from their mailbox.
    const token = await lastMailedToken(started().testApp.deps, email);
    await page.goto(`${started().baseUrl}/verify-email?token=${token}`);
    await page.getByText('Your email address is verified.').waitFor();

    await page.getByRole('main').getByRole('link', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Log in' }).click();

    await page.getByRole('heading', { name: 'Your learning' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/learn');
    expect(await page.getByRole('main').textContent()).toContain('Welcome, Ada Lovelace.');
    // The learner's enrolments load after the page: wait for the empty state rather than read too early.
    await page.getByRole('main').getByText('Nothing here yet.').waitFor();
    // Focus moved to the new page's heading after the client-side navigation.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Your learning');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByText('Ada Lovelace', { exact: true }).click();
    await page.getByRole('link', { name: 'Log out' }).click();
    await page.getByText('You are logged out.').waitFor();

    // The server forgot the session: a full reload of the dashboard lands on the login page.
    await page.goto(`${started().baseUrl}/learn`);
    await page.waitForURL(/\/login\?next=%2Flearn$/);
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    expect(scriptErrors).toEqual([]);
    await page.context().close();
  }, 90_000);

  it('shows the outbox, secret links included, to a platform operator and to nobody else', async () => {
    const { app, deps } = started().testApp;
    const email = `grace-${randomBytes(4).toString('hex')}@example.com`;
    await app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { email, name: 'Grace', password: 'correct horse battery' },
    });
    const { page, scriptErrors } = await openPage('/outbox');
    await page
      .getByText(
        'The outbox is not available to you: Only platform operators may read the outbox; log in as one.',
      )
      .waitFor();
    expect(await page.getByRole('banner').getByRole('link', { name: 'Outbox' }).count()).toBe(0);

    const operator = await aVerifiedUser(deps, { isOperator: true });
    await page.goto(`${started().baseUrl}/login`);
    await page.getByLabel('Email address').fill(operator.email);
    await page.getByLabel('Password', { exact: true }).fill(operator.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('banner').getByRole('link', { name: 'Outbox' }).click();
    await page.getByRole('heading', { name: 'Outbox' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: email });
    await row.getByRole('link', { name: 'Confirm your email address for Tessera' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await row.getByRole('link', { name: 'Confirm your email address for Tessera' }).click();
    await page.getByRole('heading', { name: 'Confirm your email address for Tessera' }).waitFor();
    await page.getByRole('link', { name: `${started().baseUrl}/verify-email?token=` }).waitFor();
    expect(scriptErrors).toEqual([]);
    await page.context().close();
  }, 90_000);

  it('lists form errors linked to their fields and reports a wrong password', async () => {
    const { page, scriptErrors } = await openPage('/login');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    const emailInput = page.getByLabel('Email address');
    expect(await emailInput.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await emailInput.getAttribute('aria-describedby')) ?? '';
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toBe('Enter your email address.');
    // The summary took focus; its entry leads to the field.
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('error-summary');
    await page.getByRole('alert').getByRole('link', { name: 'Enter your email address.' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('field-email');

    await emailInput.fill('nobody@example.com');
    await page.getByLabel('Password', { exact: true }).fill('not the password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByText('The email address or password is wrong.').waitFor();
    expect(scriptErrors).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('switches to Spanish, updating the text and the lang attribute', async () => {
    const { page } = await openPage('/signup');
    await page.getByRole('button', { name: 'Español' }).click();
    await page.getByRole('heading', { name: 'Crea tu cuenta' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
    expect(await page.getByRole('button', { name: 'Español' }).getAttribute('aria-pressed')).toBe('true');
    await page.context().close();
  }, 60_000);

  it('has no serious or critical accessibility violations on the sign-up and login pages', async () => {
    const { page } = await openPage('/signup');
    await page.getByRole('heading', { name: 'Create your account' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    // With the error summary and invalid fields showing, too.
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto(`${started().baseUrl}/login`);
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  }, 60_000);
});
