// Browser journey of commerce (issue #8, item 10): an issuer sets a tax and a first-badge fee; a learner
// buys one course, paid by invoice that the issuer marks paid; then the bundle of a badge needing that
// course and two more, charged only for the two (the bundle discount shown); opens one course and is
// refused a refund for it, and is refunded for the unopened one (its access ends); earns a first badge,
// which waits for the issuance fee until that is paid; the issuer sees sales, refunds and fees per month
// as a chart, a table and a CSV, and edits a bundle and a coupon. Axe runs on every new page.
//
// Prices (tax 10 %): Payroll basics €45.00, Payroll compliance €30.00, Payroll reporting €25.00; the
// bundle of all three costs €90.00 (10 % off €100.00); holding "basics", the learner pays €49.50 for the
// other two (+ €4.95 tax), of which "reporting" is €22.50 (+ €2.25).

import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aOneLessonCourse, settleLearningEvents } from '../../src/badges/award-testing.ts';
import { aPublishedBadge } from '../../src/badges/testing.ts';
import { aVerifiedUser, TEST_PASSWORD } from '../../src/identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../../src/issuing/testing.ts';
import { badgeMailsTo } from '../support/awards.ts';
import { seriousViolations } from '../support/axe.ts';
import { startWebApp, type WebAppUnderTest } from '../support/browser.ts';

let web: WebAppUnderTest | undefined;
let issuer: TestIssuer;
let learner: { email: string; name: string };
const suffix = randomBytes(3).toString('hex');
const course = {
  basics: `Payroll basics ${suffix}`,
  compliance: `Payroll compliance ${suffix}`,
  reporting: `Payroll reporting ${suffix}`,
};
const practitioner = `Payroll practitioner ${suffix}`;
const starter = `Compliance starter ${suffix}`;
let practitionerId = '';
let bundleOrderNumber = '';
let basicsId = '';

beforeAll(async () => {
  web = await startWebApp();
  const { app, deps } = web.testApp;
  issuer = await anIssuerWithOwner(app, deps, 'Nómina Academy');
  const price = (amountMinor: number) => ({ price: { amountMinor, currency: 'EUR' } });
  const basics = await aOneLessonCourse(app, issuer, { title: course.basics, ...price(4500) });
  basicsId = basics;
  const compliance = await aOneLessonCourse(app, issuer, { title: course.compliance, ...price(3000) });
  const reporting = await aOneLessonCourse(app, issuer, { title: course.reporting, ...price(2500) });
  const bundleBadge = await aPublishedBadge(app, issuer, {
    name: practitioner,
    courseIds: [basics, compliance, reporting],
  });
  practitionerId = bundleBadge.id;
  await aPublishedBadge(app, issuer, { name: starter, courseIds: [compliance] });
  const person = await aVerifiedUser(deps, { name: 'Lena Learner' });
  learner = { email: person.email, name: 'Lena Learner' };
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

/** A fresh browser logged in as `email`, sent on to `path`. */
async function openAs(email: string, path: string) {
  const opened = await started().openPage(`/login?next=${encodeURIComponent(path)}`);
  await logIn(opened.page, email);
  return opened;
}

async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousViolations(page)).toEqual([]);
}

/** The order number in the heading "Order N" of an order page. */
async function orderNumberOn(page: Page): Promise<string> {
  const heading = page.getByRole('heading', { level: 1, name: /^Order \d+$/ });
  await heading.waitFor();
  return ((await heading.textContent()) ?? '').replace('Order ', '');
}

/** The issuer marks an order paid from the list of orders, as after a bank transfer arrived. */
async function issuerMarksPaid(orderNumber: string): Promise<void> {
  const { page, scriptErrors } = await openAs(issuer.owner.email, '/issue/sales?state=awaiting-payment');
  await page.getByRole('heading', { name: 'Sales', level: 1 }).waitFor();
  await page.getByRole('button', { name: `Mark order ${orderNumber} paid` }).click();
  await page.getByText(`Order ${orderNumber} is paid: the learner has access now.`).waitFor();
  await expectAccessible(page);
  expect(scriptErrors).toEqual([]);
  await page.context().close();
}

