// The organization console in a browser (issue #19 item 7): a person creates an issuer organization and
// becomes its owner; on its settings page they try a colour too light for white text (the page says so),
// choose a readable one and see it in the preview, upload a logo and set the contact; on the members page
// they invite an assessor who has no account. The invitee opens the mailed link, signs up there with the
// invited address already filled in, confirms it from the mail, logs in, comes back to the link, accepts,
// and opens the review queue. Every page: axe at 1280, 390 and 320 px, no sideways scroll on phones,
// screenshots at 1280 and 390 px in test-output/screenshots/org-*.png.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aVerifiedUser, TEST_PASSWORD } from '../../src/identity/testing.ts';
import { screenshotDir, startWebApp, type WebAppUnderTest } from '../support/browser.ts';
import { checkLayouts as sharedCheckLayouts } from '../support/layouts.ts';

const suffix = randomBytes(3).toString('hex');
const orgName = `Lighthouse Academy ${suffix}`;
const slug = `lighthouse-academy-${suffix}`;
const inviteeEmail = `new.assessor.${suffix}@example.org`;
const logo = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40"><rect width="120" height="40" rx="6" fill="#0b5394"/>' +
    '<text x="60" y="26" font-size="16" text-anchor="middle" fill="#fff">LIGHT</text></svg>',
);

let web: WebAppUnderTest | undefined;
let owner: { email: string };

beforeAll(async () => {
  web = await startWebApp();
  owner = await aVerifiedUser(web.testApp.deps, { name: `Olivia Owner ${suffix}` });
  mkdirSync(screenshotDir, { recursive: true });
}, 300_000);

afterAll(async () => {
  await web?.close();
});

function started(): WebAppUnderTest {
  if (!web) throw new Error('the web app did not start');
  return web;
}

async function logIn(page: Page, email: string): Promise<void> {
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
}

/** The shared layout check, its screenshots named org-<name>-<width>.png. */
const checkLayouts = (page: Page, name: string) => sharedCheckLayouts(page, `org-${name}`);

/** The newest mail to an address whose idempotency key starts with `kind:`. */
async function mailTo(email: string, kind: string): Promise<string> {
  const message = await started()
    .testApp.deps.db.selectFrom('mailMessages')
    .select('textBody')
    .where('toAddress', '=', email.toLowerCase())
    .where('idempotencyKey', 'like', `${kind}:%`)
    .orderBy('createdAt', 'desc')
    .executeTakeFirstOrThrow();
  return message.textBody;
}

