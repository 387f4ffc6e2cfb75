// The two pages behind links that leave Tessera, in a real browser: the certificate check a QR code
// opens, and the supervisor's attestation form (answered by clicking, no script). axe finds nothing
// serious on either, at a phone's width too.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aPublishedCourse, sampleCourse } from '../../src/catalog/testing.ts';
import { aLoggedInUser } from '../../src/identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../../src/issuing/testing.ts';
import { anEnrolment, playerOf } from '../../src/learning/testing.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { seriousViolations } from '../support/axe.ts';
import { freePort, launchBrowser } from '../support/browser.ts';

/** Server-rendered pages only: no web app build and no mail workers, so this stays light beside the rest. */
interface Served {
  baseUrl: string;
  testApp: TestApp;
  browser: Browser;
  openPage(path: string): Promise<{ page: Page; scriptErrors: string[] }>;
}
let served: Served | undefined;
let issuer: TestIssuer;

beforeAll(async () => {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const testApp = await createTestApp({ env: { PUBLIC_URL: baseUrl } });
  await testApp.app.listen({ port, host: '127.0.0.1' });
  const browser = await launchBrowser();
  served = {
    baseUrl,
    testApp,
    browser,
    async openPage(path) {
      const context = await browser.newContext({ locale: 'en-US' });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      const scriptErrors: string[] = [];
      page.on('pageerror', (error) => scriptErrors.push(error.message));
      await page.goto(`${baseUrl}${path}`);
      return { page, scriptErrors };
    },
  };
  issuer = await anIssuerWithOwner(testApp.app, testApp.deps, 'Certificate Academy');
}, 180_000);

afterAll(async () => {
  await served?.browser.close();
  await served?.testApp.close();
});

function started(): Served {
  if (!served) throw new Error('the server did not start');
  return served;
}

describe('the learning pages in a browser', () => {
  it('shows a completed certificate as genuine, accessibly, on a phone too', async () => {
    const { app, deps } = started().testApp;
    const course = await aPublishedCourse(app, issuer.orgId, issuer.owner, {
      title: 'Gestión de nóminas',
      units: sampleCourse().units.filter((u) => u.kind === 'assessment'),
    });
    const learner = await aLoggedInUser(app, deps, { name: 'Zoë Núñez' });
    const player = playerOf(app, learner, await anEnrolment(app, learner, course));
    await player.answer('quiz', 'q1', { optionIds: ['gross'] });
    const code = (await player.answer('quiz', 'q2', { number: 52 })).json().completion.activityCode;

    const { page, scriptErrors } = await started().openPage(`/certificates/${code}`);
    await page.getByRole('heading', { name: 'This certificate is genuine' }).waitFor();
    expect(await page.locator('dl.facts').textContent()).toContain('Zoë Núñez');
    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 360, height: 740 });
    expect(await seriousViolations(page)).toEqual([]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(overflow).toBe(false);
    expect(scriptErrors).toEqual([]);
  });

  it('lets a supervisor decline with a comment by clicking through the emailed link', async () => {
    const { app, deps } = started().testApp;
    const course = await aPublishedCourse(app, issuer.orgId, issuer.owner, {
      title: 'Payroll at work',
      units: [
        {
          id: 'apply',
          kind: 'evidence',
          title: 'Apply it at work',
          task: 'supervisor-attestation',
          instructions: 'Run one payroll cycle under supervision.',
          needsReview: false,
        },
      ],
    });
    const learner = await aLoggedInUser(app, deps, { name: 'Ana Núñez' });
    const player = playerOf(app, learner, await anEnrolment(app, learner, course));
    await player.submit('apply', {
      statement: 'I ran the March payroll.',
      supervisorName: 'Bea Boss',
      supervisorEmail: 'bea@employer.example',
    });
    const mail = await deps.db
      .selectFrom('mailMessages')
      .select('textBody')
      .where('toAddress', '=', 'bea@employer.example')
      .executeTakeFirstOrThrow();
    const link = /https?:\/\/\S+\/attestations\/[A-Za-z0-9_-]{43}/.exec(mail.textBody)?.[0] ?? '';
    expect(link.startsWith(started().baseUrl)).toBe(true);

    const { page, scriptErrors } = await started().openPage(new URL(link).pathname);
    await page.getByRole('heading', { name: 'Did Ana Núñez apply this at work?' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Comment (optional)').fill('I was away that month.');
    await page.getByRole('button', { name: 'Decline' }).click();
    await page.getByRole('heading', { name: 'Thank you: you did not confirm it' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(scriptErrors).toEqual([]);
    const unit = (await player.open('apply')).json();
    expect(unit.submission).toMatchObject({
      status: 'returned',
      feedback: 'Bea Boss did not confirm: I was away that month.',
    });
  });
});
