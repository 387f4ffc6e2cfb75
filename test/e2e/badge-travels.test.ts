// A badge that travels, in a browser (issue #18 items 2, 4, 5 and 6): every file the learner's Download panel
// offers for a badge the award engine gave exists; the pictures made for other sites (email signature, embed,
// QR, the credential's achievement image) load on a page of another origin; the public page of an expired
// badge says "Expired" and that of a revoked one "Revoked", not a bare "Not verified"; and this server's own
// OB 2.0 download verifies on its verify page. Axe at 1280 and 320 px, no sideways scroll at 390 and 320 px,
// screenshots: test-output/screenshots/travel-*-{1280,390}.png.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastClaimToken } from '../../src/badges/award-testing.ts';
import { aPublishedBadge, aPublishedCourse } from '../../src/badges/testing.ts';
import { aLoggedInUser, TEST_PASSWORD, type TestSession } from '../../src/identity/testing.ts';
import { anIssuerWithOwner } from '../../src/issuing/testing.ts';
import { anAcceptedBadge } from '../../src/showcase/testing.ts';
import { startWebApp, type WebAppUnderTest } from '../support/browser.ts';
import { checkLayouts } from '../support/layouts.ts';

let web: WebAppUnderTest | undefined;
let other: Server | undefined;
let held: Awaited<ReturnType<typeof anAcceptedBadge>>;

beforeAll(async () => {
  web = await startWebApp();
  held = await anAcceptedBadge(web.testApp.app, web.testApp.deps, { badgeName: 'Payroll travels' });
}, 240_000);

afterAll(async () => {
  await new Promise((resolve) => (other ? other.close(resolve) : resolve(undefined)));
  await web?.close();
});

function started(): WebAppUnderTest {
  if (!web) throw new Error('the web app did not start');
  return web;
}

const api = (method: 'GET' | 'POST' | 'PUT', url: string, headers: object, payload?: object) =>
  started().testApp.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: headers as Record<string, string>,
    ...(payload ? { payload } : {}),
  });

async function makePublic(awardId: string, learner: TestSession): Promise<void> {
  const shared = await api('PUT', `/me/badges/${awardId}/sharing`, learner.headers, { visibility: 'public' });
  expect(shared.statusCode, shared.body).toBe(200);
}

/** The learner logged in through the form, on their badge's page. */
async function learnerOnBadgePage() {
  const { page } = await started().openPage(
    `/login?next=${encodeURIComponent(`/learn/badges/${held.award.id}`)}`,
  );
  page.setDefaultTimeout(60_000);
  await page.getByLabel('Email address').fill(held.learner.email);
  await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'Download', level: 2 }).waitFor();
  return page;
}

