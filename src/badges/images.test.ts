import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { InvalidError } from '../errors.ts';
import { defaultBadgeSvg, svgToPng } from '../issuing/badge-image.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { multipartFile } from '../learning/testing.ts';
import { checkBadgeImage } from './images.ts';
import { aDraftBadge, aPublishedCourse } from './testing.ts';

const svg = (inner: string, attributes = '') =>
  Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"${attributes}>${inner}</svg>`);
const png = svgToPng(defaultBadgeSvg('Uploaded'));
const withWidth = (bytes: Buffer, width: number) => {
  const copy = Buffer.from(bytes);
  copy.writeUInt32BE(width, 16);
  return copy;
};

describe('checking uploaded badge pictures', () => {
  const refusal = (bytes: Buffer): string => {
    try {
      checkBadgeImage(bytes);
    } catch (error) {
      if (error instanceof InvalidError) return error.message;
      throw error;
    }
    return 'accepted';
  };

  it('accepts a PNG and a plain SVG with gradients, internal references, inline images and comments', () => {
    expect(checkBadgeImage(png)).toBe('png');
    const plain = svg(
      '<!-- made by hand --><defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs>' +
        '<style>circle { fill: url(#g); }</style><circle r="4" fill="url(#g)"/><use href="#g"/>' +
        '<image xlink:href="data:image/png;base64,iVBORw0KGgo="/>',
      ' xmlns:xlink="http://www.w3.org/1999/xlink"',
    );
    expect(checkBadgeImage(Buffer.concat([Buffer.from('<?xml version="1.0"?>\n'), plain]))).toBe('svg');
  });

  it.each([
    ['a script element', svg('<script>alert(1)</script>'), '<script>'],
    [
      'a namespaced script element',
      svg('<x:script xmlns:x="http://www.w3.org/2000/svg">1</x:script>'),
      'script',
    ],
    ['an event handler attribute', svg('<circle r="1"/>', ' onload="alert(1)"'), 'event handler'],
    ['an event handler on a child', svg("<g><rect ONCLICK = 'x()'/></g>"), 'event handler'],
    ['a foreignObject', svg('<foreignObject><div/></foreignObject>'), 'foreignObject'],
    ['an external href', svg('<image href="https://evil.example/x.png"/>'), 'external'],
    ['an external xlink:href', svg('<use xlink:href="other.svg#a"/>'), 'external'],
    ['an inline SVG document', svg('<use href="data:image/svg+xml;base64,PHN2Zz4="/>'), 'external'],
    [
      'a javascript link hidden by references',
      svg('<a href="&#106;avascript:alert(1)"><text>x</text></a>'),
      'external',
    ],
    ['a javascript value elsewhere', svg('<set attributeName="fill" to="java\tscript:x"/>'), 'script'],
    ['an animated href', svg('<set attributeName="xlink:href" to="https://evil.example"/>'), 'animates'],
    [
      'an external url() in a style element',
      svg('<style>a { fill: url(https://evil.example/f) }</style>'),
      'external',
    ],
    ['an @import', svg('<style>@import "https://evil.example/x.css";</style>'), 'style rules'],
    ['an external url() in an attribute', svg('<rect style="fill: url(\'//evil.example/f\')"/>'), 'external'],
    ['a DOCTYPE', Buffer.from('<!DOCTYPE svg [<!ENTITY x "y">]><svg>&x;</svg>'), 'DOCTYPE'],
    ['a stylesheet instruction', Buffer.from('<?xml-stylesheet href="x.css"?><svg/>'), 'processing'],
    ['markup it cannot read', svg('<rect width=10/>'), 'not well-formed'],
    ['HTML posing as SVG', Buffer.from('<html><body><svg></svg></body></html>'), 'not an SVG'],
    ['garbage', Buffer.from([0, 1, 2, 3, 0xff, 0xfe]), 'PNG or SVG'],
    ['an empty file', Buffer.alloc(0), 'empty'],
    ['a JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'PNG or SVG'],
    ['a PNG wider than 2048 pixels', withWidth(png, 4096), '2048'],
    ['a PNG cut short', png.subarray(0, 20), 'damaged'],
  ])('refuses %s', (_what, bytes, message) => {
    expect(refusal(bytes)).toContain(message);
  });
});

describe('badge pictures through the API', () => {
  let t: TestApp;
  let issuer: TestIssuer;
  let courseId: string;

  beforeAll(async () => {
    t = await createTestApp();
    issuer = await anIssuerWithOwner(t.app, t.deps, 'Picture Academy');
    courseId = await aPublishedCourse(t.app, issuer.orgId, issuer.owner);
  });
  afterAll(() => t?.close());

  const url = (badgeId: string, path = '') => `/api/v1/orgs/${issuer.orgId}/badges/${badgeId}${path}`;
  const upload = (badgeId: string, bytes: Buffer, declared = 'image/png') => {
    const file = multipartFile('badge.png', bytes, declared);
    return t.app.inject({
      method: 'PUT',
      url: url(badgeId, '/image'),
      headers: { ...issuer.owner.headers, ...file.headers },
      payload: file.payload,
    });
  };
  const get = (path: string) => t.app.inject({ method: 'GET', url: path, headers: issuer.owner.headers });
  const publish = (badgeId: string) =>
    t.app.inject({ method: 'POST', url: url(badgeId, '/publish'), headers: issuer.owner.headers });

  it('draws a default picture from the name, the colours and the issuer’s name', async () => {
    const badge = await aDraftBadge(t.app, issuer, {
      courseIds: [courseId],
      name: 'Payroll <Pro>',
      extra: { colors: { primary: '#7c2d12', secondary: '#fde68a' } },
    });
    const image = await get(url(badge.id, '/image'));
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/svg+xml');
    expect(image.headers['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'");
    expect(image.body).toContain('Payroll &lt;Pro&gt;');
    expect(image.body).toContain('fill="#7c2d12"');
    expect(image.body).toContain('Picture Academy');
    expect(checkBadgeImage(image.rawPayload)).toBe('svg');
    const badColour = await t.app.inject({
      method: 'PATCH',
      url: url(badge.id),
      headers: issuer.owner.headers,
      payload: { colors: { primary: 'red', secondary: '#fff' } },
    });
    expect(badColour.statusCode).toBe(400);
  });

  it('stores an uploaded PNG, serves it for the published version for ever, and keeps it after a new upload', async () => {
    const badge = await aDraftBadge(t.app, issuer, { courseIds: [courseId] });
    const uploaded = await upload(badge.id, png, 'image/svg+xml');
    expect(uploaded.statusCode, uploaded.body).toBe(200);
    expect(uploaded.json().hasImage).toBe(true);
    await publish(badge.id);
    const versionImage = `/achievements/${badge.id}/versions/1/image`;
    const served = await t.app.inject({ method: 'GET', url: versionImage });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(served.headers['x-content-type-options']).toBe('nosniff');
    expect(served.rawPayload.equals(png)).toBe(true);

    const replaced = await upload(badge.id, svg('<circle r="4"/>'));
    expect(replaced.statusCode).toBe(200);
    expect((await get(url(badge.id, '/image'))).headers['content-type']).toBe('image/svg+xml');
    expect((await t.app.inject({ method: 'GET', url: versionImage })).rawPayload.equals(png)).toBe(true);
    await publish(badge.id);
    const second = await t.app.inject({ method: 'GET', url: `/achievements/${badge.id}/versions/2/image` });
    expect(second.headers['content-type']).toBe('image/svg+xml');
    expect(second.headers['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'");
    expect(
      (await t.app.inject({ method: 'GET', url: `/achievements/${badge.id}/versions/3/image` })).statusCode,
    ).toBe(404);
  });

  it('serves the default picture for a published version without an upload', async () => {
    const badge = await aDraftBadge(t.app, issuer, { courseIds: [courseId], name: 'Plain badge' });
    await publish(badge.id);
    const served = await t.app.inject({ method: 'GET', url: `/achievements/${badge.id}/versions/1/image` });
    expect(served.headers['content-type']).toBe('image/svg+xml');
    expect(served.body).toContain('Plain badge');
  });

  it('refuses script, external references, garbage and oversize files, and keeps the previous picture', async () => {
    const badge = await aDraftBadge(t.app, issuer, { courseIds: [courseId] });
    expect((await upload(badge.id, png)).statusCode).toBe(200);
    const script = await upload(badge.id, svg('<script>alert(1)</script>'), 'image/svg+xml');
    expect(script.statusCode).toBe(400);
    expect(script.json().detail).toContain('<script>');
    const external = await upload(badge.id, svg('<image href="https://tracker.example/p.gif"/>'));
    expect(external.statusCode).toBe(400);
    expect(external.json().errors).toEqual([
      {
        path: 'file',
        message: 'The SVG image refers to an external resource.',
        code: 'svg-external-resource',
        params: {},
      },
    ]);
    expect((await upload(badge.id, Buffer.from('GIF89a not really'))).statusCode).toBe(400);
    const oversize = await upload(badge.id, Buffer.concat([png, Buffer.alloc(1024 * 1024)]));
    expect(oversize.statusCode).toBe(413);
    expect(oversize.json().detail).toContain('1 MB');
    expect((await get(url(badge.id, '/image'))).rawPayload.equals(png)).toBe(true);
  });

  it('removes the upload and falls back to the default picture', async () => {
    const badge = await aDraftBadge(t.app, issuer, { courseIds: [courseId], name: 'Removable' });
    await upload(badge.id, png);
    const removed = await t.app.inject({
      method: 'DELETE',
      url: url(badge.id, '/image'),
      headers: issuer.owner.headers,
    });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json().hasImage).toBe(false);
    const image = await get(url(badge.id, '/image'));
    expect(image.headers['content-type']).toBe('image/svg+xml');
    expect(image.body).toContain('Removable');
  });
});
