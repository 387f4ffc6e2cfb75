// The integration admin screens in a browser (docs/integrations.md). The LMS connections page (/org/lti): an
// issuer's owner registers an LTI 1.3 platform (a server field problem shows under its field first), sees what
// to paste into the LMS with Copy buttons, and deletes the registration after a confirmation. Connected apps on
// /account: a wallet connects to a learner's account through the OB 3.0 API's real OAuth flow, the learner sees
// it with its scopes in words and disconnects it, after which its access token is refused. The OAuth apps page
// (/org/oauth-apps): the owner registers an app (a server field problem under its field first), reads its
// client secret once, sees it listed and deletes it. Every state (the OAuth apps page's once): axe at 1280 and
// 320 px, no sideways scroll on phones, screenshots at 1280 and 390 px in test-output/screenshots/integrations-*.png.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aLoggedInUser, TEST_PASSWORD } from '../../src/identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../../src/issuing/testing.ts';
import { OB_SCOPE } from '../../src/obapi/index.ts';
import { aConnectedApp } from '../../src/obapi/testing.ts';
import { screenshotDir, startWebApp, type WebAppUnderTest } from '../support/browser.ts';
import { checkLayouts as sharedCheckLayouts } from '../support/layouts.ts';

let web: WebAppUnderTest | undefined;
let issuer: TestIssuer;

function started(): WebAppUnderTest {
  if (!web) throw new Error('the web app did not start');
  return web;
}

beforeAll(async () => {
  web = await startWebApp();
  issuer = await anIssuerWithOwner(web.testApp.app, web.testApp.deps, 'Gradebook Academy');
  mkdirSync(screenshotDir, { recursive: true });
}, 600_000);

afterAll(async () => {
  await web?.close();
});

/** The shared layout check, its screenshots named integrations-<name>-<width>.png. */
const checkLayouts = (page: Page, name: string) => sharedCheckLayouts(page, `integrations-${name}`);

async function logIn(page: Page, email: string): Promise<void> {
  // The login page's chunk may take a while on a loaded machine.
  await page.getByLabel('Email address').waitFor({ timeout: 60_000 });
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
}

