// The public pictures made to be shown on other sites and in web wallets (the email signature's and link
// previews' PNG, the embed's and the credential's achievement image, the QR codes) may be loaded cross-origin;
// every other response keeps Cross-Origin-Resource-Policy: same-origin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { anAcceptedBadge } from './testing.ts';

let t: TestApp;
let held: Awaited<ReturnType<typeof anAcceptedBadge>>;

beforeAll(async () => {
  t = await createTestApp();
  held = await anAcceptedBadge(t.app, t.deps, { badgeName: 'Payroll basics' });
  const shared = await t.app.inject({
    method: 'PUT',
    url: `/api/v1/me/badges/${held.award.id}/sharing`,
    headers: held.learner.headers,
    payload: { visibility: 'public' },
  });
  expect(shared.statusCode).toBe(200);
});
afterAll(() => t?.close());

const get = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers });
const path = (url: string) => new URL(url).pathname;

describe('Cross-Origin-Resource-Policy', () => {
  it('is cross-origin for the email signature image, the embed image, the QR codes and the achievement image', async () => {
    const links = (await get(`/api/v1/me/badges/${held.award.id}/share`, held.learner.headers)).json();
    const signatureImage = /<img src="([^"]+)"/.exec(links.emailSignatureHtml)?.[1];
    const embed = await get(`/badges/${held.award.id}/embed`);
    const embedImage = /<img src="([^"]+)"/.exec(embed.body)?.[1];
    const download = `/api/v1/me/badges/${held.award.id}/downloads/credential.json`;
    const credential = (await get(download, held.learner.headers)).json();
    const achievementImage = credential.credentialSubject.achievement.image.id;
    const images = [
      path(signatureImage!.replaceAll('&amp;', '&')),
      embedImage!,
      path(links.qrSvgUrl),
      path(links.qrPngUrl),
      path(achievementImage),
    ];
    // The embed shows the achievement's own image: four distinct pictures.
    expect(embedImage).toBe(path(achievementImage));
    expect(new Set(images).size).toBe(4);
    for (const url of images) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type'], url).toMatch(/^image\//);
      expect(response.headers['cross-origin-resource-policy'], url).toBe('cross-origin');
    }
  });

  it('stays same-origin for pages, documents, downloads and the API', async () => {
    const others = [
      [`/badges/${held.award.id}`, {}],
      [`/badges/${held.award.id}`, { accept: 'application/ld+json' }],
      [`/badges/${held.award.id}/embed`, {}],
      [`/api/v1/me/badges/${held.award.id}/downloads/badge.png`, held.learner.headers],
      [`/api/v1/me/badges/${held.award.id}/share`, held.learner.headers],
      ['/verify', {}],
      ['/badges/not-a-badge/qr.png', {}],
    ] as const;
    for (const [url, headers] of others) {
      const response = await get(url, headers);
      expect(response.headers['cross-origin-resource-policy'], url).toBe('same-origin');
    }
  });

  it('stays same-origin for the pictures of a badge that is not public', async () => {
    const hidden = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/me/badges/${held.award.id}/sharing`,
      headers: held.learner.headers,
      payload: { visibility: 'private' },
    });
    expect(hidden.statusCode).toBe(200);
    const response = await get(`/badges/${held.award.id}/preview.png`);
    expect(response.statusCode).toBe(404);
    expect(response.headers['cross-origin-resource-policy']).toBe('same-origin');
  });
});
