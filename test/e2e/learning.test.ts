// Browser journeys of learning (issue #4): an author builds and publishes a course in the editor; a learner
// finds it in the catalog, enrols, reads, answers wrong then right, leaves and resumes, hands in an essay;
// an assessor accepts it; the learner downloads the certificate. Plus axe on the catalog, player and queue,
// and the player's message once access has ended.

import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Resvg } from '@resvg/resvg-js';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aPublishedCourse } from '../../src/catalog/testing.ts';
import { aVerifiedUser, logInAs, TEST_PASSWORD } from '../../src/identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../../src/issuing/testing.ts';
import { anEnrolment } from '../../src/learning/testing.ts';
import { seriousViolations } from '../support/axe.ts';
import { startWebApp, type WebAppUnderTest } from '../support/browser.ts';

let web: WebAppUnderTest | undefined;
let issuer: TestIssuer;
let assessor: { email: string };
let learner: { email: string };
const suffix = randomBytes(3).toString('hex');
const courseTitle = `Payroll basics ${suffix}`;

beforeAll(async () => {
  web = await startWebApp();
  const { app, deps } = web.testApp;
  issuer = await anIssuerWithOwner(app, deps, 'Gestión Academy');
  assessor = await aVerifiedUser(deps, { name: 'Ada Assessor' });
  learner = await aVerifiedUser(deps, { name: 'Lena Learner' });
  const member = await app.inject({
    method: 'POST',
    url: `/api/v1/orgs/${issuer.orgId}/members`,
    headers: issuer.owner.headers,
    payload: { email: assessor.email, role: 'assessor' },
  });
  expect(member.statusCode).toBeLessThan(300);
}, 180_000);

afterAll(async () => {
  await web?.close();
});

function started(): WebAppUnderTest {
  if (!web) throw new Error('the web app did not start');
  return web;
}

async function logIn(page: Page, email: string): Promise<void> {
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
}

