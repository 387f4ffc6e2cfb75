// Browser journey of a lesson image (issue #19 item 5): the editor asks for the picture's alt text, or an
// explicit "decorative" choice, before it uploads anything; the Markdown it inserts carries that text, and
// the preview shows the picture with it. Axe-clean, and the form reflows at 320 px.
import { Resvg } from '@resvg/resvg-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleCourse } from '../../src/catalog/testing.ts';
import { TEST_PASSWORD } from '../../src/identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../../src/issuing/testing.ts';
import { seriousViolations } from '../support/axe.ts';
import { startWebApp, type WebAppUnderTest } from '../support/browser.ts';

let web: WebAppUnderTest | undefined;
let issuer: TestIssuer;
let courseId: string;

beforeAll(async () => {
  web = await startWebApp();
  const { app, deps } = web.testApp;
  issuer = await anIssuerWithOwner(app, deps, 'Alt Text Academy');
  const created = await app.inject({
    method: 'POST',
    url: `/api/v1/orgs/${issuer.orgId}/courses`,
    headers: issuer.owner.headers,
    // The lesson alone: the 320 px check below is about the image form, not the assessment editor.
    payload: sampleCourse({ title: 'Pictures with words', units: [sampleCourse().units[0]] }),
  });
  expect(created.statusCode, created.body).toBe(201);
  courseId = created.json().id;
}, 180_000);

afterAll(async () => {
  await web?.close();
});

const chart = () =>
  new Resvg(
    '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#1d4ed8"/></svg>',
  )
    .render()
    .asPng();

describe('lesson images in the course editor', () => {
  it('asks for alt text or a decorative choice, and inserts Markdown that carries it', async () => {
    if (!web) throw new Error('the web app did not start');
    const { page, scriptErrors } = await web.openPage('/login');
    await page.getByLabel('Email address').fill(issuer.owner.email);
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Issuing' }).waitFor();
    await page.goto(`${web.baseUrl}/issue/courses/${courseId}`);
    // The editor opens on the course's details; the lesson is opened from the outline.
    await page
      .getByRole('navigation', { name: 'Course outline' })
      .getByRole('button', { name: /^1\. .* \(lesson\)$/ })
      .click();
    const lesson = page.getByRole('group', { name: 'Unit 1 (lesson)' });
    const text = lesson.getByLabel('Lesson text (Markdown)');
    const before = await text.inputValue();
    const alt = lesson.getByLabel('Describe the image (alt text)');

    // A file but no description: nothing is uploaded, the description field says why and takes the focus.
    await lesson
      .getByLabel('Add an image')
      .setInputFiles({ name: 'IMG_0042.png', mimeType: 'image/png', buffer: chart() });
    await lesson.getByRole('button', { name: 'Insert the image' }).click();
    await lesson.getByText('Describe the image, or mark it as decorative.').waitFor();
    expect(await alt.getAttribute('aria-invalid')).toBe('true');
    expect(await alt.evaluate((input) => input === document.activeElement)).toBe(true);
    expect(await text.inputValue()).toBe(before);
    expect(await seriousViolations(page)).toEqual([]);

    // Described: the description, not the file name, becomes the alt text (brackets escaped for Markdown).
    await alt.fill('Payroll cycle: gross [before] net');
    await lesson.getByRole('button', { name: 'Insert the image' }).click();
    await lesson.getByText('The image was added to the lesson text.').waitFor();
    expect(await text.inputValue()).toMatch(
      /\n\n!\[Payroll cycle: gross \\\[before\\\] net\]\(\/course-images\/[0-9a-f-]+\.png\)\n$/,
    );
    expect(await alt.inputValue()).toBe('');

    // Decorative: the description field is disabled and the image gets an empty alt text.
    await lesson
      .getByLabel('Add an image')
      .setInputFiles({ name: 'divider.png', mimeType: 'image/png', buffer: chart() });
    await lesson.getByLabel('Decorative image: it adds nothing to the text (no description)').check();
    expect(await alt.isDisabled()).toBe(true);
    await lesson.getByRole('button', { name: 'Insert the image' }).click();
    await expect.poll(() => text.inputValue()).toMatch(/\)\n\n!\[\]\(\/course-images\/[0-9a-f-]+\.png\)\n$/);

    // The preview shows both pictures with the author's words (the server renders the Markdown).
    await page.getByRole('button', { name: 'Save and preview' }).click();
    await page.getByRole('heading', { name: 'Preview' }).waitFor();
    const images = page.locator('.preview .lesson img');
    expect(await images.count()).toBe(2);
    expect(await images.nth(0).getAttribute('alt')).toBe('Payroll cycle: gross [before] net');
    expect(await images.nth(1).getAttribute('alt')).toBe('');

    await page.setViewportSize({ width: 320, height: 740 });
    await lesson.getByRole('button', { name: 'Insert the image' }).scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)).toBe(false);
    expect(scriptErrors).toEqual([]);
    await page.context().close();
  }, 120_000);
});
