// The issuer's console in the browser (issue #19, items 3, 4 and 6): at 1280 and 390 CSS px the awards
// filters do not overlap, every "Manage…" button is on screen, and the org switcher's Switch button looks
// disabled (and says why) while the organization chosen is the one in use; axe finds nothing serious. In
// Spanish, a bulk-award file with a wrong header and rows with problems is explained in Spanish, as a
// problem with the person's file. The assessor sees the supervisor's confirmation, its time and comment.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aOneLessonCourse } from '../../src/badges/award-testing.ts';
import { aPublishedBadge } from '../../src/badges/testing.ts';
import { aPublishedCourse } from '../../src/catalog/testing.ts';
import { TEST_PASSWORD } from '../../src/identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../../src/issuing/testing.ts';
import { anEnrolment, playerOf } from '../../src/learning/testing.ts';
import { seriousViolations } from '../support/axe.ts';
import { screenshotDir, startWebApp, type WebAppUnderTest } from '../support/browser.ts';

const suffix = randomBytes(3).toString('hex');
const badgeName = `Payroll year-end closing practitioner ${suffix}`;
const recipients = [
  { name: 'Maximiliana Fernández-Villaverde de la Concepción', email: `maximiliana.${suffix}@example.org` },
  { name: 'Bo Li', email: `bo.li.${suffix}@an-extremely-long-subdomain.example.org` },
];

let web: WebAppUnderTest | undefined;
let issuer: TestIssuer;
let badgeId = '';
let supervisorComment = '';

beforeAll(async () => {
  web = await startWebApp();
  const { app, deps } = web.testApp;
  issuer = await anIssuerWithOwner(app, deps, 'Nómina Academy');
  const courseId = await aOneLessonCourse(app, issuer, { title: `Payroll ${suffix}` });
  badgeId = (await aPublishedBadge(app, issuer, { courseIds: [courseId], name: badgeName })).id;
  for (const person of recipients) {
    const awarded = await app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/badges/${badgeId}/awards`,
      headers: issuer.owner.headers,
      payload: person,
    });
    expect(awarded.statusCode, awarded.body).toBe(201);
  }
  // A second organization, so the owner has something to switch to.
  const second = await app.inject({
    method: 'POST',
    url: '/api/v1/orgs',
    headers: issuer.owner.headers,
    payload: { name: 'Second Academy', slug: `second-${suffix}`, kind: 'issuer' },
  });
  expect(second.statusCode, second.body).toBe(201);
  // A supervisor-attested task that also needs an assessor, confirmed with a comment.
  const attested = await aPublishedCourse(app, issuer.orgId, issuer.owner, {
    title: `Payroll at work ${suffix}`,
    units: [
      {
        id: 'apply',
        kind: 'evidence',
        title: 'Apply it at work',
        task: 'supervisor-attestation',
        instructions: 'Run one payroll cycle under supervision.',
        needsReview: true,
      },
    ],
  });
  const player = playerOf(app, issuer.owner, await anEnrolment(app, issuer.owner, attested));
  const supervisorEmail = `bea.${suffix}@employer.example`;
  const submitted = await player.submit('apply', {
    statement: 'I ran the March payroll for 12 people.',
    supervisorName: 'Bea Boss',
    supervisorEmail,
  });
  expect(submitted.statusCode, submitted.body).toBe(201);
  const mail = await deps.db
    .selectFrom('mailMessages')
    .select('textBody')
    .where('toAddress', '=', supervisorEmail)
    .executeTakeFirstOrThrow();
  const token = /\/attestations\/([A-Za-z0-9_-]{43})/.exec(mail.textBody)?.[1] ?? '';
  supervisorComment = `Ran it without help ${suffix}.`;
  const confirmed = await app.inject({
    method: 'POST',
    url: `/attestations/${token}`,
    payload: { decision: 'confirm', comment: supervisorComment },
  });
  expect(confirmed.statusCode, confirmed.body).toBe(200);
  mkdirSync(screenshotDir, { recursive: true });
}, 180_000);

afterAll(async () => {
  await web?.close();
});

function started(): WebAppUnderTest {
  if (!web) throw new Error('the web app did not start');
  return web;
}

async function logInAt(path: string, width: number): Promise<{ page: Page; scriptErrors: string[] }> {
  const opened = await started().openPage(`/login?next=${encodeURIComponent(path)}`);
  await opened.page.setViewportSize({ width, height: 900 });
  await opened.page.getByLabel('Email address').fill(issuer.owner.email);
  await opened.page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
  await opened.page.getByRole('button', { name: 'Log in' }).click();
  return opened;
}

type Box = { x: number; y: number; width: number; height: number };

const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width - 0.5 &&
  b.x < a.x + a.width - 0.5 &&
  a.y < b.y + b.height - 0.5 &&
  b.y < a.y + a.height - 0.5;

/** The boxes of every label, hint, control and button of the filters, as pairs that overlap. */
async function overlappingFilterParts(filters: Locator): Promise<string[]> {
  const parts = filters.locator('label, .field__hint, input, select, button');
  const boxes: Array<{ name: string; box: Box }> = [];
  for (let i = 0; i < (await parts.count()); i++) {
    const part = parts.nth(i);
    const box = await part.boundingBox();
    const name = await part.evaluate((e) => `${e.tagName.toLowerCase()} "${e.textContent?.trim() ?? ''}"`);
    if (box) boxes.push({ name, box });
  }
  const found: string[] = [];
  boxes.forEach((a, i) => {
    for (const b of boxes.slice(i + 1)) {
      const nested = a.name.startsWith('label') && b.name.startsWith('input');
      if (!nested && overlaps(a.box, b.box)) found.push(`${a.name} overlaps ${b.name}`);
    }
  });
  return found;
}

/** Elements that reach past the viewport's right edge (outside any scroll region), named for the message. */
function beyondRightEdge(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.body.querySelectorAll('*')]
      .filter((e) => {
        const box = e.getBoundingClientRect();
        return box.width > 0 && box.right > innerWidth + 0.5 && !e.closest('.table-wrap, .visually-hidden');
      })
      .map(
        (e) =>
          `${e.tagName.toLowerCase()}#${e.id}.${e.className} (${Math.round(e.getBoundingClientRect().right)} px)`,
      )
      .slice(0, 8),
  );
}

