// The "Accept your badge" card (issue #18, item 1): the picture beside one content column (name, issuer,
// description, "Valid until"), not five squeezed columns; on a phone the column goes under the picture.
// The learner's badge page shares .badge-card and must stay right too. At 1280 and 390 px (and no sideways
// scroll at 320), with axe; screenshots go to test-output/screenshots (or SCREENSHOT_DIR) for a person to look at.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  aOneLessonCourse,
  completeOneLessonCourse,
  lastClaimToken,
  settleLearningEvents,
} from '../../src/badges/award-testing.ts';
import { aPublishedBadge } from '../../src/badges/testing.ts';
import { aVerifiedUser, logInAs, TEST_PASSWORD } from '../../src/identity/testing.ts';
import { anIssuerWithOwner } from '../../src/issuing/testing.ts';
import { seriousViolations } from '../support/axe.ts';
import { screenshotDir, sidewaysScroll, startWebApp, type WebAppUnderTest } from '../support/browser.ts';

const suffix = randomBytes(3).toString('hex');
const badgeName = `Payroll year-end closing and statutory reporting ${suffix}`;
const description =
  'Runs a payroll cycle end to end: gross to net, deductions, social security filings, year-end ' +
  'certificates and the corrections that follow them, for companies of up to two hundred people.';

let web: WebAppUnderTest | undefined;
let learnerEmail = '';
let claimPath = '';
let awardId = '';

beforeAll(async () => {
  web = await startWebApp();
  const { app, deps } = web.testApp;
  const issuer = await anIssuerWithOwner(app, deps, 'Nómina Academy');
  const course = await aOneLessonCourse(app, issuer, { title: `Payroll basics ${suffix}` });
  const badge = await aPublishedBadge(app, issuer, {
    courseIds: [course],
    name: badgeName,
    extra: { description },
  });
  const person = await aVerifiedUser(deps, { name: 'Lena Learner' });
  learnerEmail = person.email;
  await completeOneLessonCourse(app, await logInAs(app, person.email), course);
  await settleLearningEvents(deps);
  claimPath = `/claim/${await lastClaimToken(deps, person.email)}`;
  const award = await deps.db
    .selectFrom('awards')
    .select('id')
    .where('badgeId', '=', badge.id)
    .executeTakeFirstOrThrow();
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

async function box(locator: Locator) {
  const found = await locator.boundingBox();
  if (!found) throw new Error('not on screen');
  return found;
}

/** The card holds the picture and one column; the column sits beside it on a desktop, under it on a phone. */
async function expectPictureAndOneColumn(card: Locator, width: number, lastLine: Locator) {
  const children = await card.evaluate((el) => [...el.children].map((child) => child.tagName));
  expect(children).toEqual(['IMG', 'DIV']);
  const [cardBox, picture, column, last] = await Promise.all([
    box(card),
    box(card.locator('> img')),
    box(card.locator('> div')),
    box(lastLine),
  ]);
  if (width >= 1280) {
    expect(column.x).toBeGreaterThanOrEqual(picture.x + picture.width);
    // The column takes the card's width beside the picture, not a squeezed share of it.
    expect(column.width).toBeGreaterThan(cardBox.width - picture.width - 64);
  } else {
    expect(column.y).toBeGreaterThanOrEqual(picture.y + picture.height);
  }
  // Nothing spills out of the card.
  for (const inner of [column, last]) {
    expect(inner.x).toBeGreaterThanOrEqual(cardBox.x);
    expect(inner.x + inner.width).toBeLessThanOrEqual(cardBox.x + cardBox.width + 0.5);
    expect(inner.y + inner.height).toBeLessThanOrEqual(cardBox.y + cardBox.height + 0.5);
  }
}

describe('the "Accept your badge" card', () => {
  it.each([1280, 390])(
    'at %i px shows the picture and one column holding the name, issuer, description and "Valid until"',
    async (width) => {
      const { page, scriptErrors } = await started().openPage(claimPath);
      await page.setViewportSize({ width, height: 900 });
      const card = page.locator('article.badge-card');
      await page.getByRole('heading', { name: badgeName, level: 2 }).waitFor();
      const column = card.locator('> div');
      expect(await column.getByRole('heading', { name: badgeName }).count()).toBe(1);
      await column.getByText('Issued by Nómina Academy').waitFor();
      await column.getByText(description).waitFor();
      const validUntil = column.getByText(/^Valid until /);
      await validUntil.waitFor();
      await expectPictureAndOneColumn(card, width, validUntil);
      expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: join(screenshotDir, `claim-card-${width}.png`), fullPage: true });
      await page.setViewportSize({ width: 320, height: 900 });
      expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);
      expect(scriptErrors).toEqual([]);
      await page.context().close();
    },
    120_000,
  );

  it.each([1280, 390])(
    'leaves the learner’s badge page at %i px with its picture beside (or above) one column',
    async (width) => {
      const { app } = started().testApp;
      const token = claimPath.split('/').pop();
      const learner = await logInAs(app, learnerEmail);
      const accepted = await app.inject({
        method: 'POST',
        url: `/api/v1/claims/${token}/accept`,
        headers: learner.headers,
      });
      expect([200, 409, 410]).toContain(accepted.statusCode);
      const { page, scriptErrors } = await started().openPage(
        `/login?next=${encodeURIComponent(`/learn/badges/${awardId}`)}`,
      );
      await page.setViewportSize({ width, height: 900 });
      await page.getByLabel('Email address').fill(learnerEmail);
      await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
      await page.getByRole('button', { name: 'Log in' }).click();
      const card = page.locator('article.badge-card').first();
      await card.waitFor();
      const text = card.locator('> div').getByText(description);
      await text.waitFor();
      await expectPictureAndOneColumn(card, width, text);
      expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);
      await page.screenshot({ path: join(screenshotDir, `badge-card-learner-${width}.png`), fullPage: true });
      expect(scriptErrors).toEqual([]);
      await page.context().close();
    },
    120_000,
  );
});
