// The issuer console in a browser (issue #19 item 7): the owner opens the issuer identity page, rotates the
// signing key after confirming, and revokes the old key as compromised (the credential it signed no longer
// verifies); finds an award by its credential id; awards a badge by hand with a narrative, evidence and an
// issue date (carried in the credential, which passes the OB 3.0 schema); and reads the review history under
// the review queue. Every page: axe at 1280, 390 and 320 px, no sideways scroll on phones, screenshots at 1280
// and 390 px in test-output/screenshots/issuer-*.png.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aOneLessonCourse } from '../../src/badges/award-testing.ts';
import { aPublishedBadge } from '../../src/badges/testing.ts';
import { aPublishedCourse } from '../../src/catalog/testing.ts';
import { validateOpenBadgeCredential } from '../../src/credentials/index.ts';
import { aLoggedInUser, TEST_PASSWORD } from '../../src/identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../../src/issuing/testing.ts';
import { anEnrolment, playerOf, workThroughSampleCourse } from '../../src/learning/testing.ts';
import { screenshotDir, startWebApp, type WebAppUnderTest } from '../support/browser.ts';
import { checkLayouts as sharedCheckLayouts } from '../support/layouts.ts';

let web: WebAppUnderTest | undefined;
let issuer: TestIssuer;
let badgeId: string;
let firstCredentialId: string;

function started(): WebAppUnderTest {
  if (!web) throw new Error('the web app did not start');
  return web;
}

beforeAll(async () => {
  web = await startWebApp();
  const { app } = web.testApp;
  issuer = await anIssuerWithOwner(app, web.testApp.deps, 'Beacon Academy');
  const course = await aOneLessonCourse(app, issuer);
  badgeId = (await aPublishedBadge(app, issuer, { courseIds: [course] })).id;
  const awarded = await app.inject({
    method: 'POST',
    url: `/api/v1/orgs/${issuer.orgId}/badges/${badgeId}/awards`,
    headers: issuer.owner.headers,
    payload: { email: 'first.holder@example.org', name: 'First Holder' },
  });
  expect(awarded.statusCode, awarded.body).toBe(201);
  firstCredentialId = awarded.json().credentialId;
  // A decided review: a learner hands in the sample course's essay and the owner returns it with a comment.
  const essayCourse = await aPublishedCourse(app, issuer.orgId, issuer.owner);
  const learner = await aLoggedInUser(app, web.testApp.deps, { name: 'Lena Learner' });
  await workThroughSampleCourse(playerOf(app, learner, await anEnrolment(app, learner, essayCourse)));
  const queue = await app.inject({
    url: `/api/v1/orgs/${issuer.orgId}/reviews`,
    headers: issuer.owner.headers,
  });
  const submissionId = queue.json().items[0].submission.id;
  const decided = await app.inject({
    method: 'POST',
    url: `/api/v1/orgs/${issuer.orgId}/reviews/${submissionId}`,
    headers: issuer.owner.headers,
    payload: {
      decision: 'return',
      feedback: 'Name the payroll system you used.',
      scores: [{ criterion: 'Clarity', level: 'clear' }],
    },
  });
  expect(decided.statusCode, decided.body).toBe(200);
  mkdirSync(screenshotDir, { recursive: true });
}, 600_000);

afterAll(async () => {
  await web?.close();
});

/** The shared layout check, its screenshots named issuer-<name>-<width>.png. */
const checkLayouts = (page: Page, name: string) => sharedCheckLayouts(page, `issuer-${name}`);

async function verdictOf(credentialId: string): Promise<string> {
  const { testApp } = started();
  const row = await testApp.deps.db
    .selectFrom('issuedCredentials')
    .select('credential')
    .where('id', '=', credentialId)
    .executeTakeFirstOrThrow();
  const report = await testApp.app.inject({
    method: 'POST',
    url: '/api/v1/verify',
    payload: { credential: row.credential },
  });
  return report.json().verdict;
}

