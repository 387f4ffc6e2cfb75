// Browser journey of badges (issue #5, item 7): an issuer defines and publishes a badge requiring two
// courses in the editor; a learner completes both; the award engine awards it and the claim mail arrives;
// the learner opens the link, logs in and accepts; the credential verifies; the issuer revokes it in the
// awards page; the check then reports it revoked. Plus axe on the editor, claim page and backpack, and
// the claim page's messages for another account's link and an expired one.

import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  aOneLessonCourse,
  completeOneLessonCourse,
  settleLearningEvents,
} from '../../src/badges/award-testing.ts';
import { aVerifiedUser, logInAs, TEST_PASSWORD } from '../../src/identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../../src/issuing/testing.ts';
import { seriousViolations } from '../support/axe.ts';
import { startWebApp, type WebAppUnderTest } from '../support/browser.ts';

let web: WebAppUnderTest | undefined;
let issuer: TestIssuer;
let learner: { email: string; name: string };
const suffix = randomBytes(3).toString('hex');
const badgeName = `Payroll practitioner ${suffix}`;
const courseTitles = [`Payroll basics ${suffix}`, `Payroll compliance ${suffix}`];
let badgeId = '';

beforeAll(async () => {
  web = await startWebApp();
  const { app, deps } = web.testApp;
  issuer = await anIssuerWithOwner(app, deps, 'Nómina Academy');
  for (const title of courseTitles) await aOneLessonCourse(app, issuer, { title });
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

/** The claim link of the newest "Accept your badge" mail to an address, as the recipient would click it. */
async function claimLinkMailedTo(email: string): Promise<string> {
  const { deps } = started().testApp;
  const mail = await deps.db
    .selectFrom('mailMessages')
    .select(['textBody'])
    .where('toAddress', '=', email.toLowerCase())
    .where('idempotencyKey', 'like', 'badge-awarded:%')
    .orderBy('createdAt', 'desc')
    .executeTakeFirst();
  const link = mail && /https?:\/\/\S+\/claim\/[A-Za-z0-9_-]+/.exec(mail.textBody)?.[0];
  if (!link) throw new Error(`no claim mail to ${email}`);
  return link;
}

async function claimMailsTo(email: string): Promise<number> {
  const rows = await started()
    .testApp.deps.db.selectFrom('mailMessages')
    .select('id')
    .where('toAddress', '=', email.toLowerCase())
    .where('idempotencyKey', 'like', 'badge-awarded:%')
    .execute();
  return rows.length;
}

describe('badge journeys in a browser', () => {
  it('lets the issuer draft a badge requiring two courses and publish it from the editor', async () => {
    const { page, scriptErrors } = await started().openPage('/login');
    await logIn(page, issuer.owner.email);
    await page.getByRole('heading', { name: 'Issuing' }).waitFor();
    await page.getByRole('main').getByRole('link', { name: 'Badges' }).click();
    await page.getByRole('heading', { name: 'Badges', level: 1 }).waitFor();

    await page.getByRole('button', { name: 'Create the draft' }).click();
    await page.getByRole('alert').getByText('Enter your badge name.').waitFor();
    await page.getByLabel('Badge name').fill(badgeName);
    await page.getByLabel('Description').fill('Runs a payroll cycle end to end, within the rules.');
    await page.getByRole('button', { name: 'Create the draft' }).click();
    await page.getByRole('heading', { name: `Edit badge “${badgeName}”` }).waitFor();
    badgeId = new URL(page.url()).pathname.split('/').pop() ?? '';

    // Publishing without requirements is refused, and the API's reason is listed at the top.
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByRole('alert').getByRole('heading', { name: 'There is a problem' }).waitFor();
    await page.getByText('State: draft.').waitFor();

    for (const title of courseTitles) await page.getByLabel(title).check();
    await page.getByRole('combobox', { name: 'Add a skill' }).fill('Payroll administration');
    await page.getByRole('option', { name: 'Add “Payroll administration” as free text' }).click();
    const skill = page.getByRole('group', { name: 'Skill 1' });
    expect(await skill.getByLabel('Skill name').inputValue()).toBe('Payroll administration');
    await skill.getByText('Align by hand').click();
    await skill.getByLabel('Framework', { exact: true }).fill('ESCO');
    await skill.getByLabel('URL of the skill').fill('https://esco.ec.europa.eu/en/classification/skill');
    expect(await page.getByLabel('The badge expires').isChecked()).toBe(true);
    expect(await page.getByLabel('Valid for (years)').inputValue()).toBe('3');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved.', { exact: true }).waitFor();
    await page.getByText(`Complete the course "${courseTitles[1]}".`, { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Use the generated text' }).click();
    expect(await page.getByLabel('Criteria narrative').inputValue()).toContain(courseTitles[0]);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText('Published as version 1.').waitFor();
    await page.getByText('State: published.').waitFor();
    expect(scriptErrors).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('awards the badge once both courses are done, and the learner accepts it from the mailed link', async () => {
    expect(badgeId).not.toBe('');
    const { app, deps } = started().testApp;
    const session = await logInAs(app, learner.email);
    const courseIds: string[] = [];
    for (const title of courseTitles) {
      const found = await app.inject({ url: `/api/v1/catalog/courses?q=${encodeURIComponent(title)}` });
      courseIds.push(found.json<{ items: Array<{ id: string }> }>().items[0]?.id ?? '');
    }
    await completeOneLessonCourse(app, session, courseIds[0] ?? '');
    await settleLearningEvents(deps);

    // Halfway: the progress page shows one course done, the other not started.
    const halfway = await started().openPage('/learn/badge-progress');
    await logIn(halfway.page, learner.email);
    const progress = halfway.page.getByRole('article', { name: badgeName });
    await progress.getByText('1 of 2 requirements done').waitFor();
    expect(await progress.getByRole('listitem').allTextContents()).toEqual([
      `${courseTitles[0]}: done`,
      expect.stringContaining(`${courseTitles[1]}: not started`),
    ]);
    expect(await seriousViolations(halfway.page)).toEqual([]);
    expect(halfway.scriptErrors).toEqual([]);
    await halfway.page.context().close();
    expect(await claimMailsTo(learner.email)).toBe(0);

    await completeOneLessonCourse(app, session, courseIds[1] ?? '');
    await settleLearningEvents(deps);
    expect(await claimMailsTo(learner.email)).toBe(1);
    const link = await claimLinkMailedTo(learner.email);
    expect(link.startsWith(started().baseUrl)).toBe(true);

    const { page, scriptErrors } = await started().openPage(new URL(link).pathname);
    await page.getByRole('heading', { name: 'Accept your badge' }).waitFor();
    await page.getByRole('heading', { name: badgeName }).waitFor();
    await page.getByText('Issued by Nómina Academy').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Log in to accept' }).click();
    await logIn(page, learner.email);
    await page.getByRole('button', { name: 'Accept the badge' }).click();
    await page.getByText('You accepted the badge.', { exact: false }).waitFor();
    // Asked once whether to share it now; this learner keeps it private.
    await page.getByRole('heading', { name: 'Share it now?' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Keep it private for now' }).click();

    await page.getByRole('link', { name: 'See your badges' }).click();
    await page.getByRole('heading', { name: 'My badges', level: 1 }).waitFor();
    const card = page.getByRole('article').filter({ hasText: badgeName });
    await card.getByText('Expires on', { exact: false }).waitFor();
    expect(await card.textContent()).toContain('Private: only you see it.');
    expect(await seriousViolations(page)).toEqual([]);
    // Every string comes from the catalogs: the backpack in Spanish, then back.
    await page.getByRole('button', { name: 'Español' }).click();
    await page.getByRole('heading', { name: 'Mis insignias', level: 1 }).waitFor();
    await card.getByText('Privada: solo tú la ves.').waitFor();
    await page.getByRole('button', { name: 'English' }).click();

    await card.getByRole('link', { name: badgeName }).click();
    await page.getByRole('heading', { name: badgeName, level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Check this badge' }).click();
    await page.getByRole('heading', { name: 'Verified', level: 3 }).waitFor();
    expect(scriptErrors).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('lets the issuer revoke the award, after which the credential no longer verifies', async () => {
    const { page, scriptErrors } = await started().openPage(`/issue/awards?badgeId=${badgeId}`);
    await logIn(page, issuer.owner.email);
    await page.getByRole('heading', { name: `Awards of ${badgeName}` }).waitFor();
    await page.getByText('1 award found.').waitFor();
    expect(await page.getByRole('link', { name: 'Export these awards (CSV)' }).getAttribute('href')).toBe(
      `/api/v1/orgs/${issuer.orgId}/awards.csv?badgeId=${badgeId}`,
    );
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: `Manage the award of ${learner.name}` }).click();
    await page.getByRole('button', { name: 'Revoke…' }).click();
    await page.getByRole('alert').getByText('Enter your reason.').waitFor();
    await page.getByLabel('Reason').fill('Issued in error');
    await page.getByRole('button', { name: 'Revoke…' }).click();
    await page.getByRole('button', { name: 'Yes, revoke' }).click();
    await page.getByText(`The badge of ${learner.name} was revoked.`).waitFor();
    await page.getByRole('cell', { name: 'revoked' }).waitFor();
    expect(scriptErrors).toEqual([]);
    await page.context().close();

    // The learner's own check, and any verifier's, now report it revoked.
    const { app } = started().testApp;
    const session = await logInAs(app, learner.email);
    const mine = await app.inject({ url: '/api/v1/me/badges', headers: session.headers });
    const awardId = mine.json<{ items: Array<{ awardId: string }> }>().items[0]?.awardId ?? '';
    const detail = await app.inject({ url: `/api/v1/me/badges/${awardId}`, headers: session.headers });
    const verified = await app.inject({
      method: 'POST',
      url: '/api/v1/verify',
      payload: { credential: detail.json().credential },
    });
    const report = verified.json<{
      verdict: string;
      checks: Array<{ code: string; status: string; message: string }>;
    }>();
    expect(report.verdict).toBe('not-verified');
    expect(report.checks.filter((c) => c.status === 'failed').map((c) => c.message)).toEqual([
      expect.stringMatching(/revoked/i),
    ]);

    const learnerView = await started().openPage(`/learn/badges/${awardId}`);
    await logIn(learnerView.page, learner.email);
    await learnerView.page.getByText('Revoked by the issuer: it no longer verifies.').waitFor();
    await learnerView.page.getByRole('button', { name: 'Check this badge' }).click();
    await learnerView.page.getByRole('heading', { name: 'Revoked', level: 3 }).waitFor();
    await learnerView.page.getByText('The issuer has withdrawn this badge: it no longer counts.').waitFor();
    expect(await learnerView.page.locator('.checks').textContent()).toMatch(/revoked/i);
    expect(learnerView.scriptErrors).toEqual([]);
    await learnerView.page.context().close();
  }, 120_000);

  it('awards by hand, and tells another account and a late visitor plainly why the link will not work', async () => {
    const { deps } = started().testApp;
    const recipient = `sam.${suffix}@example.test`;
    const { page, scriptErrors } = await started().openPage(`/issue/awards?badgeId=${badgeId}`);
    await logIn(page, issuer.owner.email);
    await page.getByRole('heading', { name: `Awards of ${badgeName}` }).waitFor();
    await page.getByLabel('Recipient’s email address').fill(recipient);
    await page.getByLabel('Recipient’s name (optional)').fill('Sam Someone');
    await page.getByRole('button', { name: 'Award the badge' }).click();
    await page.getByText(`Awarded: an email asks ${recipient} to accept the badge.`).waitFor();
    await page.getByText('2 awards found.').waitFor();
    await page.context().close();

    // The learner's account has not verified Sam's address: the API's reason is shown, the address is not.
    const link = new URL(await claimLinkMailedTo(recipient)).pathname;
    const other = await started().openPage('/login');
    await logIn(other.page, learner.email);
    await other.page.getByRole('heading', { name: 'Your learning' }).waitFor();
    await other.page.goto(`${started().baseUrl}${link}`);
    await other.page.getByRole('button', { name: 'Accept the badge' }).click();
    const refusal = other.page.getByRole('alert').filter({ hasText: 'cannot be accepted with this account' });
    await refusal.getByText('sent to an address your account has not verified', { exact: false }).waitFor();
    expect(await refusal.textContent()).not.toContain(recipient);

    await deps.db
      .updateTable('awardClaims')
      .set({ expiresAt: new Date(Date.now() - 60_000) })
      .where('usedAt', 'is', null)
      .execute();
    await other.page.reload();
    await other.page
      .getByText('This link has expired, but the badge is still waiting for you.', { exact: false })
      .waitFor();
    expect(await other.page.getByRole('button', { name: 'Accept the badge' }).count()).toBe(0);
    expect(await seriousViolations(other.page)).toEqual([]);
    // A new link goes to Sam's address only; the page names it masked.
    await other.page.getByRole('button', { name: 'Send me a new link' }).click();
    await other.page
      .getByText(`A new link is on its way to s***${suffix.at(-1)}@example.test.`, { exact: false })
      .waitFor();
    const fresh = new URL(await claimLinkMailedTo(recipient)).pathname;
    expect(fresh).not.toBe(link);
    expect([...scriptErrors, ...other.scriptErrors]).toEqual([]);
    await other.page.context().close();
  }, 120_000);

  it('awards in bulk from a CSV: the dry run lists each bad row, then the run reports its progress to the end', async () => {
    const { page, scriptErrors } = await started().openPage(`/issue/badges/${badgeId}/bulk`);
    await logIn(page, issuer.owner.email);
    await page.getByRole('heading', { name: `Award ${badgeName} in bulk` }).waitFor();
    const csv = [
      'email,name',
      `ana.${suffix}@example.test,Ana Núñez`,
      'not-an-email,Bad Row',
      `bo.${suffix}@example.test,Bo Berg`,
    ].join('\n');
    await page
      .getByLabel('CSV file')
      .setInputFiles({ name: 'cohort.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('heading', { name: 'Check of cohort.csv' }).waitFor();
    const problems = page.getByRole('table', { name: 'Rows with problems' });
    await problems.getByRole('row', { name: /not-an-email/ }).waitFor();
    expect(await problems.getByRole('row').count()).toBe(2);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Start: award 2 badges' }).click();
    await page.getByText('Done: 2 awarded, 0 skipped', { exact: false }).waitFor({ timeout: 60_000 });
    await page.getByText('2 of 2 rows done').waitFor();
    expect(await claimMailsTo(`ana.${suffix}@example.test`)).toBe(1);
    expect(scriptErrors).toEqual([]);
    await page.context().close();
  }, 120_000);
});
