// The issuer and operator dashboards in a browser (issue #19, item 8), on the demo data `npm start` seeds (with
// its year of activity, src/seed/demo-activity.ts, so every figure has something to show):
// the demo issuer's owner sees on /issue the figures the API gives (tiles, charts drawn as titled SVG images,
// the same figures in the tables behind "Show the data", a CSV download); the demo platform operator sees
// on /operate the platform's organizations, users, mail and versions. Axe at 1280 and 390 px, no sideways
// scroll at 390 and 320 px, screenshots test-output/screenshots/dashboard-{issuer,operator}-<width>.png.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoDataIfEmpty } from '../../src/seed/demo.ts';
import { seriousViolations } from '../support/axe.ts';
import { screenshotDir, sidewaysScroll, startWebApp, type WebAppUnderTest } from '../support/browser.ts';

const ISSUER = 'admin@tessera.test';
const OPERATOR = 'operator@tessera.test';

let web: WebAppUnderTest | undefined;
const passwords = new Map<string, string>();

beforeAll(async () => {
  web = await startWebApp();
  const { deps } = web.testApp;
  expect(await seedDemoDataIfEmpty(deps, { activity: true })).toBe(true);
  // The demo passwords are random per install, kept in DATA_DIR as `npm start` prints them.
  const text = readFileSync(join(deps.config.dataDir, 'demo-credentials.txt'), 'utf8');
  for (const match of text.matchAll(/(\S+@tessera\.test)\s+(\S+)/g))
    passwords.set(match[1] ?? '', match[2] ?? '');
  mkdirSync(screenshotDir, { recursive: true });
}, 240_000);

afterAll(async () => {
  await web?.close();
});

function started(): WebAppUnderTest {
  if (!web) throw new Error('the web app did not start');
  return web;
}

async function logIn(page: Page, email: string): Promise<void> {
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(passwords.get(email) ?? '');
  await page.getByRole('button', { name: 'Log in' }).click();
}

/** What the API answers a demo user (the figures the page must show). */
async function apiReply<T>(page: Page, path: string): Promise<T> {
  const reply = await page.evaluate(async (url) => {
    const response = await fetch(url, { credentials: 'same-origin' });
    return { status: response.status, body: await response.text() };
  }, path);
  expect(reply.status, reply.body).toBe(200);
  return JSON.parse(reply.body) as T;
}

