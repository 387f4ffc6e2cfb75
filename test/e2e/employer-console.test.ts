// The employer's console in a browser (issue #17, items 1–2): the owner of an employer invites two people
// on the people page and sees them listed as invited; once they accept and share (through the API, as
// they would on their own pages), the person page shows the badges each shares with their O*NET skills;
// a role profile is made from an O*NET occupation found by its title, one skill's level changed and saved,
// and the role given to a person; a team is made of both people. Every page: axe at 1280, 390 and 320 px,
// no sideways scroll at 390 and 320 px, screenshots at 1280 and 390 px in test-output/screenshots.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awardBadge } from '../../src/badges/award.ts';
import { aOneLessonCourse } from '../../src/badges/award-testing.ts';
import { findVersion } from '../../src/badges/definition-store.ts';
import { aPublishedBadge } from '../../src/badges/testing.ts';
import { aVerifiedUser, logInAs, TEST_PASSWORD } from '../../src/identity/testing.ts';
import { anIssuerWithOwner } from '../../src/issuing/testing.ts';
import { importOnet } from '../../src/skills/index.ts';
import {
  anEmployerWithManager,
  lastInvitationToken,
  type TestEmployer,
} from '../../src/workforce/testing.ts';
import { screenshotDir, startWebApp, type WebAppUnderTest } from '../support/browser.ts';
import { checkLayouts as sharedCheckLayouts } from '../support/layouts.ts';

const sample = resolve(import.meta.dirname, '../../vendor/skills-sample/onet');
const suffix = randomBytes(3).toString('hex');
const badgeName = `Technical documentation ${suffix}`;

interface Learner {
  email: string;
  name: string;
  awardId: string;
}

let web: WebAppUnderTest | undefined;
let employer: TestEmployer;
let ana: Learner;
let bo: Learner;

beforeAll(async () => {
  web = await startWebApp();
  const { app, deps } = web.testApp;
  // The shipped O*NET sample holds Technical Writers (27-3042.00), whose core skills include Writing.
  await importOnet(deps.db, sample);
  const issuer = await anIssuerWithOwner(app, deps, 'Docs Academy');
  const courseId = await aOneLessonCourse(app, issuer, { title: `Writing manuals ${suffix}` });
  const onet = (code: string) => ({ framework: 'onet', code });
  const badge = await aPublishedBadge(app, issuer, {
    courseIds: [courseId],
    name: badgeName,
    extra: {
      skills: [
        { name: 'Technical writing', concept: onet('2.A.1.c'), level: 5 },
        { name: 'Reading specifications', concept: onet('2.A.1.a'), level: 4 },
      ],
    },
  });
  const version = await findVersion(deps.db, badge.latestVersion.id);
  if (!version) throw new Error('the published badge has no version');
  // Two learners who earned and accepted the badge.
  const aLearner = async (name: string): Promise<Learner> => {
    const person = await aVerifiedUser(deps, { name });
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
    return { email: person.email, name, awardId: award.id };
  };
  ana = await aLearner(`Ana Writer ${suffix}`);
  bo = await aLearner(`Bo Reader ${suffix}`);
  employer = await anEmployerWithManager(app, deps);
  mkdirSync(screenshotDir, { recursive: true });
}, 240_000);

afterAll(async () => {
  await web?.close();
});

function started(): WebAppUnderTest {
  if (!web) throw new Error('the web app did not start');
  return web;
}

/** Opens a page of the console as the employer's owner (through the login page it redirects to). */
async function asOwner(path: string): Promise<{ page: Page; scriptErrors: string[] }> {
  const opened = await started().openPage(path);
  await opened.page.getByLabel('Email address').fill(employer.owner.email);
  await opened.page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
  await opened.page.getByRole('button', { name: 'Log in' }).click();
  return opened;
}

/** The shared layout check, its screenshots named employer-<name>-<width>.png. */
const checkLayouts = (page: Page, name: string) => sharedCheckLayouts(page, `employer-${name}`);

/** Accepts the newest invitation to the address and shares with the employer, as the person. */
async function acceptAndShare(learner: Learner, consent: object): Promise<void> {
  const { app, deps } = started().testApp;
  const session = await logInAs(app, learner.email);
  const token = await lastInvitationToken(deps, learner.email);
  const accepted = await app.inject({
    method: 'POST',
    url: `/api/v1/me/employers/invitations/${token}/accept`,
    headers: session.headers,
  });
  expect(accepted.statusCode, accepted.body).toBe(200);
  const shared = await app.inject({
    method: 'PUT',
    url: `/api/v1/me/employers/${employer.orgId}/consent`,
    headers: session.headers,
    payload: consent,
  });
  expect(shared.statusCode, shared.body).toBe(200);
}