describe('the integration admin screens in a browser', () => {
  it('registers an LTI platform, shows what to paste into the LMS and deletes it', async () => {
    const { baseUrl } = started();
    const opened = await started().openPage('/org/lti');
    const page = opened.page;
    await logIn(page, issuer.owner.email);
    await page
      .getByRole('heading', { name: 'LMS connections (LTI 1.3)', level: 1 })
      .waitFor({ timeout: 120_000 });
    await page.getByText('No platforms yet. Register one below.').waitFor({ timeout: 60_000 });
    await checkLayouts(page, 'lti-empty');

    // The console's menu leads here.
    await page.locator('.user-menu summary').click();
    await expect
      .poll(() => page.getByRole('link', { name: 'LMS connections (LTI)' }).count())
      .toBeGreaterThan(0);
    await page.locator('.user-menu summary').click();

    // Nothing entered: the form says what is missing.
    await page.getByRole('button', { name: 'Register the platform' }).click();
    await page.getByRole('alert').getByText('Enter your client id.').first().waitFor();

    // The server's field problem (a platform must be reached over https) shows under its field.
    await page.getByLabel('Name (optional)').fill('Canvas (staff)');
    await page.getByLabel('Issuer (platform ID)').fill('http://canvas.example.edu');
    await page.getByLabel('Client ID', { exact: true }).fill('10000000000042');
    await page.getByLabel('Deployment IDs').fill('7:4f1e, 8:9a2b\n7:4f1e\n9:c3d4');
    await page
      .getByLabel('Authorization URL')
      .fill('https://sso.canvas.example.edu/api/lti/authorize_redirect');
    await page.getByLabel('Access token URL').fill('https://sso.canvas.example.edu/login/oauth2/token');
    await page.getByLabel('Platform keyset URL').fill('https://sso.canvas.example.edu/api/lti/security/jwks');
    await page.getByRole('button', { name: 'Register the platform' }).click();
    await page.locator('#field-issuer-error').getByText('must be https').waitFor({ timeout: 60_000 });

    await page.getByLabel('Issuer (platform ID)').fill('https://canvas.example.edu');
    await page.getByRole('button', { name: 'Register the platform' }).click();
    await page.getByText('Canvas (staff) is registered. Paste the settings below into the LMS.').waitFor({
      timeout: 60_000,
    });
    const row = page.getByRole('row', { name: /Canvas \(staff\)/ });
    for (const id of ['7:4f1e', '8:9a2b', '9:c3d4']) await row.getByText(id, { exact: true }).waitFor();
    expect(await row.getByText('7:4f1e', { exact: true }).count()).toBe(1);
    await row.getByText('10000000000042').waitFor();

    await page.getByRole('heading', { name: 'What to paste into Canvas (staff)' }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Login URL' }).inputValue()).toBe(`${baseUrl}/lti/login`);
    expect(await page.getByRole('textbox', { name: 'Launch URL' }).inputValue()).toBe(
      `${baseUrl}/lti/launch`,
    );
    expect(await page.getByRole('textbox', { name: 'Deep linking URL' }).inputValue()).toBe(
      `${baseUrl}/lti/launch`,
    );
    expect(await page.getByRole('textbox', { name: 'Public keyset URL' }).inputValue()).toBe(
      `${baseUrl}/lti/jwks.json`,
    );
    const jwk = JSON.parse(await page.getByRole('textbox', { name: 'Public key (JWK)' }).inputValue());
    expect(jwk).toMatchObject({ kty: 'RSA', e: 'AQAB' });
    expect(jwk.d).toBeUndefined();
    await page.getByRole('button', { name: 'Copy the Login URL' }).waitFor();
    // The form is empty again for the next platform.
    expect(await page.getByLabel('Client ID', { exact: true }).inputValue()).toBe('');
    await checkLayouts(page, 'lti-registered');

    // The paste values fold away and open again from the row.
    const hide = page.getByRole('button', { name: 'Hide what to paste into Canvas (staff)' });
    await hide.click();
    expect(await page.getByRole('textbox', { name: 'Login URL' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Show what to paste into Canvas (staff)' }).click();
    await page.getByRole('textbox', { name: 'Login URL' }).waitFor();

    await page.getByRole('button', { name: 'Delete Canvas (staff)' }).click();
    await page.getByRole('button', { name: 'Yes, delete Canvas (staff)' }).click();
    await page.getByText('Canvas (staff) is deleted: it can no longer launch Tessera').waitFor();
    await page.getByText('No platforms yet. Register one below.').waitFor();
    expect(await page.getByRole('textbox', { name: 'Login URL' }).count()).toBe(0);
    await checkLayouts(page, 'lti-deleted');
    const left = await started()
      .testApp.deps.db.selectFrom('ltiPlatforms')
      .select('id')
      .where('orgId', '=', issuer.orgId)
      .execute();
    expect(left).toEqual([]);
    expect(opened.scriptErrors).toEqual([]);
  }, 400_000);

  it('registers an OAuth app, shows its secret once, lists it and deletes it', async () => {
    const opened = await started().openPage('/org/oauth-apps');
    const page = opened.page;
    await logIn(page, issuer.owner.email);
    await page.getByRole('heading', { name: 'OAuth apps', level: 1 }).waitFor({ timeout: 120_000 });
    await page.getByText('Your organization publishes no OAuth apps yet.').waitFor({ timeout: 60_000 });

    // The console's menu leads here.
    await page.locator('.user-menu summary').click();
    await expect.poll(() => page.getByRole('link', { name: 'OAuth apps' }).count()).toBeGreaterThan(0);
    await page.locator('.user-menu summary').click();

    // The server's field problem (a home page with a user name in it is refused) shows under its field.
    await page.getByLabel('Name', { exact: true }).fill('Campus Wallet');
    await page.getByLabel('Home page').fill('https://ana:pw@wallet.example/');
    await page.getByLabel('Redirect URIs').fill('https://wallet.example/callback\nhttp://localhost:8080/cb');
    await page.getByLabel("Read the learner's profile").check();
    await page.getByRole('button', { name: 'Register app' }).click();
    await page
      .locator('#field-homePageUrl-error')
      .getByText('must be an https address')
      .waitFor({ timeout: 60_000 });

    await page.getByLabel('Home page').fill('https://wallet.example/');
    await page.getByRole('button', { name: 'Register app' }).click();
    await page.getByText('Campus Wallet is registered.').waitFor({ timeout: 60_000 });
    const secret = await page.getByRole('textbox', { name: 'Client secret' }).inputValue();
    expect(secret).toMatch(/^[\w-]{40,}$/);
    const clientId = await page.getByRole('textbox', { name: 'Client ID' }).inputValue();
    const row = page.getByRole('row', { name: /Campus Wallet/ });
    await row.getByText(clientId).waitFor();
    await row.getByText('credential.readonly').waitFor();
    await row.getByText('profile.readonly').waitFor();
    await row.getByText('0 learners allowed it').waitFor();
    await checkLayouts(page, 'oauth-app-registered');

    // Shown once: gone after "I have saved it", and never in the list.
    await page.getByRole('button', { name: 'I have saved it' }).click();
    expect(await page.getByRole('textbox', { name: 'Client secret' }).count()).toBe(0);
    await page.reload();
    await page.getByRole('row', { name: /Campus Wallet/ }).waitFor({ timeout: 60_000 });
    expect(await page.content()).not.toContain(secret);

    await page.getByRole('button', { name: 'Delete Campus Wallet' }).click();
    await page
      .getByRole('button', { name: 'Yes, delete Campus Wallet and disconnect every learner' })
      .click();
    await page.getByText('Campus Wallet is deleted: every learner who allowed it is disconnected').waitFor();
    await page.getByText('Your organization publishes no OAuth apps yet.').waitFor();
    const left = await started()
      .testApp.deps.db.selectFrom('oauthClientOwners')
      .select('clientId')
      .where('orgId', '=', issuer.orgId)
      .execute();
    expect(left).toEqual([]);
    expect(opened.scriptErrors).toEqual([]);
  }, 400_000);

  it('lists a learner’s connected app with its scopes in words and disconnects it', async () => {
    const { baseUrl, testApp } = started();
    const learner = await aLoggedInUser(testApp.app, testApp.deps, { name: 'Wanda Wallet' });
    const opened = await started().openPage('/account');
    const page = opened.page;
    await logIn(page, learner.email);
    await page.getByRole('heading', { name: 'Connected apps', level: 2 }).waitFor({ timeout: 120_000 });
    await page.getByText('No apps are connected to your account.').waitFor({ timeout: 60_000 });
    await checkLayouts(page, 'apps-empty');

    const wallet = await aConnectedApp(baseUrl, learner.cookieOnly.cookie, {
      clientName: 'Pocket Wallet',
      scope: `${OB_SCOPE.credentialReadonly} ${OB_SCOPE.profileReadonly}`,
    });
    const credentials = () =>
      fetch(`${baseUrl}/ims/ob/v3p0/credentials`, {
        headers: { authorization: `Bearer ${wallet.accessToken}` },
      });
    expect((await credentials()).status).toBe(200);

    await page.reload();
    const app = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: 'Pocket Wallet' }) });
    await app.waitFor({ timeout: 60_000 });
    await app
      .getByText('See your badges: those you earned here and those you keep from elsewhere.')
      .waitFor();
    await app.getByText('See your profile: your name, your address and your public profile page.').waitFor();
    await app.getByText(/^Allowed on /).waitFor();
    await checkLayouts(page, 'apps-connected');

    await app.getByRole('button', { name: 'Disconnect Pocket Wallet' }).click();
    await page.getByRole('button', { name: 'Keep it connected' }).waitFor();
    await checkLayouts(page, 'apps-confirm');
    await page.getByRole('button', { name: 'Yes, disconnect Pocket Wallet' }).click();
    await page.getByText('Pocket Wallet is disconnected: it can no longer reach your account.').waitFor();
    await page.getByText('No apps are connected to your account.').waitFor();
    expect((await credentials()).status).toBe(401);
    await checkLayouts(page, 'apps-disconnected');
    expect(opened.scriptErrors).toEqual([]);
  }, 400_000);
});
