// A public profile worth linking to, over the real HTTP app and database: the photo (hostile input refused,
// metadata dropped, served cross-origin while the profile is on), the skills summary and badge wall, sharing,
// and the whole record as a CLR 2.0 document of signed OB 3.0 credentials — public badges only, ever.
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { verifyCredential } from '../badges/award-testing.ts';
import { aPublishedCourse } from '../badges/testing.ts';
import { validateOpenBadgeCredential } from '../credentials/index.ts';
import { aLoggedInUser, type TestSession } from '../identity/testing.ts';
import { aBadgeAsserting, anAcceptedAward, importSample } from '../insights/testing.ts';
import { svgToPng } from '../issuing/index.ts';
import { anIssuerWithOwner } from '../issuing/testing.ts';
import { multipartFile } from '../learning/testing.ts';

const CRITICAL_THINKING = { framework: 'onet', code: '2.A.2.a' } as const;
const ACTIVE_LISTENING = { framework: 'onet', code: '2.A.1.b' } as const;
const PROGRAMMING = { framework: 'onet', code: '2.B.3.e' } as const;

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A real PNG (drawn by the badge renderer) with a text chunk inserted before its end. */
function pngWithText(text: string, size = 64): Buffer {
  const png = svgToPng(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}"><rect width="${size}" height="${size}" fill="#1b7c83"/></svg>`,
  );
  const iend = png.length - 12;
  return Buffer.concat([
    png.subarray(0, iend),
    chunk('tEXt', Buffer.from(text, 'latin1')),
    png.subarray(iend),
  ]);
}

/** A PNG whose header claims these dimensions (enough for the checks, which refuse it before decoding). */
function pngClaiming(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', Buffer.alloc(16)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function segment(marker: number, payload: Buffer): Buffer {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

/** A JPEG's structure as a phone writes it: EXIF (orientation 6 and a GPS note), a comment, one frame, one scan. */
function phoneJpeg(): Buffer {
  const tiff = Buffer.alloc(8 + 2 + 12 + 4);
  tiff.write('II', 0, 'latin1');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4);
  tiff.writeUInt16LE(1, 8);
  tiff.writeUInt16LE(0x0112, 10);
  tiff.writeUInt16LE(3, 12);
  tiff.writeUInt32LE(1, 14);
  tiff.writeUInt16LE(6, 18);
  const exif = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff, Buffer.from('GPS 41.3874N 2.1686E')]);
  const frame = Buffer.from([8, 0, 48, 0, 64, 1, 1, 0x11, 0]);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1')),
    segment(0xe1, exif),
    segment(0xfe, Buffer.from('<script>alert(1)</script>')),
    segment(0xc0, frame),
    segment(0xda, Buffer.from([1, 1, 0, 0, 63, 0])),
    Buffer.from([0x12, 0x34, 0xff, 0x00, 0x56]),
    Buffer.from([0xff, 0xd9]),
  ]);
}

let t: TestApp;
let ana: TestSession & { email: string };
const awards: Record<'payroll' | 'listening' | 'secret', string> = { payroll: '', listening: '', secret: '' };

beforeAll(async () => {
  t = await createTestApp();
  await importSample(t);
  const issuer = await anIssuerWithOwner(t.app, t.deps, 'Northwind College');
  const courseId = await aPublishedCourse(t.app, issuer.orgId, issuer.owner);
  const payroll = await aBadgeAsserting(t, issuer, courseId, 'Payroll Basics', [
    { name: 'Critical thinking', concept: CRITICAL_THINKING, level: 4 },
  ]);
  const listening = await aBadgeAsserting(t, issuer, courseId, 'Listening at Work', [
    { name: 'Active listening', concept: ACTIVE_LISTENING, level: 3 },
    { name: 'Critical thinking', concept: CRITICAL_THINKING, level: 5 },
  ]);
  const secret = await aBadgeAsserting(t, issuer, courseId, 'Undisclosed Secret Badge', [
    { name: 'Programming', concept: PROGRAMMING, level: 6 },
  ]);
  ana = await aLoggedInUser(t.app, t.deps, { name: 'Ana Núñez' });
  awards.payroll = await anAcceptedAward(t, issuer, payroll, ana, 'public');
  awards.listening = await anAcceptedAward(t, issuer, listening, ana, 'public');
  awards.secret = await anAcceptedAward(t, issuer, secret, ana, 'private');
}, 400_000);
afterAll(() => t?.close());

const get = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers });
const saveProfile = (enabled: boolean) =>
  t.app.inject({
    method: 'PUT',
    url: '/api/v1/me/profile',
    headers: ana.headers,
    payload: { slug: 'ana-nunez', enabled, headline: 'Payroll specialist' },
  });
