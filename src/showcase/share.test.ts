import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { anAcceptedBadge } from './testing.ts';

let t: TestApp;
let held: Awaited<ReturnType<typeof anAcceptedBadge>>;

beforeAll(async () => {
  t = await createTestApp();
  held = await anAcceptedBadge(t.app, t.deps, { badgeName: 'Gestión de nóminas', learnerName: 'Zoë Núñez' });
});
afterAll(() => t.close());

const shareOf = (headers: Record<string, string>) =>
  t.app.inject({ method: 'GET', url: `/api/v1/me/badges/${held.award.id}/share`, headers });
const makePublic = () =>
  t.app.inject({
    method: 'PUT',
    url: `/api/v1/me/badges/${held.award.id}/sharing`,
    headers: held.learner.headers,
    payload: { visibility: 'public' },
  });

describe('sharing a badge', () => {
  it('gives share links only to the learner who holds the badge', async () => {
    expect((await shareOf(held.issuer.owner.headers)).statusCode).toBe(404);
    const mine = await shareOf(held.learner.headers);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().public).toBe(false);
  });

  it('prefills LinkedIn "Add to profile" with the name, issuer, dates, id and URL', async () => {
    const links = (await shareOf(held.learner.headers)).json();
    const url = new URL(links.linkedInAddToProfile);
    expect(url.origin + url.pathname).toBe('https://www.linkedin.com/profile/add');
    const issued = held.award.issuedAt;
    const until = held.award.validUntil as Date;
    expect(Object.fromEntries(url.searchParams)).toEqual({
      startTask: 'CERTIFICATION_NAME',
      name: 'Gestión de nóminas',
      organizationName: 'Gestión Academy®',
      issueYear: String(issued.getUTCFullYear()),
      issueMonth: String(issued.getUTCMonth() + 1),
      expirationYear: String(until.getUTCFullYear()),
      expirationMonth: String(until.getUTCMonth() + 1),
      certUrl: links.pageUrl,
      certId: held.award.id,
    });
    expect(new URL(links.linkedInPost).searchParams.get('url')).toBe(links.pageUrl);
    expect(new URL(links.facebook).searchParams.get('u')).toBe(links.pageUrl);
    expect(new URL(links.x).searchParams.get('url')).toBe(links.pageUrl);
    expect(links.email).toMatch(/^mailto:\?subject=/);
    expect(links.emailSignatureHtml).toContain('/preview.png');
    expect(links.emailSignatureHtml).not.toContain('<style');
    expect(links.emailSignatureHtml).not.toContain('.svg');
  });

  it('serves an embeddable card that other sites may frame, and discovers it through oEmbed', async () => {
    await makePublic();
    const links = (await shareOf(held.learner.headers)).json();
    const page = await t.app.inject({ method: 'GET', url: `/badges/${held.award.id}` });
    expect(page.body).toContain('type="application/json+oembed"');

    const oembed = await t.app.inject({
      method: 'GET',
      url: new URL(links.oembedUrl).pathname + new URL(links.oembedUrl).search,
    });
    expect(oembed.statusCode).toBe(200);
    expect(oembed.json()).toMatchObject({ version: '1.0', type: 'rich', provider_name: 'Tessera' });
    expect(oembed.json().html).toContain(`/badges/${held.award.id}/embed`);

    const card = await t.app.inject({ method: 'GET', url: `/badges/${held.award.id}/embed` });
    expect(card.statusCode).toBe(200);
    expect(card.body).toContain('Gestión de nóminas');
    expect(card.body).toContain('verdict-verified');
    expect(card.headers['x-frame-options']).toBeUndefined();
    expect(card.headers['content-security-policy']).not.toContain('frame-ancestors');
    expect(card.headers['content-security-policy']).toContain("default-src 'none'");
  });

  it('refuses oEmbed for URLs that are not badge pages of this server', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/oembed?url=${encodeURIComponent('https://elsewhere.example/badges/x')}`,
    });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('prints QR codes of the page as SVG and PNG', async () => {
    const svg = await t.app.inject({ method: 'GET', url: `/badges/${held.award.id}/qr.svg` });
    expect(svg.headers['content-type']).toContain('image/svg+xml');
    expect(svg.body).toContain('<svg');
    const png = await t.app.inject({ method: 'GET', url: `/badges/${held.award.id}/qr.png` });
    expect(png.rawPayload.subarray(1, 4).toString()).toBe('PNG');
  });
});
