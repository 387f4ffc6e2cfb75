// An OB 2.0 download of this server (a picture baked with its hosted assertion URL) verifies on this server
// even when PUBLIC_URL is plain http (the demo's http://localhost:3000), which safe-fetch would refuse: the
// assertion, its BadgeClass and the issuer Profile are read from the database, as badge-page URLs are.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { anAcceptedBadge } from '../showcase/testing.ts';
import { standingOf, verifyBadge } from './index.ts';
import { ownOb2Document } from './own-ob2.ts';
import { multipartForm } from './testing.ts';

let t: TestApp;
let held: Awaited<ReturnType<typeof anAcceptedBadge>>;
let ob2Png: Buffer;

beforeAll(async () => {
  t = await createTestApp();
  held = await anAcceptedBadge(t.app, t.deps, { badgeName: 'Nóminas básicas' });
  const download = await t.app.inject({
    method: 'GET',
    url: `/api/v1/me/badges/${held.award.id}/downloads/badge-ob2.png`,
    headers: held.learner.headers,
  });
  expect(download.statusCode).toBe(200);
  ob2Png = download.rawPayload;
});
afterAll(() => t?.close());

const noNetwork = async (): Promise<never> => {
  throw new Error('fetched over the network');
};

describe('verifying an OB 2.0 download of this server', () => {
  it('passes every check on a server whose public URL is http, reading its own documents', async () => {
    expect(t.deps.config.publicUrl).toMatch(/^http:\/\//);
    const form = multipartForm([
      { name: 'file', filename: 'badge-ob2.png', type: 'image/png', bytes: ob2Png },
    ]);
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/verify', ...form });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ verdict: 'verified', format: 'ob2-hosted', standing: 'verified' });
    expect(body.checks.map((c: { code: string; status: string }) => `${c.code}:${c.status}`)).toEqual([
      'structure:passed',
      'hosted:passed',
      'issuer-identity:passed',
      'not-before:passed',
      'not-expired:passed',
      'status:passed',
    ]);
    expect(body.claims.badgeName).toBe('Nóminas básicas');

    const offline = await verifyBadge(t.deps, { kind: 'file', bytes: ob2Png }, { fetcher: noNetwork });
    expect(offline.verdict).toBe('verified');
  });

  it('reads "Revoked" once the issuer revokes the award (the assertion answers 410 Gone)', async () => {
    const revoked = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${held.issuer.orgId}/awards/${held.award.id}/revoke`,
      headers: held.issuer.owner.headers,
      payload: { reason: 'Issued in error' },
    });
    expect(revoked.statusCode).toBe(200);
    const report = await verifyBadge(t.deps, { kind: 'file', bytes: ob2Png }, { fetcher: noNetwork });
    expect(report.verdict).toBe('not-verified');
    expect(standingOf(report)).toBe('revoked');
  });

  it('treats only OB 2.0 documents at its own origin as its own', () => {
    const base = new URL(t.deps.config.publicUrl);
    const id = held.award.credentialId!;
    expect(ownOb2Document(t.deps, `${base.origin}/ob2/assertions/${id}`)).toBeTypeOf('function');
    expect(ownOb2Document(t.deps, `${base.origin}/ob2/assertions/${id}/badge`)).toBeTypeOf('function');
    expect(ownOb2Document(t.deps, `${base.origin}/ob2/issuers/some-academy`)).toBeTypeOf('function');
    const otherPort = `${base.protocol}//${base.hostname}:${Number(base.port || 80) + 1}`;
    for (const url of [
      `${otherPort}/ob2/assertions/${id}`,
      `https://evil.example/ob2/assertions/${id}`,
      `${base.origin}/ob2/assertions/${id}?x=1`,
      `${base.origin}/ob2/assertions/not-a-uuid`,
      `${base.origin}/badges/${held.award.id}`,
      'not a url',
    ]) {
      expect(ownOb2Document(t.deps, url), url).toBeUndefined();
    }
  });
});