const upload = (bytes: Buffer, name = 'me.png') => {
  const form = multipartFile(name, bytes);
  return t.app.inject({
    method: 'PUT',
    url: '/api/v1/me/profile/photo',
    headers: { ...ana.headers, ...form.headers },
    payload: form.payload,
  });
};
const pathOf = (url: string) => new URL(url).pathname;

describe('a profile photo', { timeout: 120_000 }, () => {
  it('needs a profile first', async () => {
    const early = await upload(pngWithText('hello'));
    expect(early.statusCode).toBe(409);
    expect(early.json().type).toBe('/problems/profile-missing');
    expect((await saveProfile(true)).statusCode).toBe(200);
  });

  it('is shown instead of initials, served cross-origin and cached long, without its text metadata', async () => {
    const before = await get('/people/ana-nunez');
    expect(before.body).toMatch(/<div class="avatar initials tone-\d" aria-hidden="true">AN<\/div>/);
    const saved = await upload(pngWithText('Comment\0taken at 41.3874N 2.1686E'));
    expect(saved.statusCode, saved.body).toBe(200);
    const photo = saved.json().photo as { url: string; previewUrl: string };
    expect(photo.url).toMatch(/\/people\/ana-nunez\/photo\/[0-9a-f-]{36}\.png$/);
    const served = await get(pathOf(photo.url));
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(served.headers['cache-control']).toContain('max-age=31536000');
    expect(served.headers['x-content-type-options']).toBe('nosniff');
    expect(served.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    expect(served.rawPayload.toString('latin1')).not.toContain('41.3874N');
    expect(served.rawPayload.toString('latin1')).not.toContain('tEXt');
    const page = await get('/people/ana-nunez');
    expect(page.body).toContain(`<img class="avatar" src="${pathOf(photo.url)}" alt="Photo of Ana Núñez"`);
    expect(page.body).not.toContain('avatar initials');
    const own = await get(photo.previewUrl, ana.headers);
    expect(own.statusCode).toBe(200);
    expect(Buffer.compare(own.rawPayload, served.rawPayload)).toBe(0);
  });

  it('refuses SVG, a picture with a page after its end, one over 2048 pixels and one over 1 MB', async () => {
    const current = (await get('/api/v1/me/profile', ana.headers)).json().profile.photo.url;
    const svg = await upload(
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/></svg>'),
      'me.svg',
    );
    expect(svg.statusCode).toBe(400);
    expect(svg.json().detail).toBe('A profile photo must be a PNG or JPEG picture.');
    const polyglot = Buffer.concat([
      pngWithText('ok'),
      Buffer.from('<html><script>alert(document.cookie)</script>'),
    ]);
    const refused = await upload(polyglot);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([expect.objectContaining({ path: 'file' })]);
    const huge = await upload(pngClaiming(4096, 64));
    expect(huge.statusCode).toBe(400);
    expect(huge.json().detail).toContain('2048');
    const heavy = await upload(Buffer.concat([pngWithText('x'), Buffer.alloc(1024 * 1024 + 10)]));
    expect(heavy.statusCode).toBe(413);
    const scriptInKeptChunk = await upload(
      Buffer.concat([
        pngClaiming(8, 8).subarray(0, 33),
        chunk('iCCP', Buffer.from('p\0\0<script>x</script>')),
      ]),
    );
    expect(scriptInKeptChunk.statusCode).toBe(400);
    // Nothing refused replaced the photo.
    expect((await get('/api/v1/me/profile', ana.headers)).json().profile.photo.url).toBe(current);
  });

  it('keeps a JPEG upright but drops its EXIF location and comments', async () => {
    const saved = await upload(phoneJpeg(), 'me.jpg');
    expect(saved.statusCode, saved.body).toBe(200);
    const served = await get(pathOf(saved.json().photo.url));
    expect(served.headers['content-type']).toBe('image/jpeg');
    const bytes = served.rawPayload;
    expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect(bytes.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
    expect(bytes.toString('latin1')).not.toContain('GPS');
    expect(bytes.toString('latin1')).not.toContain('<script>');
    const exif = bytes.indexOf('Exif\0\0', 0, 'latin1');
    expect(exif).toBeGreaterThan(0);
    expect(bytes.readUInt16BE(exif + 16)).toBe(0x0112);
    expect(bytes.readUInt16BE(exif + 24)).toBe(6);
  });

  it('can be removed: the old address is gone and the initials return', async () => {
    const old = (await get('/api/v1/me/profile', ana.headers)).json().profile.photo.url;
    const removed = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/me/profile/photo',
      headers: ana.headers,
    });
    expect(removed.statusCode).toBe(200);
    expect(removed.json().photo).toBeNull();
    expect((await get(pathOf(old))).statusCode).toBe(404);
    expect((await get('/people/ana-nunez')).body).toContain('avatar initials');
  });
});

