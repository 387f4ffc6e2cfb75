// Public skill pages in a browser (issue #16, items 1 and 4): a visitor opens a public badge whose skills
// are aligned to O*NET and ESCO concepts, sees its related jobs, follows a skill tag to the skill's page,
// a job to the occupation's page and the attribution link to the data's page. Each page kind passes axe
// (no serious or critical finding) at 1280 and 390 px and does not scroll sideways at 320 px; screenshots
// go to test-output/screenshots/public-skills-*.png (or SCREENSHOT_DIR) for a person to look at.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anAcceptedBadge } from '../../src/showcase/testing.ts';
import { importEsco, importOnet } from '../../src/skills/index.ts';
import { seriousViolations } from '../support/axe.ts';
import { screenshotDir, sidewaysScroll, startWebApp, type WebAppUnderTest } from '../support/browser.ts';

const sample = resolve(import.meta.dirname, '../../vendor/skills-sample');
const PROGRAMMING = '2.B.3.e';
const WEAVING = 'http://data.europa.eu/esco/skill/98d1f42a-dcfe-4c9f-9abb-e72aedeaa26b';

let web: WebAppUnderTest | undefined;
let badgePath = '';

beforeAll(async () => {
  web = await startWebApp();
  const { app, deps } = web.testApp;
  await importOnet(deps.db, join(sample, 'onet'));
  await importEsco(deps.db, join(sample, 'esco'), { version: '1.1.1' });
  const held = await anAcceptedBadge(app, deps, {
    badgeName: 'Software developer — Núñez programme',
    extra: {
      skills: [
        { name: 'Programming', concept: { framework: 'onet', code: PROGRAMMING }, level: 5 },
        { name: 'Computers and electronics', concept: { framework: 'onet', code: '2.C.3.a' }, level: 4 },
        { name: 'Tend weaving machines', concept: { framework: 'esco', code: WEAVING } },
        { name: 'Team spirit' },
      ],
    },
  });
  const shared = await app.inject({
    method: 'PUT',
    url: `/api/v1/me/badges/${held.award.id}/sharing`,
    headers: held.learner.headers,
    payload: { visibility: 'public' },
  });
  expect(shared.statusCode).toBe(200);
  badgePath = `/badges/${held.award.id}`;
  mkdirSync(screenshotDir, { recursive: true });
}, 300_000);

afterAll(async () => {
  await web?.close();
});

function started(): WebAppUnderTest {
  if (!web) throw new Error('the web app did not start');
  return web;
}

/** How far the page scrolls sideways (0 when everything fits the viewport's width). */
/** Axe at 1280 and 390 px with a screenshot of each, then no sideways scroll at 320 px. */
async function checkLayouts(page: Page, name: string): Promise<void> {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({
      path: join(screenshotDir, `public-skills-${name}-${width}.png`),
      fullPage: true,
    });
  }
  await page.setViewportSize({ width: 320, height: 800 });
  expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);
  await page.screenshot({ path: join(screenshotDir, `public-skills-${name}-320.png`), fullPage: true });
}

describe('public skill pages in a browser', { timeout: 180_000 }, () => {
  it('shows a public badge’s related jobs, explained, with the data’s attribution', async () => {
    const { page, scriptErrors } = await started().openPage(badgePath);
    const related = page.getByRole('region', { name: 'Related jobs' });
    await related.waitFor();
    const jobs = related.getByRole('heading', { level: 3 });
    expect(await jobs.count()).toBeGreaterThan(0);
    expect(await jobs.count()).toBeLessThanOrEqual(5);
    expect(await related.textContent()).toContain('Because this badge asserts Programming at level 5');
    expect(await related.getByRole('link', { name: 'O*NET attribution and licence' }).count()).toBe(1);
    await checkLayouts(page, 'badge');
    expect(scriptErrors).toEqual([]);
  });

  it('leads from a skill tag to the skill’s page and its jobs', async () => {
    const { page } = await started().openPage(badgePath);
    await page.getByRole('link', { name: 'Programming', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Programming' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/skills/onet/${PROGRAMMING}`);
    const jobs = page.getByRole('region', { name: 'Jobs where this skill matters' });
    expect(await jobs.getByRole('heading', { level: 3 }).count()).toBeGreaterThan(0);
    await checkLayouts(page, 'skill');
  });

  it('leads from a related job to the occupation’s page, with its core skills and technologies', async () => {
    const { page } = await started().openPage(badgePath);
    const first = page
      .getByRole('region', { name: 'Related jobs' })
      .getByRole('heading', { level: 3 })
      .first();
    const title = (await first.textContent()) ?? '';
    await first.getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/occupations\/onet\//);
    await page.getByRole('heading', { name: 'Core skills and knowledge' }).waitFor();
    await checkLayouts(page, 'occupation');
  });

  it('shows an ESCO skill reached by its encoded URI', async () => {
    const { page } = await started().openPage(badgePath);
    await page.getByRole('link', { name: 'Tend weaving machines', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'tend weaving machines' }).waitFor();
    expect(await page.getByText('ESCO 1.1.1').count()).toBeGreaterThan(0);
    await checkLayouts(page, 'skill-esco');
  });

  it('leads from the attribution link to the data’s attribution page', async () => {
    const { page } = await started().openPage(`/skills/onet/${PROGRAMMING}`);
    await page.getByRole('link', { name: 'O*NET attribution and licence' }).click();
    await page.getByRole('heading', { level: 1, name: 'O*NET data in Tessera' }).waitFor();
    expect(await page.locator('blockquote').textContent()).toContain('O*NET® is a trademark of USDOL/ETA');
    await checkLayouts(page, 'about-onet');
    const esco = await started().openPage('/about/data/esco');
    await esco.page.getByRole('heading', { level: 1, name: 'ESCO data in Tessera' }).waitFor();
    await checkLayouts(esco.page, 'about-esco');
  });
});
