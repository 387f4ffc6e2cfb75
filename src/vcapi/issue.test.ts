// POST /credentials/issue over the real HTTP server: what the W3C CCG VC-API issuer suite and the Bitstring
// Status List suite send, and what they expect back (201, one proof object, a status entry on a list that
// this server publishes and that verifies), and refusals as problem+json, never a 5xx.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { decodeList, MIN_LIST_BITS } from '../credentials/index.ts';
import {
  aVcApiIssuer,
  badgeCredential,
  bitOf,
  checkOf,
  fetchStatusList,
  issueVc,
  plainCredential,
  referenceVerify,
  statusEntriesOf,
  updateStatus,
  type VcApiIssuer,
  verifyVc,
} from './testing.ts';

type Json = Record<string, unknown>;

describe('issuing through the VC-API', () => {
  let t: TestApp;
  let issuer: VcApiIssuer;
  let did: string;

  beforeAll(async () => {
    t = await createTestApp();
    issuer = await aVcApiIssuer(t);
    did = `did:web:localhost%3A3000:issuers:${issuer.slug}`;
  });
  afterAll(async () => {
    await t?.close();
  });

  const issue = (credential: unknown, options?: Json) => issueVc(t, issuer.auth, credential, options);

  it('answers 201 with the signed credential and its proof as a single object', async () => {
    const credential = plainCredential(did);
    const response = await issue(credential);
    expect(response.statusCode, response.body).toBe(201);
    const vc = response.json().verifiableCredential;
    expect(vc.id).toBe(credential.id);
    expect(vc.issuer).toBe(did);
    expect(vc.credentialSubject).toEqual(credential.credentialSubject);
    expect(Array.isArray(vc.proof)).toBe(false);
    expect(vc.proof).toMatchObject({
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-rdfc-2022',
      proofPurpose: 'assertionMethod',
      verificationMethod: `${did}#key-1`,
    });
  });

  it('adds a revocation entry on a published status list that verifies and shows the bit clear', async () => {
    const vc = (await issue(plainCredential(did))).json().verifiableCredential;
    const entry = vc.credentialStatus;
    expect(entry).toMatchObject({
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListCredential: expect.stringMatching(
        new RegExp(`^http://localhost:3000/issuers/${issuer.slug}/status/revocation/\\d+$`),
      ),
    });
    expect(entry.id).toBe(`${entry.statusListCredential}#${entry.statusListIndex}`);
    expect(entry.statusListIndex).toMatch(/^(0|[1-9]\d*)$/);

    const list = await fetchStatusList(t, entry);
    expect(list.type).toEqual(['VerifiableCredential', 'BitstringStatusListCredential']);
    expect(list.id).toBe(entry.statusListCredential);
    expect(list.issuer).toBe(did);
    expect(list.validFrom).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const subject = list.credentialSubject as Json;
    expect(subject).toMatchObject({ type: 'BitstringStatusList', statusPurpose: 'revocation' });
    expect(String(subject.encodedList)).toMatch(/^u[A-Za-z0-9_-]+$/);
    expect(decodeList(String(subject.encodedList)).length).toBeGreaterThanOrEqual(MIN_LIST_BITS);
    expect(await bitOf(t, entry)).toBe(false);

    const reference = await referenceVerify(t, issuer, vc);
    expect(reference.statusResult?.error).toBeUndefined();
    expect(reference.verified).toBe(true);
    expect(reference.statusResult?.results?.map((r) => r.status)).toEqual([false]);
  });

  it('issues an Open Badges credential that this server verifies in full, status included', async () => {
    const vc = (await issue(badgeCredential(did))).json().verifiableCredential;
    expect(vc.credentialStatus.statusPurpose).toBe('revocation');
    const verified = await verifyVc(t, vc);
    expect(verified.json().checks.filter((c: { status: string }) => c.status !== 'passed')).toEqual([]);
    expect(verified.statusCode).toBe(200);
  });

  it('never hands out a status index twice', async () => {
    const issued = await Promise.all([1, 2, 3].map(() => issue(plainCredential(did))));
    const slots = issued.map((r) => {
      const entry = r.json().verifiableCredential.credentialStatus;
      return `${entry.statusListCredential}#${entry.statusListIndex}`;
    });
    expect(new Set(slots).size).toBe(3);
  });

  it('adds a suspension entry on a suspension list when the options ask for one', async () => {
    const response = await issue(plainCredential(did), {
      credentialStatus: [{ type: 'BitstringStatusListEntry', statusPurpose: 'suspension' }],
    });
    expect(response.statusCode, response.body).toBe(201);
    const vc = response.json().verifiableCredential;
    const entries = statusEntriesOf(vc);
    expect(entries.map((e) => e.statusPurpose)).toEqual(['revocation', 'suspension']);
    expect(String(entries[1]?.statusListCredential)).toContain(`/issuers/${issuer.slug}/status/suspension/`);
    const list = await fetchStatusList(t, entries[1]!);
    expect(list.credentialSubject).toMatchObject({ statusPurpose: 'suspension' });

    const reference = await referenceVerify(t, issuer, vc);
    expect(reference.verified).toBe(true);
    expect(reference.statusResult?.results?.map((r) => r.status)).toEqual([false, false]);
    const status = checkOf(await verifyVc(t, vc), 'status');
    expect(status?.status).toBe('passed');
  });

  it('refuses suspension for an Open Badges credential, whose schema allows one status entry', async () => {
    const response = await issue(badgeCredential(did), {
      credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'suspension' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].path).toBe('body.options.credentialStatus');
  });

  it('signs a VC 1.1 credential with the Data Integrity context and no status entry', async () => {
    const v1 = {
      '@context': ['https://www.w3.org/2018/credentials/v1'],
      id: `urn:uuid:${randomUUID()}`,
      type: ['VerifiableCredential'],
      issuer: did,
      credentialSubject: { id: 'did:key:z6MkhTNL7i2etLerDK8Acz5t528giE5KA4p75T6ka1E1D74r' },
    };
    const response = await issue(v1);
    expect(response.statusCode, response.body).toBe(201);
    const vc = response.json().verifiableCredential;
    expect(vc['@context']).toEqual([
      'https://www.w3.org/2018/credentials/v1',
      'https://w3id.org/security/data-integrity/v2',
    ]);
    expect(vc.credentialStatus).toBeUndefined();
    expect(vc.issuanceDate).toMatch(/Z$/);
    const reference = await referenceVerify(t, issuer, vc);
    expect(reference.error).toBeUndefined();
    expect(reference.verified).toBe(true);
    expect(checkOf(await verifyVc(t, vc), 'proof')?.status).toBe('passed');

    const revoke = await updateStatus(t, issuer.auth, {
      credentialId: vc.id,
      credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' },
    });
    expect(revoke.statusCode).toBe(409);
    expect(revoke.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(revoke.json().detail).toMatch(/VC 1\.1 .*without a status entry/);
  });

  it('refuses status options for a VC 1.1 credential, which gets no status entry', async () => {
    const response = await issue(
      {
        '@context': ['https://www.w3.org/2018/credentials/v1'],
        type: ['VerifiableCredential'],
        issuer: did,
        credentialSubject: { id: 'did:example:subject' },
      },
      { credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' } },
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([
      {
        path: 'body.options.credentialStatus',
        message: expect.stringMatching(/VC 1\.1/),
        code: 'status-option-vc11',
        params: {},
      },
    ]);
  });

  it('keeps an issuer object that names the token issuer', async () => {
    const response = await issue({ ...plainCredential(did), issuer: { id: did } });
    expect(response.statusCode).toBe(201);
    expect(response.json().verifiableCredential.issuer).toEqual({ id: did });
  });

  it("fills the token issuer's id into an issuer object without one", async () => {
    const response = await issue({ ...plainCredential(did), issuer: { name: 'Academy' } });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().verifiableCredential.issuer).toEqual({ id: did, name: 'Academy' });
  });

  it('refuses a credential that names no issuer, saying which one to name', async () => {
    const { issuer: _none, ...credential } = plainCredential(did);
    const response = await issue(credential);
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([
      {
        path: 'body.credential.issuer',
        message: expect.stringContaining(did),
        code: 'issuer-required',
        params: { did },
      },
    ]);
  });

  it('refuses a second credential with an id this issuer already used, with 409', async () => {
    const credential = plainCredential(did);
    expect((await issue(credential)).statusCode).toBe(201);
    const again = await issue(credential);
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  describe('refusing input with 400 problem+json that names the rule', () => {
    const refusals: [string, () => Json, string][] = [
      ['proof: null', () => ({ ...plainCredential(did), proof: null }), 'body.credential.proof'],
      [
        'a proof',
        () => ({ ...plainCredential(did), proof: { type: 'DataIntegrityProof' } }),
        'body.credential.proof',
      ],
      ['issuer: null', () => ({ ...plainCredential(did), issuer: null }), 'body.credential.issuer'],
      ['issuer: true', () => ({ ...plainCredential(did), issuer: true }), 'body.credential.issuer'],
      ['issuer: []', () => ({ ...plainCredential(did), issuer: [] }), 'body.credential.issuer'],
      [
        'another issuer',
        () => ({ ...plainCredential(did), issuer: 'did:web:elsewhere.example' }),
        'body.credential.issuer',
      ],
      [
        'a string credentialSubject',
        () => ({ ...plainCredential(did), credentialSubject: 'did:example:1234' }),
        'body.credential.credentialSubject',
      ],
      [
        'a null credentialSubject',
        () => ({ ...plainCredential(did), credentialSubject: null }),
        'body.credential.credentialSubject',
      ],
      [
        'an empty credentialSubject list',
        () => ({ ...plainCredential(did), credentialSubject: [] }),
        'body.credential.credentialSubject',
      ],
      [
        'a credentialSubject without claims',
        () => ({ ...plainCredential(did), credentialSubject: {} }),
        'body.credential.credentialSubject',
      ],
      [
        'a credentialStatus whose type is not a string',
        () => ({ ...plainCredential(did), credentialStatus: { id: 'did:example:status', type: 2 } }),
        'body.credential.credentialStatus.type',
      ],
      ['@context: 4', () => ({ ...plainCredential(did), '@context': 4 }), 'body.credential.@context'],
      [
        'an @context item that is neither a URL nor an object',
        () => ({ ...plainCredential(did), '@context': ['https://www.w3.org/ns/credentials/v2', 42] }),
        'body.credential.@context[1]',
      ],
      [
        'an embedded context that is not a valid JSON-LD context',
        () => ({
          ...plainCredential(did),
          '@context': ['https://www.w3.org/ns/credentials/v2', { foo: true }],
        }),
        'body.credential',
      ],
      ['type: 4', () => ({ ...plainCredential(did), type: 4 }), 'body.credential.type'],
      ['type: []', () => ({ ...plainCredential(did), type: [] }), 'body.credential.type'],
      [
        'no VerifiableCredential type',
        () => ({ ...plainCredential(did), type: ['Other'] }),
        'body.credential.type',
      ],
      ['an id that is not a URL', () => ({ ...plainCredential(did), id: 'not a url' }), 'body.credential.id'],
    ];

    it.each(refusals)('refuses a credential with %s', async (_name, credential, path) => {
      const response = await issue(credential());
      expect(response.statusCode, response.body).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json().errors.map((e: { path: string }) => e.path)).toContain(path);
      expect(response.body).not.toMatch(/\n\s+at |TypeError|Cannot read/);
    });

    it('refuses a request without the credential field', async () => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/credentials/issue',
        headers: issuer.auth,
        payload: { verifiableCredential: plainCredential(did), options: {} },
      });
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json().errors.map((e: { path: string }) => e.path)).toContain('body.credential');
    });

    it('refuses status options it does not know', async () => {
      const response = await issue(plainCredential(did), {
        credentialStatus: { type: 'StatusList2021Entry', statusPurpose: 'revocation' },
      });
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    });

    it('lists every broken rule at once', async () => {
      const response = await issue({
        ...plainCredential(did),
        issuer: null,
        proof: null,
        credentialSubject: 5,
      });
      expect(
        response
          .json()
          .errors.map((e: { path: string }) => e.path)
          .sort(),
      ).toEqual(['body.credential.credentialSubject', 'body.credential.issuer', 'body.credential.proof']);
    });
  });

  it('refuses a caller without a token (401) and a token without the vc:issue scope (403)', async () => {
    expect((await issueVc(t, {}, plainCredential(did))).statusCode).toBe(401);
    const reader = await aVcApiIssuer(t, ['read']);
    const response = await issueVc(t, reader.auth, plainCredential(did));
    expect(response.statusCode).toBe(403);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
