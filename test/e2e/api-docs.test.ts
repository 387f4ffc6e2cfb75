// The interactive API reference (/api/docs, Swagger UI) calls the API for real: "Authorize" with an API
// token sends it as a bearer token, and a person signed in on the server in the same browser calls with
// their session cookie without entering anything.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aLoggedInUser } from '../../src/identity/testing.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { freePort, launchBrowser } from '../support/browser.ts';

let t: TestApp;
let baseUrl: string;
let browser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  t = await createTestApp({ env: { PUBLIC_URL: baseUrl } });
  await t.app.listen({ port, host: '127.0.0.1' });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** /api/docs opened on one operation (`<tag>-<operationId>`) in a fresh browser context. */
async function openDocs(operation: string, cookie?: string) {
  const context = await browser.newContext({ locale: 'en-US' });
  if (cookie) {
    const [name = '', value = ''] = cookie.split(';')[0]?.split('=') ?? [];
    await context.addCookies([{ name, value, url: baseUrl }]);
  }
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const scriptErrors: string[] = [];
  page.on('pageerror', (error) => scriptErrors.push(error.message));
  // A deep link opens the one operation; drawing all of them takes a while on a busy machine.
  await page.goto(`${baseUrl}/api/docs/#/${operation.replace('-', '/')}`);
  await page.locator(`#operations-${operation} button.execute`).waitFor({ timeout: 120_000 });
  return { context, page, scriptErrors };
}

async function aPersonWithAnOrganization(name: string) {
  const person = await aLoggedInUser(t.app, t.deps, { name });
  const slug = `docs-${person.userId.slice(0, 8)}`;
  const org = await t.app.inject({
    method: 'POST',
    url: '/api/v1/orgs',
    headers: person.headers,
    payload: { name: `${name} Academy`, slug, kind: 'issuer' },
  });
  expect(org.statusCode, org.body).toBe(201);
  return { person, slug };
}

describe('the interactive API reference', () => {
  it('calls an operation with the API token entered under Authorize', async () => {
    const { person, slug } = await aPersonWithAnOrganization('Ada Docs');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/tokens',
      headers: person.headers,
      payload: { name: 'docs', scopes: ['read'] },
    });
    expect(created.statusCode, created.body).toBe(201);
    const token: string = created.json().token;

    const { context, page, scriptErrors } = await openDocs('organizations-getOrgs');
    await page.locator('button.authorize').first().click();
    const bearer = page.locator('.auth-container').filter({ hasText: 'http, Bearer' });
    await bearer.locator('#auth-bearer-value').fill(token);
    await bearer.locator('button.authorize').click();
    await bearer.locator('#auth-bearer-value').waitFor({ state: 'detached' });
    await bearer.locator('button.btn-done').click();
    // The token is kept across reloads (persistAuthorization).
    await page.reload();

    const operation = page.locator('#operations-organizations-getOrgs');
    await operation.locator('button.execute').waitFor({ timeout: 120_000 });
    await operation.locator('button.execute').click();
    const status = operation.locator('.live-responses-table tbody .response-col_status').first();
    await expect.poll(() => status.textContent()).toContain('200');
    expect(await operation.locator('.curl-command').textContent()).toContain(
      `Authorization: Bearer ${token}`,
    );
    expect(
      await operation.locator('.live-responses-table tbody .response-col_description').first().textContent(),
    ).toContain(slug);
    expect(scriptErrors).toEqual([]);
    await context.close();
  }, 240_000);

  it('calls a session-only operation with the session cookie of a person signed in on the server', async () => {
    const { person } = await aPersonWithAnOrganization('Bea Docs');
    const { context, page, scriptErrors } = await openDocs('account-getMeTokens', person.headers.cookie);

    const operation = page.locator('#operations-account-getMeTokens');
    await operation.locator('button.execute').click();
    const status = operation.locator('.live-responses-table tbody .response-col_status').first();
    await expect.poll(() => status.textContent()).toContain('200');
    expect(scriptErrors).toEqual([]);
    await context.close();
  }, 240_000);
});