describe('the issuer console in a browser', () => {
  let page: Page;

  it('rotates the signing key after a confirmation and revokes the old one as compromised', async () => {
    const opened = await started().openPage('/org/identity');
    page = opened.page;
    await page.getByLabel('Email address').fill(issuer.owner.email);
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Issuer identity', level: 1 }).waitFor({ timeout: 120_000 });
    await page.getByText(`did:web:`).first().waitFor();
    await page.getByRole('rowheader', { name: 'Key 1' }).waitFor();
    await checkLayouts(page, 'identity');

    await page.getByRole('button', { name: 'Rotate key' }).click();
    await page.getByRole('button', { name: 'Yes, rotate' }).click();
    await page.getByText('Key 2 now signs new credentials.').waitFor({ timeout: 60_000 });
    expect(await verdictOf(firstCredentialId)).toBe('verified');

    await page.getByRole('button', { name: 'Revoke key 1' }).click();
    await page.getByRole('heading', { name: 'Revoke key 1 as compromised' }).waitFor();
    await page.getByRole('button', { name: 'Revoke key', exact: true }).click();
    await page.getByRole('alert').getByText('Say why the key is revoked.').first().waitFor();
    await page
      .getByLabel('Why is the key compromised?')
      .fill('A backup of the key was left on a shared drive.');
    await checkLayouts(page, 'identity-revoke');
    await page.getByRole('button', { name: 'Revoke key', exact: true }).click();
    await page
      .getByText('Key 1 is revoked; 1 credential signed with it no longer verifies.')
      .waitFor({ timeout: 60_000 });
    await page.getByRole('cell', { name: 'Revoked', exact: true }).waitFor();
    expect(await verdictOf(firstCredentialId)).toBe('not-verified');
    expect(opened.scriptErrors).toEqual([]);
  }, 300_000);

  it('finds an award by its credential id and awards a badge by hand with narrative, evidence and date', async () => {
    await page.goto(`${started().baseUrl}/issue/awards`);
    await page.getByRole('heading', { name: 'Awards', level: 1 }).waitFor({ timeout: 120_000 });
    await page.getByLabel('Recipient', { exact: true }).fill(`urn:uuid:${firstCredentialId}`);
    await page.getByRole('button', { name: 'Show awards' }).click();
    await page.getByText('first.holder@example.org').waitFor();

    await page.getByLabel('Badge to award').selectOption(badgeId);
    await page.getByLabel('Recipient’s email address').fill('hand.award@example.org');
    await page.getByLabel('Why this badge is awarded (optional)').fill('Led the **spring** payroll audit.');
    await page.getByRole('button', { name: 'Add evidence' }).click();
    await page.getByLabel('Link to evidence 1').fill('ftp://files.example.org/audit');
    await page.getByLabel('What evidence 1 shows (optional)').fill('The signed audit report.');
    await page.getByLabel('Issue date (optional)').fill('2025-04-30');
    await page.getByRole('button', { name: 'Award the badge' }).click();
    await page
      .getByRole('alert')
      .getByText('Enter an address starting with http:// or https://.')
      .first()
      .waitFor();
    await page.getByLabel('Link to evidence 1').fill('https://files.example.org/audit');
    await checkLayouts(page, 'awards');
    await page.getByRole('button', { name: 'Award the badge' }).click();
    await page.getByText('Awarded: an email asks hand.award@example.org to accept the badge.').waitFor({
      timeout: 60_000,
    });

    const row = await started()
      .testApp.deps.db.selectFrom('awards')
      .innerJoin('issuedCredentials', 'issuedCredentials.id', 'awards.credentialId')
      .select('issuedCredentials.credential')
      .where('awards.recipientEmail', '=', 'hand.award@example.org')
      .executeTakeFirstOrThrow();
    expect(row.credential).toMatchObject({
      validFrom: '2025-04-30T00:00:00Z',
      evidence: [
        { id: 'https://files.example.org/audit', description: 'The signed audit report.' },
        { narrative: 'Led the **spring** payroll audit.' },
      ],
    });
    expect(validateOpenBadgeCredential(row.credential)).toEqual({ valid: true, errors: [] });
  }, 300_000);

  it('shows the review history under the queue, everyone’s for the owner, with the submission', async () => {
    await page.goto(`${started().baseUrl}/assess`);
    await page.getByRole('heading', { name: 'Review history' }).waitFor({ timeout: 120_000 });
    await page.getByRole('rowheader', { name: 'Lena Learner' }).waitFor();
    await page.getByLabel('Show reviews by').selectOption('all');
    await page.getByRole('cell', { name: 'Returned for changes' }).waitFor();
    await page.getByText('Name the payroll system you used.').waitFor();
    await page.getByText('Show what Lena Learner handed in').click();
    await page.getByText('We run payroll twice a month.').waitFor();
    await checkLayouts(page, 'review-history');
  }, 300_000);
});
