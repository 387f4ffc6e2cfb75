// Recognition and the digest setting in a browser (issue #17, item 4): a manager turns their weekly digest off
// on /employ/settings (and the API agrees); a learner whose employer endorsed and congratulated a shared badge
// sees both on their badge page, the endorsement with a link to its verifiable credential. Every page: axe at
// 1280, 390 and 320 px, no sideways scroll at 390 and 320 px, screenshots at 1280 and 390 px in
// test-output/screenshots/endorse-*.png.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awardBadge } from '../../src/badges/award.ts';
import { aOneLessonCourse } from '../../src/badges/award-testing.ts';
import { findVersion } from '../../src/badges/definition-store.ts';
import { aPublishedBadge } from '../../src/badges/testing.ts';
import { aVerifiedUser, logInAs, TEST_PASSWORD } from '../../src/identity/testing.ts';
import { anIssuerWithOwner } from '../../src/issuing/testing.ts';
import {
  anEmployerWithManager,
  lastInvitationToken,
  type TestEmployer,
} from '../../src/workforce/testing.ts';
import { lateTimers, screenshotDir, startWebApp, type WebAppUnderTest } from '../support/browser.ts';
import { checkLayouts as sharedCheckLayouts } from '../support/layouts.ts';

const suffix = randomBytes(3).toString('hex');
const badgeName = `Forklift safety ${suffix}`;

let web: WebAppUnderTest | undefined;
let employer: TestEmployer;
let learner: { email: string; awardId: string };

beforeAll(async () => {
  web = await startWebApp();
  const { app, deps } = web.testApp;
  const issuer = await anIssuerWithOwner(app, deps, 'Harbour Academy');
  const courseId = await aOneLessonCourse(app, issuer, { title: `Lifting safely ${suffix}` });
  const badge = await aPublishedBadge(app, issuer, { courseIds: [courseId], name: badgeName });
  const version = await findVersion(deps.db, badge.latestVersion.id);
  if (!version) throw new Error('the published badge has no version');
  const person = await aVerifiedUser(deps, { name: `Maria Lift ${suffix}` });
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
  learner = { email: person.email, awardId: award.id };
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

async function as(email: string, path: string): Promise<{ page: Page; scriptErrors: string[] }> {
  const opened = await started().openPage(path);
  await opened.page.getByLabel('Email address').fill(email);
  await opened.page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
  await opened.page.getByRole('button', { name: 'Log in' }).click();
  return opened;
}

/** The shared layout check, its screenshots named endorse-<name>-<width>.png. */
const checkLayouts = (page: Page, name: string) => sharedCheckLayouts(page, `endorse-${name}`);

describe('recognition in a browser', () => {
  it('lets a manager turn their weekly digest off on the settings page', async () => {
    const { app } = started().testApp;
    const { page, scriptErrors } = await as(employer.manager.email, '/employ/settings');
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    const digest = page.getByRole('region', { name: 'Weekly digest' });
    const box = digest.getByLabel('Send me the weekly digest');
    await box.waitFor();
    expect(await box.isChecked()).toBe(true);
    await checkLayouts(page, 'settings');

    // Even with the page's timers running late, the box follows the click at once.
    await lateTimers(page);
    await box.uncheck();
    await digest.getByText('The weekly digest is off.').waitFor();
    const saved = await app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${employer.orgId}/digest`,
      headers: employer.manager.headers,
    });
    expect(saved.json()).toEqual({ enabled: false });
    await page.reload();
    await page
      .getByRole('region', { name: 'Weekly digest' })
      .getByLabel('Send me the weekly digest')
      .waitFor();
    expect(await page.getByLabel('Send me the weekly digest').isChecked()).toBe(false);
    expect(scriptErrors).toEqual([]);
    await page.context().close();
  }, 180_000);

  it('shows the learner the endorsement and congratulation of a badge they share, with the verifiable link', async () => {
    const { app, deps } = started().testApp;
    // The learner joins the employer and shares every badge (as they would on their own pages).
    const invited = await app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${employer.orgId}/employees/invitations`,
      headers: employer.manager.headers,
      payload: { emails: [learner.email] },
    });
    expect(invited.statusCode, invited.body).toBe(200);
    const session = await logInAs(app, learner.email);
    const token = await lastInvitationToken(deps, learner.email);
    const joined = await app.inject({
      method: 'POST',
      url: `/api/v1/me/employers/invitations/${token}/accept`,
      headers: session.headers,
    });
    expect(joined.statusCode, joined.body).toBe(200);
    await app.inject({
      method: 'PUT',
      url: `/api/v1/me/employers/${employer.orgId}/consent`,
      headers: session.headers,
      payload: { share: 'all', includeImports: false },
    });
    const people = await app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${employer.orgId}/employees`,
      headers: employer.manager.headers,
    });
    const employeeId = people.json().items[0].id as string;
    const send = async (kind: string, comment: string) => {
      const sent = await app.inject({
        method: 'POST',
        url: `/api/v1/orgs/${employer.orgId}/employees/${employeeId}/endorsements`,
        headers: employer.manager.headers,
        payload: { awardId: learner.awardId, kind, comment },
      });
      expect(sent.statusCode, sent.body).toBe(201);
      return sent.json() as { credentialUrl: string | null };
    };
    const endorsed = await send('endorsement', 'Maria ran our forklift safety drills all spring.');
    await send('congratulation', 'Congratulations, well deserved!');

    const { page, scriptErrors } = await as(learner.email, `/learn/badges/${learner.awardId}`);
    await page.getByRole('heading', { name: badgeName, level: 1 }).waitFor();
    const region = page.getByRole('region', { name: 'Recognition from employers' });
    await region.getByText('Maria ran our forklift safety drills all spring.').waitFor();
    await region.getByText('Congratulations, well deserved!').waitFor();
    const link = region.getByRole('link', { name: 'Verifiable endorsement' });
    expect(await link.getAttribute('href')).toBe(endorsed.credentialUrl);
    expect(await link.count()).toBe(1);
    await checkLayouts(page, 'learner-badge');

    // The link leads to the signed credential anyone can fetch.
    const hosted = await fetch(endorsed.credentialUrl ?? '');
    expect(hosted.status).toBe(200);
    expect(((await hosted.json()) as { type: string[] }).type).toEqual([
      'VerifiableCredential',
      'EndorsementCredential',
    ]);
    expect(scriptErrors).toEqual([]);
    await page.context().close();
  }, 180_000);
});
