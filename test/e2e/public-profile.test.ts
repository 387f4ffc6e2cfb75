// Browser journey of a public profile worth linking to (issue #18 item 12): a learner with four public badges
// (and one private) sets up /learn/profile — address, headline, a photo — and previews it; a visitor sees the
// photo, the skills the badges evidence, the badge wall, sharing (the copy button appears with script) and the
// record download; a learner without a photo gets initials. Axe at 1280 and 390 px, no sideways scroll at
// 320 px, screenshots in test-output/screenshots/public-profile-*.png.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aPublishedCourse } from '../../src/badges/testing.ts';
import { aLoggedInUser, TEST_PASSWORD, type TestSession } from '../../src/identity/testing.ts';
import { aBadgeAsserting, anAcceptedAward, importSample } from '../../src/insights/testing.ts';
import { anIssuerWithOwner } from '../../src/issuing/testing.ts';
import { seriousViolations } from '../support/axe.ts';
import { screenshotDir, sidewaysScroll, startWebApp, type WebAppUnderTest } from '../support/browser.ts';

const onet = (code: string) => ({ framework: 'onet', code }) as const;

let web: WebAppUnderTest | undefined;
let ana: TestSession & { email: string };
let leo: TestSession & { email: string };

const portrait = (svg: string) => Buffer.from(new Resvg(svg).render().asPng());

/** A friendly portrait-style picture (drawn, not a real person) as the uploaded photo. */
const PORTRAIT =
  portrait(`<svg xmlns="http://www.w3.org/2000/svg" width="320" height="320" viewBox="0 0 320 320">
<defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#9bd4e4"/><stop offset="1" stop-color="#3f7fbf"/></linearGradient></defs>
<rect width="320" height="320" fill="url(#bg)"/>
<ellipse cx="160" cy="330" rx="120" ry="95" fill="#1f3b5a"/>
<rect x="140" y="200" width="40" height="50" fill="#c98e6b"/>
<ellipse cx="160" cy="150" rx="62" ry="74" fill="#e0a77f"/>
<path d="M96 150c-6-70 40-100 70-98 44 2 66 36 60 98-10-30-26-46-60-50-34 4-56 20-70 50z" fill="#3b2418"/>
<circle cx="137" cy="152" r="6" fill="#2b1a10"/><circle cx="183" cy="152" r="6" fill="#2b1a10"/>
<path d="M138 188q22 18 44 0" stroke="#8a4b33" stroke-width="5" fill="none" stroke-linecap="round"/>
</svg>`);

beforeAll(async () => {
  web = await startWebApp();
  const t = web.testApp;
  await importSample(t);
  const issuer = await anIssuerWithOwner(t.app, t.deps, 'Northwind College');
  const courseId = await aPublishedCourse(t.app, issuer.orgId, issuer.owner);
  const badges = [
    await aBadgeAsserting(t, issuer, courseId, 'Payroll Fundamentals', [
      { name: 'Critical Thinking', concept: onet('2.A.2.a'), level: 4 },
      { name: 'Mathematics', concept: onet('2.A.1.e'), level: 4 },
    ]),
    await aBadgeAsserting(t, issuer, courseId, 'Client Conversations', [
      { name: 'Active Listening', concept: onet('2.A.1.b'), level: 5 },
      { name: 'Service Orientation', concept: onet('2.B.1.f'), level: 4 },
      { name: 'Critical Thinking', concept: onet('2.A.2.a'), level: 3 },
    ]),
    await aBadgeAsserting(t, issuer, courseId, 'Spreadsheet Modelling', [
      { name: 'Mathematics', concept: onet('2.A.1.e'), level: 5 },
      { name: 'Complex Problem Solving', concept: onet('2.B.2.i'), level: 4 },
    ]),
    await aBadgeAsserting(t, issuer, courseId, 'Workplace Writing', [
      { name: 'Writing', concept: onet('2.A.1.c'), level: 4 },
    ]),
  ];
  const hidden = await aBadgeAsserting(t, issuer, courseId, 'Private Practice Badge', [
    { name: 'Negotiation', concept: onet('2.B.1.d'), level: 6 },
  ]);
  ana = await aLoggedInUser(t.app, t.deps, { name: 'Ana Núñez García' });
  for (const badge of badges) await anAcceptedAward(t, issuer, badge, ana, 'public');
  await anAcceptedAward(t, issuer, hidden, ana, 'private');
  leo = await aLoggedInUser(t.app, t.deps, { name: 'Leo Martín' });
  await anAcceptedAward(t, issuer, badges[3]!, leo, 'public');
  const saved = await t.app.inject({
    method: 'PUT',
    url: '/api/v1/me/profile',
    headers: leo.headers,
    payload: { slug: 'leo-martin', enabled: true, headline: null },
  });
  expect(saved.statusCode).toBe(200);
  mkdirSync(screenshotDir, { recursive: true });
}, 400_000);

