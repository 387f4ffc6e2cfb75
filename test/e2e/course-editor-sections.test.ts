// The course editor in sections and question pools in a browser (issue #19 item 11): the outline beside the
// content (one section at a time, the current one marked, arrow keys along it; a select on a phone), autosave
// with its state on screen, a warning before leaving with unsaved changes, the preview with the questions,
// and a pool of 6 questions of which a learner's attempt asks 3, the same 3 after a reload.
// Axe and reflow at 1280, 390 and 320 px; screenshots in test-output/screenshots/course-editor-*.png.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aLoggedInUser, TEST_PASSWORD } from '../../src/identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../../src/issuing/testing.ts';
import { anEnrolment, playerOf } from '../../src/learning/testing.ts';
import { seriousViolations } from '../support/axe.ts';
import { screenshotDir, startWebApp, type WebAppUnderTest } from '../support/browser.ts';
import { checkLayouts as sharedCheckLayouts } from '../support/layouts.ts';

const suffix = randomBytes(3).toString('hex');
const courseTitle = `Spreadsheet checks ${suffix}`;

const question = (n: number) => ({
  id: `sq${n}`,
  type: 'single-choice',
  prompt: `Which cell holds total ${n}?`,
  options: [
    { id: `sq${n}-a`, text: `Cell A${n}`, correct: true, feedback: null },
    { id: `sq${n}-b`, text: `Cell B${n}`, correct: false, feedback: null },
  ],
});

let web: WebAppUnderTest | undefined;
let issuer: TestIssuer;
let courseId = '';

beforeAll(async () => {
  web = await startWebApp();
  const { app, deps } = web.testApp;
  issuer = await anIssuerWithOwner(app, deps, `Sections Academy ${suffix}`);
  const created = await app.inject({
    method: 'POST',
    url: `/api/v1/orgs/${issuer.orgId}/courses`,
    headers: issuer.owner.headers,
    payload: {
      title: courseTitle,
      summary: 'Check a spreadsheet before you share it.',
      estimatedMinutes: 20,
      units: [
        { id: 'welcome', kind: 'lesson', title: 'Welcome', markdown: 'Totals live at the **bottom**.' },
        {
          id: 'pool',
          kind: 'assessment',
          title: 'Pool quiz',
          questions: Array.from({ length: 6 }, (_, i) => question(i + 1)),
        },
      ],
    },
  });
  expect(created.statusCode).toBe(201);
  courseId = created.json().id;
  mkdirSync(screenshotDir, { recursive: true });
}, 300_000);

afterAll(async () => {
  await web?.close();
});

function started(): WebAppUnderTest {
  if (!web) throw new Error('the web app did not start');
  return web;
}

