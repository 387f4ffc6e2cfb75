// The employer's analytics pages in a browser (issue #17, item 3): a manager whose two people share badges
// aligned to O*NET skills and hold a role profile made from an occupation sees, on /employ, the figures the
// API gives, charts drawn as titled SVG images whose data tables hold the same figures, and downloads a table
// as CSV; on /employ/gaps the heat map shows the API's gap in the right person's row and skill's column, and
// a course that closes the gap links to sponsoring it for exactly the people who lack the skill. Axe at 1280
// and 390 px, no sideways scroll at 390 and 320 px, screenshots in test-output/screenshots.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aOneLessonCourse } from '../../src/badges/award-testing.ts';
import { aPublishedBadge } from '../../src/badges/testing.ts';
import { aLoggedInUser, TEST_PASSWORD, type TestSession } from '../../src/identity/testing.ts';
import { aBadgeAsserting, anAcceptedAward } from '../../src/insights/testing.ts';
import { anIssuerWithOwner } from '../../src/issuing/testing.ts';
import { importOnet } from '../../src/skills/index.ts';
import { anEmployee, anEmployerWithManager, type TestEmployer } from '../../src/workforce/testing.ts';
import { seriousViolations } from '../support/axe.ts';
import { screenshotDir, sidewaysScroll, startWebApp, type WebAppUnderTest } from '../support/browser.ts';

const sample = resolve(import.meta.dirname, '../../vendor/skills-sample/onet');
const suffix = randomBytes(3).toString('hex');
const onet = (code: string) => ({ framework: 'onet' as const, code });
// O*NET concepts of the shipped sample: Technical Writers (27-3042.00) need all of them.
const WRITING = '2.A.1.c';
const READING = '2.A.1.a';
const LISTENING = '2.A.1.b';
const CRITICAL_THINKING = '2.A.2.a';

let web: WebAppUnderTest | undefined;
let employer: TestEmployer;
const people: Record<'ana' | 'ben', { name: string; employeeId: string }> = {
  ana: { name: `Ana Writer ${suffix}`, employeeId: '' },
  ben: { name: `Ben Editor ${suffix}`, employeeId: '' },
};
let closerCourseId = '';

beforeAll(async () => {
  web = await startWebApp();
  const t = web.testApp;
  const { app, deps } = t;
  await importOnet(deps.db, sample);
  const issuer = await anIssuerWithOwner(app, deps, 'Docs Academy');
  const courseId = await aOneLessonCourse(app, issuer, { title: `Writing manuals ${suffix}` });
  // Published and carrying Critical Thinking, which nobody shows: it closes that gap.
  closerCourseId = await aOneLessonCourse(app, issuer, {
    title: `Thinking it through ${suffix}`,
    skills: [{ name: 'Critical thinking', concept: onet(CRITICAL_THINKING), level: 4 }],
  });
  const writing = await aBadgeAsserting(t, issuer, courseId, `Documentation writing ${suffix}`, [
    { name: 'Technical writing', concept: onet(WRITING), level: 5 },
    { name: 'Reading specifications', concept: onet(READING), level: 4 },
  ]);
  const listening = await aBadgeAsserting(t, issuer, courseId, `Interviewing engineers ${suffix}`, [
    { name: 'Listening to engineers', concept: onet(LISTENING), level: 3 },
  ]);

  // Valid for 30 days: it shows in the list of badges expiring within 90 days.
  const briefing = await aPublishedBadge(app, issuer, {
    courseIds: [courseId],
    name: `Safety briefing ${suffix}`,
    extra: { validityDays: 30 },
  });

  employer = await anEmployerWithManager(app, deps);
  const sessions: Record<string, TestSession & { email: string }> = {};
  for (const key of ['ana', 'ben'] as const) {
    const person = await aLoggedInUser(app, deps, { name: people[key].name });
    sessions[key] = person;
    people[key].employeeId = await anEmployee(app, deps, employer, person);
  }
  // Ana holds three badges, Ben the writing one; both share everything they hold.
  await anAcceptedAward(t, issuer, writing, sessions.ana as TestSession & { email: string });
  await anAcceptedAward(t, issuer, listening, sessions.ana as TestSession & { email: string });
  await anAcceptedAward(t, issuer, briefing.id, sessions.ana as TestSession & { email: string });
  await anAcceptedAward(t, issuer, writing, sessions.ben as TestSession & { email: string });
  for (const key of ['ana', 'ben'] as const) {
    const consent = await app.inject({
      method: 'PUT',
      url: `/api/v1/me/employers/${employer.orgId}/consent`,
      headers: sessions[key]?.headers,
      payload: { share: 'all', includeImports: false },
    });
    if (consent.statusCode !== 200) throw new Error(`consent failed: ${consent.body}`);
  }

  const manager = employer.manager.headers;
  const role = await app.inject({
    method: 'POST',
    url: `/api/v1/orgs/${employer.orgId}/role-profiles/from-occupation`,
    headers: manager,
    payload: { framework: 'onet', code: '27-3042.00' },
  });
  if (role.statusCode !== 201) throw new Error(`role profile failed: ${role.body}`);
  for (const key of ['ana', 'ben'] as const) {
    const assigned = await app.inject({
      method: 'PUT',
      url: `/api/v1/orgs/${employer.orgId}/employees/${people[key].employeeId}/roles`,
      headers: manager,
      payload: { roleIds: [role.json().id] },
    });
    if (assigned.statusCode !== 200) throw new Error(`role assignment failed: ${assigned.body}`);
  }
  const team = await app.inject({
    method: 'POST',
    url: `/api/v1/orgs/${employer.orgId}/teams`,
    headers: manager,
    payload: { name: 'Documentation' },
  });
  if (team.statusCode !== 201) throw new Error(`team failed: ${team.body}`);
  await app.inject({
    method: 'PUT',
    url: `/api/v1/orgs/${employer.orgId}/teams/${team.json().id}/members`,
    headers: manager,
    payload: { employeeIds: [people.ana.employeeId, people.ben.employeeId] },
  });
  mkdirSync(screenshotDir, { recursive: true });
}, 240_000);

