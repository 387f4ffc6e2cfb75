import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { unbake } from '../credentials/index.ts';
import { verifyBadge } from '../verification/index.ts';
import { DOWNLOADS, fileStem } from './downloads.ts';
import { anAcceptedBadge } from './testing.ts';

let t: TestApp;
let held: Awaited<ReturnType<typeof anAcceptedBadge>>;

beforeAll(async () => {
  t = await createTestApp();
  held = await anAcceptedBadge(t.app, t.deps, {
    badgeName: 'Gestión de nóminas — Zoë',
    learnerName: 'Zoë Núñez',
  });
});
afterAll(() => t.close());

const download = (file: string, headers = held.learner.headers) =>
  t.app.inject({ method: 'GET', url: `/api/v1/me/badges/${held.award.id}/downloads/${file}`, headers });

describe('badge downloads', () => {
  it('bake the signed credential into the PNG and SVG, non-ASCII text intact', async () => {
    const json = await download('credential.json');
    expect(json.statusCode).toBe(200);
    const credential = json.json();
    expect(credential.name).toBe('Gestión de nóminas — Zoë');
    for (const file of ['badge.png', 'badge.svg']) {
      const response = await download(file);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-disposition']).toContain('gestion-de-nominas-zoe');
      const unbaked = unbake(response.rawPayload);
      expect(unbaked.format).toBe('ob3-json');
      expect(JSON.parse(unbaked.payload)).toEqual(credential);
    }
  });

  it('bake the hosted OB 2.0 assertion for older backpacks', async () => {
    const response = await download('badge-ob2.png');
    const unbaked = unbake(response.rawPayload);
    expect(unbaked.format).toBe('ob2-url');
    expect(unbaked.payload).toMatch(/\/ob2\/assertions\/[0-9a-f-]+$/);
    const assertion = await t.app.inject({ method: 'GET', url: new URL(unbaked.payload).pathname });
    expect(assertion.statusCode).toBe(200);
  });

  it('are only for the learner who holds the badge', async () => {
    expect((await download('badge.png', held.issuer.owner.headers)).statusCode).toBe(404);
  });

  it('refuse file names outside the list', async () => {
    expect((await download('..%2f..%2fetc%2fpasswd')).statusCode).toBe(400);
  });

  it('name files readably in ASCII', () => {
    expect(fileStem('Gestión de nóminas — Zoë')).toBe('gestion-de-nominas-zoe');
    expect(fileStem('日本語')).toBe('badge');
  });
});

describe('every download the panel offers', () => {
  it('answers 200 for a badge the award engine issued without a VC-JWT, signing one the first time', async () => {
    const stored = await t.deps.db
      .selectFrom('issuedCredentials')
      .select('jwt')
      .where('id', '=', held.award.credentialId!)
      .executeTakeFirstOrThrow();
    expect(stored.jwt).toBeNull();
    // The learner's panel lists the files of web/src/sharing.ts: the same seven as the server.
    const panel = readFileSync(new URL('../../web/src/sharing.ts', import.meta.url), 'utf8');
    const offered = /DOWNLOAD_FILES = \[([^\]]*)\]/.exec(panel)?.[1]?.match(/'[^']+'/g);
    expect(offered?.map((name) => name.slice(1, -1))).toEqual([...DOWNLOADS]);
    for (const file of DOWNLOADS) {
      const response = await download(file);
      expect(response.statusCode, file).toBe(200);
      expect(response.rawPayload.length, file).toBeGreaterThan(0);
    }
  });

  it('keep one VC-JWT, signed by the issuer named in the credential, that verifies and bakes into the PNG', async () => {
    const jwt = (await download('credential.jwt')).body;
    expect((await download('credential.jwt')).body).toBe(jwt);
    const header = JSON.parse(Buffer.from(jwt.split('.')[0]!, 'base64url').toString('utf8'));
    const credential = (await download('credential.json')).json();
    expect(header.kid).toBe(credential.proof[0].verificationMethod);
    const report = await verifyBadge(t.deps, { kind: 'credential', credential: jwt });
    expect(report).toMatchObject({ verdict: 'verified', format: 'ob3-jwt' });
    expect(report.claims.badgeName).toBe('Gestión de nóminas — Zoë');
    const baked = unbake((await download('badge-jwt.png')).rawPayload);
    expect(baked).toMatchObject({ format: 'ob3-jwt', payload: jwt });
  });
});
