// Browser journey of skill alignment (issue #16, item 2, and item 3's editor control): an issuer aligns a
// course's skill by searching (the catalog then names it and filters by it), then opens a badge requiring that
// course, picks "Active Listening" from the skill picker with the keyboard, states level 4, adds the course's
// skill from "Skills from this badge's courses", turns the evidence off in "What the credential discloses",
// saves and publishes. The badge's reply carries the concepts, the published Achievement carries the
// alignment, the choices persist. Axe runs with the suggestions open; the editor does not scroll sideways at
// 390 and 320 px. Screenshots at 1280 and 390 px are written to test-output/screenshots (or SCREENSHOT_DIR) for a
// person to look at.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aOneLessonCourse } from '../../src/badges/award-testing.ts';
import { aDraftBadge } from '../../src/badges/testing.ts';
import { logInAs, TEST_PASSWORD, type TestSession } from '../../src/identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../../src/issuing/testing.ts';
import { importSampleWhereMissing } from '../../src/skills/index.ts';
import { seriousViolations } from '../support/axe.ts';
import { screenshotDir, sidewaysScroll, startWebApp, type WebAppUnderTest } from '../support/browser.ts';

const suffix = randomBytes(3).toString('hex');
const courseTitle = `Interviewing employees ${suffix}`;
const badgeName = `Listening HR partner ${suffix}`;

let web: WebAppUnderTest | undefined;
let issuer: TestIssuer;
let owner: TestSession;
let courseId = '';
let badgeId = '';

interface SkillReply {
  name: string;
  framework?: string;
  code?: string;
  url?: string;
  concept?: { framework: string; code: string };
  level?: number;
}

beforeAll(async () => {
  web = await startWebApp();
  const { app, deps } = web.testApp;
  // What a fresh install loads at start: the shipped O*NET and ESCO sample.
  await importSampleWhereMissing(deps.db);
  issuer = await anIssuerWithOwner(app, deps, 'Nómina Academy');
  owner = await logInAs(app, issuer.owner.email);
  courseId = await aOneLessonCourse(app, issuer, { title: courseTitle });
  badgeId = (await aDraftBadge(app, issuer, { courseIds: [courseId], name: badgeName })).id;
  mkdirSync(screenshotDir, { recursive: true });
}, 180_000);

afterAll(async () => {
  await web?.close();
});

function started(): WebAppUnderTest {
  if (!web) throw new Error('the web app did not start');
  return web;
}

async function openAsIssuer(path: string, width = 1280): Promise<{ page: Page; scriptErrors: string[] }> {
  const opened = await started().openPage(`/login?next=${encodeURIComponent(path)}`);
  await opened.page.setViewportSize({ width, height: 900 });
  await opened.page.getByLabel('Email address').fill(issuer.owner.email);
  await opened.page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
  await opened.page.getByRole('button', { name: 'Log in' }).click();
  return opened;
}

async function apiGet<T>(url: string): Promise<T> {
  const reply = await started().testApp.app.inject({ url, headers: owner.headers });
  expect(reply.statusCode).toBe(200);
  return reply.json<T>();
}

/** How far the page scrolls sideways (0 when everything fits the viewport's width). */
/** Scrolls the picker near the top, so its suggestions below it are on screen. */
async function showSuggestions(page: Page): Promise<void> {
  await page.getByRole('combobox', { name: 'Add a skill' }).evaluate((input) => {
    input.scrollIntoView({ block: 'start' });
    window.scrollBy(0, -120);
  });
}

/** The label of the option the combobox points at with aria-activedescendant. */
function activeOption(page: Page): Promise<string> {
  return page.evaluate(() => {
    const input = document.querySelector('[role="combobox"]');
    const id = input?.getAttribute('aria-activedescendant');
    const option = id ? document.getElementById(id) : null;
    return option?.getAttribute('aria-label') ?? option?.textContent ?? '';
  });
}