describe('the public profile page', { timeout: 120_000 }, () => {
  it('summarises the skills of the public badges, the best-evidenced first, with the badges behind each', async () => {
    const page = (await get('/people/ana-nunez')).body;
    const skills = page.slice(page.indexOf('id="skills-title"'), page.indexOf('id="badges-title"'));
    expect(skills.indexOf('Critical thinking')).toBeLessThan(skills.indexOf('Active listening'));
    const critical = skills.slice(skills.indexOf('Critical thinking'), skills.indexOf('Active listening'));
    expect(critical).toContain('O*NET');
    expect(critical).toContain(`<a href="/badges/${awards.payroll}">Payroll Basics</a>`);
    expect(critical).toContain(`<a href="/badges/${awards.listening}">Listening at Work</a>`);
    expect(page).not.toContain('Programming');
  });

  it('shows the badge wall, sharing that works without script and the record download; never a private badge', async () => {
    const response = await get('/people/ana-nunez');
    const page = response.body;
    expect(page).toContain(`<li class="badge-tile"><a href="/badges/${awards.payroll}">`);
    expect(page).toContain(`<li class="badge-tile"><a href="/badges/${awards.listening}">`);
    expect(page).toContain('<span class="issuer">Northwind College</span>');
    expect(page).not.toContain('Undisclosed Secret Badge');
    expect(page).not.toContain(awards.secret);
    const url = `${t.deps.config.publicUrl}/people/ana-nunez`;
    expect(page).toContain(`<input id="profile-link" type="text" readonly value="${url}">`);
    expect(page).toContain(
      `href="https://www.linkedin.com/sharing/share-offsite/?url=${encodeURIComponent(url)}"`,
    );
    expect(page).toMatch(/href="mailto:\?subject=[^"]+&amp;body=/);
    expect(page).toContain('href="/people/ana-nunez/record.json" download');
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.headers['content-security-policy']).not.toContain('unsafe-inline');
  });
});

describe('the whole record', { timeout: 180_000 }, () => {
  it('is a CLR 2.0 document of the public badges’ signed OB 3.0 credentials, downloaded as a file', async () => {
    const response = await get('/people/ana-nunez/record.json');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toBe('attachment; filename="ana-nunez-record.json"');
    const record = response.json();
    expect(record['@context']).toEqual([
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ]);
    expect(record.type).toEqual(['VerifiableCredential', 'ClrCredential']);
    expect(record.issuer.id).toBe('did:web:localhost%3A3000');
    expect(record.proof).toMatchObject([{ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022' }]);
    expect(record.partial).toBe(false);
    expect(record.credentialSubject.type).toEqual(['ClrSubject']);
    const inner = record.credentialSubject.verifiableCredential as Record<string, unknown>[];
    expect(inner).toHaveLength(2);
    const stored = await t.deps.db
      .selectFrom('awards as a')
      .innerJoin('issuedCredentials as c', 'c.id', 'a.credentialId')
      .select(['a.id', 'c.credential'])
      .where('a.id', 'in', [awards.payroll, awards.listening])
      .execute();
    expect(new Set(inner.map((c) => c.id))).toEqual(new Set(stored.map((s) => s.credential.id)));
    for (const credential of inner) {
      expect(validateOpenBadgeCredential(credential)).toEqual({ valid: true, errors: [] });
    }
    expect((await verifyCredential(t.app, inner[0])).verified).toBe(true);
    expect(record.credentialSubject.achievement.map((a: { name: string }) => a.name).sort()).toEqual([
      'Listening at Work',
      'Payroll Basics',
    ]);
    expect(response.body).not.toContain('Undisclosed Secret Badge');
  });
});

describe('a profile that is off', { timeout: 120_000 }, () => {
  it('is not found anywhere: page, record and photo', async () => {
    const saved = await upload(pngWithText('again'));
    const photo = pathOf(saved.json().photo.url);
    expect((await get(photo)).statusCode).toBe(200);
    expect((await saveProfile(false)).statusCode).toBe(200);
    for (const url of ['/people/ana-nunez', '/people/ana-nunez/record.json', photo]) {
      expect((await get(url)).statusCode, url).toBe(404);
    }
    // Its owner still sees the photo in the settings.
    expect((await get(saved.json().photo.previewUrl, ana.headers)).statusCode).toBe(200);
  });
});
