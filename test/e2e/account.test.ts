// Browser journeys after sign-up: choosing a new password from the mailed link, and moving between
// organizations with the header's switcher, each landing on its role's dashboard.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUserByEmail } from '../../src/identity/index.ts';
import { addMember, createOrganization } from '../../src/orgs/index.ts';
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

/** The token of the newest mail to `to` whose link goes to `page` (the person's mailbox: the mail table). */
async function mailedToken(to: string, page: 'verify-email' | 'reset-password'): Promise<string> {
  const mails = await started()
    .testApp.deps.db.selectFrom('mailMessages')
    .select('textBody')
    .where('toAddress', '=', to.toLowerCase())
    .orderBy('createdAt', 'desc')
    .execute();
  for (const { textBody } of mails) {
    const token = new RegExp(`/${page}\\?token=([^\\s&]+)`).exec(textBody)?.[1];
    if (token) return decodeURIComponent(token);
  }
  throw new Error(`no ${page} mail to ${to}`);
}

/** An account signed up and verified through the API, ready to log in. */
async function verifiedAccount(name: string) {
  const { app, deps } = started().testApp;
  const email = `${name.split(' ')[0]?.toLowerCase()}-${randomBytes(4).toString('hex')}@example.com`;
  const password = 'a long enough password';
  const signup = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/signup',
    payload: { email, name, password },
  });
  expect(signup.statusCode).toBe(202);
  const token = await mailedToken(email, 'verify-email');
  const verify = await app.inject({ method: 'POST', url: '/api/v1/auth/verify-email', payload: { token } });
  expect(verify.statusCode).toBe(200);
  const account = await findUserByEmail(deps, email);
  if (!account) throw new Error(`no account for ${email}`);
  return { email, password, userId: account.user.id };
}

describe('account journeys in a browser', () => {
  it('resets a forgotten password from the mailed link and logs in with the new one', async () => {
    const { email } = await verifiedAccount('Grace Hopper');
    const newPassword = 'a brand new passphrase';
    const { page, scriptErrors } = await started().openPage('/login');

    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByRole('heading', { name: 'Forgot your password' }).waitFor();
    await page.getByLabel('Email address').fill(email);
    await page.getByRole('button', { name: 'Send the reset link' }).click();
    await page
      .getByText(`If an account exists for ${email}, a reset link is on its way.`, { exact: false })
      .waitFor();

    // The person opens the link from their mailbox.
    const token = await mailedToken(email, 'reset-password');
    await page.goto(`${started().baseUrl}/reset-password?token=${encodeURIComponent(token)}`);
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();

    // Mismatched passwords are caught before anything is sent.
    await page.getByLabel('New password', { exact: true }).fill(newPassword);
    await page.getByLabel('Repeat the new password').fill('something else entirely');
    await page.getByRole('button', { name: 'Save the new password' }).click();
    await page.getByRole('alert').getByText('The two passwords differ.').waitFor();

    await page.getByLabel('Repeat the new password').fill(newPassword);
    await page.getByRole('button', { name: 'Save the new password' }).click();
    await page.getByText('Your password is changed.', { exact: false }).waitFor();

    await page.getByRole('main').getByRole('link', { name: 'Log in' }).click();
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(newPassword);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Your learning' }).waitFor();
    expect(await page.getByRole('main').textContent()).toContain('Welcome, Grace Hopper.');
    expect(scriptErrors).toEqual([]);
    await page.context().close();
  }, 90_000);

  it('switches organization from the header and lands on that role’s dashboard', async () => {
    const { email, password, userId } = await verifiedAccount('Katherine Johnson');
    const { deps } = started().testApp;
    const suffix = randomBytes(3).toString('hex');
    await createOrganization(deps, 'system', {
      name: 'Gestión Academy',
      slug: `gestion-${suffix}`,
      kind: 'issuer',
      ownerUserId: userId,
    });
    const employer = await createOrganization(deps, 'system', {
      name: 'Orbital Works',
      slug: `orbital-${suffix}`,
      kind: 'employer',
    });
    await addMember(deps, 'system', employer.id, { email, role: 'manager' });

    const { page, scriptErrors } = await started().openPage('/login');
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(/\/(issue|employ)$/);

    const switcher = page.getByLabel('Organization');
    await switcher.selectOption({ label: 'Orbital Works (manager)' });
    await page.getByRole('button', { name: 'Switch' }).click();
    await page.getByRole('heading', { name: 'Your team’s skills' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/employ');
    expect(await page.getByRole('main').textContent()).toContain(
      'You are working in Orbital Works as manager.',
    );

    await switcher.selectOption({ label: 'Gestión Academy (owner)' });
    await page.getByRole('button', { name: 'Switch' }).click();
    await page.getByRole('heading', { name: 'Issuing' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/issue');
    expect(await page.getByRole('main').textContent()).toContain(
      'You are working in Gestión Academy as owner.',
    );

    // The learner dashboard stays in reach; the employer one no longer fits the active organization.
    await page.getByRole('link', { name: 'My learning' }).click();
    await page.getByRole('heading', { name: 'Your learning' }).waitFor();
    await page.goto(`${started().baseUrl}/employ`);
    await page.waitForURL(/\/issue$/);
    expect(scriptErrors).toEqual([]);
    await page.context().close();
  }, 90_000);

  it('keeps the header of an issuer who is also an operator within a 320 px phone screen', async () => {
    const { email, password, userId } = await verifiedAccount('Mary Jackson');
    const { deps } = started().testApp;
    await createOrganization(deps, 'system', {
      name: 'Nóminas y Formación Academy',
      slug: `nominas-${randomBytes(3).toString('hex')}`,
      kind: 'issuer',
      ownerUserId: userId,
    });
    // The most links the header shows: issuer pages, learning, cart, operations and the outbox.
    await deps.db.updateTable('users').set({ isOperator: true }).where('id', '=', userId).execute();

    const { page, scriptErrors } = await started().openPage('/login');
    await page.setViewportSize({ width: 320, height: 720 });
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(/\/issue$/);
    await page.getByRole('link', { name: 'Outbox' }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    expect(scriptErrors).toEqual([]);
    await page.context().close();
  }, 90_000);
});