describe('the organization console in a browser', () => {
  let ownerPage: Page;

  it('creates an issuer organization whose owner the creator becomes, and makes it the active one', async () => {
    const { page, scriptErrors } = await started().openPage('/orgs/new');
    ownerPage = page;
    await logIn(page, owner.email);
    await page.getByRole('heading', { name: 'New organization', level: 1 }).waitFor();
    await page.getByLabel('Name').fill(orgName);
    // The address is suggested from the name; it is written here to be sure of it.
    expect(await page.getByLabel('Address').inputValue()).toBe(slug);
    await checkLayouts(page, 'new');
    await page.getByRole('button', { name: 'Create organization' }).click();
    await page.waitForURL(/\/issue$/);
    await page.getByText(`${orgName} (owner)`).first().waitFor();
    expect(scriptErrors).toEqual([]);
  }, 240_000);

  it('sets the branding: refuses a colour too light for white text, previews a readable one, keeps the logo', async () => {
    const page = ownerPage;
    await page.goto(`${started().baseUrl}/org/settings`);
    await page.getByRole('heading', { name: 'Organization settings', level: 1 }).waitFor();
    await page.getByLabel('Brand colour').fill('#ffd60a');
    await page.getByText(/Contrast with white text: 1\.\d\d:1 — too light/).waitFor();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page
      .getByRole('alert')
      .getByText(/too light/)
      .first()
      .waitFor();

    await page.getByLabel('Brand colour').fill('#0b5394');
    await page.getByText(/Contrast with white text: \d+\.\d\d:1 — readable/).waitFor();
    const button = page.getByTestId('brand-button');
    expect(await button.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(11, 83, 148)');
    await page.getByLabel('Description').fill('Courses for harbour pilots.');
    await page.getByLabel('Contact email').fill(`learners@${slug}.example`);
    await page.getByLabel('Contact page').fill(`https://${slug}.example/help`);
    await page
      .getByLabel('Logo file')
      .setInputFiles({ name: 'logo.svg', mimeType: 'image/svg+xml', buffer: logo });
    await page.getByText('Logo saved.').waitFor();
    await page
      .getByRole('img', { name: `Logo of ${orgName}` })
      .first()
      .waitFor();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved.').waitFor();
    await checkLayouts(page, 'settings');

    const orgs = await started()
      .testApp.deps.db.selectFrom('organizations')
      .select(['brandColor', 'contactEmail', 'logoKey'])
      .where('slug', '=', slug)
      .executeTakeFirstOrThrow();
    expect(orgs).toMatchObject({ brandColor: '#0b5394', contactEmail: `learners@${slug}.example` });
    expect(orgs.logoKey).toMatch(/^org-logos\/[0-9a-f-]{36}\.svg$/);
  }, 240_000);

  it('lists the issuer registries it is in: refuses an address that is not https, then shows them on its issuer page', async () => {
    const page = ownerPage;
    await page.goto(`${started().baseUrl}/org/settings`);
    await page.getByRole('heading', { name: 'Issuer registries', level: 2 }).waitFor({ timeout: 60_000 });
    await page.getByText('Not listed in any registry yet.').waitFor();
    await page.getByRole('button', { name: 'Add a registry' }).click();
    const first = page.getByRole('group', { name: 'Registry 1' });
    await first.getByLabel('Registry name').fill('DCC issuer registry');
    await first.getByLabel('Address of your entry').fill('http://registry.example/issuers/northwind');
    await page.getByRole('button', { name: 'Save registries' }).click();
    // The server refuses it, and its message stands under the field.
    await first.locator('.field--invalid').getByLabel('Address of your entry').waitFor({ timeout: 60_000 });
    await first.getByLabel('Address of your entry').fill('https://registry.example/issuers/northwind');
    await page.getByRole('button', { name: 'Save registries' }).click();
    await page.getByText('Registries saved. Your issuer page shows them.').waitFor({ timeout: 60_000 });
    await checkLayouts(page, 'registries');

    await page.goto(`${started().baseUrl}/issuers/${slug}`);
    await page.getByText('Listed in issuer registries').waitFor();
    expect(await page.getByRole('link', { name: 'DCC issuer registry' }).getAttribute('href')).toBe(
      'https://registry.example/issuers/northwind',
    );
  }, 240_000);

  it('invites an assessor who has no account from the members page', async () => {
    const page = ownerPage;
    await page.goto(`${started().baseUrl}/org/members`);
    await page.getByRole('heading', { name: `Members · ${orgName}`, level: 1 }).waitFor();
    await page.getByText('No invitation is waiting.').waitFor();
    await page.getByLabel('Email', { exact: true }).fill(inviteeEmail);
    await page.getByLabel('Role', { exact: true }).selectOption('assessor');
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByText(`Invitation sent to ${inviteeEmail}.`).waitFor();
    const row = page
      .getByRole('table', { name: 'Invitations not accepted yet' })
      .getByRole('row')
      .filter({ hasText: inviteeEmail });
    await row.getByRole('cell', { name: 'Assessor', exact: true }).waitFor();
    await checkLayouts(page, 'members');
    await page.context().close();
  }, 240_000);

  it('lets the invitee sign up through the link, confirm the address, accept, and open the review queue', async () => {
    const mail = await mailTo(inviteeEmail, 'org-invitation');
    const link = /https?:\/\/\S+\/join\/org\/\S+/.exec(mail)?.[0];
    if (!link) throw new Error(`no invitation link in:\n${mail}`);
    const path = link.replace(started().baseUrl, '');
    const { page, scriptErrors } = await started().openPage(path);
    await page.getByText(`${orgName} invites you to join as Assessor.`).waitFor();
    // The address comes pre-filled from the link.
    expect(await page.getByLabel('Email address').inputValue()).toBe(inviteeEmail);
    await checkLayouts(page, 'join');
    await page.getByLabel('Name').fill(`Nadia Assessor ${suffix}`);
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText(`we sent a confirmation link to ${inviteeEmail}`).waitFor();

    const confirmation = await mailTo(inviteeEmail, 'verify-email');
    const verifyPath = /\/verify-email\?token=[A-Za-z0-9_%-]+/.exec(confirmation)?.[0];
    if (!verifyPath) throw new Error(`no confirmation link in:\n${confirmation}`);
    await page.goto(`${started().baseUrl}${verifyPath}`);
    await page.getByText('Your email address is verified.').waitFor();
    await page.getByRole('link', { name: 'Log in' }).last().click();
    await logIn(page, inviteeEmail);
    await page.waitForURL(/\/join\/org\//);
    await page.getByRole('button', { name: 'Accept and join' }).click();
    await page.getByText(`You joined ${orgName} as Assessor.`).waitFor();
    await checkLayouts(page, 'joined');
    await page.getByRole('link', { name: 'Open the review queue' }).click();
    await page.getByRole('heading', { name: 'Review queue' }).waitFor();
    await page.getByText('Nothing is waiting for review.').waitFor();
    expect(scriptErrors).toEqual([]);
    await page.context().close();
  }, 300_000);
});