async function peopleIds(): Promise<Record<string, string>> {
  const listed = await started().testApp.app.inject({
    method: 'GET',
    url: `/api/v1/orgs/${employer.orgId}/employees?limit=200`,
    headers: employer.owner.headers,
  });
  return Object.fromEntries(
    (listed.json().items as Array<{ id: string; email: string }>).map((p) => [p.email, p.id]),
  );
}

describe('the employer console in a browser', () => {
  it('invites two addresses from the people page and lists them as invited', async () => {
    const { page, scriptErrors } = await asOwner('/employ/people');
    await page.getByRole('heading', { name: 'People', level: 1 }).waitFor();
    await page.getByText('Nobody yet: invite people above.').waitFor();

    const invite = page.getByRole('region', { name: 'Invite people' });
    await invite.getByLabel('Email addresses').fill('not-an-address');
    await invite.getByRole('button', { name: 'Send invitations' }).click();
    await invite.getByRole('alert').getByText('These are not email addresses: not-an-address.').waitFor();

    await invite.getByLabel('Email addresses').fill(`${ana.email},\n${bo.email.toUpperCase()}`);
    await invite.getByRole('button', { name: 'Send invitations' }).click();
    await invite.getByText('2 invited, 0 already active').waitFor();

    const table = page.getByRole('table', { name: 'People invited to share their badges' });
    for (const email of [ana.email, bo.email]) {
      const row = table.getByRole('row').filter({ hasText: email.toLowerCase() });
      await row.waitFor();
      expect(await row.getByRole('cell').first().textContent()).toBe('Invited');
      // Nobody accepted: no link to a person page yet.
      expect(await row.getByRole('link').count()).toBe(0);
    }
    await checkLayouts(page, 'people');
    expect(scriptErrors).toEqual([]);
    await page.context().close();
  }, 180_000);

  it('shows, once they accept, what each person shares with its skills, and says when someone does not share', async () => {
    await acceptAndShare(ana, { share: 'all', includeImports: false });
    await acceptAndShare(bo, { share: 'chosen', includeImports: false, awardIds: [] });

    const { page, scriptErrors } = await asOwner('/employ/people');
    const table = page.getByRole('table', { name: 'People invited to share their badges' });
    const anaRow = table.getByRole('row').filter({ hasText: ana.name });
    await anaRow.getByRole('link', { name: ana.name }).waitFor();
    expect(await anaRow.textContent()).toContain('All badges');
    expect(await table.getByRole('row').filter({ hasText: bo.name }).textContent()).toContain('Nothing yet');

    await anaRow.getByRole('link', { name: ana.name }).click();
    await page.getByRole('heading', { name: ana.name, level: 1 }).waitFor();
    const shared = page.getByRole('region', { name: 'Badges they share' });
    const badge = shared.getByRole('article', { name: badgeName });
    await badge.waitFor();
    expect(await badge.textContent()).toContain('from Docs Academy');
    const skills = badge.getByRole('list', { name: `Skills of ${badgeName}` });
    await skills.getByText('Technical writing · level 5 of 7').waitFor();
    await skills.getByText('Reading specifications · level 4 of 7').waitFor();
    await page.getByText('There are no role profiles yet.').waitFor();
    await checkLayouts(page, 'person');

    // The manager endorses the badge: a credential signed by the employer, linked for anyone to verify.
    await badge.getByText('Congratulate or endorse').click();
    await badge.getByLabel('Endorsement').check();
    await badge.getByLabel('Your words').fill('Clear, careful specifications — thank you.');
    await badge.getByRole('button', { name: 'Sign and send endorsement' }).click();
    await badge.getByText('Endorsement signed and sent.').waitFor();
    const credentialLink = badge.getByRole('link', { name: 'Verifiable endorsement' });
    const endorsement = await (await fetch(`${await credentialLink.getAttribute('href')}`)).json();
    expect(endorsement.type).toEqual(['VerifiableCredential', 'EndorsementCredential']);
    expect(endorsement.credentialSubject.endorsementComment).toBe(
      'Clear, careful specifications — thank you.',
    );

    // Bo shares nothing yet; someone unknown (or removed) "does not share with you".
    const ids = await peopleIds();
    await page.goto(`${started().baseUrl}/employ/people/${ids[bo.email.toLowerCase()]}`);
    await page.getByRole('heading', { name: bo.name, level: 1 }).waitFor();
    await page.getByText('They have not chosen any badge to share yet.').waitFor();
    await page.goto(`${started().baseUrl}/employ/people/${randomUUID()}`);
    await page.getByText('This person does not share with you (any more).').waitFor();
    expect(scriptErrors).toEqual([]);
    await page.context().close();
  }, 180_000);

  it('makes a role from an occupation found by title, changes a level, saves, and gives the role to a person', async () => {
    const { page, scriptErrors } = await asOwner('/employ/roles');
    await page.getByRole('heading', { name: 'Role profiles', level: 1 }).waitFor();
    const from = page.getByRole('region', { name: 'New role from an occupation' });
    await from.getByLabel('Occupation title').fill('technical writer');
    await from.getByRole('button', { name: 'Search' }).click();
    const hits = from.getByRole('list', { name: 'Occupations found' });
    await hits.getByRole('button', { name: 'Choose Technical Writers' }).waitFor();
    expect(await hits.textContent()).toContain('O*NET · 27-3042.00');
    await hits.getByRole('button', { name: 'Choose Technical Writers' }).click();
    await from.getByLabel('Minimum importance (optional)').fill('3');
    await checkLayouts(page, 'roles-new');
    await from.getByRole('button', { name: 'Create role profile' }).click();

    await page.getByRole('heading', { name: 'Technical Writers', level: 1 }).waitFor();
    await page.getByText('Started from the occupation Technical Writers (O*NET 27-3042.00).').waitFor();
    const writing = page.getByRole('spinbutton', { name: 'Level needed (0–7) Writing', exact: true });
    // A level out of range is named at its field, in the summary and beside the input.
    await writing.fill('9');
    await page.getByRole('button', { name: 'Save role profile' }).click();
    await page
      .getByRole('alert')
      .getByRole('link', { name: /^Skill \d+ \(Writing\), level: Enter a level from 0 to 7\.$/ })
      .waitFor();
    expect(await writing.getAttribute('aria-invalid')).toBe('true');
    // The API's own field problems land at their field too: a description over 2,000 characters.
    await page.getByLabel('Description (optional)').fill('x'.repeat(2001));
    await writing.fill('6.5');
    await page.getByRole('button', { name: 'Save role profile' }).click();
    await page
      .getByRole('alert')
      .getByRole('link', { name: /^Description: / })
      .waitFor();
    expect(await page.getByLabel('Description (optional)').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Description (optional)').fill('Writes our manuals.');
    await page.getByRole('button', { name: 'Save role profile' }).click();
    await page.getByText('“Technical Writers” saved.').waitFor();
    await checkLayouts(page, 'role-editor');

    const { app } = started().testApp;
    const roles = await app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${employer.orgId}/role-profiles`,
      headers: employer.owner.headers,
    });
    const role = (
      roles.json().items as Array<{
        id: string;
        name: string;
        description: string;
        skills: Array<{ label: string; level: number }>;
      }>
    )[0];
    expect(role?.description).toBe('Writes our manuals.');
    expect(role?.skills.find((s) => s.label === 'Writing')?.level).toBe(6.5);

    // Given to Ana on her page; the roles list says who holds it.
    const ids = await peopleIds();
    await page.goto(`${started().baseUrl}/employ/people/${ids[ana.email.toLowerCase()]}`);
    const held = page.getByRole('group', { name: 'Role profiles they hold' });
    await held.getByLabel('Technical Writers').check();
    await page.getByRole('button', { name: 'Save roles' }).click();
    await page.getByText('Roles saved.').waitFor();
    await page
      .getByRole('navigation', { name: 'Employer pages' })
      .getByRole('link', { name: 'Role profiles' })
      .click();
    const row = page
      .getByRole('table', { name: 'Role profiles' })
      .getByRole('row', { name: /Technical Writers/ });
    expect(await row.textContent()).toContain(ana.name);
    await checkLayouts(page, 'roles');
    expect(scriptErrors).toEqual([]);
    await page.context().close();
  }, 240_000);

  it('creates a team with both people as members', async () => {
    const { page, scriptErrors } = await asOwner('/employ/teams');
    await page.getByRole('heading', { name: 'Teams', level: 1 }).waitFor();
    await page.getByLabel('Team name').fill('Documentation');
    await page.getByRole('button', { name: 'Create team' }).click();
    const team = page.getByRole('article', { name: 'Documentation' });
    await team.getByText('No members yet.').waitFor();
    const members = team.getByRole('group', { name: 'Members of Documentation' });
    await members.getByLabel(ana.name).check();
    await members.getByLabel(bo.name).check();
    await team.getByRole('button', { name: 'Save members Documentation' }).click();
    await page.getByText('Documentation now has 2 members.').waitFor();
    await team.getByText(`2 members: ${ana.name}, ${bo.name}`).waitFor();
    await checkLayouts(page, 'teams');

    const listed = await started().testApp.app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${employer.orgId}/teams`,
      headers: employer.owner.headers,
    });
    expect(listed.json().items[0].members.map((m: { name: string }) => m.name)).toEqual([ana.name, bo.name]);
    expect(scriptErrors).toEqual([]);
    await page.context().close();
  }, 180_000);

  it('sends someone who is not an owner, admin or manager of an employer to their own dashboard', async () => {
    const { page } = await started().openPage('/employ/teams');
    await page.getByLabel('Email address').fill(ana.email);
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(/\/learn$/);
    expect(await page.getByRole('heading', { name: 'Teams', level: 1 }).count()).toBe(0);
    await page.context().close();
  }, 120_000);
});
