// The employee's side of an employer in a browser (issue #17, item 1): the mailed invitation link opens
// /join/employer/:token, which a signed-out visitor leaves through log-in or sign-up links that come back;
// the person accepts and lands on the consent choice, shares two of three badges, and sees exactly what the
// employer's own route answers; stopping sharing makes that route 404 at once. Unknown links and invitations
// for an address the account has not verified say so plainly. Axe at 1280 and 390 px, no sideways scroll at
// 390 and 320 px, screenshots in test-output/screenshots/employee-*.png.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastClaimToken } from '../../src/badges/award-testing.ts';
import { aPublishedBadge, aPublishedCourse } from '../../src/badges/testing.ts';
import { aLoggedInUser, aVerifiedUser, TEST_PASSWORD, type TestSession } from '../../src/identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../../src/issuing/testing.ts';
import { anEmployerWithManager, invitationTokenIn, type TestEmployer } from '../../src/workforce/testing.ts';
import { seriousViolations } from '../support/axe.ts';
import { screenshotDir, sidewaysScroll, startWebApp, type WebAppUnderTest } from '../support/browser.ts';

const suffix = randomBytes(3).toString('hex');
const badgeNames = [`Safe lifting ${suffix}`, `Forklift driving ${suffix}`, `First aid at work ${suffix}`];

type Person = TestSession & { email: string };

let web: WebAppUnderTest | undefined;
let issuer: TestIssuer;
let employer: TestEmployer;
let orgName = '';

function started(): WebAppUnderTest {
  if (!web) throw new Error('the web app did not start');
  return web;
}

async function call(method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: object) {
  return started().testApp.app.inject({
    method,
    url: `/api/v1${url}`,
    headers,
    ...(payload ? { payload } : {}),
  });
}

/** Awards each badge to the person by hand and accepts it through its mailed claim link. */
async function acceptedAwards(person: Person, badgeIds: string[]): Promise<void> {
  for (const badgeId of badgeIds) {
    const awarded = await call(
      'POST',
      `/orgs/${issuer.orgId}/badges/${badgeId}/awards`,
      issuer.owner.headers,
      {
        email: person.email,
      },
    );
    expect(awarded.statusCode, awarded.body).toBe(201);
    const token = await lastClaimToken(started().testApp.deps, person.email);
    const accepted = await call('POST', `/claims/${token}/accept`, person.headers);
    expect(accepted.statusCode, accepted.body).toBe(200);
  }
}

/** The employer invites the address; returns the link exactly as the invitation mail carries it. */
async function invitationLinkFor(email: string): Promise<string> {
  const invited = await call(
    'POST',
    `/orgs/${employer.orgId}/employees/invitations`,
    employer.owner.headers,
    {
      emails: [email],
    },
  );
  expect(invited.statusCode, invited.body).toBe(200);
  const mail = await started()
    .testApp.deps.db.selectFrom('mailMessages')
    .select(['textBody', 'subject'])
    .where('toAddress', '=', email.toLowerCase())
    .where('idempotencyKey', 'like', 'employer-invitation:%')
    .orderBy('createdAt', 'desc')
    .executeTakeFirstOrThrow();
  const link = `${started().baseUrl}/join/employer/${invitationTokenIn(mail.textBody)}`;
  expect(mail.textBody).toContain(link);
  return link.slice(started().baseUrl.length);
}

async function logIn(page: Page, email: string): Promise<void> {
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
}

