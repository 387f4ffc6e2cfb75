// The employer's whole story in a browser (issue #17, "Done when"), as the two people live it: a manager invites
// an employee by email on the people page; the employee opens the mailed link, accepts and shares two of their
// three badges; the manager sees them on the person page and the dashboard, builds a role from an O*NET
// occupation in the role editor, gives it to the employee and finds the gap on the heat map; from the gap the
// manager sponsors the badge bundle that closes it and orders by invoice, which the issuer marks paid (API);
// the employee finds the seat from My learning, claims it, completes both courses in the player, accepts the
// badge they earned from its mail and shares it too; the heat map shows the gap closed. The employee then
// stops sharing, and the manager's people page, person page, dashboard and heat map forget them.
// Every main page: axe (no serious or critical violation) and no sideways scroll at 1280 and 390 px,
// screenshots in test-output/screenshots/employer-journey-*.png.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aOneLessonCourse, lastClaimToken, settleLearningEvents } from '../../src/badges/award-testing.ts';
import { aPublishedBadge } from '../../src/badges/testing.ts';
import { aPricedCourse, markPaid, setShopSettings } from '../../src/commerce/testing.ts';
import { aLoggedInUser, TEST_PASSWORD, type TestSession } from '../../src/identity/testing.ts';
import { aBadgeAsserting, anAcceptedAward } from '../../src/insights/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../../src/issuing/testing.ts';
import { importOnet } from '../../src/skills/index.ts';
import {
  anEmployerWithManager,
  lastInvitationToken,
  type TestEmployer,
} from '../../src/workforce/testing.ts';
import { seriousViolations } from '../support/axe.ts';
import { screenshotDir, sidewaysScroll, startWebApp, type WebAppUnderTest } from '../support/browser.ts';

const sample = resolve(import.meta.dirname, '../../vendor/skills-sample/onet');
const suffix = randomBytes(3).toString('hex');
const onet = (code: string) => ({ framework: 'onet' as const, code });
// O*NET concepts of the shipped sample; Technical Writers (27-3042.00) need each of them.
const WRITING = '2.A.1.c';
const READING = '2.A.1.a';
const LISTENING = '2.A.1.b';
const CRITICAL_THINKING = '2.A.2.a';

const employeeName = `Maria Writer ${suffix}`;
const badges = {
  writing: `Documentation writing ${suffix}`,
  listening: `Interviewing engineers ${suffix}`,
  safety: `Safety briefing ${suffix}`,
  closer: `Thinking it through ${suffix}`,
};
const courses = { a: `Arguments and evidence ${suffix}`, b: `Reasoning about specs ${suffix}` };

let web: WebAppUnderTest | undefined;
let issuer: TestIssuer;
let employer: TestEmployer;
let employee: TestSession & { email: string };
let closerBadgeId = '';
let orgName = '';

beforeAll(async () => {
  web = await startWebApp();
  const t = web.testApp;
  const { app, deps } = t;
  await importOnet(deps.db, sample);
  issuer = await anIssuerWithOwner(app, deps, 'Docs Academy');
  // Badges the employee already holds: two carry skills the role needs, the third none.
  const freeCourse = await aOneLessonCourse(app, issuer, { title: `Writing manuals ${suffix}` });
  const writing = await aBadgeAsserting(t, issuer, freeCourse, badges.writing, [
    { name: 'Technical writing', concept: onet(WRITING), level: 5 },
    { name: 'Reading specifications', concept: onet(READING), level: 4 },
  ]);
  const listening = await aBadgeAsserting(t, issuer, freeCourse, badges.listening, [
    { name: 'Listening to engineers', concept: onet(LISTENING), level: 4 },
  ]);
  const safety = await aBadgeAsserting(t, issuer, freeCourse, badges.safety, []);
  // The gap closer: a badge asserting Critical Thinking (level 5, above what the role needs), earned by two
  // priced courses and so sold as a bundle (€40 + €60, 10 % off, 20 % tax).
  await setShopSettings(t, issuer, { taxRateBp: 2000, bundleDiscountBp: 1000 });
  const courseA = await aPricedCourse(t, issuer, { priceMinor: 4000, title: courses.a });
  const courseB = await aPricedCourse(t, issuer, { priceMinor: 6000, title: courses.b });
  closerBadgeId = (
    await aPublishedBadge(app, issuer, {
      courseIds: [courseA, courseB],
      name: badges.closer,
      extra: { skills: [{ name: 'Critical thinking', concept: onet(CRITICAL_THINKING), level: 5 }] },
    })
  ).id;

  employer = await anEmployerWithManager(app, deps);
  orgName = (
    await deps.db
      .selectFrom('organizations')
      .select('name')
      .where('id', '=', employer.orgId)
      .executeTakeFirstOrThrow()
  ).name;
  employee = await aLoggedInUser(app, deps, { name: employeeName });
  for (const badgeId of [writing, listening, safety]) await anAcceptedAward(t, issuer, badgeId, employee);
  mkdirSync(screenshotDir, { recursive: true });
}, 300_000);

