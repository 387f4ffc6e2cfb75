// The whole record is a credential the platform issues about the learner: a CLR 2.0 ClrCredential signed with
// eddsa-rdfc-2022 by did:web:<host of PUBLIC_URL>, whose document this server answers at /.well-known/did.json.
// The reference library (@digitalbazaar/vc) and DCC's verifier-core verify it; any change to it breaks the
// signature; the badges inside keep their issuers' own proofs.
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { verifyCredential as verifierCoreVerify } from '@digitalcredentials/verifier-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { verifyCredential } from '../badges/award-testing.ts';
import { aPublishedBadge, aPublishedCourse } from '../badges/testing.ts';
import { createStaticDocumentLoader, staticDocumentLoader } from '../credentials/index.ts';
import { aLoggedInUser, type TestSession } from '../identity/testing.ts';
import { importJson } from '../imports/testing.ts';
import { anAcceptedAward } from '../insights/testing.ts';
import { platformDidDocument } from '../issuing/index.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { anIssuedCredential } from '../verification/testing.ts';

type Json = Record<string, unknown>;
const MAIN_HOST = 'localhost:3000';
const PLATFORM_DID = 'did:web:localhost%3A3000';

/** The parts of verifier-core's result these tests read. */
interface VerifierCoreResult {
  errors?: { name: string; message?: string }[];
  log: { id: string; valid: boolean }[];
}

// verifier-core checks validFrom against the real clock.
const clock = new Date();
let t: TestApp;
let issuer: TestIssuer;
let learner: TestSession & { email: string };

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  issuer = await anIssuerWithOwner(t.app, t.deps, 'Record Institute');
  learner = await aLoggedInUser(t.app, t.deps, { name: 'Rui Record' });
  const courseId = await aPublishedCourse(t.app, issuer.orgId, issuer.owner);
  const badge = await aPublishedBadge(t.app, issuer, { courseIds: [courseId], name: 'Signed Bookkeeping' });
  await anAcceptedAward(t, issuer, badge.id, learner, 'public');
  // A badge from another issuer, imported and made public: it travels inside with its own proof.
  const elsewhere = await anIssuedCredential(t.app, t.deps, { badgeName: 'Imported Auditing' });
  const imported = await importJson(t.app, learner, { credential: elsewhere.credential });
  expect(imported.statusCode, imported.body).toBe(201);
  const shared = await t.app.inject({
    method: 'PUT',
    url: `/api/v1/me/imported-badges/${imported.json().id}/sharing`,
    headers: learner.headers,
    payload: { visibility: 'public' },
  });
  expect(shared.statusCode, shared.body).toBe(200);
  const profile = await t.app.inject({
    method: 'PUT',
    url: '/api/v1/me/profile',
    headers: learner.headers,
    payload: { slug: 'rui-record', enabled: true },
  });
  expect(profile.statusCode, profile.body).toBe(200);
  // verifier-core fetches the platform's did:web document (this server answers it) and the contexts it does not
  // ship (bundled here): nothing leaves the machine; an unknown URL throws.
  vi.stubGlobal('fetch', async (input: string | URL | Request) => {
    const href = input instanceof Request ? input.url : String(input);
    const url = new URL(href);
    if (url.host !== MAIN_HOST) {
      // The CLR 2.0 context, which verifier-core does not ship, comes from Tessera's bundled set.
      const { document } = await staticDocumentLoader(href);
      return new Response(JSON.stringify(document), { headers: { 'content-type': 'application/ld+json' } });
    }
    const answer = await t.app.inject({ method: 'GET', url: url.pathname, headers: { host: url.host } });
    return new Response(answer.body, {
      status: answer.statusCode,
      headers: { 'content-type': 'application/json' },
    });
  });
}, 300_000);
afterAll(async () => {
  vi.unstubAllGlobals();
  await t?.close();
});

const downloadRecord = async (): Promise<Json> => {
  const response = await t.app.inject({ method: 'GET', url: '/people/rui-record/record.json' });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};

/** Bundled contexts plus the platform's DID document and key, read from the database (never fetched). */
async function platformLoader() {
  const didDocument = (await platformDidDocument(t.deps)) as unknown as Json & { verificationMethod: Json[] };
  return createStaticDocumentLoader((url) => {
    const [base] = url.split('#');
    if (base !== didDocument.id) return undefined;
    if (!url.includes('#')) return didDocument;
    const method = didDocument.verificationMethod.find((m) => m.id === url);
    return method && { '@context': didDocument['@context'], ...method };
  });
}

