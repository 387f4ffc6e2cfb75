// The organization's webhooks page in a browser (/org/webhooks, docs/integrations.md). A loopback receiver stands
// in for the integration (plain http on loopback only under the test allowance VERIFY_ALLOW_PRIVATE with
// VERIFY_ALLOW_HOSTS). The owner adds an endpoint and sees its secret once, with a Copy button and a warning; a
// badge awarded through the API reaches the receiver and shows in the endpoint's delivery log; "Redeliver" sends
// it again with the same webhook-id; the endpoint is disabled and deleted after a confirmation. Every state: axe
// at 1280, 390 and 320 px, no sideways scroll on phones, screenshots at 1280 and 390 px in
// test-output/screenshots/webhooks-*.png.
import { mkdirSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aOneLessonCourse } from '../../src/badges/award-testing.ts';
import { aPublishedBadge } from '../../src/badges/testing.ts';
import { TEST_PASSWORD } from '../../src/identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../../src/issuing/testing.ts';
import { screenshotDir, startWebApp, type WebAppUnderTest } from '../support/browser.ts';
import { checkLayouts as sharedCheckLayouts } from '../support/layouts.ts';

let web: WebAppUnderTest | undefined;
let issuer: TestIssuer;
let badgeId: string;
let receiver: Server;
let hookUrl: string;
const received: Array<{ headers: IncomingHttpHeaders; body: string }> = [];

function started(): WebAppUnderTest {
  if (!web) throw new Error('the web app did not start');
  return web;
}

beforeAll(async () => {
  receiver = createServer((request, response) => {
    const parts: Buffer[] = [];
    request.on('data', (part: Buffer) => parts.push(part));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(parts).toString('utf8') });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/tessera-hooks`;
  web = await startWebApp({
    env: { VERIFY_ALLOW_HOSTS: '127.0.0.1', VERIFY_ALLOW_PRIVATE: 'true', WEBHOOK_RETRY_SECONDS: '1' },
  });
  const { app, deps } = web.testApp;
  issuer = await anIssuerWithOwner(app, deps, 'Signal Academy');
  badgeId = (await aPublishedBadge(app, issuer, { courseIds: [await aOneLessonCourse(app, issuer)] })).id;
  mkdirSync(screenshotDir, { recursive: true });
}, 600_000);

afterAll(async () => {
  await web?.close();
  await new Promise<void>((resolve) => receiver?.close(() => resolve()));
});

/** The shared layout check, its screenshots named webhooks-<name>-<width>.png. */
const checkLayouts = (page: Page, name: string) => sharedCheckLayouts(page, `webhooks-${name}`);

async function until(what: string, probe: () => boolean, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the webhooks page in a browser', () => {
  it('adds an endpoint showing its secret once, logs a delivery, redelivers it, disables and deletes it', async () => {
    const opened = await started().openPage('/org/webhooks');
    const page = opened.page;
    await page.getByLabel('Email address').fill(issuer.owner.email);
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Webhooks', level: 1 }).waitFor({ timeout: 120_000 });
    await page.getByText('No endpoints yet. Add one below.').waitFor();
    await checkLayouts(page, 'empty');

    // The console's menu leads here.
    await page.locator('.user-menu summary').click();
    await expect.poll(() => page.getByRole('link', { name: 'Webhooks' }).count()).toBeGreaterThan(0);
    await page.locator('.user-menu summary').click();

    // Nothing entered: the form says what is missing.
    await page.getByRole('checkbox', { name: 'award.offered' }).uncheck();
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    await page.getByRole('alert').getByText('Choose at least one event.').first().waitFor();

    await page.getByLabel('URL', { exact: true }).fill(hookUrl);
    await page.getByLabel('Description (optional)').fill('Our CRM');
    await page.getByRole('checkbox', { name: 'award.offered' }).check();
    await page.getByRole('checkbox', { name: 'award.revoked' }).check();
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    await page.getByText('Copy this secret now.').waitFor({ timeout: 60_000 });
    const secret = await page.getByRole('textbox', { name: 'Signing secret' }).inputValue();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    await page.getByRole('button', { name: 'Copy secret' }).waitFor();
    await page
      .getByRole('row', { name: new RegExp(hookUrl) })
      .getByText('None yet')
      .waitFor();
    await checkLayouts(page, 'secret');

    await page.getByRole('button', { name: 'I have saved it' }).click();
    expect(await page.getByText('Copy this secret now.').count()).toBe(0);
    await page.reload();
    await page.getByRole('row', { name: new RegExp(hookUrl) }).waitFor({ timeout: 60_000 });
    expect(await page.content()).not.toContain(secret);

    // A badge awarded through the API reaches the receiver and the delivery log.
    const { app } = started().testApp;
    const awarded = await app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/badges/${badgeId}/awards`,
      headers: issuer.owner.headers,
      payload: { email: 'webhook.holder@example.org', name: 'Webhook Holder' },
    });
    expect(awarded.statusCode, awarded.body).toBe(201);
    await until('the award.offered call', () => received.length >= 1);
    expect(JSON.parse(received[0]!.body).type).toBe('award.offered');

    await page.reload();
    const row = page.getByRole('row', { name: new RegExp(hookUrl) });
    await row.getByText('Delivered').waitFor({ timeout: 60_000 });
    await row.getByText('· 204').waitFor();
    await page.getByRole('button', { name: `Show the deliveries to ${hookUrl}` }).click();
    await page.getByRole('heading', { name: 'Deliveries', level: 2 }).waitFor();
    const log = page.getByRole('region', { name: 'The latest 50 deliveries' });
    const logged = log.getByRole('row').filter({ hasText: 'award.offered' });
    await logged.getByText('Delivered').waitFor();
    await logged.getByText('204').waitFor();
    await checkLayouts(page, 'log');

    await log.getByRole('button', { name: /^Redeliver award\.offered of / }).click();
    await page.getByText('award.offered is being sent again. The attempt appears in the log.').waitFor();
    await until('the redelivery', () => received.length >= 2);
    expect(received[1]!.headers['webhook-id']).toBe(received[0]!.headers['webhook-id']);
    await logged.getByText('(manual)').waitFor({ timeout: 60_000 });
    await logged.getByText('Delivered').waitFor({ timeout: 60_000 });
    await checkLayouts(page, 'redelivered');

    // A new secret, shown once; the old one keeps signing beside it for a day.
    await page.getByRole('button', { name: `Rotate the signing secret of ${hookUrl}` }).click();
    await page.getByRole('button', { name: 'Yes, give it a new secret' }).click();
    const rotated = await page.getByRole('textbox', { name: 'New signing secret' }).inputValue();
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(secret);
    await checkLayouts(page, 'rotated');
    await page
      .getByRole('region', { name: 'New signing secret' })
      .getByRole('button', { name: 'I have saved it' })
      .click();
    expect(await page.getByRole('textbox', { name: 'New signing secret' }).count()).toBe(0);

    await page.getByRole('button', { name: `Disable ${hookUrl}` }).click();
    await page.getByText(`${hookUrl} is disabled: it gets no new events.`).waitFor();
    await row.getByText('Disabled').waitFor();

    await page.getByRole('button', { name: `Delete ${hookUrl}` }).click();
    await page.getByRole('button', { name: 'Yes, delete it with its log' }).click();
    await page.getByText(`${hookUrl} is deleted, with its delivery log.`).waitFor();
    await page.getByText('No endpoints yet. Add one below.').waitFor();
    await checkLayouts(page, 'deleted');
    expect(opened.scriptErrors).toEqual([]);
  }, 400_000);
});
