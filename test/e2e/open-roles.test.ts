// Open roles in a browser (issue #17 item 5): an employer's owner publishes a role profile as an open role; a
// learner turns on job matching on "Where my skills lead", sees the role ranked with its fit and gap, applies
// showing one badge; the employer sees the application with the fit, the gap and that badge. Axe at 1280 and
// 390 px, no sideways scroll at 320 and 390 px, screenshots in test-output/screenshots/open-roles-*.png.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aOneLessonCourse } from '../../src/badges/award-testing.ts';
import { aLoggedInUser, TEST_PASSWORD } from '../../src/identity/testing.ts';
import { aBadgeAsserting, anAcceptedAward, SAMPLE } from '../../src/insights/testing.ts';
import { anIssuerWithOwner } from '../../src/issuing/testing.ts';
import { importOnet } from '../../src/skills/index.ts';
import { anEmployerWithManager, type TestEmployer } from '../../src/workforce/testing.ts';
import { seriousViolations } from '../support/axe.ts';
import {
  lateTimers,
  screenshotDir,
  sidewaysScroll,
  startWebApp,
  type WebAppUnderTest,
} from '../support/browser.ts';

const onet = (code: string) => ({ framework: 'onet' as const, code });
const ROLE_TITLE = 'Technical writer (manuals)';

let web: WebAppUnderTest | undefined;
let employer: TestEmployer;
let learnerEmail = '';