/** Axe and a full-page screenshot at 1280 and 390 px, and no sideways scroll at 390 or 320 px. */
async function checkLayouts(page: Page, name: string): Promise<void> {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    expect(await seriousViolations(page), `${name} at ${width} px`).toEqual([]);
    await page.screenshot({ path: join(screenshotDir, `employee-${name}-${width}.png`), fullPage: true });
  }
  for (const width of [390, 320]) {
    await page.setViewportSize({ width, height: 800 });
    expect(await sidewaysScroll(page), `${name} scrolls sideways at ${width} px`).toBeLessThanOrEqual(0);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

beforeAll(async () => {
  web = await startWebApp();
  const { app, deps } = web.testApp;
  issuer = await anIssuerWithOwner(app, deps, 'Harbour Academy');
  employer = await anEmployerWithManager(app, deps);
  const org = await deps.db
    .selectFrom('organizations')
    .select('name')
    .where('id', '=', employer.orgId)
    .executeTakeFirstOrThrow();
  orgName = org.name;
  mkdirSync(screenshotDir, { recursive: true });
}, 180_000);

afterAll(async () => {
  await web?.close();
});

describe('the employee side of an employer, in a browser', () => {
  it('accepts the mailed invitation, shares two chosen badges the employer then sees, and stops sharing', async () => {
    const { app, deps } = started().testApp;
    const courseId = await aPublishedCourse(app, issuer.orgId, issuer.owner);
    const badgeIds: string[] = [];
    for (const name of badgeNames)
      badgeIds.push((await aPublishedBadge(app, issuer, { courseIds: [courseId], name })).id);
    const person = await aLoggedInUser(app, deps, { name: 'Maria Worker' });
    await acceptedAwards(person, badgeIds);
    const joinPath = await invitationLinkFor(person.email);

    // Signed out: who invites is not told yet; log-in and sign-up links come back to the link.
    const { page, scriptErrors } = await started().openPage(joinPath);
    await page.getByRole('heading', { name: 'Employer invitation', level: 1 }).waitFor();
    expect(await page.getByText(orgName).count()).toBe(0);
    const back = encodeURIComponent(joinPath);
    expect(await page.getByRole('link', { name: 'Create an account' }).getAttribute('href')).toBe(
      `/signup?next=${back}`,
    );
    await checkLayouts(page, 'join-signed-out');
    await page.getByRole('link', { name: 'Log in to see the invitation' }).click();
    await logIn(page, person.email);

    // Back on the invitation: who invites, to which (masked) address; accepting goes on to the choice.
    await page.getByText(`${orgName} invites you to share your badges with them.`).waitFor();
    expect(new URL(page.url()).pathname).toBe(joinPath);
    const sentTo = (await page.getByText(/^The invitation was sent to /).textContent()) ?? '';
    expect(sentTo).toContain('***');
    expect(sentTo).not.toContain(person.email);
    await checkLayouts(page, 'join');
    await page.getByRole('button', { name: 'Accept the invitation' }).click();

    await page.waitForURL(/\/learn\/employers\?joined=/);
    const section = page.getByRole('region', { name: orgName, exact: true });
    await section.getByText(`You joined ${orgName}.`, { exact: false }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe(orgName);
    const sees = section.getByRole('region', { name: `What ${orgName} sees now` });
    await sees.getByText(`Nothing: ${orgName} sees none of your badges.`).waitFor();

    // Only the badges I choose: two of the three.
    await section.getByLabel('Only the badges I choose').check();
    await section.getByLabel(badgeNames[0] as string).check();
    await section.getByLabel(badgeNames[2] as string).check();
    await section.getByRole('button', { name: 'Save', exact: true }).click();
    await section.getByText(`Saved. What ${orgName} sees now is listed below.`).waitFor();
    const shown = sees.getByRole('listitem');
    await expect.poll(() => shown.count()).toBe(2);
    const shownNames = await shown.locator('strong').allTextContents();
    expect(shownNames.sort()).toEqual([badgeNames[0], badgeNames[2]].sort());
    expect(await shown.first().textContent()).toContain('Issued by Harbour Academy');

    // The employer's own route answers exactly those two.
    const listed = await call('GET', `/orgs/${employer.orgId}/employees?limit=200`, employer.manager.headers);
    const employeeId = (listed.json().items as Array<{ id: string; email: string }>).find(
      (row) => row.email === person.email.toLowerCase(),
    )?.id;
    const seen = await call(
      'GET',
      `/orgs/${employer.orgId}/employees/${employeeId}/badges`,
      employer.manager.headers,
    );
    expect(seen.statusCode, seen.body).toBe(200);
    expect((seen.json().items as Array<{ name: string }>).map((b) => b.name).sort()).toEqual(
      shownNames.sort(),
    );
    await checkLayouts(page, 'employers');

    // Stop sharing, after a confirm step: shown as withdrawn, and the employer's route forgets at once.
    await section.getByRole('button', { name: `Stop sharing with ${orgName}` }).click();
    await section.getByRole('button', { name: `Yes, stop sharing with ${orgName}` }).click();
    await section.getByText('Withdrawn: you stopped sharing').waitFor();
    expect(await section.getByRole('button', { name: 'Save', exact: true }).count()).toBe(0);
    const after = await call(
      'GET',
      `/orgs/${employer.orgId}/employees/${employeeId}/badges`,
      employer.manager.headers,
    );
    expect(after.statusCode).toBe(404);
    await checkLayouts(page, 'employers-withdrawn');
    expect(scriptErrors).toEqual([]);
    await page.context().close();
  }, 240_000);

  it('leads from the profile to an empty employers page, says an unknown link is not valid, and explains an unverified address', async () => {
    const { deps } = started().testApp;
    const stranger = await aVerifiedUser(deps, { name: 'Sam Stranger' });
    const { page, scriptErrors } = await started().openPage('/learn/profile');
    await logIn(page, stranger.email);
    // The profile page leads to "My employers"; with no employer yet, an empty state says how one gets here.
    await page.getByRole('link', { name: /^Employers: choose what each employer/ }).click();
    await page.getByRole('heading', { name: 'My employers', level: 1 }).waitFor();
    await page.getByText('No employer follows your badges.').waitFor();

    await page.goto(`${started().baseUrl}/join/employer/${randomBytes(32).toString('base64url')}`);
    const invalid = 'This invitation link is not valid or was already used.';
    await page.getByText(invalid, { exact: false }).waitFor();
    await checkLayouts(page, 'join-invalid');
    await page.goto(`${started().baseUrl}/join/employer/not-a-token`);
    await page.getByText(invalid, { exact: false }).waitFor();

    // Someone else's invitation: who invites is shown, with how to get the address verified, and no Accept.
    const otherPath = await invitationLinkFor(`invitee-${suffix}@example.test`);
    await page.goto(`${started().baseUrl}${otherPath}`);
    await page.getByText('This invitation is for an address your account has not verified').waitFor();
    expect(
      await page.getByRole('link', { name: 'Add and verify it in your account' }).getAttribute('href'),
    ).toBe('/account');
    expect(await page.getByRole('button', { name: 'Accept the invitation' }).count()).toBe(0);
    await checkLayouts(page, 'join-unverified');
    expect(scriptErrors).toEqual([]);
    await page.context().close();
  }, 180_000);
});