const referenceVerify = async (credential: Json) =>
  vc.verifyCredential({
    credential,
    suite: new DataIntegrityProof({ cryptosuite }),
    documentLoader: await platformLoader(),
    now: clock,
  });

describe('the signed whole record', { timeout: 180_000 }, () => {
  it('is issued by the platform’s did:web and signed with eddsa-rdfc-2022 by its key', async () => {
    const record = await downloadRecord();
    expect(record.type).toEqual(['VerifiableCredential', 'ClrCredential']);
    expect(record.issuer).toEqual({
      id: PLATFORM_DID,
      type: ['Profile'],
      name: 'Tessera',
      url: 'http://localhost:3000/',
    });
    expect(record.proof).toMatchObject([
      {
        type: 'DataIntegrityProof',
        cryptosuite: 'eddsa-rdfc-2022',
        proofPurpose: 'assertionMethod',
        verificationMethod: `${PLATFORM_DID}#key-1`,
      },
    ]);
  });

  it('verifies with @digitalbazaar/vc, the platform’s DID resolved from this server’s database', async () => {
    const result = await referenceVerify(await downloadRecord());
    expect(result.error, JSON.stringify(result.error)).toBeUndefined();
    expect(result.verified).toBe(true);
  });

  it('verifies with verifier-core, which reads the DID document this server answers at /.well-known/did.json', async () => {
    const core = (await verifierCoreVerify({
      credential: (await downloadRecord()) as never,
      knownDIDRegistries: [],
    })) as unknown as VerifierCoreResult;
    expect(core.errors, JSON.stringify(core.errors)).toBeUndefined();
    expect(core.log.find((entry) => entry.id === 'valid_signature')?.valid).toBe(true);
  });

  it('fails verification once anything in it is changed: its name, or a badge inside', async () => {
    const record = await downloadRecord();
    const renamed = { ...record, name: 'Someone else — public badges' };
    expect((await referenceVerify(renamed)).verified).toBe(false);
    const core = (await verifierCoreVerify({
      credential: renamed as never,
      knownDIDRegistries: [],
    })) as unknown as VerifierCoreResult;
    expect(core.errors?.map((error) => error.name)).toEqual(['invalid_signature']);
    const subject = record.credentialSubject as { verifiableCredential: Json[] };
    const [first, ...rest] = subject.verifiableCredential;
    const swapped = {
      ...record,
      credentialSubject: {
        ...subject,
        verifiableCredential: [{ ...first, validFrom: '2001-01-01T00:00:00Z' }, ...rest],
      },
    };
    expect((await referenceVerify(swapped)).verified).toBe(false);
    expect((await referenceVerify(record)).verified).toBe(true);
  });

  it('keeps each badge inside as its issuer signed it, verifiable on its own', async () => {
    const record = await downloadRecord();
    const inner = (record.credentialSubject as { verifiableCredential: Json[] }).verifiableCredential;
    expect(
      inner.map((c) => (c.credentialSubject as { achievement: { name: string } }).achievement.name),
    ).toEqual(['Signed Bookkeeping', 'Imported Auditing']);
    for (const credential of inner) {
      expect((credential.issuer as { id: string }).id).toMatch(/^did:web:localhost%3A3000:issuers:/);
      expect((await verifyCredential(t.app, credential)).verified).toBe(true);
    }
    expect(record.partial).toBe(false);
  });

  it('answers the platform’s DID document at /.well-known/did.json on this server’s own host', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/.well-known/did.json',
      headers: { host: MAIN_HOST },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toContain('application/did+ld+json');
    const document = response.json();
    expect(document.id).toBe(PLATFORM_DID);
    expect(document.assertionMethod).toEqual([`${PLATFORM_DID}#key-1`]);
    expect(document).toEqual(JSON.parse(JSON.stringify(await platformDidDocument(t.deps))));
    // Another host that no issuer bound has no document here.
    const other = await t.app.inject({
      method: 'GET',
      url: '/.well-known/did.json',
      headers: { host: 'unbound.example.org' },
    });
    expect(other.statusCode).toBe(404);
  });
});