describe('a badge that travels', () => {
  it('offers only downloads that exist, every one of them, for a badge the award engine gave', async () => {
    const page = await learnerOnBadgePage();
    await page.getByText('More formats').click();
    const links = page.locator('#download a[download]');
    const hrefs = await links.evaluateAll((anchors) => anchors.map((a) => (a as HTMLAnchorElement).href));
    expect(hrefs.length).toBe(7);
    for (const href of hrefs) {
      const response = await page.request.get(href);
      expect(response.status(), href).toBe(200);
      expect((await response.body()).length, href).toBeGreaterThan(100);
    }
    await checkLayouts(page, 'travel-downloads');
    await page.context().close();
  }, 240_000);

  it('lets the pictures made for other sites load on a page of another origin', async () => {
    await makePublic(held.award.id, held.learner);
    const base = started().baseUrl;
    const links = (await api('GET', `/me/badges/${held.award.id}/share`, held.learner.headers)).json();
    const signature = /<img src="([^"]+)"/.exec(links.emailSignatureHtml)?.[1]?.replaceAll('&amp;', '&');
    const embed = await fetch(`${base}/badges/${held.award.id}/embed`).then((r) => r.text());
    const embedImage = /<img src="([^"]+)"/.exec(embed)?.[1]?.replaceAll('&amp;', '&');
    const credential = (
      await api('GET', `/me/badges/${held.award.id}/downloads/credential.json`, held.learner.headers)
    ).json();
    const absolute = (url: string | undefined) => new URL(url ?? '', base).href;
    const images = [
      signature,
      embedImage,
      links.qrSvgUrl,
      credential.credentialSubject.achievement.image.id,
    ].map(absolute);
    // Another origin: the same host on another port.
    other = createServer((_request, response) => {
      response.setHeader('content-type', 'text/html; charset=utf-8');
      response.end(
        `<!doctype html><html lang="en"><title>Elsewhere</title><main>${images
          .map((src, i) => `<img id="i${i}" alt="" src="${src}">`)
          .join('')}</main></html>`,
      );
    });
    await new Promise<void>((resolve) => other?.listen(0, '127.0.0.1', resolve));
    const elsewhere = `http://127.0.0.1:${(other.address() as AddressInfo).port}/`;
    expect(new URL(elsewhere).origin).not.toBe(new URL(base).origin);
    const context = await started().browser.newContext();
    const page = await context.newPage();
    await page.goto(elsewhere, { waitUntil: 'load' });
    const loaded = await page.evaluate(() =>
      [...document.images].map((img) => ({ src: img.src, width: img.naturalWidth })),
    );
    expect(loaded.map((l) => l.src)).toEqual(images);
    for (const image of loaded) expect(image.width, image.src).toBeGreaterThan(0);
    await context.close();
  }, 240_000);

  it('says "Expired" on the public page of an expired but genuine badge, and "Revoked" on a revoked one', async () => {
    const { app, deps } = started().testApp;
    const issuer = await anIssuerWithOwner(app, deps);
    const courseId = await aPublishedCourse(app, issuer.orgId, issuer.owner);
    const badge = await aPublishedBadge(app, issuer, {
      courseIds: [courseId],
      name: 'Short-lived payroll',
      validityDays: 30,
    });
    const learner = await aLoggedInUser(app, deps, { name: 'Eva Expired' });
    const award = async (issuedOn: string) => {
      const awarded = await api(
        'POST',
        `/orgs/${issuer.orgId}/badges/${badge.id}/awards`,
        issuer.owner.headers,
        {
          email: learner.email,
          issuedOn,
        },
      );
      expect(awarded.statusCode, awarded.body).toBe(201);
      const accepted = await api(
        'POST',
        `/claims/${await lastClaimToken(deps, learner.email)}/accept`,
        learner.headers,
      );
      expect(accepted.statusCode, accepted.body).toBe(200);
      await makePublic(awarded.json().id, learner);
      return awarded.json().id as string;
    };
    const expired = await award('2024-03-01');
    const { page } = await started().openPage(`/badges/${expired}`);
    const headline = page.locator('#result-heading');
    await expect.poll(() => headline.textContent()).toContain('Expired');
    const panel = await page.locator('main').innerText();
    expect(panel).toContain('valid only until');
    expect(panel).not.toContain('Not verified');
    expect(panel).not.toContain('do not rely on this badge');
    await checkLayouts(page, 'travel-expired');

    const revoked = await award(new Date().toISOString().slice(0, 10));
    const revoking = await api(
      'POST',
      `/orgs/${issuer.orgId}/awards/${revoked}/revoke`,
      issuer.owner.headers,
      {},
    );
    expect(revoking.statusCode, revoking.body).toBe(200);
    await page.goto(`${started().baseUrl}/badges/${revoked}`);
    await expect.poll(() => headline.textContent()).toContain('Revoked');
    expect(await page.locator('main').innerText()).toContain('The issuer has withdrawn this badge');
    await checkLayouts(page, 'travel-revoked');
    await page.context().close();
  }, 240_000);

  it('verifies its own OB 2.0 download on the verify page', async () => {
    const download = await api(
      'GET',
      `/me/badges/${held.award.id}/downloads/badge-ob2.png`,
      held.learner.headers,
    );
    expect(download.statusCode).toBe(200);
    const { page } = await started().openPage('/verify');
    await page
      .getByLabel('Or a badge image')
      .setInputFiles({ name: 'badge-ob2.png', mimeType: 'image/png', buffer: download.rawPayload });
    await page.getByRole('button', { name: 'Verify' }).click();
    const headline = page.locator('#result-heading');
    await headline.waitFor({ timeout: 60_000 });
    expect(await headline.textContent()).toContain('Verified');
    await checkLayouts(page, 'travel-ob2-verified');
    await page.context().close();
  }, 240_000);
});
