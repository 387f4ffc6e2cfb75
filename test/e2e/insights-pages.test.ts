// Learner insights in a browser (issue #16, items 4 and 5): a learner holding a badge whose skills carry
// O*NET concepts sees "Related jobs" on the badge page, each explained by a because sentence; follows a
// skill tag to the jobs where that skill matters (also signed out); and on "Where my skills lead" picks a
// target occupation by title and sees the gaps, most important first, with a published badge that would
// close one. Axe at 1280 and 390 px, no sideways scroll at 320 px, screenshots in test-output/screenshots.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awardBadge } from '../../src/badges/award.ts';
import { aOneLessonCourse } from '../../src/badges/award-testing.ts';
import { findVersion } from '../../src/badges/definition-store.ts';
import { aPublishedBadge } from '../../src/badges/testing.ts';
import { aVerifiedUser, TEST_PASSWORD } from '../../src/identity/testing.ts';
import { anIssuerWithOwner } from '../../src/issuing/testing.ts';
import { importOnet } from '../../src/skills/index.ts';
import { seriousViolations } from '../support/axe.ts';
import { screenshotDir, startWebApp, type WebAppUnderTest } from '../support/browser.ts';

const sample = resolve(import.meta.dirname, '../../vendor/skills-sample/onet');
const suffix = randomBytes(3).toString('hex');
const heldBadge = `Documentation writing ${suffix}`;
const closerBadge = `Critical thinking at work ${suffix}`;

let web: WebAppUnderTest | undefined;
let learnerEmail = '';
let awardId = '';

beforeAll(async () => {
  web = await startWebApp();
  const { app, deps } = web.testApp;
  // The shipped O*NET sample: Technical Writers (27-3042.00) rate Writing, Reading Comprehension, Speaking,
  // Active Listening and Critical Thinking as their most important skills.
  await importOnet(deps.db, sample);
  const issuer = await anIssuerWithOwner(app, deps, 'Docs Academy');
  const courseId = await aOneLessonCourse(app, issuer, { title: `Writing manuals ${suffix}` });
  const onet = (code: string) => ({ framework: 'onet', code });
  const held = await aPublishedBadge(app, issuer, {
    courseIds: [courseId],
    name: heldBadge,
    extra: {
      skills: [
        { name: 'Technical writing', concept: onet('2.A.1.c'), level: 5 },
        { name: 'Reading specifications', concept: onet('2.A.1.a'), level: 4 },
        { name: 'Listening to engineers', concept: onet('2.A.1.b'), level: 2 },
        { name: 'House style guide' },
      ],
    },
  });
  // Published, not held: it carries a skill the target asks for, so it closes that gap.
  await aPublishedBadge(app, issuer, {
    courseIds: [courseId],
    name: closerBadge,
    extra: { skills: [{ name: 'Critical thinking', concept: onet('2.A.2.a'), level: 4 }] },
  });
  const person = await aVerifiedUser(deps, { name: 'Tomás Writer' });
  learnerEmail = person.email;
  const version = await findVersion(deps.db, held.latestVersion.id);
  if (!version) throw new Error('the published badge has no version');
  const { award } = await deps.db
    .transaction()
    .execute((trx) =>
      awardBadge(deps, trx, { version, email: person.email, userId: person.user.id, source: 'manual' }),
    );
  await deps.db
    .updateTable('awards')
    .set({ state: 'accepted', decidedAt: new Date() })
    .where('id', '=', award.id)
    .execute();
  awardId = award.id;
  mkdirSync(screenshotDir, { recursive: true });
}, 180_000);

afterAll(async () => {
  await web?.close();
});

function started(): WebAppUnderTest {
  if (!web) throw new Error('the web app did not start');
  return web;
}

async function logIn(page: Page): Promise<void> {
  await page.getByLabel('Email address').fill(learnerEmail);
  await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
}