async function logIn(page: Page, email: string, password = TEST_PASSWORD): Promise<void> {
  // The login page's chunk may take a while on a loaded machine.
  await page.getByLabel('Email address').waitFor({ timeout: 60_000 });
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

/** The shared layout check, its screenshots named course-editor-<name>-<width>.png. */
const checkLayouts = (page: Page, name: string) => sharedCheckLayouts(page, `course-editor-${name}`);

const storedDraft = async () => {
  const response = await started().testApp.app.inject({
    url: `/api/v1/orgs/${issuer.orgId}/courses/${courseId}`,
    headers: issuer.owner.headers,
  });
  return response.json();
};

describe('the course editor in sections', () => {
  it('edits one section at a time from the outline, autosaves with a visible state, previews the questions and sets up a pool', async () => {
    const { page, scriptErrors } = await started().openPage('/login');
    await logIn(page, issuer.owner.email);
    await page.getByRole('heading', { name: 'Issuing' }).waitFor();
    await page.goto(`${started().baseUrl}/issue/courses/${courseId}`);
    await page.getByRole('heading', { name: `Edit “${courseTitle}”` }).waitFor();

    // The outline: the details first and current; one section on screen at a time.
    const outline = page.getByRole('navigation', { name: 'Course outline' });
    const details = outline.getByRole('button', { name: 'Course details' });
    expect(await details.getAttribute('aria-current')).toBe('true');
    await page
      .getByRole('status')
      .getByText(/^Saved at \d\d:\d\d/)
      .waitFor();
    expect(await page.getByRole('group', { name: 'Unit 1 (lesson)' }).count()).toBe(0);
    await checkLayouts(page, 'details');

    // Arrow keys move along the outline; Enter opens the unit, and only that unit.
    await details.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const lesson = page.getByRole('group', { name: 'Unit 1 (lesson)' });
    await lesson.waitFor();
    expect(
      await outline.getByRole('button', { name: '1. Welcome (lesson)' }).getAttribute('aria-current'),
    ).toBe('true');
    expect(await page.getByLabel('Course title').count()).toBe(0);

    // Autosave: a change says so, then is saved by itself after a pause.
    await lesson.getByLabel('Title', { exact: true }).fill('Welcome aboard');
    await page.getByRole('status').getByText('Unsaved changes').waitFor();
    await page
      .getByRole('status')
      .getByText(/^Saved at \d\d:\d\d/)
      .waitFor({ timeout: 20_000 });
    expect((await storedDraft()).units[0].title).toBe('Welcome aboard');
    await outline.getByRole('button', { name: '1. Welcome aboard (lesson)' }).waitFor();

    // Leaving with unsaved changes asks first; staying saves them.
    await lesson.getByLabel('Lesson text (Markdown)').fill('Totals live at the **bottom** of a column.');
    await page.getByRole('link', { name: 'Back to the courses' }).click();
    const leave = page.getByRole('alertdialog', { name: 'Leave with unsaved changes?' });
    await leave.waitFor();
    await leave.getByRole('button', { name: 'Stay and save' }).click();
    await page
      .getByRole('status')
      .getByText(/^Saved at \d\d:\d\d/)
      .waitFor({ timeout: 20_000 });
    expect((await storedDraft()).units[0].markdown).toBe('Totals live at the **bottom** of a column.');
    expect(new URL(page.url()).pathname).toBe(`/issue/courses/${courseId}`);

    // The pool: draw 3 of the 6 questions, shuffled, answers shuffled.
    await outline.getByRole('button', { name: '2. Pool quiz (assessment)' }).click();
    const quiz = page.getByRole('group', { name: 'Unit 2 (assessment)' });
    await quiz.waitFor();
    expect(await lesson.count()).toBe(0);
    const pool = quiz.getByRole('group', { name: 'Question pool and order' });
    await pool.getByText('Ask all 6 questions').waitFor();
    await pool.getByLabel('Questions each learner gets').fill('3');
    await pool.getByText('Draw 3 of 6 questions').waitFor();
    await pool.getByLabel('Shuffle questions').check();
    await pool.getByLabel('Shuffle answers').check();

    // Drawing more than the pool holds is refused, tied to its field, reachable from the summary.
    await pool.getByLabel('Questions each learner gets').fill('9');
    await page.getByRole('status').getByText('Not saved').waitFor({ timeout: 20_000 });
    await page
      .getByRole('alert')
      .getByText('cannot draw 9 questions from a pool of 6', { exact: false })
      .waitFor();
    await outline.getByRole('button', { name: '2. Pool quiz (assessment) — 1 problem' }).waitFor();
    await pool.getByLabel('Questions each learner gets').fill('3');
    await page
      .getByRole('status')
      .getByText(/^Saved at \d\d:\d\d/)
      .waitFor({ timeout: 20_000 });
    expect((await storedDraft()).units[1]).toMatchObject({
      draw: 3,
      shuffleQuestions: true,
      shuffleOptions: true,
    });

    // The preview: the unit as a learner sees it, every question of the pool, nothing answerable.
    await page.getByRole('button', { name: 'Save and preview' }).click();
    const preview = page.getByRole('region', { name: 'Preview' });
    await preview.waitFor();
    await preview.getByText('Each learner gets 3 of these 6 questions, drawn at random.').waitFor();
    expect(await preview.getByRole('group').count()).toBe(6);
    expect(await preview.getByRole('radio', { name: 'Cell A1' }).isDisabled()).toBe(true);
    expect(await preview.textContent()).not.toMatch(/correct/i);
    await checkLayouts(page, 'pool-preview');

    // On a phone the outline is a select above the content.
    await page.setViewportSize({ width: 390, height: 900 });
    expect(await outline.getByRole('button', { name: 'Course details' }).isVisible()).toBe(false);
    await outline.getByLabel('Section').selectOption({ label: '1. Welcome aboard (lesson)' });
    await page.getByRole('group', { name: 'Unit 1 (lesson)' }).waitFor();
    await checkLayouts(page, 'phone-lesson');

    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText('Published as revision 1.').waitFor();
    expect(scriptErrors).toEqual([]);
    await page.context().close();
  }, 240_000);

  it('shows a learner 3 of the pool’s 6 questions, the same 3 after a reload', async () => {
    const { app, deps } = started().testApp;
    const learner = await aLoggedInUser(app, deps, { name: 'Pia Pool' });
    const enrolmentId = await anEnrolment(app, learner, courseId);
    await playerOf(app, learner, enrolmentId).open('welcome');

    const { page, scriptErrors } = await started().openPage('/login');
    await logIn(page, learner.email);
    await page.waitForURL((url) => url.pathname !== '/login');
    await page.goto(`${started().baseUrl}/learn/${enrolmentId}?unit=pool`);
    await page.getByRole('heading', { name: 'Pool quiz', level: 2 }).waitFor();
    await page.getByText('Answer all 3 questions.', { exact: false }).waitFor();
    const prompts = () => page.locator('.questions > li legend').allTextContents();
    const asked = await prompts();
    expect(asked).toHaveLength(3);
    await page.reload();
    await page.getByRole('heading', { name: 'Pool quiz', level: 2 }).waitFor();
    expect(await prompts()).toEqual(asked);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({
      path: join(screenshotDir, 'course-editor-learner-pool-1280.png'),
      fullPage: true,
    });
    expect(scriptErrors).toEqual([]);
    await page.context().close();
  }, 180_000);
});
