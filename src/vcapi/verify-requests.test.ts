// What the W3C suites send to the VC-API verifier, over HTTP: inline context objects, malformed bodies,
// credentials as strings, and `options.checks` naming the checks that decide.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { didKeyIssuer } from '../credentials/testing/fixtures.ts';
import { joseVcJwt, plainCredential, referenceSign } from '../credentials/verify/testing.ts';

type Json = Record<string, unknown>;
type Problem = { type: string; title: string; detail: string };
type Reply = {
  verified: boolean;
  checks: { code: string; status: string; message: string; requested?: boolean }[];
  errors: Problem[];
  warnings: Problem[];
};

const VC_V1 = 'https://www.w3.org/2018/credentials/v1';
const DATA_INTEGRITY = 'https://w3id.org/security/data-integrity/v2';
/** The context object the eddsa suite's VC 1.1 vector carries, wrapped in its own @context. */
const ALUMNI_CONTEXT = {
  '@context': {
    AlumniCredential: 'https://www.example.org/AlumniCredential',
    alumniOf: 'https://www.example.org/alumniOf',
    description: 'https://schema.org/description',
    name: 'https://schema.org/name',
  },
};

describe('the VC-API verifier, as the W3C suites call it', () => {
  let t: TestApp;
  const issuer = didKeyIssuer();

  const post = async (url: string, payload: object) => {
    const response = await t.app.inject({ method: 'POST', url, payload });
    return { status: response.statusCode, type: response.headers['content-type'], body: response.json() };
  };
  const verifyVc = async (verifiableCredential: unknown, options?: Json) => {
    const { status, body } = await post('/credentials/verify', { verifiableCredential, options });
    return { status, body: body as Reply };
  };
  const checkOf = (reply: Reply, code: string) => reply.checks.find((c) => c.code === code);
  const presentationOf = (...verifiableCredential: unknown[]) => ({
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    type: ['VerifiablePresentation'],
    verifiableCredential,
  });

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('inline context objects', () => {
    const alumni11 = (overrides: Json = {}) => ({
      '@context': [VC_V1, DATA_INTEGRITY, ALUMNI_CONTEXT],
      id: 'urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33',
      type: ['VerifiableCredential', 'AlumniCredential'],
      name: 'Alumni Credential',
      description: 'A VC 1.1 Alumni Credential.',
      issuer: issuer.id,
      issuanceDate: '2026-01-01T00:00:00Z',
      credentialSubject: { id: 'did:example:abcdefgh', alumniOf: 'The School of Examples' },
      ...overrides,
    });

    it('verifies a VC 1.1 credential whose context list ends with a context object', async () => {
      const { status, body } = await verifyVc(await referenceSign(alumni11(), issuer));
      expect(status).toBe(200);
      expect(checkOf(body, 'contexts')).toMatchObject({
        status: 'passed',
        message: expect.stringMatching(/written into the credential/),
      });
    });

    it('verifies a VC 2.0 credential with an inline term, and refuses it when the term was redefined after signing', async () => {
      const signed = await referenceSign(
        plainCredential(issuer.id, {
          '@context': ['https://www.w3.org/ns/credentials/v2', { motto: 'https://example.org/motto' }],
          type: ['VerifiableCredential'],
          motto: 'Learn daily',
          credentialSubject: { id: 'did:example:abcdefgh' },
        }),
        issuer,
      );
      expect((await verifyVc(signed)).status).toBe(200);
      const redefined = {
        ...signed,
        '@context': ['https://www.w3.org/ns/credentials/v2', { motto: 'https://evil.example/motto' }],
      };
      const { status, body } = await verifyVc(redefined);
      expect(status).toBe(400);
      expect(checkOf(body, 'proof')?.status).toBe('failed');
    });

    it('refuses an inline context that names a context Tessera does not hold, never fetching it', async () => {
      const scoped = {
        alumniOf: { '@id': 'https://www.example.org/alumniOf', '@context': 'https://evil.example/c' },
      };
      const signed = await referenceSign(alumni11(), issuer);
      const { status, body } = await verifyVc({ ...signed, '@context': [VC_V1, DATA_INTEGRITY, scoped] });
      expect(status).toBe(400);
      expect(checkOf(body, 'contexts')).toMatchObject({
        status: 'failed',
        message: expect.stringMatching(/evil\.example\/c\. Unknown contexts are never fetched/),
      });
    });

    it('refuses an inline context that uses @import', async () => {
      const imported = { '@import': DATA_INTEGRITY, ...ALUMNI_CONTEXT['@context'] };
      const signed = await referenceSign(alumni11(), issuer);
      const { status, body } = await verifyVc({ ...signed, '@context': [VC_V1, DATA_INTEGRITY, imported] });
      expect(status).toBe(400);
      expect(checkOf(body, 'contexts')?.message).toMatch(/@import/);
    });

    it('answers a protected term redefined inline with a failed proof that says why, not a server error', async () => {
      const signed = await referenceSign(plainCredential(issuer.id), issuer);
      const context = [...(signed['@context'] as string[]), { name: 'https://evil.example/name' }];
      const { status, body } = await verifyVc({ ...signed, '@context': context });
      expect(status).toBe(400);
      expect(checkOf(body, 'contexts')?.status).toBe('passed');
      expect(checkOf(body, 'proof')).toMatchObject({
        status: 'failed',
        message: expect.stringMatching(/could not be canonicalised.*protected term/),
      });
    });
  });

  describe('a body without the credential or presentation', () => {
    it.each([
      ['/credentials/verify', 'verifiableCredential'],
      ['/presentations/verify', 'verifiablePresentation'],
    ])('%s answers 400 problem+json naming the missing %s', async (url, field) => {
      const refused = await post(url, { options: {} });
      expect(refused.status).toBe(400);
      expect(refused.type).toMatch(/^application\/problem\+json/);
      expect(refused.body).toMatchObject({
        type: '/problems/invalid',
        errors: [expect.objectContaining({ path: `body.${field}` })],
      });
    });

    it('/presentations/verify still answers a well-formed request with its verify reply', async () => {
      const signed = await referenceSign(plainCredential(issuer.id), issuer);
      const answered = await post('/presentations/verify', {
        verifiablePresentation: presentationOf(signed),
      });
      expect(answered).toMatchObject({ status: 200, body: { verified: true, errors: [] } });
    });
  });

  describe('a credential sent as a string', () => {
    it('verifies a VC-JWT string', async () => {
      expect((await verifyVc(await joseVcJwt(plainCredential(issuer.id), issuer))).status).toBe(200);
    });

    it('refuses JSON text in a string with a failed structure check, even when the JSON is a valid credential', async () => {
      const signed = await referenceSign(plainCredential(issuer.id), issuer);
      const { status, body } = await verifyVc(JSON.stringify(signed));
      expect(status).toBe(400);
      expect(body.checks).toEqual([
        expect.objectContaining({
          code: 'structure',
          status: 'failed',
          message: expect.stringMatching(/must be an object, or a VC-JWT string/),
        }),
      ]);
    });

    it('refuses JSON text in a string inside a presentation, which verifies with the same credential as an object', async () => {
      const signed = await referenceSign(plainCredential(issuer.id), issuer);
      const vp = (credential: unknown) => ({ verifiablePresentation: presentationOf(credential) });
      expect((await post('/presentations/verify', vp(signed))).status).toBe(200);
      const refused = await post('/presentations/verify', vp(JSON.stringify(signed)));
      expect(refused.status).toBe(400);
      const details = (refused.body as Reply).errors.map((e) => e.detail);
      expect(details).toContainEqual(expect.stringMatching(/^credential 1: .*VC-JWT string/));
    });
  });

  describe('options.checks', () => {
    // The verifier suite's vector: signed by a did:key that is not the issuer it names.
    const foreignIssuer = () => referenceSign(plainCredential('https://vc.example/issuers/5678'), issuer);

    it('lets the named checks decide: the proof alone verifies a credential whose issuer is not the key', async () => {
      const signed = await foreignIssuer();
      expect((await verifyVc(signed)).status).toBe(400);
      const { status, body } = await verifyVc(signed, { checks: ['proof'] });
      expect(status).toBe(200);
      expect(body.errors).toEqual([]);
      expect(checkOf(body, 'issuer-key')).toMatchObject({ status: 'failed', requested: false });
      expect(checkOf(body, 'proof')).not.toHaveProperty('requested');
      expect(body.warnings).toEqual([
        expect.objectContaining({
          title: 'warning: not-requested',
          detail: expect.stringMatching(/^issuer-key failed/),
        }),
      ]);
    });

    it('does not verify when a named check fails: the issuer, or the proof of a tampered credential', async () => {
      const signed = await foreignIssuer();
      const withIssuer = await verifyVc(signed, { checks: ['proof', 'issuer'] });
      expect(withIssuer.status).toBe(400);
      expect(withIssuer.body.errors.map((e) => e.title)).toEqual(['issuer-key failed']);
      const tampered = await verifyVc({ ...signed, name: 'Forged' }, { checks: ['proof'] });
      expect(tampered.status).toBe(400);
    });

    it('maps the VC-API names: an expired credential verifies for ["proof"], not for ["proof", "expiration"]', async () => {
      const expired = await referenceSign(
        plainCredential(issuer.id, { validUntil: '2026-02-01T00:00:00Z' }),
        issuer,
      );
      expect((await verifyVc(expired, { checks: ['proof'] })).status).toBe(200);
      const refused = await verifyVc(expired, { checks: ['proof', 'expiration'] });
      expect(refused.status).toBe(400);
      expect(refused.body.errors.map((e) => e.title)).toEqual(['not-expired failed']);
    });

    it('always lets structure and contexts decide: a credential with an unknown context is not verified for ["status"]', async () => {
      const signed = await referenceSign(plainCredential(issuer.id), issuer);
      const unknown = {
        ...signed,
        '@context': [...(signed['@context'] as string[]), 'https://evil.example/c'],
      };
      const { status, body } = await verifyVc(unknown, { checks: ['status'] });
      expect(status).toBe(400);
      expect(body.errors.map((e) => e.title)).toEqual(['contexts failed']);
    });

    it('answers an unknown check name, or none, with 400 problem+json naming options.checks', async () => {
      const signed = await referenceSign(plainCredential(issuer.id), issuer);
      for (const checks of [['proof', 'signature'], []]) {
        const refused = await post('/credentials/verify', {
          verifiableCredential: signed,
          options: { checks },
        });
        expect(refused.status).toBe(400);
        expect(refused.type).toMatch(/^application\/problem\+json/);
        expect(refused.body.errors[0].path).toMatch(/^body\.options\.checks/);
      }
    });

    it('applies to the credentials of a presentation', async () => {
      const vp = presentationOf(await foreignIssuer());
      expect((await post('/presentations/verify', { verifiablePresentation: vp })).status).toBe(400);
      const asked = await post('/presentations/verify', {
        verifiablePresentation: vp,
        options: { checks: ['proof'] },
      });
      expect(asked.status).toBe(200);
    });
  });
});