/** Axe and a full-page screenshot at 1280 and 390 px; no sideways scroll at 390 and 320 px. */
async function checkLayouts(page: Page, name: string): Promise<void> {
  for (const width of [1280, 390, 320]) {
    await page.setViewportSize({ width, height: 900 });
    // recharts measures its box after a resize; let it draw at the new width first.
    await page.waitForTimeout(300);
    if (width !== 320) {
      expect(await seriousViolations(page), `${name} at ${width} px`).toEqual([]);
      await page.screenshot({ path: join(screenshotDir, `dashboard-${name}-${width}.png`), fullPage: true });
    }
    expect(await sidewaysScroll(page), `${name} scrolls sideways at ${width} px`).toBeLessThanOrEqual(0);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** The rows of a table as trimmed cell texts (header row included). */
function rowsOf(page: Page, caption: string): Promise<string[][]> {
  return page
    .getByRole('table', { name: caption })
    .evaluate((table) =>
      [...(table as HTMLTableElement).rows].map((row) =>
        [...row.cells].map((cell) => (cell.textContent ?? '').trim()),
      ),
    );
}

const tile = (page: Page, key: string) => page.locator(`[data-figure="${key}"] .analytics-figure__value`);

interface IssuerFigures {
  awards: {
    totals: Record<'issued' | 'offered' | 'accepted' | 'declined' | 'awaitingFee' | 'sharedPublicly', number>;
    overTime: Array<{ period: string; issued: number; accepted: number }>;
    expiringSoon: { total: number };
  };
  learning: { enrolments: number; completions: number; perCourse: Array<{ title: string }> };
  badges: Array<{ name: string; accepted: number }>;
  reviewQueue: { pending: number };
}

interface OperatorFigures {
  organizations: { total: number; issuers: number; employers: number };
  users: { total: number; verified: number; overTime: Array<{ period: string; users: number }> };
  versions: { app: string; node: string };
}

describe('the dashboards in a browser', () => {
  it('shows the demo issuer its figures: tiles, charts as titled SVG, the same figures in their tables, a CSV', async () => {
    const { page, scriptErrors } = await started().openPage('/issue');
    await logIn(page, ISSUER);
    await page.getByRole('heading', { name: 'Figures', level: 2 }).waitFor({ timeout: 60_000 });
    await tile(page, 'accepted').waitFor();
    const orgId = await page.evaluate(async () => {
      const response = await fetch('/api/v1/orgs', { credentials: 'same-origin' });
      const body = (await response.json()) as { items: Array<{ id: string; slug: string }> };
      return body.items.find((org) => org.slug === 'northwind-academy')?.id ?? '';
    });
    const api = await apiReply<IssuerFigures>(page, `/api/v1/orgs/${orgId}/figures`);
    // The demo's year of activity: awards in every state, expiring ones, learning and a waiting review queue.
    expect(api.badges.length).toBeGreaterThanOrEqual(1);
    expect(api.learning.perCourse.length).toBeGreaterThanOrEqual(1);
    for (const key of ['offered', 'accepted', 'declined', 'awaitingFee', 'sharedPublicly'] as const) {
      expect(api.awards.totals[key], key).toBeGreaterThan(0);
      expect(await tile(page, key).textContent(), key).toBe(String(api.awards.totals[key]));
    }
    for (const figure of [api.awards.expiringSoon.total, api.learning.enrolments, api.reviewQueue.pending])
      expect(figure).toBeGreaterThan(0);
    expect(api.awards.overTime.filter((bucket) => bucket.issued > 0).length).toBeGreaterThanOrEqual(8);
    expect(await tile(page, 'expiring').textContent()).toBe(String(api.awards.expiringSoon.total));
    expect(await tile(page, 'enrolments').textContent()).toBe(String(api.learning.enrolments));
    expect(await tile(page, 'reviewQueue').textContent()).toBe(String(api.reviewQueue.pending));

    for (const title of [
      'Awards over time',
      'Acceptance per badge',
      'Enrolments and completions over time',
      'Courses',
      'Review queue',
    ]) {
      const chart = page.getByRole('img', { name: title });
      await chart.waitFor();
      expect(await chart.evaluate((node) => node.tagName.toLowerCase())).toBe('svg');
    }
    const awards = page.getByRole('region', { name: 'Awards over time' });
    await awards.getByText('Show the data').click();
    const rows = (await rowsOf(page, 'Awards issued per period, by state')).slice(1);
    expect(rows.map((row) => [Number(row[1]), Number(row[3])])).toEqual(
      api.awards.overTime.map((b) => [b.issued, b.accepted]),
    );
    const badges = page.getByRole('region', { name: 'Acceptance per badge' });
    await badges.getByText('Show the data').click();
    const badgeRows = (await rowsOf(page, 'Awards and acceptance rate per badge')).slice(1);
    expect(badgeRows.map((row) => [row[0], Number(row[2])])).toEqual(
      api.badges.map((b) => [b.name, b.accepted]),
    );
    await checkLayouts(page, 'issuer');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      badges.getByRole('link', { name: /^Download CSV/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^figures-badges-.*\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.split(/\r?\n/)[0]).toBe(
      'badge_id,name,issued,offered,accepted,declined,awaiting_fee,acceptance_rate',
    );
    expect(csv).toContain(api.badges[0]?.name ?? '?');

    // The period selector keeps the choice in the address.
    await page.getByLabel('Group by').selectOption('week');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/interval=week/);
    await page.getByRole('img', { name: 'Awards over time' }).waitFor();
    expect(scriptErrors).toEqual([]);
  }, 180_000);

  it('shows the demo platform operator the platform: organizations, users, mail, jobs, storage, versions', async () => {
    const { page, scriptErrors } = await started().openPage('/operate');
    await logIn(page, OPERATOR);
    await page.getByRole('heading', { name: 'Platform figures', level: 2 }).waitFor({ timeout: 60_000 });
    await tile(page, 'organizations').waitFor();
    const api = await apiReply<OperatorFigures>(page, '/api/v1/operate/figures');
    // The demo: Northwind Academy and Contoso Talent; five people and the demo learners, joining over the year.
    expect(api.organizations).toEqual({ total: 2, issuers: 1, employers: 1 });
    expect(api.users.total).toBeGreaterThan(5 + 30);
    expect(api.users.overTime.filter((bucket) => bucket.users > 0).length).toBeGreaterThanOrEqual(10);
    expect(await tile(page, 'organizations').textContent()).toBe('2');
    expect(await tile(page, 'users').textContent()).toBe(String(api.users.total));
    for (const title of ['New users over time', 'Mail over time']) {
      const chart = page.getByRole('img', { name: title });
      await chart.waitFor();
      expect(await chart.evaluate((node) => node.tagName.toLowerCase())).toBe('svg');
    }
    const versions = page.getByRole('region', { name: 'Versions' });
    await versions.getByText(api.versions.node).waitFor();
    await versions.getByText(api.versions.app, { exact: true }).waitFor();
    await page.getByRole('region', { name: 'New users over time' }).getByText('Show the data').click();
    const userRows = (await rowsOf(page, 'Accounts created per period')).slice(1);
    expect(userRows.reduce((sum, row) => sum + Number(row[1]), 0)).toBe(
      api.users.overTime.reduce((sum, bucket) => sum + bucket.users, 0),
    );
    await checkLayouts(page, 'operator');
    expect(scriptErrors).toEqual([]);
  }, 180_000);
});
