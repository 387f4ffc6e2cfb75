import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { unbake } from '../credentials/index.ts';
import { fileStem } from './downloads.ts';
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
