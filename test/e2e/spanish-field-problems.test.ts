// Field problems the server finds, in Spanish next to their fields (issue #19, item 4): an issuer who reads
// the app in Spanish awards a badge by hand with an address and an evidence link the browser's own checks let
// through but the server refuses (two dots in a row; a character no host name may hold). Each message shows
// under its own input, the evidence link's under that piece of evidence, and nothing on the form is English.
// Axe at 1280 and 390 px, no sideways scroll on the phone, screenshots in test-output/screenshots/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aOneLessonCourse } from '../../src/badges/award-testing.ts';
import { aPublishedBadge } from '../../src/badges/testing.ts';
import { TEST_PASSWORD } from '../../src/identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../../src/issuing/testing.ts';
import { seriousViolations } from '../support/axe.ts';
import { sidewaysScroll, startWebApp, type WebAppUnderTest } from '../support/browser.ts';

const screenshotDir = process.env.SCREENSHOT_DIR ?? join(process.cwd(), 'test-output', 'screenshots');

let web: WebAppUnderTest | undefined;
let issuer: TestIssuer;
let badgeId: string;

function started(): WebAppUnderTest {
  if (!web) throw new Error('the web app did not start');
  return web;
}

beforeAll(async () => {
  web = await startWebApp();
  const { app } = web.testApp;
  issuer = await anIssuerWithOwner(app, web.testApp.deps, 'Academia Faro');
  const course = await aOneLessonCourse(app, issuer);
  badgeId = (await aPublishedBadge(app, issuer, { courseIds: [course] })).id;
  mkdirSync(screenshotDir, { recursive: true });
}, 600_000);

afterAll(async () => {
  await web?.close();
});

/** The text of the hint and error an input's aria-describedby points at. */
function descriptionOf(input: Locator): Promise<string> {
  return input.evaluate((element) =>
    (element.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );
}

async function checkLayouts(page: Page): Promise<void> {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    expect(await seriousViolations(page), `at ${width} px`).toEqual([]);
    if (width < 1280) expect(await sidewaysScroll(page), `sideways at ${width} px`).toBeLessThanOrEqual(0);
    await page.screenshot({
      path: join(screenshotDir, `spanish-field-problems-${width}.png`),
      fullPage: true,
    });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe('field problems from the server in the Spanish app', () => {
  it('shows each refused field’s problem in Spanish under its input, the evidence link’s under that evidence', async () => {
    const { page, scriptErrors } = await started().openPage('/issue/awards');
    await page.getByLabel('Email address').fill(issuer.owner.email);
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Awards', level: 1 }).waitFor({ timeout: 120_000 });
    await page.getByRole('button', { name: 'Español' }).click();
    await page.getByRole('heading', { name: 'Concesiones', level: 1 }).waitFor({ timeout: 60_000 });

    await page.getByLabel('Insignia que se concede').selectOption(badgeId);
    const email = page.getByLabel('Correo electrónico del destinatario');
    await email.fill('ana..nunez@example.org');
    await page.getByRole('button', { name: 'Añadir una evidencia' }).click();
    const link = page.getByLabel('Enlace de la evidencia 1');
    await link.fill('https://informes^faro.example.org/auditoria');
    await page.getByRole('button', { name: 'Conceder la insignia' }).click();

    const summary = page.getByRole('alert').filter({ hasText: 'Hay un problema' });
    await summary.getByText('no es una dirección de correo válida').waitFor({ timeout: 60_000 });
    expect(await summary.getByRole('listitem').allTextContents()).toEqual([
      'no es una dirección de correo válida',
      'no es una dirección web válida (http:// o https://)',
    ]);
    expect(await descriptionOf(email)).toContain('no es una dirección de correo válida');
    expect(await descriptionOf(link)).toContain('no es una dirección web válida (http:// o https://)');
    const formText = (await page.locator('form').filter({ has: email }).innerText()).toLowerCase();
    for (const english of ['invalid', 'is not', 'must', 'expected', 'email address', 'url'])
      expect(formText, `"${english}" on the Spanish form`).not.toContain(english);
    await checkLayouts(page);
    expect(scriptErrors).toEqual([]);
    await page.context().close();
  }, 300_000);
});
