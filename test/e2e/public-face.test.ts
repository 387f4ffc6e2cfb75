// Browser journey of a badge's public face (issue #7, item 7): a learner makes "Gestión de nóminas — Zoë"
// public and copies its LinkedIn link; an anonymous visitor sees every check pass on its page; the
// learner's downloaded baked PNG verifies on /verify with the name intact; the same PNG with one byte of
// the credential changed fails the signature check; private badges are 404; the learner turns on a
// public profile. axe finds no serious or critical violation on the badge, verify and profile pages.
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bake, unbake } from '../../src/credentials/index.ts';
import { TEST_PASSWORD } from '../../src/identity/testing.ts';
import { anAcceptedBadge } from '../../src/showcase/testing.ts';
import { seriousViolations } from '../support/axe.ts';
import { startWebApp, type WebAppUnderTest } from '../support/browser.ts';

const BADGE_NAME = 'Gestión de nóminas — Zoë';
const LEARNER_NAME = 'Zoë Núñez';
/** anIssuerWithOwner's default name. */
const ISSUER_NAME = 'Gestión Academy®';
let web: WebAppUnderTest | undefined;
let held: Awaited<ReturnType<typeof anAcceptedBadge>>;
let learnerPage: Page;
let bakedPng: Buffer | undefined;

beforeAll(async () => {
  web = await startWebApp();
  const { app, deps } = web.testApp;
  held = await anAcceptedBadge(app, deps, { badgeName: BADGE_NAME, learnerName: LEARNER_NAME });
  const opened = await web.openPage(`/login?next=${encodeURIComponent(`/learn/badges/${held.award.id}`)}`);
  learnerPage = opened.page;
  await learnerPage.getByLabel('Email address').fill(held.learner.email);
  await learnerPage.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
  await learnerPage.getByRole('button', { name: 'Log in' }).click();
  await learnerPage.getByRole('heading', { name: 'Sharing' }).waitFor();
}, 180_000);

afterAll(async () => {
  await web?.close();
});

function started(): WebAppUnderTest {
  if (!web) throw new Error('the web app did not start');
  return web;
}

/** A fresh browser context with no session: what an employer or a stranger sees. */
async function aVisitor(path: string) {
  return started().openPage(path);
}

async function statusOf(path: string): Promise<number> {
  const response = await fetch(`${started().baseUrl}${path}`, { headers: { accept: 'text/html' } });
  await response.arrayBuffer();
  return response.status;
}

async function uploadOnVerifyPage(png: Buffer) {
  const visit = await aVisitor('/verify');
  await visit.page
    .getByLabel('Or a badge image')
    .setInputFiles({ name: 'badge.png', mimeType: 'image/png', buffer: png });
  await visit.page.getByRole('button', { name: 'Verify' }).click();
  await visit.page.locator('#result-heading').waitFor();
  return visit;
}

const pageOf = (awardId: string) => `/badges/${awardId}`;

