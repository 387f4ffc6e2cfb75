// A course's picture over the real HTTP app and database: uploaded with its description, re-encoded as WebP
// without metadata, shown in the catalog and on the course page, served with caching headers, replaced and
// removed; hostile or broken files refused with 4xx; and the badges the course counts toward on its page.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { aPublishedBadge } from '../badges/testing.ts';
import { aLoggedInUser, type TestSession } from '../identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { reencodeCourseImage } from './course-image-encode.ts';
import { aPublishedCourse } from './testing.ts';

/** A multipart form as the course editor sends it: the description first, then the file. */
function imageForm(bytes: Buffer, alt?: string): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----tessera${Math.random().toString(16).slice(2)}`;
  const altPart =
    alt === undefined ? '' : `--${boundary}\r\nContent-Disposition: form-data; name="alt"\r\n\r\n${alt}\r\n`;
  const payload = Buffer.concat([
    Buffer.from(
      `${altPart}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="cover.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A phone photo: a real JPEG, lying on its side (EXIF orientation 6), with a location and a comment. */
async function phoneJpeg(width = 320, height = 200): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#1b7c83' } })
    .jpeg()
    .withExif({ IFD0: { ImageDescription: 'taken at 41.3874N 2.1686E', Artist: 'Secret Person' } })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

