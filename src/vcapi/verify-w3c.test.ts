// Any W3C credential through the server: the VC-API (/credentials/verify, /presentations/verify) and the
// verify API (/api/v1/verify), with credentials made by the reference libraries and jose, and a 1EdTech
// revocation list served on loopback (http, which only VERIFY_ALLOW_PRIVATE permits: tests).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { type JsonServer, serveJson } from '../../test/support/json-server.ts';
import { buildOpenBadgeCredential } from '../credentials/index.ts';
import { didKeyIssuer } from '../credentials/testing/fixtures.ts';
import {
  envelope,
  joseVcJwt,
  joseVpJwt,
  plainCredential,
  referencePresentation,
  referenceSign,
} from '../credentials/verify/testing.ts';

type Json = Record<string, unknown>;
type Problem = { type: string; title: string; detail: string };
type Reply = { verified: boolean; errors: Problem[]; warnings: Problem[] };
const LOOPBACK = { VERIFY_ALLOW_HOSTS: '127.0.0.1', VERIFY_ALLOW_PRIVATE: 'true' };

describe('verifying any W3C credential over HTTP', () => {
  let t: TestApp;
  let server: JsonServer;
  let base: string;
  const lists = new Map<string, Json>();
  const issuer = didKeyIssuer();
  const holder = didKeyIssuer();

  const post = (url: string, payload: object) => t.app.inject({ method: 'POST', url, payload });
  const verifyVc = async (verifiableCredential: object | string) => {
    const response = await post('/credentials/verify', { verifiableCredential });
    return { status: response.statusCode, body: response.json() as Reply };
  };
  const verifyVp = async (verifiablePresentation: object, options: object = {}) => {
    const response = await post('/presentations/verify', { verifiablePresentation, options });
    return { status: response.statusCode, body: response.json() as Reply };
  };

  beforeAll(async () => {
    server = await serveJson(lists);
    base = server.base;
    t = await createTestApp({ env: LOOPBACK });
  });
  afterAll(async () => {
    await t?.close();
    await server?.close();
  });

  describe('POST /credentials/verify', () => {
    it('verifies a plain VC 2.0 credential (200, no errors) and refuses it tampered, naming the failed rule', async () => {
      const signed = await referenceSign(plainCredential(issuer.id), issuer);
      expect(await verifyVc(signed)).toMatchObject({ status: 200, body: { verified: true, errors: [] } });
      const tampered = await verifyVc({ ...signed, name: 'Forged Credential' });
      expect(tampered.status).toBe(400);
      expect(tampered.body.errors).toEqual([expect.objectContaining({ title: 'proof failed' })]);
    });

    it('answers the legacy eddsa-2022 name and a proof type it cannot check with warnings, still verified', async () => {
      const legacy = await referenceSign(plainCredential(issuer.id), issuer, {
        cryptosuiteName: 'eddsa-2022',
      });
      const withUnknown = {
        ...legacy,
        proof: [legacy.proof, { type: 'BbsBlsSignature2020', proofValue: 'z1' }],
      };
      const { status, body } = await verifyVc(withUnknown);
      expect(status).toBe(200);
      expect(body.warnings.map((w) => w.title)).toEqual([
        'warning: legacy-cryptosuite',
        'warning: unknown-proof-type',
      ]);
    });

    it('verifies an EnvelopedVerifiableCredential, and refuses one whose data: URL was cut', async () => {
      const jwt = await joseVcJwt(plainCredential(issuer.id), issuer);
      const wrapped = envelope('EnvelopedVerifiableCredential', 'application/vc-ld+jwt', jwt);
      expect((await verifyVc(wrapped)).status).toBe(200);
      const cut = await verifyVc({ ...wrapped, id: jwt });
      expect(cut.status).toBe(400);
      expect(cut.body.errors[0]?.detail).toMatch(/data: URL/);
    });
  });

  describe('POST /presentations/verify', () => {
    it('verifies an unsigned presentation of a plain credential, but not when a challenge is asked for', async () => {
      const credential = await referenceSign(plainCredential(issuer.id), issuer);
      const vp = {
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        type: ['VerifiablePresentation'],
        verifiableCredential: [credential],
      };
      expect((await verifyVp(vp)).status).toBe(200);
      expect((await verifyVp(vp, { challenge: 'c-1' })).status).toBe(400);
    });

    it('verifies a signed presentation for its challenge and domain only', async () => {
      const credential = await referenceSign(plainCredential(issuer.id), issuer);
      const vp = await referencePresentation([credential], holder, 'c-42', 'verifier.example');
      expect((await verifyVp(vp, { challenge: 'c-42', domain: 'verifier.example' })).status).toBe(200);
      const wrongDomain = await verifyVp(vp, { challenge: 'c-42', domain: 'elsewhere.example' });
      expect(wrongDomain.status).toBe(400);
      expect(wrongDomain.body.errors[0]?.detail).toMatch(/domain/);
    });

    it('verifies an enveloped VC-JWT inside a presentation, and not a tampered one', async () => {
      const jwt = await joseVcJwt(plainCredential(issuer.id), issuer);
      const vp = (id: string) => ({
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        type: ['VerifiablePresentation'],
        verifiableCredential: [envelope('EnvelopedVerifiableCredential', 'application/vc+jwt', id)],
      });
      expect(await verifyVp(vp(jwt))).toMatchObject({ status: 200, body: { errors: [] } });
      const [header, payload, signature] = jwt.split('.') as [string, string, string];
      const forged = Buffer.from(
        JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), name: 'Forged' }),
      ).toString('base64url');
      expect((await verifyVp(vp(`${header}.${forged}.${signature}`))).status).toBe(400);
    });

    it('verifies an EnvelopedVerifiablePresentation (vp+jwt) bound to the challenge, not to another', async () => {
      const credential = await referenceSign(plainCredential(issuer.id), issuer);
      const presentation = {
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        type: ['VerifiablePresentation'],
        holder: holder.id,
        verifiableCredential: [credential],
      };
      const jwt = await joseVpJwt(presentation, holder, 'n-7', 'verifier.example');
      const wrapped = envelope('EnvelopedVerifiablePresentation', 'application/vp+jwt', jwt);
      expect((await verifyVp(wrapped, { challenge: 'n-7', domain: 'verifier.example' })).status).toBe(200);
      const replayed = await verifyVp(wrapped, { challenge: 'n-8' });
      expect(replayed.status).toBe(400);
      expect(replayed.body.errors[0]?.detail).toMatch(/challenge/);
    });
  });

  describe('POST /api/v1/verify with a 1EdTechRevocationList', () => {
    const revocable = (id: string) =>
      ({
        ...buildOpenBadgeCredential({
          id,
          issuer: { id: issuer.id, name: 'Elsewhere Institute' },
          name: 'Data stewardship',
          recipient: { email: 'learner@example.org', salt: 'f00d' },
          achievement: {
            id: 'https://elsewhere.example/achievements/stewardship',
            name: 'Data stewardship',
            description: 'Keeps records tidy.',
            criteria: { narrative: 'Passed the course.' },
          },
          validFrom: '2026-01-01T00:00:00Z',
        }),
        credentialStatus: { id: `${base}/revocations`, type: '1EdTechRevocationList' },
      }) as unknown as Json;
    const verifyBadge = async (credential: Json) =>
      (await post('/api/v1/verify', { credential })).json() as {
        verdict: string;
        checks: { code: string; status: string; message: string }[];
      };
    const statusCheck = (report: Awaited<ReturnType<typeof verifyBadge>>) =>
      report.checks.find((c) => c.code === 'status');

    it('says revoked (not verified) when the list names the credential, and passes when it does not', async () => {
      lists.set('/revocations', {
        id: `${base}/revocations`,
        issuer: issuer.id,
        revokedCredentials: [{ id: 'urn:uuid:revoked-1', revocationReason: 'Issued in error' }],
      });
      const revoked = await verifyBadge(await referenceSign(revocable('urn:uuid:revoked-1'), issuer));
      expect(revoked.verdict).toBe('not-verified');
      expect(statusCheck(revoked)).toMatchObject({
        status: 'failed',
        message: expect.stringMatching(/Issued in error/),
      });
      const kept = await verifyBadge(await referenceSign(revocable('urn:uuid:kept-1'), issuer));
      expect(kept.verdict).toBe('verified');
      expect(statusCheck(kept)?.status).toBe('passed');
    });

    it('could not check (never "not revoked") when the list cannot be fetched', async () => {
      lists.delete('/revocations');
      const report = await verifyBadge(await referenceSign(revocable('urn:uuid:kept-2'), issuer));
      expect(report.verdict).toBe('could-not-check');
      expect(statusCheck(report)).toMatchObject({
        status: 'unchecked',
        message: expect.stringMatching(/could not be fetched.*404/),
      });
    });
  });
});