describe('commerce journeys in a browser', () => {
  it('lets the issuer price a course in the course editor, refusing more decimals than the currency has', async () => {
    const { page, scriptErrors } = await openAs(issuer.owner.email, `/issue/courses/${basicsId}`);
    await page.getByRole('heading', { name: `Edit “${course.basics}”` }).waitFor();
    await expect.poll(() => page.getByLabel('Price (optional)').inputValue()).toBe('45.00');
    expect(await page.getByLabel('Currency').inputValue()).toBe('EUR');
    // The course is published: the editor says plainly which fields are live on Save (issue #19, item 1).
    await page
      .getByText(
        'Live at once: the price, currency, access days and activity code prefix apply as soon as you save',
      )
      .waitFor();
    // Autosave leaves a live price alone: the change waits for Save.
    await page.getByLabel('Price (optional)').fill('46.00');
    await page.getByText('Your change to the price or access terms is not applied yet').waitFor();
    await page.waitForTimeout(3_000);
    const stored = await started().testApp.app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${issuer.orgId}/courses/${basicsId}`,
      headers: issuer.owner.headers,
    });
    expect(stored.json().price).toEqual({ amountMinor: 4_500, currency: 'EUR' });
    await page.getByLabel('Price (optional)').fill('45.001');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('alert').getByText('Use at most 2 decimals for EUR.', { exact: false }).waitFor();
    await page.getByLabel('Price (optional)').fill('45,00');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved.', { exact: true }).waitFor();
    expect(await page.getByLabel('Price (optional)').inputValue()).toBe('45.00');
    expect(scriptErrors).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('lets the issuer set a 10 % VAT and a first-badge fee, refusing an amount with too many decimals', async () => {
    const { page, scriptErrors } = await openAs(issuer.owner.email, '/issue');
    await page.getByRole('heading', { name: 'Issuing' }).waitFor();
    await page.getByRole('main').getByRole('link', { name: 'Sales', exact: true }).click();
    await page.getByRole('heading', { name: 'Sales', level: 1 }).waitFor();
    await page.getByRole('navigation', { name: 'Sales' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Sales settings' }).waitFor();
    await expect.poll(() => page.getByLabel('Bundle discount (%)').inputValue()).toBe('10');

    await page.getByLabel('Tax rate (%)').fill('10');
    await page.getByLabel('Name of the tax').fill('VAT');
    await page.getByLabel('Fee amount').fill('25.001');
    await page.getByRole('button', { name: 'Save the settings' }).click();
    await page.getByRole('alert').getByText('Use at most 2 decimals for EUR.').waitFor();
    await expectAccessible(page);

    await page.getByLabel('Fee amount').fill('25.00');
    await page.getByRole('button', { name: 'Save the settings' }).click();
    await page.getByText('Saved.', { exact: true }).waitFor();
    await page.reload();
    await expect.poll(() => page.getByLabel('Fee amount').inputValue()).toBe('25.00');
    expect(await page.getByLabel('Tax rate (%)').inputValue()).toBe('10');
    expect(scriptErrors).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('sells one course: the learner places the order and pays by invoice, the issuer marks it paid', async () => {
    const { page, scriptErrors } = await openAs(
      learner.email,
      `/catalog?q=${encodeURIComponent(course.basics)}`,
    );
    await page.getByRole('heading', { name: 'Results' }).waitFor();
    const card = page.getByRole('article').filter({ hasText: course.basics });
    await card.getByText('€45.00').waitFor();
    await card.getByRole('button', { name: `Add to cart: ${course.basics}` }).click();
    // The button gives way to what the catalog now knows: it is in the cart, with the way there.
    await card.getByRole('status').filter({ hasText: 'In your cart.' }).waitFor();
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Cart (1 item)' }).click();
    await page.getByRole('heading', { name: 'Your cart', level: 1 }).waitFor();
    const totals = page.locator('.totals');
    await totals.getByText('VAT (10 %)').waitFor();
    expect(await totals.textContent()).toContain('€49.50');
    // A wrong coupon is refused in plain words, and changes nothing.
    await page.getByLabel('Coupon code').fill('NOPE-123');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByText('There is no such coupon.').waitFor();
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Place the order' }).click();
    const number = await orderNumberOn(page);
    await page.getByText('awaiting payment').first().waitFor();
    await page.getByRole('button', { name: 'Pay €49.50' }).click();
    await page.getByText(`Invoice INV-${number} is issued`, { exact: false }).waitFor();
    await expectAccessible(page);

    await issuerMarksPaid(number);

    // The order page looks again by itself while the invoice waits.
    await page.locator('.order-state', { hasText: 'paid' }).waitFor({ timeout: 20_000 });
    const line = page.getByRole('row').filter({ hasText: course.basics });
    await line.getByText('Until', { exact: false }).waitFor();
    await page.getByRole('link', { name: 'Download the receipt (PDF)' }).waitFor();
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Back to your orders' }).click();
    await page.getByRole('heading', { name: 'Your orders', level: 1 }).waitFor();
    await page.getByRole('link', { name: `No. ${number}` }).waitFor();
    await expectAccessible(page);
    expect(scriptErrors).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('sells the bundle of a badge needing that course and two more, charging only for the two', async () => {
    const { page, scriptErrors } = await openAs(learner.email, '/bundles');
    await page.getByRole('heading', { name: 'Badge bundles', level: 1 }).waitFor();
    const offer = page.getByRole('article', { name: practitioner });
    await offer.getByText('€90.00').waitFor();
    expect(await offer.textContent()).toContain('€100.00');
    await expectAccessible(page);

    await page.goto(`${started().baseUrl}/learn/badge-progress`);
    const progress = page.getByRole('article', { name: practitioner });
    const options = progress.getByRole('region', { name: 'What you still need' });
    await options
      .getByRole('row', { name: new RegExp(course.basics) })
      .getByText('purchased')
      .waitFor();
    expect(await options.getByRole('row', { name: new RegExp(course.reporting) }).textContent()).toContain(
      'available to buy',
    );
    expect(await options.locator('.facts').textContent()).toContain('€55.00');
    expect(await options.locator('.facts').textContent()).toContain('€49.50');
    await options.getByText('The bundle is cheaper.').waitFor();
    await expectAccessible(page);

    await options.getByRole('button', { name: `Buy the bundle: ${practitioner}` }).click();
    await page.getByRole('heading', { name: 'Your cart', level: 1 }).waitFor();
    const bundleRow = page.getByRole('row').filter({ hasText: `Bundle: ${practitioner}` });
    await bundleRow.getByText('already yours, not charged').waitFor();
    expect(await bundleRow.textContent()).toContain(`${course.basics}: already yours, not charged`);
    expect(await bundleRow.textContent()).toContain('−€5.50');
    const totals = page.locator('.totals');
    expect(await totals.textContent()).toContain('€55.00');
    expect(await totals.textContent()).toContain('−€5.50');
    expect(await totals.textContent()).toContain('€54.45');
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Place the order' }).click();
    const number = await orderNumberOn(page);
    bundleOrderNumber = number;
    await page.getByRole('button', { name: 'Pay €54.45' }).click();
    await page.getByText(`Invoice INV-${number} is issued`, { exact: false }).waitFor();

    // This time the issuer opens the order and records the transfer's reference.
    const issuerView = await openAs(issuer.owner.email, '/issue/sales');
    await issuerView.page.getByRole('link', { name: `No. ${number}` }).click();
    await issuerView.page.getByRole('heading', { name: `Order ${number}` }).waitFor();
    await issuerView.page.getByText(learner.email, { exact: false }).waitFor();
    await expectAccessible(issuerView.page);
    await issuerView.page.getByLabel('Reference of the transfer (optional)').fill('BANK-2207');
    await issuerView.page.getByRole('button', { name: 'Mark paid' }).click();
    await issuerView.page.getByText(`Order ${number} is paid`, { exact: false }).waitFor();
    expect(issuerView.scriptErrors).toEqual([]);
    await issuerView.page.context().close();

    await page.locator('.order-state', { hasText: 'paid' }).waitFor({ timeout: 20_000 });
    expect(scriptErrors).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('refuses a refund of the course the learner opened, and refunds the unopened one, ending its access', async () => {
    const { page, scriptErrors } = await openAs(learner.email, '/learn/orders');
    await page.getByRole('heading', { name: 'Your orders', level: 1 }).waitFor();
    // The bundle's order: both courses are refundable while neither is opened.
    expect(bundleOrderNumber).not.toBe('');
    await page.getByRole('link', { name: `No. ${bundleOrderNumber}` }).click();
    const askRefund = (title: string) =>
      page.getByRole('button', { name: new RegExp(`^Ask for a refund of “${title}`) });
    await askRefund(course.compliance).waitFor();

    // Meanwhile, in another tab, the learner opens one of the courses (its one lesson).
    const other = await page.context().newPage();
    await other.goto(`${started().baseUrl}/learn`);
    await other.getByRole('link', { name: `Start ${course.compliance}` }).click();
    await other.getByRole('heading', { name: course.compliance, level: 1 }).waitFor();
    await other.getByRole('heading', { name: 'Gross to net', level: 2 }).waitFor();
    await other.close();

    await askRefund(course.compliance).click();
    await page.getByRole('button', { name: 'Yes, refund it' }).click();
    await page.getByRole('alert').getByText('This course cannot be refunded: you have opened it.').waitFor();

    await askRefund(course.reporting).click();
    await page.getByText('Refund €24.75?', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Yes, refund it' }).click();
    await page.getByText(`Refunded €24.75 for “${course.reporting}`, { exact: false }).waitFor();
    await page.getByText('Your access to it has ended.', { exact: false }).waitFor();
    await page.locator('.order-state', { hasText: 'partly refunded' }).waitFor();
    await expectAccessible(page);

    await page.reload();
    const opened = page.getByRole('row').filter({ hasText: course.compliance });
    await opened.getByText('This course cannot be refunded: you have opened it.').waitFor();
    await page.getByRole('row').filter({ hasText: course.reporting }).getByText('Refunded').first().waitFor();

    await page.goto(`${started().baseUrl}/learn`);
    const ended = page.getByRole('article').filter({ hasText: course.reporting });
    await ended.getByText('Your access ended on', { exact: false }).waitFor();
    expect(scriptErrors).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('holds a first badge until its issuance fee is paid, then offers it to the learner', async () => {
    const { deps } = started().testApp;
    await settleLearningEvents(deps);
    const { page, scriptErrors } = await openAs(learner.email, '/learn/badges');
    await page.getByRole('heading', { name: 'My badges', level: 1 }).waitFor();
    const card = page.getByRole('article').filter({ hasText: starter });
    await card.getByText('Awaiting the issuance fee', { exact: false }).waitFor();
    expect(await badgeMailsTo(deps, learner.email)).toHaveLength(0);
    await expectAccessible(page);

    await card.getByRole('button', { name: `Pay the issuance fee for ${starter}` }).click();
    const number = await orderNumberOn(page);
    await page.getByRole('row').filter({ hasText: 'issuance fee' }).first().waitFor();
    await page.getByRole('button', { name: 'Pay €27.50' }).click();
    await page.getByText(`Invoice INV-${number} is issued`, { exact: false }).waitFor();
    await expectAccessible(page);

    await issuerMarksPaid(number);
    await page
      .getByText('The fee is paid: your badge is issued.', { exact: false })
      .waitFor({ timeout: 20_000 });
    await page.getByRole('link', { name: 'See your badges' }).click();
    await page.getByRole('heading', { name: 'My badges', level: 1 }).waitFor();
    await card.getByText('Waiting for you to accept it', { exact: false }).waitFor();
    await expect.poll(async () => (await badgeMailsTo(deps, learner.email)).length).toBe(1);
    expect(scriptErrors).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('shows the issuer sales, refunds and fees per month as a chart, a table and a CSV file', async () => {
    const { page, scriptErrors } = await openAs(issuer.owner.email, '/issue/sales/reports');
    await page.getByRole('heading', { name: 'Sales reports', level: 1 }).waitFor();
    await page.getByRole('img', { name: /Sales, refunds and issuance fees per month/ }).waitFor();
    const month = new Intl.DateTimeFormat('en', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
      new Date(),
    );
    const row = page
      .getByRole('table', { name: /fees per month/ })
      .getByRole('row', { name: new RegExp(month) });
    // Sales: €45.00 + €49.50; refunds: €22.50; fees: €25.00; revenue: 94.50 + 25.00 − 22.50.
    expect(await row.getByRole('cell').allTextContents()).toEqual([
      '€94.50',
      '€22.50',
      '€25.00',
      '€97.00',
      '3',
    ]);
    // The refunded course was sold in the bundle: the bundle's line shows the refund.
    const items = page.getByRole('table', { name: /per month and item/ });
    const bundleLine = items.getByRole('row', { name: new RegExp(practitioner) });
    expect(await bundleLine.getByRole('cell').allTextContents()).toContain('−€22.50');
    const csvLink = page.getByRole('link', { name: 'Download the report (CSV)' });
    expect(await csvLink.getAttribute('href')).toBe(`/api/v1/orgs/${issuer.orgId}/reports/sales.csv`);
    const csv = await page.request.get(`${started().baseUrl}/api/v1/orgs/${issuer.orgId}/reports/sales.csv`);
    expect(csv.headers()['content-type']).toContain('text/csv');
    expect(await csv.text()).toContain(practitioner);
    await expectAccessible(page);

    // Every string comes from the catalogs: the report in Spanish, then back.
    await page.getByRole('button', { name: 'Español' }).click();
    await page.getByRole('heading', { name: 'Informes de ventas', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Descargar el informe (CSV)' }).waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    expect(scriptErrors).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('lets the issuer give a bundle its own discount and create a coupon', async () => {
    const { page, scriptErrors } = await openAs(issuer.owner.email, '/issue/sales/bundles');
    await page.getByRole('heading', { name: 'Badge bundles', level: 1 }).waitFor();
    const bundle = page.getByRole('region', { name: practitioner });
    await bundle.getByText('€90.00', { exact: false }).waitFor();
    await bundle.getByLabel('Bundle discount (%) (optional)').fill('15');
    await bundle.getByRole('button', { name: 'Save' }).click();
    await bundle.getByText('Saved.').waitFor();
    await bundle.getByText('€85.00', { exact: false }).waitFor();
    // A price of the issuer's own shows the discount it really gives (24.5 % of €100.00, shown rounded
    // down), not the bundle's 15 % (issue #19, item 2).
    await bundle.getByLabel('Bundle price in EUR (optional)').fill('75.50');
    await bundle.getByRole('button', { name: 'Save' }).click();
    await bundle.getByText('€75.50 (24 % off)').waitFor();
    await expectAccessible(page);

    await page.getByRole('navigation', { name: 'Sales' }).getByRole('link', { name: 'Coupons' }).click();
    await page.getByRole('heading', { name: 'Coupons', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Create the coupon' }).click();
    await page.getByRole('alert').getByText('Use 3 to 40 capital letters', { exact: false }).waitFor();
    await page.getByLabel('Code', { exact: true }).fill(`SPRING-${suffix}`.toUpperCase());
    await page.getByLabel('Percentage off').fill('25');
    await page.getByLabel('Applies to').selectOption('bundle');
    await page.getByLabel('Badge bundle').selectOption(practitionerId);
    await page.getByRole('button', { name: 'Create the coupon' }).click();
    await page.getByText(`Coupon ${`SPRING-${suffix}`.toUpperCase()} created.`).waitFor();
    await page
      .getByRole('row', { name: new RegExp(`SPRING-${suffix}`, 'i') })
      .getByText('25 % off')
      .waitFor();
    await expectAccessible(page);
    expect(scriptErrors).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('lets the issuer grant an exceptional refund with a reason, recorded in the audit trail', async () => {
    const { page, scriptErrors } = await openAs(issuer.owner.email, '/issue/sales');
    await page.getByRole('link', { name: `No. ${bundleOrderNumber}` }).click();
    await page.getByRole('heading', { name: `Order ${bundleOrderNumber}` }).waitFor();
    const form = page.getByRole('region', { name: 'Exceptional refund' });
    await form.getByRole('button', { name: 'Refund 0 lines' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.getByText('Choose at least one line to refund.').waitFor();
    await summary.getByText('Enter your reason.').waitFor();
    await expectAccessible(page);

    // The opened course, which the policy would not refund.
    await form.getByLabel(new RegExp(`^${course.compliance}`)).check();
    await form.getByLabel('Reason').fill('The course content was out of date');
    await form.getByRole('button', { name: 'Refund 1 line' }).click();
    await page.getByText('Refunded €29.70. The learner’s access has ended.').waitFor();
    await page
      .locator('.order-state')
      .filter({ hasText: /^refunded$/ })
      .waitFor();

    await page.getByRole('link', { name: 'Back to the orders' }).click();
    const audit = page.getByRole('table', { name: /exceptional refunds/ });
    const entry = audit.getByRole('row', {
      name: new RegExp(`Exceptional refund \\(No. ${bundleOrderNumber}\\)`),
    });
    await entry.getByText('The course content was out of date').waitFor();
    expect(await audit.getByRole('row', { name: /Marked paid/ }).count()).toBe(3);
    await expectAccessible(page);
    expect(scriptErrors).toEqual([]);
    await page.context().close();
  }, 120_000);
});
