// The earner's broken-today items 7 and 8 of issue #18, in a browser at 1280 and 390 px with axe and no
// sideways scroll at 320: a badge waiting for its fee stays on the progress page and says "Earned on", not
// "Issued on"; its fee order speaks of the badge and offers the invoice PDF; a double-click on "Accept" shows
// no error; an unknown app route answers 404 with the app's "Page not found"; an essay shows a live word
// count against its limits, refuses two words, and can be changed while it waits for review.
// Screenshots go to test-output/screenshots (or SCREENSHOT_DIR).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  aOneLessonCourse,
  awardsOfBadge,
  completeOneLessonCourse,
  lastClaimToken,
  settleLearningEvents,
} from '../../src/badges/award-testing.ts';
import { aPublishedBadge } from '../../src/badges/testing.ts';
import { aPublishedCourse } from '../../src/catalog/testing.ts';
import { aVerifiedUser, logInAs, TEST_PASSWORD } from '../../src/identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../../src/issuing/testing.ts';
import { anEnrolment } from '../../src/learning/testing.ts';
import { seriousViolations } from '../support/axe.ts';
import { screenshotDir, sidewaysScroll, startWebApp, type WebAppUnderTest } from '../support/browser.ts';

const badgeName = 'Interview practice';

let web: WebAppUnderTest | undefined;
let issuer: TestIssuer;
let learnerEmail = '';
let awardId = '';
let essayEnrolment = '';

beforeAll(async () => {
  web = await startWebApp();
  const { app, deps } = web.testApp;
  issuer = await anIssuerWithOwner(app, deps, 'Earner Fix Academy');
  const settings = await app.inject({
    method: 'PUT',
    url: `/api/v1/orgs/${issuer.orgId}/commerce/settings`,
    headers: issuer.owner.headers,
    payload: {
      taxRateBp: 0,
      taxLabel: 'Tax',
      bundleDiscountBp: 0,
      sellerDetails: 'Earner Fix Academy, 1 Main St',
      issuanceFee: { amountMinor: 1500, currency: 'EUR' },
    },
  });
  expect(settings.statusCode, settings.body).toBe(200);
  const course = await aOneLessonCourse(app, issuer, { title: 'Interviews in practice' });
  const badge = await aPublishedBadge(app, issuer, { courseIds: [course], name: badgeName });
  const person = await aVerifiedUser(deps, { name: 'Eva Earner' });
  learnerEmail = person.email;
  const learner = await logInAs(app, person.email);
  await completeOneLessonCourse(app, learner, course);
  await settleLearningEvents(deps);
  const [waiting] = await awardsOfBadge(deps, badge.id);
  awardId = waiting?.id ?? '';
  expect(waiting?.state).toBe('awaiting-fee');

  const essays = await aPublishedCourse(app, issuer.orgId, issuer.owner, {
    title: 'Write it up',
    activityCodePrefix: null,
    units: [
      {
        id: 'story',
        kind: 'evidence',
        title: 'An interview you ran',
        task: 'essay',
        instructions: 'Describe an interview you ran (5–8 words).',
        needsReview: true,
      },
    ],
  });
  essayEnrolment = await anEnrolment(app, learner, essays);
  mkdirSync(screenshotDir, { recursive: true });
}, 240_000);

afterAll(async () => {
  await web?.close();
});

function started(): WebAppUnderTest {
  if (!web) throw new Error('the web app did not start');
  return web;
}

async function loggedInAt(path: string, width: number) {
  const opened = await started().openPage(`/login?next=${encodeURIComponent(path)}`);
  await opened.page.setViewportSize({ width, height: 900 });
  await opened.page.getByLabel('Email address').fill(learnerEmail);
  await opened.page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
  await opened.page.getByRole('button', { name: 'Log in' }).click();
  return opened;
}

async function expectFitsAndAccessible(page: Page, name: string, width: number) {
  expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: join(screenshotDir, `earner-${name}-${width}.png`), fullPage: true });
  await page.setViewportSize({ width: 320, height: 900 });
  expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width, height: 900 });
}