describe('learning journeys in a browser', () => {
  it('lets an author build a course with a lesson, a two-question assessment and an essay, and publish it', async () => {
    const { page, scriptErrors } = await started().openPage('/login');
    await logIn(page, issuer.owner.email);
    await page.getByRole('heading', { name: 'Issuing' }).waitFor();
    await page.getByRole('main').getByRole('link', { name: 'Courses' }).click();
    await page.getByRole('heading', { name: 'Courses' }).waitFor();

    // Nothing is sent before the required fields are there.
    await page.getByRole('button', { name: 'Create the draft' }).click();
    await page.getByRole('alert').getByText('Enter a whole number of minutes, 1 or more.').waitFor();
    await page.getByLabel('Course title').fill(courseTitle);
    await page.getByLabel('Summary').fill('Run a payroll cycle: gross to net, deductions, filings.');
    await page.getByLabel('Estimated minutes').fill('45');
    await page.getByRole('button', { name: 'Create the draft' }).click();
    await page.getByRole('heading', { name: `Edit “${courseTitle}”` }).waitFor();
    for (const skill of ['Payroll', 'Compliance']) {
      await page.getByRole('combobox', { name: 'Add a skill' }).fill(skill);
      await page.getByRole('option', { name: `Add “${skill}” as free text` }).click();
    }
    await page.getByLabel('Activity code prefix').fill('HRCI-PAY');

    await page.getByRole('button', { name: 'Add a lesson' }).click();
    const lesson = page.getByRole('group', { name: 'Unit 1 (lesson)' });
    await lesson.getByLabel('Title').fill('Gross to net');
    await lesson.getByLabel('Lesson text (Markdown)').fill('Gross pay comes **first**; deductions follow.');
    // A picture for the lesson: uploaded, then shown through the Markdown the editor appends.
    const chart = new Resvg(
      '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#1d4ed8"/></svg>',
    )
      .render()
      .asPng();
    await lesson
      .getByLabel('Add an image')
      .setInputFiles({ name: 'payroll-chart.png', mimeType: 'image/png', buffer: chart });
    await lesson.getByLabel('Describe the image (alt text)').fill('Payroll chart');
    await lesson.getByRole('button', { name: 'Insert the image' }).click();
    await lesson.getByText('The image was added to the lesson text.').waitFor();
    expect(await lesson.getByLabel('Lesson text (Markdown)').inputValue()).toMatch(
      /\n\n!\[Payroll chart\]\(\/course-images\/[^)]+\)\n$/,
    );

    await page.getByRole('button', { name: 'Add an assessment' }).click();
    const quiz = page.getByRole('group', { name: 'Unit 2 (assessment)' });
    await quiz.getByLabel('Title', { exact: true }).fill('Check yourself');
    const q1 = quiz.getByRole('group', { name: 'Question 1' });
    await q1.getByLabel('Question', { exact: true }).fill('Which comes first?');
    const gross = q1.getByRole('group', { name: 'Option 1' });
    await gross.getByLabel('Option text').fill('Gross pay');
    await gross.getByLabel('This option is correct').check();
    await gross.getByLabel('Feedback for this option').fill('Yes: gross first, then deductions.');
    const net = q1.getByRole('group', { name: 'Option 2' });
    await net.getByLabel('Option text').fill('Net pay');
    await net.getByLabel('Feedback for this option').fill('Net is what is left after deductions.');
    await quiz.getByRole('button', { name: 'Add a question to unit 2' }).click();
    const q2 = quiz.getByRole('group', { name: 'Question 2' });
    await q2.getByLabel('Kind of question').selectOption({ label: 'Number' });
    await q2.getByLabel('Question', { exact: true }).fill('Weeks in a year?');
    await q2.getByLabel('Right answer', { exact: true }).fill('52');
    await q2.getByLabel('Feedback for a wrong answer').fill('Count the weeks again.');

    await page.getByRole('button', { name: 'Add an evidence task' }).click();
    const essay = page.getByRole('group', { name: 'Unit 3 (evidence task)' });
    await essay.getByLabel('Title', { exact: true }).fill('Reflect');
    await essay.getByLabel('Instructions').fill('How does your team run payroll?');
    expect(await essay.getByLabel('An assessor reviews submissions').isChecked()).toBe(true);
    await essay.getByRole('button', { name: 'Add a rubric criterion to unit 3' }).click();
    const clarity = essay.getByRole('group', { name: 'Rubric criterion 1' });
    await clarity.getByLabel('Criterion').fill('Clarity');
    await clarity.getByLabel('Level 1 name').fill('weak');
    await clarity.getByLabel('Level 1 points').fill('0');
    await clarity.getByLabel('Level 2 name').fill('clear');
    await clarity.getByLabel('Level 2 points').fill('2');

    // Reordering and removing: an extra lesson moved to the front, then removed again.
    await page.getByRole('button', { name: 'Add a lesson' }).click();
    await page.getByRole('group', { name: 'Unit 4 (lesson)' }).getByLabel('Title').fill('Scratch');
    await page.getByRole('button', { name: 'Move unit 4 up' }).click();
    await page.getByRole('button', { name: 'Move unit 3 up' }).click();
    await page.getByRole('button', { name: 'Move unit 2 up' }).click();
    expect(await page.getByRole('group', { name: 'Unit 1 (lesson)' }).getByLabel('Title').inputValue()).toBe(
      'Scratch',
    );
    await page.getByRole('button', { name: 'Remove unit 1' }).click();
    expect(await page.getByRole('group', { name: 'Unit 1 (lesson)' }).getByLabel('Title').inputValue()).toBe(
      'Gross to net',
    );

    // An empty option is reported by the API, tied to its field, and nothing is lost. The editor shows one
    // unit at a time: the assessment is opened from the outline.
    await page
      .getByRole('navigation', { name: 'Course outline' })
      .getByRole('button', { name: '2. Check yourself (assessment)' })
      .click();
    await q1.getByRole('button', { name: 'Add an option to question 1' }).click();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const summary = page.getByRole('alert');
    await summary.getByText('unit 2, question 1, option 3, text', { exact: false }).waitFor();
    await summary.getByRole('link').first().click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(
      'field-units.1.questions.0.options.2.text',
    );
    await q1.getByRole('button', { name: 'Remove option 3' }).click();

    await page
      .getByRole('navigation', { name: 'Course outline' })
      .getByRole('button', { name: '1. Gross to net (lesson)' })
      .click();
    await page.getByRole('button', { name: 'Save and preview' }).click();
    await page.getByRole('heading', { name: 'Preview' }).waitFor();
    expect(await page.locator('.preview .lesson strong').textContent()).toBe('first');
    expect(await page.locator('.preview .lesson img').getAttribute('src')).toMatch(/^\/course-images\//);

    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText('Published as revision 1.').waitFor();
    await page.getByText('State: published.').waitFor();
    expect(scriptErrors).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('takes a learner from the catalog through the course: wrong then right, leave and resume, the essay', async () => {
    const { page, scriptErrors } = await started().openPage('/catalog');
    await page.getByRole('heading', { name: 'Course catalog' }).waitFor();
    await page.getByLabel('Search', { exact: true }).fill(suffix);
    await page.getByLabel('Issuer', { exact: true }).fill('no-such-issuer');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText('0 courses found.').waitFor();
    await page.getByLabel('Issuer', { exact: true }).fill(issuer.slug);
    await page.getByLabel('Free courses only').check();
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText('1 course found.').waitFor();
    expect(new URL(page.url()).searchParams.get('q')).toBe(suffix);
    expect(new URL(page.url()).searchParams.get('issuer')).toBe(issuer.slug);
    expect(await seriousViolations(page)).toEqual([]);
    // Every string comes from the catalogs: the same page in Spanish, then back.
    await page.getByRole('button', { name: 'Español' }).click();
    await page.getByRole('heading', { name: 'Catálogo de cursos' }).waitFor();
    await page.getByText('1 curso encontrado.').waitFor();
    await page.getByRole('button', { name: 'English' }).click();

    await page.getByRole('link', { name: courseTitle }).click();
    await page.getByRole('heading', { name: courseTitle, level: 1 }).waitFor();
    expect(await page.getByRole('main').textContent()).toContain('45 minutes');
    await page.getByRole('button', { name: 'Enrol' }).click();
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    await logIn(page, learner.email);
    await page.getByRole('heading', { name: courseTitle, level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Enrol' }).click();

    await page.waitForURL(/\/learn\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'Gross to net', level: 2 }).waitFor();
    expect(await page.locator('.lesson strong').textContent()).toBe('first');
    await page.getByRole('link', { name: 'Continue to Check yourself' }).click();
    await page.getByRole('heading', { name: 'Check yourself', level: 2 }).waitFor();
    expect(await page.getByText('1 of 3 units done').count()).toBe(1);

    const q1 = page.getByRole('group', { name: 'Question 1: Which comes first?' });
    await q1.getByLabel('Net pay').check();
    await page.getByRole('button', { name: 'Check answer' }).first().click();
    const result = page.locator('form.question').first().getByRole('status');
    await result.getByText('Not right yet.', { exact: false }).waitFor();
    expect(await result.textContent()).toContain('Net is what is left after deductions.');
    await q1.getByLabel('Gross pay').check();
    await page.getByRole('button', { name: 'Check answer' }).first().click();
    await result.getByText('Correct.').waitFor();
    expect(await result.textContent()).toContain('Yes: gross first, then deductions.');
    expect(await seriousViolations(page)).toEqual([]);

    // Leave, and Resume lands on the same unit, with the answer kept.
    await page.getByRole('link', { name: 'Leave (you can resume later)' }).click();
    await page.getByRole('heading', { name: 'Your learning' }).waitFor();
    await page.getByRole('link', { name: `Resume ${courseTitle}` }).click();
    await page.getByRole('heading', { name: 'Check yourself', level: 2 }).waitFor();
    await page.getByText('You answered this correctly before.').waitFor();

    await page
      .getByRole('group', { name: 'Question 2: Weeks in a year?' })
      .getByLabel('Your answer')
      .fill('50');
    await page.getByRole('button', { name: 'Check answer' }).click();
    await page.getByText('Count the weeks again.').waitFor();
    await page
      .getByRole('group', { name: 'Question 2: Weeks in a year?' })
      .getByLabel('Your answer')
      .fill('52');
    await page.getByRole('button', { name: 'Check answer' }).click();
    await page.getByRole('link', { name: 'Continue to Reflect' }).click();
    await page.getByRole('heading', { name: 'Reflect', level: 2 }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Reflect');

    await page.getByRole('button', { name: 'Hand in' }).click();
    await page.getByRole('alert').getByText('Enter your answer.').waitFor();
    await page.getByLabel('Your answer').fill('We run payroll twice a month, checked by two people.');
    await page.getByRole('button', { name: 'Hand in' }).click();
    await page.getByText('Handed in: waiting for review.').waitFor();
    await page.getByText('Reflect (handed in, waiting for review)').waitFor();
    expect(scriptErrors).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('lets an assessor score the rubric and accept the essay', async () => {
    const { page, scriptErrors } = await started().openPage('/login');
    await logIn(page, assessor.email);
    await page.getByRole('heading', { name: 'Assessment' }).waitFor();
    const item = page.getByRole('article', { name: 'Reflect by Lena Learner' });
    await item.waitFor();
    expect(await item.textContent()).toContain('We run payroll twice a month, checked by two people.');
    expect(await seriousViolations(page)).toEqual([]);

    await item.getByRole('button', { name: 'Accept' }).click();
    await item.getByRole('alert').getByText('Choose a level for Clarity.').waitFor();
    await item.getByRole('group', { name: 'Rubric: Clarity' }).getByLabel('clear (2 points)').check();
    await item.getByLabel('Feedback to the learner').fill('Clear and concrete. Well done.');
    await item.getByRole('button', { name: 'Accept' }).click();
    await page.getByText('Submission accepted.').waitFor();
    await page.getByText('Nothing is waiting for review.').waitFor();
    expect(scriptErrors).toEqual([]);
    await page.context().close();
  }, 90_000);

  it('shows the learner the completion and downloads the PDF certificate', async () => {
    const { page, scriptErrors } = await started().openPage('/learn');
    await logIn(page, learner.email);
    await page.getByRole('heading', { name: 'Your learning' }).waitFor();
    await page.getByText(`${courseTitle}: completed on`, { exact: false }).waitFor();
    expect(await page.getByRole('main').textContent()).toMatch(
      /activity code HRCI-PAY-[0-9A-Z]{5}-[0-9A-Z]{5}\./,
    );
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: `Download the certificate for ${courseTitle} (PDF)` }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^certificate-.+\.pdf$/);
    const path = await download.path();
    const bytes = await readFile(path);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // The player shows the assessor's feedback on the accepted essay.
    await page.getByRole('link', { name: `Resume ${courseTitle}` }).click();
    await page.getByText('Course completed on', { exact: false }).waitFor();
    await page.getByRole('link', { name: 'Reflect' }).click();
    await page.getByText('Clear and concrete. Well done.').waitFor();
    expect(scriptErrors).toEqual([]);
    await page.context().close();
  }, 90_000);

  it('refuses the player once access has ended, with a way to enrol again', async () => {
    const { app, deps } = started().testApp;
    const courses = await app.inject({ url: `/api/v1/catalog/courses?q=${suffix}` });
    const courseId = courses.json<{ items: Array<{ id: string }> }>().items[0]?.id ?? '';
    const late = await aVerifiedUser(deps, { name: 'Late Learner' });
    const { page, scriptErrors } = await started().openPage(`/catalog/${courseId}`);
    await page.getByRole('button', { name: 'Enrol' }).click();
    await logIn(page, late.email);
    await page.getByRole('button', { name: 'Enrol' }).click();
    await page.waitForURL(/\/learn\/[0-9a-f-]{36}$/);
    const enrolmentId = new URL(page.url()).pathname.split('/').pop() ?? '';
    await deps.db
      .updateTable('enrolments')
      .set({ accessUntil: new Date(Date.now() - 60_000) })
      .where('id', '=', enrolmentId)
      .execute();
    await page.reload();
    await page.getByText('Your access to this course ended on', { exact: false }).waitFor();
    await page.getByRole('link', { name: `Enrol again in ${courseTitle}` }).click();
    await page.getByRole('button', { name: 'Enrol' }).waitFor();
    expect(scriptErrors).toEqual([]);
    await page.context().close();
  }, 90_000);

  it('gives each kind of question and evidence its own input: true/false, text, select-all, a code, a file', async () => {
    const { app, deps } = started().testApp;
    const courseId = await aPublishedCourse(app, issuer.orgId, issuer.owner, {
      title: `Payroll practice ${suffix}`,
      units: [
        {
          kind: 'assessment',
          title: 'More checks',
          questions: [
            {
              type: 'true-false',
              prompt: 'Payroll runs monthly everywhere.',
              answer: false,
              feedback: {
                correct: 'Right: many run weekly.',
                incorrect: 'Many run weekly or twice a month.',
              },
            },
            { type: 'short-text', prompt: 'What does PAYE stand for?', acceptedAnswers: ['Pay as you earn'] },
            {
              type: 'multiple-choice',
              prompt: 'Which are deductions?',
              options: [
                { text: 'Income tax', correct: true },
                { text: 'Pension contribution', correct: true },
                { text: 'Bonus', correct: false, feedback: 'A bonus is pay, not a deduction.' },
              ],
            },
          ],
        },
        {
          kind: 'evidence',
          title: 'Webinar',
          task: 'attendance-code',
          instructions: 'Enter the code read out at the end of the webinar.',
          needsReview: false,
          attendanceCode: 'PAY-2026',
        },
        {
          kind: 'evidence',
          title: 'Payslip',
          task: 'file-upload',
          instructions: 'Upload a payslip you produced, as a PDF.',
          needsReview: false,
          upload: { types: ['pdf'], maxMegabytes: 1 },
        },
      ],
    });
    const person = await aVerifiedUser(deps, { name: 'Pat Practice' });
    const enrolmentId = await anEnrolment(app, await logInAs(app, person.email), courseId);
    const { page, scriptErrors } = await started().openPage(`/learn/${enrolmentId}`);
    await logIn(page, person.email);
    await page.getByRole('heading', { name: 'More checks', level: 2 }).waitFor();
    const question = (prompt: string) =>
      page.locator('form.question').filter({ has: page.getByRole('group', { name: prompt, exact: false }) });

    const trueFalse = question('Payroll runs monthly everywhere.');
    await trueFalse.getByLabel('True').check();
    await trueFalse.getByRole('button', { name: 'Check answer' }).click();
    await trueFalse.getByText('Many run weekly or twice a month.').waitFor();
    await trueFalse.getByLabel('False').check();
    await trueFalse.getByRole('button', { name: 'Check answer' }).click();
    await trueFalse.getByText('Right: many run weekly.').waitFor();

    const shortText = question('What does PAYE stand for?');
    await shortText.getByRole('button', { name: 'Check answer' }).click();
    await shortText.getByText('Enter your answer.').waitFor();
    await shortText.getByLabel('Your answer').fill('  pay as you EARN ');
    await shortText.getByRole('button', { name: 'Check answer' }).click();
    await shortText.getByText('Correct.').waitFor();

    const selectAll = question('Which are deductions?');
    await selectAll.getByLabel('Income tax').check();
    await selectAll.getByLabel('Bonus').check();
    await selectAll.getByRole('button', { name: 'Check answer' }).click();
    await selectAll.getByText('A bonus is pay, not a deduction.').waitFor();
    await selectAll.getByLabel('Bonus').uncheck();
    await selectAll.getByLabel('Pension contribution').check();
    await selectAll.getByRole('button', { name: 'Check answer' }).click();
    await selectAll.getByText('Correct.').waitFor();

    await page.getByRole('link', { name: 'Continue to Webinar' }).click();
    await page.getByLabel('Attendance code').fill('PAY-2025');
    await page.getByRole('button', { name: 'Hand in' }).click();
    await page.getByRole('alert').getByText('That is not the attendance code of this session.').waitFor();
    await page.getByLabel('Attendance code').fill('pay-2026');
    await page.getByRole('button', { name: 'Hand in' }).click();
    await page.getByText('Accepted.').waitFor();

    await page.getByRole('link', { name: 'Continue to Payslip' }).click();
    await page.getByText('PDF, at most 1 MB.').waitFor();
    await page.getByLabel('File').setInputFiles({
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('not a payslip'),
    });
    await page.getByRole('button', { name: 'Hand in' }).click();
    await page.getByRole('alert').getByText('must be one of: pdf').waitFor();
    await page.getByLabel('File').setInputFiles({
      name: 'payslip.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
    });
    await page.getByRole('button', { name: 'Hand in' }).click();
    await page.getByText('Accepted.').waitFor();
    await page.getByText('Course completed on', { exact: false }).waitFor();
    expect(await page.getByText('3 of 3 units done').count()).toBe(1);
    expect(scriptErrors).toEqual([]);
    await page.context().close();
  }, 90_000);
});
