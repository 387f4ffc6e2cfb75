// An issuer binds its own domain in a browser (issue #19 item 9), in a test set-up: a loopback HTTP server
// stands in for https://<domain> (plain http on loopback only under the test-only VERIFY_ALLOW_PRIVATE allowance).
// The owner binds the domain on /org/identity, reads the TXT and file instructions, verifies before publishing
// (the page says the token was not found), publishes the file, verifies, and sees the DID under the domain; the
// server then answers did:web:<domain> for `Host: <domain>`, a new credential names it and verifies; unbinding
// goes back to the did:web on this server. Every state: axe at 1280, 390 and 320 px, no sideways scroll on
// phones, screenshots at 1280 and 390 px in test-output/screenshots/issuer-domain-*.png. The issuer's public
// page (/issuers/{slug}) lists both DIDs and passes the same checks.
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../../src/identity/testing.ts';
import { anIssuerWithOwner, sampleIssueRequest, type TestIssuer } from '../../src/issuing/testing.ts';
import { screenshotDir, startWebApp, type WebAppUnderTest } from '../support/browser.ts';
import { checkLayouts as sharedCheckLayouts } from '../support/layouts.ts';

let web: WebAppUnderTest | undefined;
let issuer: TestIssuer;
let server: Server;
let domain: string;
let published = '';

function started(): WebAppUnderTest {
  if (!web) throw new Error('the web app did not start');
  return web;
}

beforeAll(async () => {
  server = createServer((request, response) => {
    const found = request.url === '/.well-known/tessera-domain-verification.txt' && published;
    response.writeHead(found ? 200 : 404, { 'content-type': 'text/plain' });
    response.end(found ? published : 'not here');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  domain = `localhost:${(server.address() as AddressInfo).port}`;
  web = await startWebApp({ env: { VERIFY_ALLOW_HOSTS: 'localhost', VERIFY_ALLOW_PRIVATE: 'true' } });
  issuer = await anIssuerWithOwner(web.testApp.app, web.testApp.deps, 'Harbour College');
  mkdirSync(screenshotDir, { recursive: true });
}, 600_000);

afterAll(async () => {
  await web?.close();
  await new Promise<void>((resolve) => server?.close(() => resolve()));
});

/** The shared layout check, its screenshots named issuer-domain-<name>-<width>.png. */
const checkLayouts = (page: Page, name: string) => sharedCheckLayouts(page, `issuer-domain-${name}`);

async function issuedIssuerId(): Promise<string> {
  const { app } = started().testApp;
  const issued = await app.inject({
    method: 'POST',
    url: `/api/v1/orgs/${issuer.orgId}/credentials`,
    headers: issuer.owner.headers,
    payload: sampleIssueRequest(),
  });
  expect(issued.statusCode, issued.body).toBe(201);
  const credential = issued.json().credential;
  const report = await app.inject({ method: 'POST', url: '/api/v1/verify', payload: { credential } });
  expect(report.json().verdict).toBe('verified');
  return credential.issuer.id;
}

describe("the issuer's own domain in a browser", () => {
  const did = () => `did:web:${domain.replace(':', '%3A')}`;

  it('binds a domain, verifies it through the published file, issues under it and unbinds it', async () => {
    const opened = await started().openPage('/org/identity');
    const page = opened.page;
    await page.getByLabel('Email address').fill(issuer.owner.email);
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Your own domain' }).waitFor({ timeout: 120_000 });
    await page.getByRole('button', { name: 'Bind domain' }).click();
    await page.getByRole('alert').getByText('Enter the domain to bind.').first().waitFor();
    await page.getByLabel('Domain', { exact: true }).fill('https://badges.example.edu/path');
    await page.getByRole('button', { name: 'Bind domain' }).click();
    await page
      .getByRole('alert')
      .getByText(/Enter a domain name such as/)
      .first()
      .waitFor();
    await page.getByLabel('Domain', { exact: true }).fill(domain);
    await page.getByRole('button', { name: 'Bind domain' }).click();
    await page.getByText(`${domain} is bound. Publish the token below, then verify.`).waitFor();
    await page.getByRole('heading', { name: 'Verify your domain' }).waitFor();
    await page.getByText('_tessera-challenge.localhost').waitFor();
    await page.getByText(`https://${domain}/.well-known/tessera-domain-verification.txt`).waitFor();
    await checkLayouts(page, 'pending');

    await page.getByRole('button', { name: 'Verify', exact: true }).click();
    await page.getByText(/The token was not found/).waitFor({ timeout: 60_000 });
    await checkLayouts(page, 'not-found');

    const token =
      (await page
        .getByText(/^tessera-domain-verification=/)
        .first()
        .textContent()) ?? '';
    published = `${token}\n`;
    await page.getByRole('button', { name: 'Verify', exact: true }).click();
    await page.getByText(`${domain} is verified. New credentials name it as their issuer.`).waitFor({
      timeout: 60_000,
    });
    await page.getByText(did(), { exact: true }).first().waitFor();
    await checkLayouts(page, 'verified');

    const document = await started().testApp.app.inject({
      method: 'GET',
      url: '/.well-known/did.json',
      headers: { host: domain },
    });
    expect(document.json().id).toBe(did());
    expect(await issuedIssuerId()).toBe(did());

    // The public issuer page names both DIDs.
    await page.goto(`${started().baseUrl}/issuers/${issuer.slug}`);
    await page.getByRole('heading', { name: 'Harbour College', level: 1 }).waitFor();
    await page.getByText(did(), { exact: true }).waitFor();
    await page.getByText(`:issuers:${issuer.slug}`).waitFor();
    await checkLayouts(page, 'public-page');
    await page.goto(`${started().baseUrl}/org/identity`);
    await page.getByRole('heading', { name: 'Your own domain' }).waitFor({ timeout: 60_000 });

    await page.getByRole('button', { name: 'Unbind domain' }).click();
    await page.getByRole('button', { name: 'Yes, unbind' }).click();
    await page.getByText(`${domain} is unbound.`).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Bind domain' }).waitFor();
    expect(await issuedIssuerId()).toMatch(/:issuers:/);
    expect(opened.scriptErrors).toEqual([]);
  }, 400_000);
});