afterAll(async () => {
  await web?.close();
});

function started(): WebAppUnderTest {
  if (!web) throw new Error('the web app did not start');
  return web;
}

/** What the API answers the manager (the figures the page must show). */
async function apiReply<T>(path: string): Promise<T> {
  const reply = await started().testApp.app.inject({
    method: 'GET',
    url: `/api/v1/orgs/${employer.orgId}${path}`,
    headers: employer.manager.headers,
  });
  expect(reply.statusCode, reply.body).toBe(200);
  return reply.json() as T;
}

async function logIn(page: Page): Promise<void> {
  await page.getByLabel('Email address').fill(employer.manager.email);
  await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
}

/** Axe and a full-page screenshot at 1280 and 390 px; no sideways scroll at 390 and 320 px. */
async function checkLayouts(page: Page, name: string): Promise<void> {
  for (const width of [1280, 390, 320]) {
    await page.setViewportSize({ width, height: 900 });
    // recharts measures its box after a resize; let it draw at the new width first.
    await page.waitForTimeout(300);
    if (width !== 320) {
      expect(await seriousViolations(page), `${name} at ${width} px`).toEqual([]);
      await page.screenshot({
        path: join(screenshotDir, `employer-analytics-${name}-${width}.png`),
        fullPage: true,
      });
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

interface Figures {
  people: number;
  sharingPeople: number;
  badges: {
    total: number;
    perEmployee: Array<{ name: string; count: number }>;
    overTime: Array<{ period: string; count: number }>;
  };
  skills: { overTime: Array<{ period: string; gained: number }> };
  renewals: { expiringSoon: Array<{ name: string; badgeName: string; validUntil: string }> };
}

describe('the employer analytics pages in a browser', () => {
  it('shows the overview figures the API gives, charts as titled SVG with the same figures in their tables, and a CSV download', async () => {
    const api = await apiReply<Figures>('/analytics');
    expect(api.people).toBe(2);
    expect(api.badges.total).toBe(4);
    expect(api.renewals.expiringSoon.map((row) => row.badgeName)).toEqual([`Safety briefing ${suffix}`]);
    const { page, scriptErrors } = await started().openPage('/employ');
    await logIn(page);
    await page.getByRole('heading', { name: 'Your team’s skills', level: 1 }).waitFor();
    await page.getByRole('navigation', { name: 'Employer pages' }).waitFor();

    const figure = (key: string) => page.locator(`[data-figure="${key}"] .analytics-figure__value`);
    await figure('people').waitFor();
    expect(await figure('people').textContent()).toBe(String(api.people));
    expect(await figure('sharing').textContent()).toBe(String(api.sharingPeople));
    expect(await figure('badges').textContent()).toBe(String(api.badges.total));
    expect(await figure('expiring').textContent()).toBe('1');

    // Every chart is one image named by its title; recharts drew it (bars or a line inside).
    for (const title of ['Badges earned over time', 'Skills gained over time', 'Badges per person']) {
      const chart = page.getByRole('img', { name: title });
      await chart.waitFor();
      expect(await chart.evaluate((node) => node.tagName.toLowerCase())).toBe('svg');
    }
    const perPerson = page.getByRole('region', { name: 'Badges per person' });
    expect(await perPerson.locator('svg .recharts-bar-rectangle').count()).toBe(
      api.badges.perEmployee.length,
    );

    // The tables behind "Show the data" hold the API's figures, row for row.
    await perPerson.getByText('Show the data').click();
    expect((await rowsOf(page, 'Badges earned per person, most first')).slice(1)).toEqual(
      api.badges.perEmployee.map((row) => [row.name, String(row.count)]),
    );
    expect(api.badges.perEmployee.map((row) => row.name)).toEqual([people.ana.name, people.ben.name]);
    const overTime = page.getByRole('region', { name: 'Badges earned over time' });
    await overTime.getByText('Show the data').click();
    const overTimeRows = (await rowsOf(page, 'Badges earned per period')).slice(1);
    expect(overTimeRows.map((row) => Number(row[1]))).toEqual(api.badges.overTime.map((row) => row.count));
    const skills = page.getByRole('region', { name: 'Skills gained over time' });
    await skills.getByText('Show the data').click();
    const skillRows = (await rowsOf(page, 'Skills gained per period')).slice(1);
    expect(skillRows.map((row) => Number(row[1]))).toEqual(api.skills.overTime.map((row) => row.gained));
    // Ana shows three concepts, Ben two.
    expect(skillRows.reduce((sum, row) => sum + Number(row[1]), 0)).toBe(5);
    // The expiring badge is listed with its holder and the day it ends (read in UTC, as the page does).
    const until = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(
      new Date(api.renewals.expiringSoon[0]?.validUntil ?? ''),
    );
    expect((await rowsOf(page, 'Shared badges expiring in the next 90 days')).slice(1)).toEqual([
      [people.ana.name, `Safety briefing ${suffix}`, until],
    ]);
    await checkLayouts(page, 'overview');

    // The CSV link downloads the table as CSV, with the session cookie.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      perPerson.getByRole('link', { name: /^Download CSV/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv).toContain(people.ana.name);
    expect(csv).toContain(people.ben.name);
    expect(csv).not.toMatch(/^\s*[{[]/);

    // The team selector keeps the choice in the address and shows the team's figures.
    await page.getByLabel('Team', { exact: true }).selectOption({ label: 'Documentation' });
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByText(/^Team Documentation, /).waitFor();
    expect(new URL(page.url()).searchParams.get('teamId')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await figure('badges').textContent()).toBe(String(api.badges.total));
    expect(scriptErrors).toEqual([]);
    await page.context().close();
  }, 180_000);

  it('shows the gap of the heat map in the right cell and links a closing course to sponsoring it for the people who lack the skill', async () => {
    const api = await apiReply<{
      skills: Array<{ code: string; label: string }>;
      people: Array<{ employeeId: string; name: string; cells: Array<{ code: string; gap: number | null }> }>;
    }>('/analytics/gap');
    const critical = api.skills.find((skill) => skill.code === CRITICAL_THINKING);
    if (!critical) throw new Error('Technical Writers need Critical Thinking in the sample');
    const anaRow = api.people.find((person) => person.name === people.ana.name);
    const gap = anaRow?.cells.find((cell) => cell.code === CRITICAL_THINKING)?.gap;
    expect(gap).toBeGreaterThan(0);

    const { page, scriptErrors } = await started().openPage('/employ/gaps');
    await logIn(page);
    await page.getByRole('heading', { name: 'Skill gaps', level: 1 }).waitFor();
    const caption = 'Gap = required level minus evidenced level';
    const table = page.getByRole('table', { name: caption });
    await table.waitFor();
    // The cell where Ana's row meets the Critical Thinking column shows the API's gap as text.
    const cellText = await table.evaluate(
      (node, { person, skill }) => {
        const tableEl = node as HTMLTableElement;
        const header = [...(tableEl.tHead?.rows[0]?.cells ?? [])];
        const column = header.findIndex((cell) => cell.textContent?.startsWith(skill));
        const row = [...(tableEl.tBodies[0]?.rows ?? [])].find((r) =>
          r.cells[0]?.textContent?.startsWith(person),
        );
        return row?.cells[column]?.textContent?.trim() ?? null;
      },
      { person: people.ana.name, skill: critical.label },
    );
    expect(cellText).toBe(new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 }).format(gap ?? -1));
    // Headers are scoped, so each number is read with its person and skill.
    expect(await table.locator('thead th[scope="col"]').count()).toBe(api.skills.length + 1);
    expect(await table.locator('tbody th[scope="row"]').count()).toBe(api.people.length);

    // The course that teaches Critical Thinking links to sponsoring it for both people (both lack it).
    const closer = page
      .getByRole('article')
      .filter({ has: page.getByRole('heading', { name: critical.label }) });
    const sponsor = closer.getByRole('link', { name: new RegExp(`^Sponsor Thinking it through ${suffix}`) });
    const href = new URL((await sponsor.getAttribute('href')) ?? '', 'http://x');
    expect(href.pathname).toBe('/employ/sponsor');
    expect(href.searchParams.get('course')).toBe(closerCourseId);
    expect(href.searchParams.getAll('employee').sort()).toEqual(
      [people.ana.employeeId, people.ben.employeeId].sort(),
    );
    await checkLayouts(page, 'gaps');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /^Download CSV/ }).click(),
    ]);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.split(/\r?\n/)[0]).toContain(critical.label);
    expect(csv).toContain(people.ana.name);
    expect(scriptErrors).toEqual([]);
    await page.context().close();
  }, 180_000);
});
