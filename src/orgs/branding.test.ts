// An organization's branding: colour (readable with white text, else a 400 giving the ratio), contact and
// description through PATCH; a logo uploaded as PNG, JPEG or SVG, checked as hostile like badge pictures,
// served publicly as an inert document; only owners and admins of the organization change any of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { aLoggedInUser } from '../identity/testing.ts';
import { svgToPng } from '../issuing/badge-image.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { multipartFile } from '../learning/testing.ts';
import { contrastWithWhite, isReadableOnWhite, sniffLogo } from './branding-model.ts';

const svg = (inner: string) =>
  Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 20">${inner}</svg>`);
const cleanSvg = svg('<rect width="40" height="20" fill="#1d4ed8"/>');
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);

describe('brand colour contrast', () => {
  it('measures colours against white as WCAG does', () => {
    expect(contrastWithWhite('#000000')).toBe(21);
    expect(contrastWithWhite('#ffffff')).toBe(1);
    expect(contrastWithWhite('#767676')).toBeGreaterThanOrEqual(4.5);
    expect(isReadableOnWhite('#767676')).toBe(true);
    expect(isReadableOnWhite('#777777')).toBe(false);
    expect(isReadableOnWhite('#1D4ED8')).toBe(true);
    expect(isReadableOnWhite('#ffd60a')).toBe(false);
  });

  it('recognises logos by their first bytes, not their names', () => {
    expect(sniffLogo(cleanSvg)).toBe('svg');
    expect(sniffLogo(JPEG)).toBe('jpeg');
    expect(sniffLogo(svgToPng(cleanSvg.toString()))).toBe('png');
    expect(sniffLogo(Buffer.from('GIF89a'))).toBeNull();
  });
});

describe('organization branding over HTTP', () => {
  let t: TestApp;
  let issuer: TestIssuer;

  beforeAll(async () => {
    t = await createTestApp();
    issuer = await anIssuerWithOwner(t.app, t.deps, 'Harbour Academy');
  });
  afterAll(() => t?.close());

  const patch = (
    body: object,
    headers: Record<string, string> = issuer.owner.headers,
    orgId = issuer.orgId,
  ) => t.app.inject({ method: 'PATCH', url: `/api/v1/orgs/${orgId}`, headers, payload: body });
  const upload = (bytes: Buffer, name: string, headers: Record<string, string> = issuer.owner.headers) => {
    const form = multipartFile(name, bytes);
    return t.app.inject({
      method: 'PUT',
      url: `/api/v1/orgs/${issuer.orgId}/logo`,
      headers: { ...headers, ...form.headers },
      payload: form.payload,
    });
  };

  it('keeps a readable colour, the contact and description, and shows them in the organization', async () => {
    const saved = await patch({
      brandColor: '#1D4ED8',
      contactEmail: 'Learners@Harbour.example',
      contactUrl: 'https://harbour.example/help',
      description: 'Maritime safety courses.',
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({
      name: 'Harbour Academy',
      brandColor: '#1d4ed8',
      contactEmail: 'learners@harbour.example',
      contactUrl: 'https://harbour.example/help',
      description: 'Maritime safety courses.',
      logoUrl: null,
    });
    // Only the fields sent change; null clears.
    const cleared = await patch({ contactUrl: null });
    expect(cleared.json()).toMatchObject({ brandColor: '#1d4ed8', contactUrl: null });
  });

  it('refuses an unreadable colour with a 400 that names the field and the contrast', async () => {
    const light = await patch({ brandColor: '#ffd60a' });
    expect(light.statusCode).toBe(400);
    expect(light.headers['content-type']).toContain('application/problem+json');
    const [error] = light.json().errors;
    expect(error.path).toBe('body.brandColor');
    expect(error.message).toMatch(/contrast of 1\.\d\d:1 and needs at least 4\.5:1/);
    const malformed = await patch({
      brandColor: 'blue',
      contactEmail: 'nope',
      contactUrl: 'javascript:alert(1)',
    });
    expect(malformed.statusCode).toBe(400);
    expect(
      malformed
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['body.brandColor', 'body.contactEmail', 'body.contactUrl']);
    const org = await t.app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${issuer.orgId}`,
      headers: issuer.owner.headers,
    });
    expect(org.json().brandColor).toBe('#1d4ed8');
  });

  it('stores a clean SVG logo and serves it publicly as an inert document', async () => {
    const uploaded = await upload(cleanSvg, 'logo.svg');
    expect(uploaded.statusCode, uploaded.body).toBe(200);
    const logoUrl = uploaded.json().logoUrl as string;
    expect(logoUrl).toMatch(/^\/org-logos\/[0-9a-f-]{36}\.svg$/);
    const served = await t.app.inject({ method: 'GET', url: logoUrl });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toContain('image/svg+xml');
    expect(served.headers['content-security-policy']).toContain("default-src 'none'");
    expect(served.body).toBe(cleanSvg.toString());

    // A new logo replaces the old file.
    const jpeg = await upload(JPEG, 'photo.png');
    expect(jpeg.statusCode, jpeg.body).toBe(200);
    expect(jpeg.json().logoUrl).toMatch(/\.jpeg$/);
    expect((await t.app.inject({ method: 'GET', url: logoUrl })).statusCode).toBe(404);
    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/orgs/${issuer.orgId}/logo`,
      headers: issuer.owner.headers,
    });
    expect(removed.json().logoUrl).toBeNull();
  });

  it('refuses hostile or foreign files with a 400 at file, keeping the logo it had', async () => {
    const kept = (await upload(cleanSvg, 'logo.svg')).json().logoUrl;
    const cases: Array<[Buffer, RegExp]> = [
      [svg('<script>alert(1)</script>'), /may not contain <script>/],
      [svg('<rect onload="alert(1)"/>'), /event handler/],
      [svg('<image href="https://evil.example/x.png"/>'), /external resource/],
      [Buffer.from('<!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg"/>'), /DOCTYPE/],
      [Buffer.from('GIF89a....'), /PNG, JPEG or SVG/],
      [Buffer.alloc(0), /empty/],
    ];
    for (const [bytes, message] of cases) {
      const refused = await upload(bytes, 'logo.svg');
      expect(refused.statusCode, refused.body).toBe(400);
      expect(refused.json().errors[0]).toMatchObject({
        path: 'file',
        message: expect.stringMatching(message),
      });
    }
    const tooLarge = await upload(Buffer.concat([JPEG, Buffer.alloc(1024 * 1024 + 10)]), 'big.jpg');
    expect(tooLarge.statusCode).toBe(413);
    const org = await t.app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${issuer.orgId}`,
      headers: issuer.owner.headers,
    });
    expect(org.json().logoUrl).toBe(kept);
  });

  it('lets only owners and admins of the organization change branding; others get 403 or 404', async () => {
    const staff = await aLoggedInUser(t.app, t.deps);
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/members`,
      headers: issuer.owner.headers,
      payload: { email: staff.email, role: 'staff' },
    });
    expect((await patch({ brandColor: '#000000' }, staff.headers)).statusCode).toBe(403);
    expect((await upload(cleanSvg, 'logo.svg', staff.headers)).statusCode).toBe(403);
    const other = await anIssuerWithOwner(t.app, t.deps, 'Other');
    expect((await patch({ brandColor: '#000000' }, other.owner.headers)).statusCode).toBe(404);
    expect((await upload(cleanSvg, 'logo.svg', other.owner.headers)).statusCode).toBe(404);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: '/org-logos/00000000-0000-0000-0000-000000000000.svg',
        })
      ).statusCode,
    ).toBe(404);
  });
});
