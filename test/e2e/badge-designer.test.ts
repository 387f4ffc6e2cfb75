// The badge designer in a browser (issue #18 item 10): an issuer opens a draft badge, finds "Use our logo"
// disabled with the reason (no logo yet), picks a template, a palette, an icon (by search and with the arrow
// keys), writes a subtitle, sees the live preview and saves the design; the badge's picture is then the
// drawn design. With a logo uploaded the toggle is offered and the saved picture embeds it. The grade
// requirements of the same editor (issue #21): with an LTI platform and its line items (seeded through the
// services), the issuer adds two grade requirements, groups them as "any of", saves and finds them after a
// reload; the learner's badge progress shows the group, each bar, where the line item lives and their grade.
// Axe and reflow at 1280, 390 and 320 px; screenshots in test-output/screenshots/badge-designer-*.png.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aDraftBadge, aPublishedCourse } from '../../src/badges/testing.ts';
import { recordGrade, upsertLineItem } from '../../src/gradebook/index.ts';
import { aVerifiedUser, TEST_PASSWORD } from '../../src/identity/testing.ts';
import { svgToPng } from '../../src/issuing/index.ts';
import { anIssuerWithOwner, type TestIssuer } from '../../src/issuing/testing.ts';
import { multipartFile } from '../../src/learning/testing.ts';
import { screenshotDir, startWebApp, type WebAppUnderTest } from '../support/browser.ts';
import { checkLayouts as sharedCheckLayouts } from '../support/layouts.ts';

const suffix = randomBytes(3).toString('hex');
const badgeName = `Data Analysis with Spreadsheets ${suffix}`;
const logo = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40"><circle cx="20" cy="20" r="18" fill="#0b5394"/>' +
    '<path d="M12 20 L18 26 L29 14" stroke="#fff" stroke-width="4" fill="none"/></svg>',
);

let web: WebAppUnderTest | undefined;
let issuer: TestIssuer;
let badgeId = '';