afterAll(async () => {
  await web?.close();
});

function started(): WebAppUnderTest {
  if (!web) throw new Error('the web app did not start');
  return web;
}

/** A browser of its own for one person, logged in through the login page, on `path`. */
async function browserOf(email: string, path: string): Promise<{ page: Page; scriptErrors: string[] }> {
  const opened = await started().openPage(`/login?next=${encodeURIComponent(path)}`);
  opened.page.setDefaultTimeout(60_000);
  await opened.page.getByLabel('Email address').fill(email);
  await opened.page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
  await opened.page.getByRole('button', { name: 'Log in' }).click();
  await opened.page.waitForURL((url) => url.pathname !== '/login');
  return opened;
}

async function go(page: Page, path: string): Promise<void> {
  await page.goto(`${started().baseUrl}${path}`);
}

/** Axe and a full-page screenshot at 1280 and 390 px, and no sideways scroll at either width. */
async function checkLayouts(page: Page, name: string): Promise<void> {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    // Charts measure their box after a resize: let them draw at the new width first.
    await page.waitForTimeout(300);
    expect(await seriousViolations(page), `${name} at ${width} px`).toEqual([]);
    expect(await sidewaysScroll(page), `${name} scrolls sideways at ${width} px`).toBeLessThanOrEqual(0);
    await page.screenshot({
      path: join(screenshotDir, `employer-journey-${name}-${width}.png`),
      fullPage: true,
    });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** The text of the heat map's cell where the person's row meets the skill's column (null: no such cell). */
function heatCell(page: Page, person: string, skill: string): Promise<string | null> {
  return page.getByRole('table', { name: 'Gap = required level minus evidenced level' }).evaluate(
    (node, { person, skill }) => {
      const table = node as HTMLTableElement;
      const header = [...(table.tHead?.rows[0]?.cells ?? [])];
      const column = header.findIndex((cell) => cell.textContent?.startsWith(skill));
      const row = [...(table.tBodies[0]?.rows ?? [])].find((r) =>
        r.cells[0]?.textContent?.startsWith(person),
      );
      return column < 0 ? null : (row?.cells[column]?.textContent?.trim() ?? null);
    },
    { person, skill },
  );
}

/** What the API's heat map answers the manager for the employee's Critical Thinking cell. */
async function apiGap(): Promise<number | null | undefined> {
  const reply = await started().testApp.app.inject({
    method: 'GET',
    url: `/api/v1/orgs/${employer.orgId}/analytics/gap`,
    headers: employer.manager.headers,
  });
  expect(reply.statusCode, reply.body).toBe(200);
  const map = reply.json() as {
    people: Array<{ name: string; cells: Array<{ code: string; gap: number | null }> }>;
  };
  return map.people
    .find((p) => p.name === employeeName)
    ?.cells.find((cell) => cell.code === CRITICAL_THINKING)?.gap;
}

describe('the employer journey in a browser', () => {
  it('invites, shares, maps the gap, sponsors the bundle that closes it, sees it closed, and forgets a leaver', async () => {
    const { deps } = started().testApp;

    // 1. The manager invites the employee by address.
    const manager = await browserOf(employer.manager.email, '/employ/people');
    const m = manager.page;
    await m.getByRole('heading', { name: 'People', level: 1 }).waitFor();
    const invite = m.getByRole('region', { name: 'Invite people' });
    await invite.getByLabel('Email addresses').fill(employee.email);
    await invite.getByRole('button', { name: 'Send invitations' }).click();
    await invite.getByText('1 invited, 0 already active').waitFor();
    const peopleTable = m.getByRole('table', { name: 'People invited to share their badges' });
    const row = peopleTable.getByRole('row').filter({ hasText: employee.email.toLowerCase() });
    expect(await row.getByRole('cell').first().textContent()).toBe('Invited');
    await checkLayouts(m, 'people-invited');

    // 2. The employee opens the link the mail carries, accepts, and shares two of their three badges.
    const joinPath = `/join/employer/${await lastInvitationToken(deps, employee.email)}`;
    const mail = await deps.db
      .selectFrom('mailMessages')
      .select('textBody')
      .where('toAddress', '=', employee.email.toLowerCase())
      .where('idempotencyKey', 'like', 'employer-invitation:%')
      .executeTakeFirstOrThrow();
    expect(mail.textBody).toContain(`${started().baseUrl}${joinPath}`);
    const person = await browserOf(employee.email, joinPath);
    const p = person.page;
    await p.getByText(`${orgName} invites you to share your badges with them.`).waitFor();
    await checkLayouts(p, 'join');
    await p.getByRole('button', { name: 'Accept the invitation' }).click();
    await p.waitForURL(/\/learn\/employers\?joined=/);
    const card = p.getByRole('region', { name: orgName, exact: true });
    const sees = card.getByRole('region', { name: `What ${orgName} sees now` });
    await sees.getByText(`Nothing: ${orgName} sees none of your badges.`).waitFor();
    await card.getByLabel('Only the badges I choose').check();
    await card.getByLabel(badges.writing).check();
    await card.getByLabel(badges.listening).check();
    await card.getByRole('button', { name: 'Save', exact: true }).click();
    await card.getByText(`Saved. What ${orgName} sees now is listed below.`).waitFor();
    await expect.poll(() => sees.getByRole('listitem').count()).toBe(2);
    await checkLayouts(p, 'employee-sharing');

    // 3. The manager sees the two badges on the person page and on the dashboard.
    await go(m, '/employ/people');
    await peopleTable.getByRole('link', { name: employeeName }).click();
    await m.getByRole('heading', { name: employeeName, level: 1 }).waitFor();
    const shared = m.getByRole('region', { name: 'Badges they share' });
    await shared.getByRole('article', { name: badges.writing }).waitFor();
    await shared.getByRole('article', { name: badges.listening }).waitFor();
    expect(await shared.getByRole('article').count()).toBe(2);
    expect(await shared.getByRole('article', { name: badges.safety }).count()).toBe(0);
    const personPath = new URL(m.url()).pathname;
    await go(m, '/employ');
    await m.getByRole('heading', { name: 'Your team’s skills', level: 1 }).waitFor();
    const figure = (key: string) => m.locator(`[data-figure="${key}"] .analytics-figure__value`);
    await figure('people').waitFor();
    expect(await figure('people').textContent()).toBe('1');
    expect(await figure('sharing').textContent()).toBe('1');
    expect(await figure('badges').textContent()).toBe('2');
    expect(await m.getByRole('main').textContent()).toContain(employeeName);
    await checkLayouts(m, 'dashboard');

    // 4. A role from the O*NET occupation, made in the role editor and given to the employee.
    await go(m, '/employ/roles');
    const from = m.getByRole('region', { name: 'New role from an occupation' });
    await from.getByLabel('Occupation title').fill('technical writer');
    await from.getByRole('button', { name: 'Search' }).click();
    await from.getByRole('button', { name: 'Choose Technical Writers' }).click();
    await from.getByRole('button', { name: 'Create role profile' }).click();
    await m.getByText('Started from the occupation Technical Writers (O*NET 27-3042.00).').waitFor();
    await checkLayouts(m, 'role-editor');
    await go(m, personPath);
    await m.getByRole('group', { name: 'Role profiles they hold' }).getByLabel('Technical Writers').check();
    await m.getByRole('button', { name: 'Save roles' }).click();
    await m.getByText('Roles saved.').waitFor();
    await checkLayouts(m, 'person');

    // 5. The heat map: the employee lacks Critical Thinking; the bundle that teaches it leads to sponsoring it.
    const gapBefore = await apiGap();
    expect(gapBefore).toBeGreaterThan(0);
    await go(m, '/employ/gaps');
    await m.getByRole('heading', { name: 'Skill gaps', level: 1 }).waitFor();
    await m.getByRole('table', { name: 'Gap = required level minus evidenced level' }).waitFor();
    const level = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
    expect(await heatCell(m, employeeName, 'Critical Thinking')).toBe(level.format(gapBefore ?? -1));
    await checkLayouts(m, 'gaps-before');
    const closer = m
      .getByRole('article')
      .filter({ has: m.getByRole('heading', { name: 'Critical Thinking' }) });
    const sponsor = closer.getByRole('link', { name: new RegExp(`^Sponsor ${badges.closer}`) });
    // Level 5 against what the role needs: the page says it closes the gap on its own.
    expect(await closer.getByRole('listitem').filter({ hasText: badges.closer }).textContent()).toContain(
      'closes the gap',
    );
    const href = new URL((await sponsor.getAttribute('href')) ?? '', started().baseUrl);
    expect(href.searchParams.get('badge')).toBe(closerBadgeId);
    await sponsor.click();

    // 6. Sponsoring: the employee and the bundle come ticked; the order is placed by invoice.
    await m.getByRole('heading', { name: 'Sponsored learning', level: 1 }).waitFor();
    await m.getByText('€108.00').first().waitFor();
    expect(await m.getByLabel(employeeName).isChecked()).toBe(true);
    await checkLayouts(m, 'sponsor');
    await m.getByRole('button', { name: 'Place the order' }).click();
    const orderLink = m.getByRole('link', { name: /^See order \d+$/ });
    await orderLink.waitFor();
    const orderId = ((await orderLink.getAttribute('href')) ?? '').split('/').pop() ?? '';
    await m.getByRole('cell', { name: 'Awaiting payment' }).first().waitFor();
    // The issuer marks the invoice paid, as a bank transfer arrives; the order's state reads in words.
    expect((await markPaid(started().testApp, issuer, orderId)).statusCode).toBe(200);
    await m.reload();
    await m.getByRole('cell', { name: 'Open, not claimed' }).first().waitFor();
    expect(await m.getByRole('table', { name: 'Seats bought for your people' }).textContent()).toMatch(
      /No\. \d+ \(paid\)/,
    );

    // 7. The employee finds the seat from My learning, claims it and completes both courses in the player.
    await go(p, '/learn');
    await p.getByRole('link', { name: 'Sponsored for you (1 to claim)' }).click();
    await p.getByRole('heading', { name: 'Sponsored for you', level: 1 }).waitFor();
    await checkLayouts(p, 'seats');
    await p.getByRole('button', { name: `Claim ${badges.closer}` }).click();
    await p.getByText(`Claimed: you are enrolled in “${badges.closer}”.`).waitFor();
    for (const title of [courses.a, courses.b]) {
      await go(p, '/learn/seats');
      await p.getByRole('link', { name: `Start “${title}”` }).click();
      await p.getByText(/^Course completed on /).waitFor();
    }
    await go(p, '/learn');
    await p.getByRole('link', { name: 'Sponsored for you', exact: true }).waitFor();

    // The award engine awards the badge; the employee accepts it from its mail and shares it too.
    await settleLearningEvents(deps);
    await go(p, `/claim/${await lastClaimToken(deps, employee.email)}`);
    await p.getByRole('button', { name: 'Accept the badge' }).click();
    await p.getByText('You accepted the badge.', { exact: false }).waitFor();
    await go(p, '/learn/employers');
    await card.getByLabel(badges.closer).check();
    await card.getByRole('button', { name: 'Save', exact: true }).click();
    await card.getByText(`Saved. What ${orgName} sees now is listed below.`).waitFor();
    await expect.poll(() => sees.getByRole('listitem').count()).toBe(3);

    // 8. The manager's heat map shows the gap closed.
    expect(await apiGap()).toBe(0);
    await go(m, '/employ/gaps');
    await m.getByRole('table', { name: 'Gap = required level minus evidenced level' }).waitFor();
    expect(await heatCell(m, employeeName, 'Critical Thinking')).toBe('0');
    await checkLayouts(m, 'gaps-closed');

    // 9. The employee stops sharing; every page of the manager forgets them.
    await card.getByRole('button', { name: `Stop sharing with ${orgName}` }).click();
    await card.getByRole('button', { name: `Yes, stop sharing with ${orgName}` }).click();
    await card.getByText('Withdrawn: you stopped sharing').waitFor();
    await checkLayouts(p, 'employee-withdrawn');

    await go(m, '/employ/people');
    const leftRow = peopleTable.getByRole('row').filter({ hasText: employee.email.toLowerCase() });
    await leftRow.waitFor();
    expect(await leftRow.getByRole('cell').first().textContent()).toBe('Withdrawn');
    expect(await leftRow.getByRole('link').count()).toBe(0);
    expect(await peopleTable.textContent()).not.toContain(employeeName);
    await checkLayouts(m, 'people-withdrawn');
    await go(m, personPath);
    await m.getByText('This person does not share with you (any more).').waitFor();
    expect(await m.getByRole('main').textContent()).not.toContain(employeeName);
    await go(m, '/employ');
    await figure('people').waitFor();
    expect(await figure('people').textContent()).toBe('0');
    expect(await figure('badges').textContent()).toBe('0');
    expect(await m.getByRole('main').textContent()).not.toContain(employeeName);
    await checkLayouts(m, 'dashboard-withdrawn');
    await go(m, '/employ/gaps');
    await m.getByRole('heading', { name: 'Skill gaps', level: 1 }).waitFor();
    await m.getByText('Nobody shown holds a role profile yet.').waitFor();
    expect(await m.getByRole('table', { name: 'Gap = required level minus evidenced level' }).count()).toBe(
      0,
    );
    expect(await m.getByRole('main').textContent()).not.toContain(employeeName);
    await checkLayouts(m, 'gaps-withdrawn');

    expect(manager.scriptErrors).toEqual([]);
    expect(person.scriptErrors).toEqual([]);
    await m.context().close();
    await p.context().close();
  }, 900_000);
});
