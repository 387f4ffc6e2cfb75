// Two sections of the issuer's awards page (/issue/awards) in a browser: the manual award form's evidence items
// (EvidenceItems.tsx in ManualAward.tsx: added one at a time, focus on the new link, a missing link named, a
// removed item gone) and the list of credentials "Issued through the API" (ApiCredentials.tsx), each marked
// "via API". The award carries both pieces of evidence in its credential. Every state: axe at 1280, 390 and
// 320 px, no sideways scroll on phones, screenshots at 1280 and 390 px in
// test-output/screenshots/issuer-extras-*.png.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aOneLessonCourse, awardsOfBadge, issuedCredentialOf } from '../../src/badges/award-testing.ts';
import { aPublishedBadge } from '../../src/badges/testing.ts';
import { TEST_PASSWORD } from '../../src/identity/testing.ts';
import { anIssuerWithOwner, sampleIssueRequest, type TestIssuer } from '../../src/issuing/testing.ts';
import { screenshotDir, startWebApp, type WebAppUnderTest } from '../support/browser.ts';
import { checkLayouts as sharedCheckLayouts } from '../support/layouts.ts';

let web: WebAppUnderTest | undefined;
let issuer: TestIssuer;
let badgeId: string;

function started(): WebAppUnderTest {
  if (!web) throw new Error('the web app did not start');
  return web;
}

beforeAll(async () => {
  web = await startWebApp();
  const { app, deps } = web.testApp;
  issuer = await anIssuerWithOwner(app, deps, 'Lantern Institute');
  badgeId = (await aPublishedBadge(app, issuer, { courseIds: [await aOneLessonCourse(app, issuer)] })).id;
  const issued = await app.inject({
    method: 'POST',
    url: `/api/v1/orgs/${issuer.orgId}/credentials`,
    headers: issuer.owner.headers,
    payload: sampleIssueRequest('api.holder@example.org'),
  });
  expect(issued.statusCode, issued.body).toBe(201);
  mkdirSync(screenshotDir, { recursive: true });
}, 600_000);

afterAll(async () => {
  await web?.close();
});

/** The shared layout check, its screenshots named issuer-extras-<name>-<width>.png. */
const checkLayouts = (page: Page, name: string) => sharedCheckLayouts(page, `issuer-extras-${name}`);

describe('the awards page’s evidence items and API-issued credentials in a browser', () => {
  it('lists a credential issued through the API marked via API, and awards with two evidence items', async () => {
    const opened = await started().openPage('/issue/awards');
    const page = opened.page;
    await page.getByLabel('Email address').fill(issuer.owner.email);
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Awards', level: 1 }).waitFor({ timeout: 120_000 });

    // The credential issued through the API, marked "via API".
    await page.getByRole('heading', { name: 'Issued through the API' }).waitFor();
    const apiList = page.getByRole('region', { name: 'Credentials issued through the API' });
    const apiRow = apiList.getByRole('row').filter({ hasText: 'Gestión de nóminas' });
    await apiRow.getByText('via API').waitFor();
    await apiRow.getByText('credentials endpoint').waitFor();
    await page.getByText('1 credential issued through the API').waitFor();
    await checkLayouts(page, 'api-credentials');

    // Two pieces of evidence: each added with focus on its link; an empty link is named; a third is removed.
    await page.getByLabel('Badge to award').selectOption(badgeId);
    await page.getByLabel('Recipient’s email address').fill('two.pieces@example.org');
    await page.getByRole('button', { name: 'Add evidence' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('field-evidence-1-url');
    await page.getByLabel('Link to evidence 1').fill('https://files.example.org/report.pdf');
    await page.getByLabel('Name of evidence 1 (optional)').fill('Audit report');
    await page.getByLabel('What evidence 1 shows (optional)').fill('The signed report of the spring audit.');
    await page.getByRole('button', { name: 'Add another piece of evidence' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('field-evidence-2-url');
    await page.getByRole('button', { name: 'Add another piece of evidence' }).click();
    await page.getByRole('button', { name: 'Award the badge' }).click();
    await page.getByRole('alert').getByText('Enter the link of evidence 2, or remove it.').first().waitFor();
    await checkLayouts(page, 'evidence-problems');
    await page.getByRole('button', { name: 'Remove evidence 3' }).click();
    expect(await page.getByLabel('Link to evidence 3').count()).toBe(0);
    await page.getByLabel('Link to evidence 2').fill('https://code.example.org/audit-scripts');
    await page.getByLabel('Name of evidence 2 (optional)').fill('Audit scripts');
    await checkLayouts(page, 'evidence-items');

    await page.getByRole('button', { name: 'Award the badge' }).click();
    await page
      .getByText('Awarded: an email asks two.pieces@example.org to accept the badge.')
      .waitFor({ timeout: 60_000 });
    expect(await page.getByLabel('Link to evidence 1').count()).toBe(0);
    await checkLayouts(page, 'awarded');

    const { deps } = started().testApp;
    const award = (await awardsOfBadge(deps, badgeId)).find(
      (a) => a.recipientEmail === 'two.pieces@example.org',
    );
    const row = await issuedCredentialOf(deps, award?.credentialId ?? null);
    const credential = row.credential as { evidence?: Array<{ id?: string; name?: string }> };
    expect(credential.evidence?.map((e) => [e.id, e.name])).toEqual([
      ['https://files.example.org/report.pdf', 'Audit report'],
      ['https://code.example.org/audit-scripts', 'Audit scripts'],
    ]);
    expect(opened.scriptErrors).toEqual([]);
  }, 400_000);
});