describe('a course picture', { timeout: 120_000 }, () => {
  let t: TestApp;
  let issuer: TestIssuer;
  let stranger: TestSession;
  let courseId: string;

  beforeAll(async () => {
    t = await createTestApp();
    issuer = await anIssuerWithOwner(t.app, t.deps, 'Picture Academy');
    stranger = await aLoggedInUser(t.app, t.deps);
    courseId = await aPublishedCourse(t.app, issuer.orgId, issuer.owner, { title: 'Pictured payroll' });
  });
  afterAll(() => t?.close());

  const imageUrl = () => `/api/v1/orgs/${issuer.orgId}/courses/${courseId}/image`;
  const put = (bytes: Buffer, alt?: string, headers = issuer.owner.headers) => {
    const form = imageForm(bytes, alt);
    return t.app.inject({
      method: 'PUT',
      url: imageUrl(),
      headers: { ...headers, ...form.headers },
      payload: form.payload,
    });
  };
  const coursePage = async () =>
    (await t.app.inject({ method: 'GET', url: `/api/v1/catalog/courses/${courseId}` })).json();

  it('is re-encoded as an upright WebP without its metadata and shown in the catalog at once', async () => {
    const saved = await put(await phoneJpeg(), 'A ledger on a desk');
    expect(saved.statusCode, saved.body).toBe(200);
    const image = saved.json().image as { url: string; alt: string };
    expect(image.url).toMatch(/^\/course-covers\/[0-9a-f-]{36}\.webp$/);
    expect(image.alt).toBe('A ledger on a desk');
    const served = await t.app.inject({ method: 'GET', url: image.url });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/webp');
    expect(served.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(served.headers['x-content-type-options']).toBe('nosniff');
    expect(served.headers['cross-origin-resource-policy']).toBe('cross-origin');
    const text = served.rawPayload.toString('latin1');
    expect(text).not.toContain('41.3874N');
    expect(text).not.toContain('Secret Person');
    const meta = await sharp(served.rawPayload).metadata();
    expect(meta.format).toBe('webp');
    expect(meta.exif).toBeUndefined();
    // Turned upright: the 320×200 photo lying on its side is 200 wide and 320 high.
    expect([meta.width, meta.height]).toEqual([200, 320]);
    expect((await coursePage()).image).toEqual(image);
    const listed = (await t.app.inject({ method: 'GET', url: '/api/v1/catalog/courses?q=pictured' })).json();
    expect(listed.items[0].image).toEqual(image);
  });

  it('needs a description, and its description can change alone', async () => {
    const missing = await put(await phoneJpeg(), '   ');
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toEqual([
      { path: 'alt', message: 'is required with a picture', code: 'alt-required', params: {} },
    ]);
    const described = await t.app.inject({
      method: 'PATCH',
      url: imageUrl(),
      headers: issuer.owner.headers,
      payload: { alt: 'Ledgers and a calculator' },
    });
    expect(described.statusCode, described.body).toBe(200);
    expect((await coursePage()).image.alt).toBe('Ledgers and a calculator');
  });

  it('refuses what is not a picture, a lie about its type and a damaged file, with 400 at file', async () => {
    const svg = await put(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'Vector');
    expect(svg.statusCode).toBe(400);
    expect(svg.json().errors[0].path).toBe('file');
    const html = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.from('<html>'),
    ]);
    expect((await put(html, 'Page')).statusCode).toBe(400);
    const jpeg = await phoneJpeg();
    const cut = await put(jpeg.subarray(0, Math.floor(jpeg.length / 2)), 'Half a picture');
    expect(cut.statusCode).toBe(400);
    expect(cut.json().errors[0].path).toBe('file');
  });

  it('refuses a file over 5 MB with 413 and keeps the picture it had', async () => {
    const before = (await coursePage()).image.url;
    const huge = Buffer.concat([await phoneJpeg(), Buffer.alloc(5 * 1024 * 1024)]);
    const refused = await put(huge, 'Too big');
    expect(refused.statusCode).toBe(413);
    expect((await coursePage()).image.url).toBe(before);
  });

  it('is changed by its authors only', async () => {
    const other = await anIssuerWithOwner(t.app, t.deps, 'Other Academy');
    expect((await put(await phoneJpeg(), 'Mine now', stranger.headers)).statusCode).toBe(404);
    expect((await put(await phoneJpeg(), 'Mine now', other.owner.headers)).statusCode).toBe(404);
    const anonymous = await t.app.inject({ method: 'DELETE', url: imageUrl() });
    expect(anonymous.statusCode).toBe(401);
  });

  it('replaced, retires the old address; removed, leaves no picture', async () => {
    const old = (await coursePage()).image.url as string;
    const png = await sharp({ create: { width: 64, height: 64, channels: 4, background: '#ffcc00' } })
      .png()
      .toBuffer();
    const replaced = await put(png, 'A yellow square');
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect(replaced.json().image.url).not.toBe(old);
    expect((await t.app.inject({ method: 'GET', url: old })).statusCode).toBe(404);
    const removed = await t.app.inject({ method: 'DELETE', url: imageUrl(), headers: issuer.owner.headers });
    expect(removed.statusCode).toBe(200);
    expect(removed.json().image).toBeNull();
    expect((await coursePage()).image).toBeNull();
    const gone = await t.app.inject({ method: 'GET', url: replaced.json().image.url });
    expect(gone.statusCode).toBe(404);
  });

  it('answers 404 for a name that is no picture, never 5xx', async () => {
    for (const name of [
      'x',
      '../../etc/passwd',
      `${crypto.randomUUID()}.webp`,
      `${crypto.randomUUID()}.png`,
    ]) {
      const res = await t.app.inject({ method: 'GET', url: `/course-covers/${encodeURIComponent(name)}` });
      expect(res.statusCode, name).toBe(404);
    }
  });

  it('takes a WebP too and never enlarges a small picture', async () => {
    const webp = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#333366' } })
      .webp()
      .toBuffer();
    const out = await reencodeCourseImage(webp);
    expect(out.source).toBe('webp');
    expect([out.width, out.height]).toEqual([40, 30]);
    const big = await sharp({ create: { width: 3200, height: 1200, channels: 3, background: '#333366' } })
      .png()
      .toBuffer();
    const fitted = await reencodeCourseImage(big);
    expect([fitted.width, fitted.height]).toEqual([1600, 600]);
  });

  it('lists on the course page the published badges the course counts toward, with picture and name', async () => {
    const badge = await aPublishedBadge(t.app, issuer, { courseIds: [courseId], name: 'Payroll pictured' });
    const page = await coursePage();
    expect(page.badges).toEqual([
      { id: badge.id, name: 'Payroll pictured', imageUrl: expect.stringMatching(/\/versions\/1\/image$/) },
    ]);
  });
});