describe('the earner’s journey, items 7 and 8', () => {
  it.each([1280, 390])(
    'at %i px keeps a badge waiting for its fee on the progress page, with the fee to pay, and says "Earned on"',
    async (width) => {
      const { page, scriptErrors } = await loggedInAt('/learn/badge-progress', width);
      const card = page.locator('article.badge-card', { hasText: badgeName });
      await card.getByText(/^Awaiting the issuance fee/).waitFor();
      expect(await card.getByRole('button', { name: `Pay the issuance fee for ${badgeName}` }).count()).toBe(
        1,
      );
      await expectFitsAndAccessible(page, 'progress-fee', width);

      await page.goto(`${started().baseUrl}/learn/badges/${awardId}`);
      await page
        .getByText(/^Earned on /)
        .first()
        .waitFor();
      expect(await page.getByText(/^Issued on /).count()).toBe(0);
      await expectFitsAndAccessible(page, 'badge-awaiting-fee', width);
      expect(scriptErrors).toEqual([]);
      await page.context().close();
    },
    120_000,
  );

  it('answers 404 for a path no app route matches, and shows the app’s "Page not found"', async () => {
    const { page, scriptErrors } = await started().openPage('/learn/nothing/here/at-all');
    const response = await page.goto(`${started().baseUrl}/no-such-page`);
    expect(response?.status()).toBe(404);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    expect((await page.goto(`${started().baseUrl}/catalog`))?.status()).toBe(200);
    expect(scriptErrors).toEqual([]);
    await page.context().close();
  }, 60_000);

  it.each([1280, 390])(
    'at %i px counts an essay’s words live, refuses two words, and lets the learner change it before review',
    async (width) => {
      const { page, scriptErrors } = await loggedInAt(`/learn/${essayEnrolment}?unit=story`, width);
      const answer = page.getByLabel('Your answer');
      await page.getByText('Describe an interview you ran (5–8 words).').waitFor();
      // The first width hands the essay in; the second finds it waiting for review.
      const existing = await page.getByRole('button', { name: 'Change my work' }).count();
      if (existing === 0) {
        await page.getByText('5–8 words', { exact: true }).waitFor();
        await answer.fill('Two words');
        await page.getByText('2 words', { exact: true }).waitFor();
        await page.getByRole('button', { name: 'Hand in' }).click();
        await page.getByText('Your essay has 2 words; this task asks for 5–8 words.').first().waitFor();
        await expectFitsAndAccessible(page, 'essay-count', width);
        await answer.fill('I asked five questions and scored each.');
        await page.getByText('7 words', { exact: true }).waitFor();
        await page.getByRole('button', { name: 'Hand in' }).click();
      }
      await page.getByRole('button', { name: 'Change my work' }).click();
      const changed = `I asked five questions, scored each (${width}).`;
      await page.getByLabel('Your answer').fill(changed);
      await page.getByRole('button', { name: 'Save the change' }).click();
      await page.getByText(changed, { exact: true }).waitFor();
      await expectFitsAndAccessible(page, 'essay-changed', width);
      expect(scriptErrors).toEqual([]);
      await page.context().close();
    },
    120_000,
  );

  it('offers the unpaid fee order’s invoice as a PDF, speaks of the badge, and accepts on a double-click without an error', async () => {
    const { page, scriptErrors } = await loggedInAt(`/learn/badges/${awardId}`, 1280);
    await page.getByRole('button', { name: `Pay the issuance fee for ${badgeName}` }).click();
    // The fee button keeps its name while its order is made: wait for the order page before paying, so
    // "Pay …" is the order's button and not the fee button again.
    await page.waitForURL(/\/learn\/orders\/[0-9a-f-]+$/, { timeout: 60_000 });
    await page.getByRole('heading', { name: 'Payment' }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: /^Pay \S*\d/ }).click();
    // Placing the order issues its invoice (a PDF): slow on a loaded machine. A refused payment says why.
    const issued = page.getByText(/your badge is issued as soon as/);
    const refused = page.locator('.payment [role="alert"], .payment .status--error');
    await issued.or(refused).first().waitFor({ timeout: 90_000 });
    expect(await refused.allTextContents()).toEqual([]);
    const invoice = page.getByRole('link', { name: 'Download the invoice (PDF)' });
    await invoice.waitFor({ timeout: 60_000 });
    expect(await page.getByRole('columnheader', { name: 'Access' }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(screenshotDir, 'earner-fee-invoice-1280.png'), fullPage: true });
    const pdf = await page.request.get(`${started().baseUrl}${await invoice.getAttribute('href')}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');

    const { app, deps } = started().testApp;
    const orderId = page.url().split('/').pop() ?? '';
    const paid = await app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/orders/${orderId}/mark-paid`,
      headers: issuer.owner.headers,
      payload: { reference: 'Bank transfer 7' },
    });
    expect(paid.statusCode, paid.body).toBe(200);
    await page.goto(`${started().baseUrl}/claim/${await lastClaimToken(deps, learnerEmail)}`);
    await page.getByRole('button', { name: 'Accept the badge' }).dblclick();
    await page.getByText(/^You accepted the badge/).waitFor();
    expect(await page.locator('.status--error').count()).toBe(0);
    // Asked once right after accepting: making it public leads to its sharing panel.
    await page.getByRole('button', { name: 'Make it public and share' }).click();
    await page.waitForURL(/\/learn\/badges\/[^/]+#sharing$/);
    await page.getByRole('heading', { name: 'Sharing' }).waitFor();
    const publicChoice = page.getByRole('radio', { name: /^Public/ });
    await publicChoice.waitFor();
    expect(await publicChoice.isChecked()).toBe(true);
    expect(scriptErrors).toEqual([]);
    await page.context().close();
  }, 120_000);
});