afterAll(async () => {
  await web?.close();
});

function started(): WebAppUnderTest {
  if (!web) throw new Error('the web app did not start');
  return web;
}

async function checkLayouts(page: Page, name: string): Promise<void> {
  for (const width of [1280, 390, 320]) {
    await page.setViewportSize({ width, height: 900 });
    expect(await seriousViolations(page), `${name} at ${width} px`).toEqual([]);
    if (width < 1280)
      expect(await sidewaysScroll(page), `${name} scrolls sideways at ${width} px`).toBeLessThanOrEqual(0);
    if (width > 320)
      await page.screenshot({
        path: join(screenshotDir, `public-profile-${name}-${width}.png`),
        fullPage: true,
      });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe('a public profile in a browser', () => {
  it('is set up on /learn/profile: address, headline, photo, then a preview link', async () => {
    const { page, scriptErrors } = await started().openPage('/login?next=%2Flearn%2Fprofile');
    await page.getByLabel('Email address').fill(ana.email);
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'My public profile', level: 1 }).waitFor({ timeout: 60_000 });
    await page.getByText('Save your profile’s address first').waitFor();
    await page.getByLabel('Show my public profile').check();
    await page.getByLabel('Address').fill('ana-nunez');
    await page.getByLabel('Headline (optional)').fill('Payroll specialist · Barcelona');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByText('Profile saved.').waitFor();
    await page
      .getByLabel('Add a photo')
      .setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: PORTRAIT });
    await page.getByText('Photo saved.').waitFor({ timeout: 60_000 });
    const photo = page.getByRole('img', { name: 'Your profile photo' });
    await photo.waitFor();
    // Shown is not loaded yet: the picture's bytes arrive after its element.
    await expect
      .poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), {
        timeout: 30_000,
      })
      .toBe(320);
    const preview = page.getByRole('link', { name: 'Preview my public profile' });
    expect(await preview.getAttribute('href')).toBe(`${started().baseUrl}/people/ana-nunez`);
    await checkLayouts(page, 'settings');
    expect(scriptErrors).toEqual([]);
  }, 240_000);

  it('shows a visitor the photo, skills with their evidence, the badge wall, sharing and the record', async () => {
    const { page, scriptErrors } = await started().openPage('/people/ana-nunez');
    await page.getByRole('heading', { name: 'Ana Núñez García', level: 1 }).waitFor();
    const photo = page.getByRole('img', { name: 'Photo of Ana Núñez García' });
    await page.waitForFunction(() => (document.querySelector('img.avatar') as HTMLImageElement)?.complete);
    expect(await photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(320);
    const skills = page.getByRole('region', { name: 'Skills' });
    // Two badges evidence each of these; Mathematics at the higher level comes first.
    const items = skills.getByRole('listitem');
    expect(await items.nth(0).textContent()).toContain('Mathematics');
    const critical = items.nth(1);
    expect(await critical.textContent()).toContain('Critical Thinking');
    expect((await critical.getByRole('link').allTextContents()).sort()).toEqual([
      'Client Conversations',
      'Payroll Fundamentals',
    ]);
    const wall = page.getByRole('region', { name: 'Badges' });
    expect(await wall.getByRole('listitem').count()).toBe(4);
    expect(await page.content()).not.toContain('Private Practice Badge');
    // The script adds the copy button; the link is in a field either way.
    const copy = page.getByRole('button', { name: 'Copy link' });
    await copy.waitFor();
    await page
      .context()
      .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: started().baseUrl });
    await copy.click();
    await page.getByText('Link copied.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      `${started().baseUrl}/people/ana-nunez`,
    );
    const download = page.getByRole('link', { name: 'Download the record (CLR 2.0 JSON)' });
    const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
    expect(file.suggestedFilename()).toBe('ana-nunez-garcia-record.json');
    await checkLayouts(page, 'page');
    expect(scriptErrors).toEqual([]);
  }, 240_000);

  it('draws initials on a coloured circle for a learner without a photo', async () => {
    const { page } = await started().openPage('/people/leo-martin');
    await page.getByRole('heading', { name: 'Leo Martín', level: 1 }).waitFor();
    expect(await page.locator('.avatar.initials').textContent()).toBe('LM');
    await checkLayouts(page, 'initials');
  }, 240_000);
});
