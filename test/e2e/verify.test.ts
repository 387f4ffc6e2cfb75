import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aBakedDownload, anIssuedCredential } from '../../src/verification/testing.ts';
import { seriousViolations } from '../support/axe.ts';
import { startWebApp, type WebAppUnderTest } from '../support/browser.ts';

const BADGE_NAME = 'Gestión de nóminas — Zoë';
let web: WebAppUnderTest | undefined;

beforeAll(async () => {
  web = await startWebApp();
}, 180_000);

afterAll(async () => {
  await web?.close();
});

function started(): WebAppUnderTest {
  if (!web) throw new Error('the web app did not start');
  return web;
}

describe('the verify page in a browser', () => {
  it('verifies an uploaded baked PNG of "Gestión de nóminas — Zoë" with every check passed', async () => {
    const { app, deps } = started().testApp;
    const issued = await anIssuedCredential(app, deps, { badgeName: BADGE_NAME, email: 'zoe@example.org' });
    const png = await aBakedDownload(app, issued, 'png');
    const { page, scriptErrors } = await started().openPage('/verify');
    expect(await seriousViolations(page)).toEqual([]);

    await page
      .getByLabel('Or a badge image')
      .setInputFiles({ name: 'badge.png', mimeType: 'image/png', buffer: png });
    await page.getByLabel('Email address (optional)').fill('zoe@example.org');
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('heading', { name: 'Verified' }).waitFor();

    const checks = page.locator('.checks > li');
    expect(await checks.count()).toBeGreaterThanOrEqual(7);
    for (const status of await page.locator('.checks .status').allTextContents())
      expect(status).toBe('Passed');
    const claims = page.locator('dl.claims');
    expect(await claims.textContent()).toContain(BADGE_NAME);
    expect(await page.getByText('Yes: this badge was issued to zoe@example.org.').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    expect(scriptErrors).toEqual([]);
  });
});