/** Axe at 1280 and 390 px with a full-page screenshot each, and no sideways scroll at 320 px. */
async function checkLayouts(page: Page, name: string): Promise<void> {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    expect(await seriousViolations(page), `${name} at ${width} px`).toEqual([]);
    await page.screenshot({ path: join(screenshotDir, `insights-${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 320, height: 800 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name} scrolls sideways at 320 px`).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe('learner insights in a browser', () => {
  it('lists related jobs on the badge page, each with a because sentence naming the badge, and sets one as the target', async () => {
    const { page, scriptErrors } = await started().openPage(`/learn/badges/${awardId}`);
    await logIn(page);
    await page.getByRole('heading', { name: heldBadge, level: 1 }).waitFor();
    const skills = page.getByRole('region', { name: 'Skills' });
    await skills.getByRole('link', { name: 'Technical writing · level 5 of 7' }).waitFor();
    // A free-text skill is a plain tag, not a link.
    await skills.getByText('House style guide').waitFor();
    expect(await skills.getByRole('link', { name: /House style guide/ }).count()).toBe(0);

    const related = page.getByRole('region', { name: 'Related jobs' });
    const jobs = related.getByRole('article');
    await jobs.first().waitFor();
    expect(await jobs.count()).toBeGreaterThan(0);
    expect(await jobs.count()).toBeLessThanOrEqual(5);
    const first = jobs.first();
    expect(await first.locator('.occupation__because').textContent()).toMatch(/^Because .+/);
    expect(await related.textContent()).toContain(heldBadge);
    expect(await first.getByText(/^Job Zone [1-5]: /).count()).toBe(1);
    expect(await first.getByRole('link', { name: /^O\*NET/ }).getAttribute('href')).toBe('/about/data/onet');
    expect(await first.getByRole('link', { name: /^About / }).getAttribute('href')).toMatch(
      /^\/occupations\/onet\/\d\d-\d{4}\.\d\d$/,
    );
    await checkLayouts(page, 'badge');

    // "Set as my target" keeps the occupation and opens "Where my skills lead" on it; cleared again after.
    const title = (await first.getByRole('heading', { level: 3 }).textContent()) ?? '';
    await first.getByRole('button', { name: `Set as my target: ${title}` }).click();
    await page.getByRole('heading', { name: 'Where my skills lead', level: 1 }).waitFor();
    const target = page.getByRole('region', { name: 'Your target' });
    await target.getByRole('link', { name: title }).waitFor();
    await target.getByRole('button', { name: 'Clear' }).click();
    await target.getByLabel('Job title').waitFor();
    expect(scriptErrors).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('follows a skill tag to the jobs where that skill matters, signed in or not', async () => {
    const { page, scriptErrors } = await started().openPage(`/learn/badges/${awardId}`);
    await logIn(page);
    await page.getByRole('link', { name: 'Technical writing · level 5 of 7' }).click();
    await page.getByRole('heading', { name: 'Jobs where Writing matters', level: 1 }).waitFor();
    expect(new URL(page.url()).search).toBe('?skill=onet:2.A.1.c');
    const jobs = page.getByRole('main').getByRole('article');
    await jobs.first().waitFor();
    expect(await jobs.count()).toBeGreaterThan(1);
    expect(await page.getByRole('link', { name: 'About Writing' }).getAttribute('href')).toBe(
      '/skills/onet/2.A.1.c',
    );
    await checkLayouts(page, 'jobs');
    expect(scriptErrors).toEqual([]);
    await page.context().close();

    const visitor = await started().openPage('/jobs?skill=onet:2.A.1.c');
    await visitor.page.getByRole('heading', { name: 'Jobs where Writing matters', level: 1 }).waitFor();
    await visitor.page.getByRole('main').getByRole('article').first().waitFor();
    expect(await visitor.page.getByRole('button', { name: /Set as my target/ }).count()).toBe(0);
    expect(visitor.scriptErrors).toEqual([]);
    await visitor.page.context().close();
  }, 120_000);

  it('sets a target occupation by title and shows the gaps, most important first, with a badge that closes one', async () => {
    const { page, scriptErrors } = await started().openPage('/learn');
    await logIn(page);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Where my skills lead' })
      .click();
    await page.getByRole('heading', { name: 'Where my skills lead', level: 1 }).waitFor();
    const mine = page.getByRole('region', { name: 'Your skills' });
    await mine.getByRole('link', { name: 'Technical writing · level 5 of 7' }).waitFor();
    await page
      .getByRole('region', { name: 'Jobs your skills point to' })
      .getByRole('article')
      .first()
      .waitFor();
    await checkLayouts(page, 'skills');

    const target = page.getByRole('region', { name: 'Your target' });
    await target.getByRole('button', { name: 'Search' }).click();
    await target.getByText('Enter a job title.').waitFor();
    await target.getByLabel('Job title').fill('technical writer');
    await target.getByRole('button', { name: 'Search' }).click();
    const hits = target.getByRole('list', { name: 'Jobs with that title' });
    await hits.getByText('Technical Writers', { exact: true }).waitFor();
    await hits.getByRole('button', { name: 'Set as my target: Technical Writers' }).click();

    await target.getByText('You aim to work as:').waitFor();
    await target.getByRole('link', { name: 'Technical Writers' }).waitFor();
    await target
      .getByText(/^You show \d+% of the core skills of Technical Writers at the level needed\.$/)
      .waitFor();
    await target.getByRole('heading', { name: 'Skills you still need, most important first' }).waitFor();
    const gaps = target.locator('ol.gap-list > li');
    const texts = await gaps.allTextContents();
    expect(texts.length).toBeGreaterThan(1);
    const importances = texts.map((text) => Number(/importance ([\d.]+) of 5/.exec(text)?.[1] ?? Number.NaN));
    expect(importances.every((value) => Number.isFinite(value))).toBe(true);
    expect(importances).toEqual([...importances].sort((a, b) => b - a));
    // Active Listening is shown below the level Technical Writers need: still a gap, with the level shown.
    const listening = texts.find((text) => text.startsWith('Active Listening'));
    expect(listening).toMatch(/your level 2/);
    // The badge already held (at level 2) is not offered as a way to close it.
    expect(listening).not.toContain(heldBadge);
    const critical = gaps.filter({ has: page.getByRole('heading', { name: 'Critical Thinking' }) });
    expect(await critical.textContent()).toContain('not shown yet');
    await critical.getByRole('link', { name: closerBadge }).waitFor();
    await target.getByRole('heading', { name: 'What you already have' }).waitFor();
    expect(await target.locator('ul.gap-list').textContent()).toContain('Writing');
    await checkLayouts(page, 'target');

    // Clearing the target brings the title search back.
    await target.getByRole('button', { name: 'Clear' }).click();
    await target.getByLabel('Job title').waitFor();
    expect(scriptErrors).toEqual([]);
    await page.context().close();
  }, 180_000);
});