beforeAll(async () => {
  web = await startWebApp();
  const { app, deps } = web.testApp;
  await importOnet(deps.db, join(SAMPLE, 'onet'));
  employer = await anEmployerWithManager(app, deps);
  const profile = await app.inject({
    method: 'POST',
    url: `/api/v1/orgs/${employer.orgId}/role-profiles`,
    headers: employer.manager.headers,
    payload: {
      name: 'Writer',
      skills: [
        { ...onet('2.A.1.c'), level: 5, importance: 5 },
        { ...onet('2.A.1.a'), level: 4, importance: 3 },
        { ...onet('2.A.2.a'), level: 4, importance: 2 },
      ],
    },
  });
  expect(profile.statusCode, profile.body).toBe(201);
  const issuer = await anIssuerWithOwner(app, deps, 'Docs Academy');
  const courseId = await aOneLessonCourse(app, issuer, { title: 'Writing manuals' });
  const t = web.testApp;
  const writing = await aBadgeAsserting(t, issuer, courseId, 'Technical writing', [
    { name: 'Writing', concept: onet('2.A.1.c'), level: 5 },
    { name: 'Reading', concept: onet('2.A.1.a'), level: 3 },
  ]);
  await aBadgeAsserting(t, issuer, courseId, 'Critical thinking at work', [
    { name: 'Critical thinking', concept: onet('2.A.2.a'), level: 4 },
  ]);
  const learner = await aLoggedInUser(app, deps, { name: 'Maria Lopez' });
  learnerEmail = learner.email;
  await anAcceptedAward(t, issuer, writing, learner);
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
  // A loaded machine (2 shared cores) can take long over the first page; everything after waits as long.
  page.setDefaultTimeout(60_000);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
}

/**
 * Axe at 1280 and 390 px with a full-page screenshot each (and one of `part`, when the page is long), and no
 * sideways scroll at 390 and 320 px.
 */
async function checkLayouts(page: Page, name: string, part?: Locator): Promise<void> {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    expect(await seriousViolations(page), `${name} at ${width} px`).toEqual([]);
    expect(await sidewaysScroll(page), `${name} scrolls sideways at ${width} px`).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(screenshotDir, `open-roles-${name}-${width}.png`), fullPage: true });
    await part?.screenshot({ path: join(screenshotDir, `open-roles-${name}-part-${width}.png`) });
  }
  await page.setViewportSize({ width: 320, height: 800 });
  expect(await sidewaysScroll(page), `${name} scrolls sideways at 320 px`).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe('open roles in a browser', () => {
  it('lets the employer publish a role profile as an open role', async () => {
    const { page, scriptErrors } = await started().openPage('/employ/open-roles');
    await logIn(page, employer.owner.email);
    await page.getByRole('heading', { name: 'Open roles', level: 1 }).waitFor();
    await page.getByLabel('Role profile').selectOption({ label: 'Writer' });
    await page.getByLabel('Title', { exact: true }).fill(ROLE_TITLE);
    await page.getByLabel('Location (optional)').fill('Rotterdam or remote');
    await page
      .getByLabel('Description (optional)')
      .fill('You write the manuals of our routing tools.\nFull time.');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText(`${ROLE_TITLE} is published.`).waitFor();
    const published = page.getByRole('article', { name: ROLE_TITLE });
    await published.waitFor();
    expect(await published.textContent()).toContain('0 applications');
    await checkLayouts(page, 'employer');
    expect(scriptErrors).toEqual([]);
    await page.context().close();
  }, 180_000);

  it('lets a learner opt in, see the role ranked with the gap, and apply showing one badge', async () => {
    const { page, scriptErrors } = await started().openPage('/learn/skills');
    await logIn(page, learnerEmail);
    await page.getByRole('heading', { name: 'Where my skills lead', level: 1 }).waitFor();
    const section = page.getByRole('region', { name: 'Employers on this server hiring for your skills' });
    const toggle = section.getByLabel('Show me employers hiring for my skills');
    expect(await toggle.isChecked()).toBe(false);
    expect(await section.getByRole('article').count()).toBe(0);
    // Even with the page's timers running late, the switch follows the click at once.
    await lateTimers(page);
    await toggle.check();
    const role = section.getByRole('article', { name: ROLE_TITLE });
    await role.waitFor();
    const text = (await role.textContent()) ?? '';
    // Writing held (5 of 5), Reading shown at 3 of the 4 needed (3), Critical thinking missing (2): 5 / 10.
    expect(text).toContain("Your badges cover 50% of this role's skills at the level needed.");
    expect(text).toContain('Below the level needed');
    expect(text).toContain('level 3 shown, 4 needed');
    await role.getByRole('link', { name: 'Critical thinking at work' }).waitFor();
    await checkLayouts(page, 'learner', section);

    await role.getByRole('button', { name: `Apply: ${ROLE_TITLE}` }).click();
    const form = role.getByRole('form', { name: `Apply to ${ROLE_TITLE}` });
    await form.getByLabel('Technical writing').check();
    await form.getByLabel('Message to the employer (optional)').fill('I write manuals for a living.');
    await checkLayouts(page, 'apply', role);
    await form.getByRole('button', { name: 'Send application' }).click();
    await role.getByText('You showed: Technical writing.').waitFor();
    await role.getByRole('button', { name: `Withdraw my application: ${ROLE_TITLE}` }).waitFor();
    expect(scriptErrors).toEqual([]);
    await page.context().close();
  }, 180_000);

  it('shows the employer the application with its fit, gap and the badge shown', async () => {
    const { page, scriptErrors } = await started().openPage('/employ/open-roles');
    await logIn(page, employer.owner.email);
    const published = page.getByRole('article', { name: ROLE_TITLE });
    await published.waitFor();
    expect(await published.textContent()).toContain('1 application');
    await published.getByRole('button', { name: `Show applicants: ${ROLE_TITLE}` }).click();
    const applicants = published.getByRole('list', { name: `Applicants for ${ROLE_TITLE}, best fit first` });
    await applicants.getByRole('heading', { name: 'Maria Lopez' }).waitFor();
    const text = (await applicants.textContent()) ?? '';
    expect(text).toContain(learnerEmail.toLowerCase());
    expect(text).toContain('I write manuals for a living.');
    expect(text).toContain("The badges shown cover 50% of this role's skills at the level needed.");
    expect(text).toContain('Technical writing');
    await checkLayouts(page, 'applicants', published);
    expect(scriptErrors).toEqual([]);
    await page.context().close();
  }, 180_000);
});