describe('aligning skills in the editors', () => {
  it('lets the issuer align a course skill by searching, saves it as a concept, and the catalog lists and finds it by that skill', async () => {
    const { page, scriptErrors } = await openAsIssuer(`/issue/courses/${courseId}`);
    await page.getByRole('heading', { name: `Edit “${courseTitle}”` }).waitFor();
    const picker = page.getByRole('combobox', { name: 'Add a skill' });
    await picker.fill('social percept');
    await page.getByRole('option', { name: 'Social Perceptiveness (O*NET, skill)' }).click();
    expect(await picker.inputValue()).toBe('');
    await page.getByText('O*NET · 2.B.1.a').waitFor();
    await page
      .getByRole('region', { name: 'Skills', exact: true })
      .screenshot({ path: join(screenshotDir, 'skill-picker-course-1280.png') });
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText('Published as revision', { exact: false }).waitFor();
    expect(scriptErrors).toEqual([]);
    await page.context().close();

    const course = await apiGet<{ skills: SkillReply[] }>(`/api/v1/orgs/${issuer.orgId}/courses/${courseId}`);
    expect(course.skills).toContainEqual(
      expect.objectContaining({ concept: { framework: 'onet', code: '2.B.1.a' }, code: '2.B.1.a' }),
    );

    // The catalog names the course's skills, and its skill filter finds the course by the new one.
    const catalog = await started().openPage(`/catalog?skill=${encodeURIComponent('social perceptiveness')}`);
    const card = catalog.page.getByRole('article').filter({ hasText: courseTitle });
    await card.waitFor();
    expect(await card.getByRole('definition').last().textContent()).toBe(
      'Payroll, Compliance, Social Perceptiveness',
    );
    expect(catalog.scriptErrors).toEqual([]);
    await catalog.page.context().close();
  }, 120_000);

  it('lets the issuer pick Active Listening with the keyboard, add the course’s skill, choose what is disclosed and publish the alignment', async () => {
    const { page, scriptErrors } = await openAsIssuer(`/issue/badges/${badgeId}`);
    await page.getByRole('heading', { name: `Edit badge “${badgeName}”` }).waitFor();

    const picker = page.getByRole('combobox', { name: 'Add a skill' });
    await picker.fill('active listen');
    const listening = page.getByRole('option', { name: 'Active Listening (O*NET, skill)' });
    await listening.waitFor();
    expect(await picker.getAttribute('aria-expanded')).toBe('true');
    const options = page.getByRole('listbox', { name: 'Suggested skills' }).getByRole('option');
    expect(await options.count()).toBeLessThanOrEqual(9);
    expect(await options.last().textContent()).toBe('Add “active listen” as free text');
    expect(await seriousViolations(page)).toEqual([]);
    await showSuggestions(page);
    await page.screenshot({ path: join(screenshotDir, 'skill-picker-1280.png') });

    // Down the list with the arrow keys to Active Listening, then Enter.
    for (let presses = 0; presses < 9; presses++) {
      await picker.press('ArrowDown');
      if ((await activeOption(page)).startsWith('Active Listening (')) break;
    }
    expect(await activeOption(page)).toBe('Active Listening (O*NET, skill)');
    await picker.press('Enter');
    expect(await picker.getAttribute('aria-expanded')).toBe('false');
    const first = page.getByRole('group', { name: 'Skill 1' });
    await first.getByText('Active Listening', { exact: true }).waitFor();
    await first.getByText('O*NET · 2.A.1.b').waitFor();
    await first.getByLabel('Level (optional)').selectOption('4');

    // The course's aligned skill is offered; "Add" puts it on the badge.
    const offered = page.getByRole('region', { name: 'Skills from this badge’s courses' });
    await offered.getByRole('button', { name: 'Add Social Perceptiveness' }).click();
    await page
      .getByRole('group', { name: 'Skill 2' })
      .getByText('Social Perceptiveness', { exact: true })
      .waitFor();
    expect(await offered.getByRole('button', { name: 'Add Social Perceptiveness' }).count()).toBe(0);

    const disclosed = page.getByRole('group', { name: 'What the credential discloses' });
    expect(await disclosed.getByLabel('Assessment results and rubric levels').isChecked()).toBe(true);
    await disclosed.getByLabel('Accepted evidence').uncheck();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved.', { exact: true }).waitFor();

    const saved = await apiGet<{ skills: SkillReply[]; disclose: { results: boolean; evidence: boolean } }>(
      `/api/v1/orgs/${issuer.orgId}/badges/${badgeId}`,
    );
    expect(saved.skills[0]).toMatchObject({
      name: 'Active Listening',
      concept: { framework: 'onet', code: '2.A.1.b' },
      code: '2.A.1.b',
      level: 4,
    });
    expect(saved.skills[1]).toMatchObject({ concept: { framework: 'onet', code: '2.B.1.a' } });
    expect(saved.disclose).toEqual({ results: true, evidence: false });

    // What was saved comes back in the editor.
    await page.reload();
    await page.getByRole('heading', { name: `Edit badge “${badgeName}”` }).waitFor();
    expect(
      await page.getByRole('group', { name: 'Skill 1' }).getByLabel('Level (optional)').inputValue(),
    ).toBe('4');
    expect(await disclosed.getByLabel('Accepted evidence').isChecked()).toBe(false);
    expect(await disclosed.getByLabel('Assessment results and rubric levels').isChecked()).toBe(true);
    const link = page.getByRole('group', { name: 'Skill 1' }).getByRole('link');
    expect(await link.textContent()).toContain('2.A.1.b');

    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText('Published as version 1.').waitFor();
    expect(scriptErrors).toEqual([]);
    await page.context().close();

    const achievement = await apiGet<{ alignment?: Array<Record<string, unknown>> }>(
      `/achievements/${badgeId}`,
    );
    const aligned = achievement.alignment?.find((a) => a.targetCode === '2.A.1.b');
    expect(aligned).toMatchObject({
      targetName: 'Active Listening',
      targetFramework: expect.stringContaining('O*NET'),
      targetUrl: expect.stringMatching(/^https:\/\/.+2\.A\.1\.b$/),
    });
  }, 180_000);

  it.each([390, 320])(
    'at %i px keeps the editor and its suggestions within the screen',
    async (width) => {
      const { page, scriptErrors } = await openAsIssuer(`/issue/badges/${badgeId}`, width);
      await page.getByRole('heading', { name: `Edit badge “${badgeName}”` }).waitFor();
      const picker = page.getByRole('combobox', { name: 'Add a skill' });
      await picker.fill('communication');
      await page.getByRole('listbox', { name: 'Suggested skills' }).getByRole('option').first().waitFor();
      await page.getByRole('option', { name: 'Add “communication” as free text' }).waitFor();
      await showSuggestions(page);
      expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);
      expect(await seriousViolations(page)).toEqual([]);
      if (width === 390) await page.screenshot({ path: join(screenshotDir, 'skill-picker-390.png') });
      await picker.press('Escape');
      expect(await picker.getAttribute('aria-expanded')).toBe('false');
      if (width === 390)
        await page
          .getByRole('region', { name: 'Skills', exact: true })
          .screenshot({ path: join(screenshotDir, 'skill-picker-390-cards.png') });
      expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);
      expect(scriptErrors).toEqual([]);
      await page.context().close();
    },
    120_000,
  );
});