describe('the public face of a badge in a browser', () => {
  it('lets the learner make the badge public and copy a prefilled LinkedIn "Add to profile" link', async () => {
    const page = learnerPage;
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: started().baseUrl,
    });
    await page.goto(`${started().baseUrl}/learn/badges/${held.award.id}`);
    await page.getByRole('heading', { name: 'Sharing' }).waitFor();
    // Waits for the panel's text: it renders once the share links have loaded.
    await page.getByText('Its page answers “not found” to everyone else').waitFor();
    expect(await statusOf(pageOf(held.award.id))).toBe(404);

    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/sharing') && r.request().method() === 'PUT'),
      page.getByLabel('Public', { exact: true }).check(),
    ]);
    await page.getByRole('button', { name: 'Copy LinkedIn link' }).click();
    await page.getByText('Copied.').waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());

    const url = new URL(copied);
    expect(url.origin + url.pathname).toBe('https://www.linkedin.com/profile/add');
    const issuedAt = held.award.issuedAt;
    const validUntil = held.award.validUntil;
    if (!validUntil) throw new Error('the test badge should expire');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      startTask: 'CERTIFICATION_NAME',
      name: BADGE_NAME,
      organizationName: ISSUER_NAME,
      issueYear: String(issuedAt.getUTCFullYear()),
      issueMonth: String(issuedAt.getUTCMonth() + 1),
      expirationYear: String(validUntil.getUTCFullYear()),
      expirationMonth: String(validUntil.getUTCMonth() + 1),
      certUrl: `${started().baseUrl}${pageOf(held.award.id)}`,
      certId: held.award.id,
    });
    await page.getByRole('button', { name: 'Copy link', exact: true }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      `${started().baseUrl}${pageOf(held.award.id)}`,
    );
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('shows an anonymous visitor the badge page with every check passed', async () => {
    const { page, scriptErrors } = await aVisitor(pageOf(held.award.id));
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(BADGE_NAME);
    expect(await page.locator('.recipient').textContent()).toContain(LEARNER_NAME);
    expect(await page.locator('#result-heading').textContent()).toContain('Verified');
    const statuses = await page.locator('.checks .status').allTextContents();
    expect(statuses.length).toBeGreaterThanOrEqual(5);
    for (const status of statuses) expect(status).toBe('Passed');
    expect(await seriousViolations(page)).toEqual([]);
    expect(scriptErrors).toEqual([]);
  });

  it('verifies the downloaded baked PNG on the verify page, with the non-ASCII name intact', async () => {
    const page = learnerPage;
    await page.goto(`${started().baseUrl}/learn/badges/${held.award.id}`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download', exact: true }).click(),
    ]);
    // The other formats wait behind "More formats", each named for what it is for.
    await page.getByText('More formats (for wallets, older backpacks and developers)').click();
    expect(
      await page
        .getByRole('link', { name: 'The credential alone, for digital wallets (JSON)' })
        .getAttribute('href'),
    ).toBe(`/api/v1/me/badges/${held.award.id}/downloads/credential.json`);
    bakedPng = await readFile(await download.path());
    const unbaked = unbake(bakedPng);
    expect((JSON.parse(unbaked.payload) as { name: string }).name).toBe(BADGE_NAME);

    const { page: verifyPage, scriptErrors } = await uploadOnVerifyPage(bakedPng);
    expect(await verifyPage.locator('#result-heading').textContent()).toContain('Verified');
    for (const status of await verifyPage.locator('.checks .status').allTextContents())
      expect(status).toBe('Passed');
    expect(await verifyPage.locator('dl.claims').textContent()).toContain(BADGE_NAME);
    expect(await seriousViolations(verifyPage)).toEqual([]);
    expect(scriptErrors).toEqual([]);
  });

  it('names the signature as the failed check when one byte of the baked credential was changed', async () => {
    if (!bakedPng) throw new Error('the baked PNG was not downloaded');
    const { payload } = unbake(bakedPng);
    const at = payload.indexOf('Gestión');
    expect(at).toBeGreaterThan(0);
    const tampered = bake(bakedPng, {
      format: 'ob3-json',
      payload: `${payload.slice(0, at)}H${payload.slice(at + 1)}`,
    });

    const { page } = await uploadOnVerifyPage(tampered);
    expect(await page.locator('#result-heading').textContent()).toContain('Not verified');
    const failed = await page.locator('.check-failed .check-title strong').allTextContents();
    expect(failed).toContain('Signature');
    expect(await page.locator('dl.claims').textContent()).toContain('Hestión de nóminas — Zoë');
  });

  it('answers 404 for a badge its learner never made public, and once the learner makes it private', async () => {
    const { app, deps } = started().testApp;
    const other = await anAcceptedBadge(app, deps, { badgeName: 'Private badge' });
    expect(await statusOf(pageOf(other.award.id))).toBe(404);
    const { page } = await aVisitor(pageOf(other.award.id));
    expect(await page.getByText('Private badge').count()).toBe(0);

    await learnerPage.goto(`${started().baseUrl}/learn/badges/${held.award.id}`);
    // The choice shows at once; the server has it when its PUT is answered.
    const saved = () =>
      learnerPage.waitForResponse((r) => r.url().endsWith('/sharing') && r.request().method() === 'PUT');
    await Promise.all([saved(), learnerPage.getByLabel('Private', { exact: true }).check()]);
    await learnerPage.getByText('Make the badge public to get its link').waitFor();
    expect(await statusOf(pageOf(held.award.id))).toBe(404);
    await Promise.all([saved(), learnerPage.getByLabel('Public', { exact: true }).check()]);
    await learnerPage.getByRole('button', { name: 'Copy link', exact: true }).waitFor();
    expect(await statusOf(pageOf(held.award.id))).toBe(200);
  });

  it('lets the learner turn on a public profile that lists the public badge', async () => {
    const page = learnerPage;
    const slug = `zoe-${held.award.id.slice(0, 8)}`;
    await page.goto(`${started().baseUrl}/learn/profile`);
    await page.getByRole('heading', { name: 'My public profile' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Show my public profile').check();
    await page.getByLabel('Address', { exact: true }).fill(slug);
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByText('Profile saved.').waitFor();
    await page.getByRole('link', { name: `/people/${slug}` }).waitFor();

    const { page: profile, scriptErrors } = await aVisitor(`/people/${slug}`);
    await profile.getByText(BADGE_NAME).first().waitFor();
    expect(await seriousViolations(profile)).toEqual([]);
    expect(scriptErrors).toEqual([]);
  });
});