/** Within the viewport's width, and not hidden past the edge of a scroll region it sits in. */
async function expectOnScreen(locator: Locator, width: number): Promise<void> {
  const box = await locator.boundingBox();
  expect(box).not.toBeNull();
  expect(box?.x ?? -1).toBeGreaterThanOrEqual(0);
  expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(width);
  const clippedBy = await locator.evaluate((e) => {
    const region = e.closest('.table-wrap');
    if (!region) return null;
    const [inner, outer] = [e.getBoundingClientRect(), region.getBoundingClientRect()];
    return inner.left >= outer.left && inner.right <= outer.right + 0.5 ? null : 'its scroll region';
  });
  expect(clippedBy).toBeNull();
}

describe('the issuer console layout', () => {
  it.each([1280, 390])(
    'at %i px keeps the awards filters apart, every Manage button on screen and a disabled Switch looking disabled',
    async (width) => {
      const { page, scriptErrors } = await logInAt('/issue/awards', width);
      const switcher = page.getByLabel('Organization', { exact: true });
      await switcher.waitFor();
      // Work in the first organization: choose it and switch if it is not the one in use yet.
      await switcher.selectOption({ label: 'Nómina Academy (owner)' });
      const switchButton = page.getByRole('button', { name: 'Switch' });
      if (await switchButton.isEnabled()) await switchButton.click();
      await expect.poll(() => switchButton.isDisabled()).toBe(true);
      await page.goto(new URL('/issue/awards', started().baseUrl).toString());
      await page.getByText('2 awards found.').waitFor();

      const filters = page.getByRole('form', { name: 'Filter the awards' });
      expect(await overlappingFilterParts(filters)).toEqual([]);
      for (const person of recipients) {
        await expectOnScreen(page.getByRole('button', { name: `Manage the award of ${person.name}` }), width);
      }
      expect(await beyondRightEdge(page)).toEqual([]);
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - innerWidth),
      ).toBeLessThanOrEqual(0);

      // Disabled looks disabled: not the accent-filled look of an enabled button, and it says why.
      const disabled = await switchButton.evaluate((b) => getComputedStyle(b).backgroundColor);
      const enabled = await page
        .getByRole('button', { name: 'Show awards' })
        .evaluate((b) => getComputedStyle(b).backgroundColor);
      expect(disabled).not.toBe(enabled);
      expect(await switchButton.getAttribute('aria-describedby')).toBeTruthy();
      await expectOnScreen(switcher, width);
      await expectOnScreen(switchButton, width);
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: join(screenshotDir, `awards-${width}.png`), fullPage: true });
      expect(scriptErrors).toEqual([]);
      await page.context().close();
    },
    120_000,
  );

  it('explains a bulk-award file’s header and row problems in Spanish, as problems with the file', async () => {
    const { page, scriptErrors } = await logInAt(`/issue/badges/${badgeId}/bulk`, 1280);
    await page.getByRole('button', { name: 'Español' }).click();
    const file = page.getByLabel('Archivo CSV');
    await file.setInputFiles({
      name: 'wrong-header.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('email,nombre\r\nana@example.org,Ana\r\n'),
    });
    await page
      .getByText(
        'La fila de encabezado de tu archivo tiene una columna desconocida: "nombre". Usa las columnas email, name, evidence_url, evidence_narrative, narrative, issue_date (solo email es obligatoria).',
      )
      .waitFor();
    expect(await page.getByText(/Algo salió mal|The header row/).count()).toBe(0);

    await file.setInputFiles({
      name: 'rows.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'email,evidence_url\r\nnot-an-address,http://example.org/x\r\nok@example.org,\r\nok@example.org,\r\n',
      ),
    });
    const problems = page.getByRole('table', { name: 'Filas con problemas' });
    await problems.getByText('email: no es una dirección de correo válida').waitFor();
    await problems.getByText('evidence_url: debe empezar por https://').waitFor();
    await problems.getByText('email: repite la fila 2').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(scriptErrors).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('shows the assessor that the supervisor confirmed the work, when, and their comment', async () => {
    const { page, scriptErrors } = await logInAt('/assess', 1280);
    const review = page.getByRole('article', { name: /Apply it at work/ });
    await review.getByRole('heading', { name: 'Supervisor’s confirmation' }).waitFor();
    await review.getByText(/Bea Boss \(bea\..*@employer\.example\) confirmed this work on /).waitFor();
    await review.getByText(supervisorComment).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(scriptErrors).toEqual([]);
    await page.context().close();
  }, 120_000);
});