beforeAll(async () => {
  web = await startWebApp();
  const { app, deps } = web.testApp;
  issuer = await anIssuerWithOwner(app, deps, `Grid Academy ${suffix}`);
  const courseId = await aPublishedCourse(app, issuer.orgId, issuer.owner);
  badgeId = (await aDraftBadge(app, issuer, { courseIds: [courseId], name: badgeName })).id;
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
  // The login page's chunk may take a while on a loaded machine.
  await page.getByLabel('Email address').waitFor({ timeout: 60_000 });
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
}

/** The shared layout check, its screenshots named badge-designer-<name>-<width>.png. */
const checkLayouts = (page: Page, name: string) => sharedCheckLayouts(page, `badge-designer-${name}`);

const storedPicture = async () => {
  const { app } = started().testApp;
  const badge = await app.inject({
    url: `/api/v1/orgs/${issuer.orgId}/badges/${badgeId}`,
    headers: issuer.owner.headers,
  });
  const image = await app.inject({ url: badge.json().imageUrl, headers: issuer.owner.headers });
  return { badge: badge.json(), svg: image.body };
};

/** Waits until the preview shows a picture drawn for the current choices. */
async function previewDrawn(page: Page): Promise<void> {
  const preview = page.getByRole('img', { name: `Preview of the designed badge ${badgeName}` });
  await preview.waitFor();
  await page.waitForFunction((alt) => {
    const img = [...document.images].find((i) => i.alt === alt);
    return !!img && img.complete && img.naturalWidth > 0;
  }, `Preview of the designed badge ${badgeName}`);
}

describe('the badge designer in a browser', () => {
  it('designs a badge with a template, palette, icon and subtitle, previews it and saves it as the picture', async () => {
    const { page, scriptErrors } = await started().openPage(`/issue/badges/${badgeId}`);
    await logIn(page, issuer.owner.email);
    await page.getByRole('heading', { name: 'Design the badge' }).waitFor({ timeout: 120_000 });

    const useLogo = page.getByLabel('Use our logo');
    expect(await useLogo.isDisabled()).toBe(true);
    await page.getByText('Your organization has no logo yet').waitFor();

    await page.getByRole('radio', { name: 'Hexagon' }).check();
    await page.getByRole('button', { name: 'Palette 3' }).click();
    expect(await page.getByRole('button', { name: 'Palette 3' }).getAttribute('aria-pressed')).toBe('true');

    // Searching narrows the grid; every icon is a radio button with its name.
    await page.getByLabel('Search icons').fill('rock');
    await page.getByRole('radio', { name: 'Rocket' }).check();
    expect(await page.getByRole('radio', { name: 'Open book' }).count()).toBe(0);
    await page.getByLabel('Search icons').fill('');
    // The arrow keys move between icons as in any radio group.
    await page.getByRole('radio', { name: 'Open book' }).check();
    await page.getByRole('radio', { name: 'Open book' }).press('ArrowRight');
    expect(await page.getByRole('radio', { name: 'Graduation cap' }).isChecked()).toBe(true);

    await page.getByLabel('Subtitle (optional)').fill('Advanced');
    await previewDrawn(page);
    await checkLayouts(page, 'editor');

    await page.getByRole('button', { name: 'Save design' }).click();
    await page.getByText('Design saved', { exact: false }).waitFor();
    await page.getByText('Designed in the badge designer.').waitFor();
    const { badge, svg } = await storedPicture();
    expect(badge.design).toMatchObject({ template: 'hexagon', icon: 'graduation-cap', subtitle: 'Advanced' });
    expect(svg).toContain('Advanced');
    expect(svg).toContain(badgeName);
    writeFileSync(join(screenshotDir, 'badge-designer-saved.png'), svgToPng(svg));
    expect(scriptErrors).toEqual([]);
  }, 240_000);

  it('offers the logo once the organization has one, and embeds it in the saved picture', async () => {
    const { app } = started().testApp;
    const form = multipartFile('logo.svg', logo, 'image/svg+xml');
    const uploaded = await app.inject({
      method: 'PUT',
      url: `/api/v1/orgs/${issuer.orgId}/logo`,
      headers: { ...issuer.owner.headers, ...form.headers },
      payload: form.payload,
    });
    expect(uploaded.statusCode, uploaded.body).toBe(200);

    const { page, scriptErrors } = await started().openPage(`/issue/badges/${badgeId}`);
    await logIn(page, issuer.owner.email);
    await page.getByRole('heading', { name: 'Design the badge' }).waitFor({ timeout: 120_000 });
    expect(await page.getByRole('radio', { name: 'Hexagon' }).isChecked()).toBe(true);
    const useLogo = page.getByLabel('Use our logo');
    expect(await useLogo.isDisabled()).toBe(false);
    await useLogo.check();
    await page.getByRole('radio', { name: 'Shield', exact: true }).check();
    await previewDrawn(page);
    await page.getByRole('button', { name: 'Save design' }).click();
    await page.getByText('Design saved', { exact: false }).waitFor();
    const { svg } = await storedPicture();
    expect(svg).toMatch(/<image [^>]*href="data:image\/png;base64,/);
    writeFileSync(join(screenshotDir, 'badge-designer-logo.png'), svgToPng(svg));
    await page.setViewportSize({ width: 390, height: 900 });
    await page.screenshot({ path: join(screenshotDir, 'badge-designer-logo-390.png'), fullPage: true });
    expect(scriptErrors).toEqual([]);
  }, 240_000);

  it('adds an "any of" group of grade requirements, and the learner sees it with their grade', async () => {
    const { app, deps } = started().testApp;
    const registered = await app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/lti/platforms`,
      headers: issuer.owner.headers,
      payload: {
        name: 'Canvas',
        issuer: `https://canvas-${suffix}.example.edu`,
        clientId: '10000000000077',
        deploymentIds: ['1:ab'],
        authUrl: `https://canvas-${suffix}.example.edu/api/lti/authorize_redirect`,
        tokenUrl: `https://canvas-${suffix}.example.edu/login/oauth2/token`,
        jwksUrl: `https://canvas-${suffix}.example.edu/api/lti/security/jwks`,
      },
    });
    expect(registered.statusCode, registered.body).toBe(201);
    const lineItem = (label: string, n: number) =>
      upsertLineItem(deps.db, {
        orgId: issuer.orgId,
        platformId: registered.json().id,
        lineItemUrl: `https://canvas-${suffix}.example.edu/api/lti/courses/7/line_items/${n}`,
        label,
        scoreMaximum: 100,
        platformName: 'Canvas',
        contextTitle: 'Algebra 101',
      });
    const final = await lineItem('Final exam', 1);
    await lineItem('Midterm', 2);
    const badge = await aDraftBadge(app, issuer, { courseIds: [], name: `Algebra by grades ${suffix}` });
    const learner = await aVerifiedUser(deps, { name: 'Greta Grades' });
    await deps.db.transaction().execute((trx) =>
      recordGrade(deps, trx, {
        orgId: issuer.orgId,
        lineItemId: final.id,
        userId: learner.user.id,
        scoreGiven: 72,
        scoreMaximum: 100,
        gradedAt: new Date(),
      }),
    );

    const editor = await started().openPage(`/issue/badges/${badge.id}`);
    const page = editor.page;
    await logIn(page, issuer.owner.email);
    const activity = page.getByLabel('Graded activity');
    await activity.waitFor({ timeout: 120_000 });
    await activity.selectOption({ label: 'Final exam (Canvas, Algebra 101)' });
    await page.getByLabel('Bar', { exact: true }).selectOption('percent');
    await page.getByLabel('At least', { exact: true }).fill('80');
    await page.getByRole('button', { name: 'Add grade requirement' }).click();
    await activity.selectOption({ label: 'Midterm (Canvas, Algebra 101)' });
    await page.getByLabel('Bar', { exact: true }).selectOption('points');
    await page.getByLabel('At least', { exact: true }).fill('40');
    await page.getByRole('button', { name: 'Add grade requirement' }).click();
    await page.getByLabel('Group the grade requirements as').selectOption('any');
    await page.getByRole('button', { name: 'Group them' }).click();
    const group = page.getByRole('listitem').filter({ hasText: 'Any of:' });
    await group.getByText('Final exam (Canvas, Algebra 101): at least 80%').waitFor();
    await group.getByText('Midterm (Canvas, Algebra 101): at least 40 points').waitFor();
    await checkLayouts(page, 'grade-requirements');

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved.').first().waitFor({ timeout: 60_000 });
    await page.reload();
    await page
      .getByRole('listitem')
      .filter({ hasText: 'Any of:' })
      .getByText('Final exam (Canvas, Algebra 101): at least 80%')
      .waitFor({ timeout: 120_000 });
    const stored = await app.inject({
      url: `/api/v1/orgs/${issuer.orgId}/badges/${badge.id}`,
      headers: issuer.owner.headers,
    });
    expect(stored.json().requirements.items).toMatchObject([
      {
        kind: 'group',
        mode: 'any',
        items: [
          { kind: 'grade', lineItemId: final.id, min: { percent: 80 } },
          { kind: 'grade', min: { points: 40 } },
        ],
      },
    ]);
    expect(editor.scriptErrors).toEqual([]);

    const published = await app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/badges/${badge.id}/publish`,
      headers: issuer.owner.headers,
    });
    expect(published.statusCode, published.body).toBe(200);
    const progress = await started().openPage('/learn/badge-progress');
    await logIn(progress.page, learner.email);
    const card = progress.page.getByRole('article', { name: `Algebra by grades ${suffix}` });
    await card.waitFor({ timeout: 120_000 });
    const anyOf = card.getByRole('listitem').filter({ hasText: 'Any of:' }).first();
    await anyOf.getByText('Score at least 80% on Final exam (Canvas, Algebra 101)').waitFor();
    await anyOf.getByText('(your grade: 72%)').waitFor();
    await anyOf.getByText('Score at least 40 of 100 points on Midterm (Canvas, Algebra 101)').waitFor();
    await anyOf.getByText('(no grade from your learning platform yet)').waitFor();
    expect(await anyOf.getByText('not met yet').count()).toBeGreaterThan(0);
    await progress.page.setViewportSize({ width: 390, height: 900 });
    await progress.page.screenshot({
      path: join(screenshotDir, 'badge-designer-grade-progress-390.png'),
      fullPage: true,
    });
    expect(progress.scriptErrors).toEqual([]);
  }, 600_000);
});
