// The whole record (CLR 2.0) carries the badges a learner imported from other issuers and made public, as
// they were issued: an OB 3.0 credential as its signed JSON, a VC-JWT in an EnvelopedVerifiableCredential,
// each verifiable on its own; private imports, OB 2.0 assertions and badges that failed their check stay out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { verifyCredential } from '../badges/award-testing.ts';
import { aLoggedInUser, type TestSession } from '../identity/testing.ts';
import { anOb2Issuer, importJson, LOOPBACK_VERIFY_ENV, type Ob2Issuer } from '../imports/testing.ts';
import { anIssuedCredential, type IssuedForTest } from '../verification/testing.ts';

const clock = new Date('2026-06-01T00:00:00Z');
let t: TestApp;
let oldGuild: Ob2Issuer;
let learner: TestSession;
const imported: Record<'json' | 'jwt' | 'ob2' | 'private', string> = {
  json: '',
  jwt: '',
  ob2: '',
  private: '',
};
let asJson: IssuedForTest;
let asJwt: IssuedForTest;

async function anImport(body: object, visibility: 'public' | 'private'): Promise<string> {
  const response = await importJson(t.app, learner, body);
  expect(response.statusCode, response.body).toBe(201);
  const id = response.json().id as string;
  const shared = await t.app.inject({
    method: 'PUT',
    url: `/api/v1/me/imported-badges/${id}/sharing`,
    headers: learner.headers,
    payload: { visibility },
  });
  expect(shared.statusCode, shared.body).toBe(200);
  return id;
}

beforeAll(async () => {
  t = await createTestApp({ now: () => clock, env: LOOPBACK_VERIFY_ENV });
  oldGuild = await anOb2Issuer('Old Guild');
  learner = await aLoggedInUser(t.app, t.deps, { name: 'Zoë Record' });
  const saved = await t.app.inject({
    method: 'PUT',
    url: '/api/v1/me/profile',
    headers: learner.headers,
    payload: { slug: 'zoe-record', enabled: true },
  });
  expect(saved.statusCode, saved.body).toBe(200);
  asJson = await anIssuedCredential(t.app, t.deps, { badgeName: 'Bookkeeping elsewhere' });
  asJwt = await anIssuedCredential(t.app, t.deps, { badgeName: 'Auditing elsewhere' });
  const hidden = await anIssuedCredential(t.app, t.deps, { badgeName: 'Kept private' });
  imported.json = await anImport({ credential: asJson.credential }, 'public');
  imported.jwt = await anImport({ credential: asJwt.jwt }, 'public');
  imported.ob2 = await anImport({ url: oldGuild.anAssertion('/assertions/ob2', 'Guild badge') }, 'public');
  imported.private = await anImport({ credential: hidden.credential }, 'private');
}, 240_000);
afterAll(async () => {
  await oldGuild?.close();
  await t?.close();
});

const record = async () => {
  const response = await t.app.inject({ method: 'GET', url: '/people/zoe-record/record.json' });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as {
    partial: boolean;
    credentialSubject: { verifiableCredential: Array<Record<string, unknown>>; achievement: unknown[] };
  };
};

describe('the record of a profile with imported badges', { timeout: 120_000 }, () => {
  it('carries a public OB 3.0 import as its issuer signed it, and it still verifies', async () => {
    const { credentialSubject } = await record();
    const inside = credentialSubject.verifiableCredential.find((vc) => vc.id === asJson.credential.id);
    expect(inside).toEqual(asJson.credential);
    expect((await verifyCredential(t.app, inside)).verified).toBe(true);
    expect(credentialSubject.achievement).toContainEqual(
      expect.objectContaining({ name: 'Bookkeeping elsewhere' }),
    );
  });

  it('carries a public VC-JWT import as an enveloped credential holding the same JWT, which verifies', async () => {
    const { credentialSubject } = await record();
    const envelope = credentialSubject.verifiableCredential.find(
      (vc) => vc.type === 'EnvelopedVerifiableCredential',
    );
    expect(envelope).toEqual({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: `data:application/jwt,${asJwt.jwt}`,
      type: 'EnvelopedVerifiableCredential',
    });
    expect((await verifyCredential(t.app, envelope)).verified).toBe(true);
  });

  it('leaves out private imports and OB 2.0 assertions, and says the record is partial', async () => {
    const body = await record();
    expect(body.credentialSubject.verifiableCredential).toHaveLength(2);
    expect(JSON.stringify(body)).not.toContain('Kept private');
    expect(JSON.stringify(body)).not.toContain('Guild badge');
    expect(body.partial).toBe(true);
  });
});
