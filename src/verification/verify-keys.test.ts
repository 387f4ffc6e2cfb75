// POST /api/v1/verify with keys from elsewhere: a VC-JWT carrying an RS256 key in its jwk header, and an
// eddsa-rdfc-2022 credential whose verification method writes the key after the issuer URL. The issuers'
// controller documents are served on loopback (http, which only VERIFY_ALLOW_PRIVATE permits: tests).
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { CompactSign } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { type JsonServer, serveJson } from '../../test/support/json-server.ts';
import { didJwkOf } from '../credentials/did/didJwk.ts';
import { buildOpenBadgeCredential, Ed25519KeyPair, signCredential } from '../credentials/index.ts';
import { mirroredClaims } from '../credentials/jwt/claims.ts';
import { publicJwkOf } from '../credentials/keys/jwk.ts';

const LOOPBACK = { VERIFY_ALLOW_HOSTS: '127.0.0.1', VERIFY_ALLOW_PRIVATE: 'true' };
type Json = Record<string, unknown>;
type Report = { verdict: string; checks: { code: string; status: string; message: string }[] };

const badge = (issuerId: string) =>
  buildOpenBadgeCredential({
    id: 'urn:uuid:7d5e0c1a-3b2f-4c8e-9a61-2f4b8c0d9e17',
    issuer: { id: issuerId, name: 'Elsewhere Institute' },
    name: 'Data stewardship',
    recipient: { email: 'learner@example.org', salt: 'f00d' },
    achievement: {
      id: 'https://elsewhere.example/achievements/stewardship',
      name: 'Data stewardship',
      description: 'Keeps records tidy.',
      criteria: { narrative: 'Passed the course.' },
    },
    validFrom: '2026-01-01T00:00:00Z',
  }) as unknown as Json;

const rs256Jwt = (credential: Json, privateKey: KeyObject, jwk: Json) =>
  new CompactSign(new TextEncoder().encode(JSON.stringify({ ...credential, ...mirroredClaims(credential) })))
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', jwk } as never)
    .sign(privateKey);

describe('POST /api/v1/verify with keys named or carried by the credential', () => {
  let t: TestApp;
  let server: JsonServer;
  let base: string;
  const documents = new Map<string, Json>();
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = publicJwkOf(rsa.publicKey);
  const ed = Ed25519KeyPair.generate();

  /** Publishes the controller document of issuer `path` listing one key, and returns the issuer id. */
  const anIssuer = (path: string, method: Json): string => {
    const id = `${base}${path}`;
    documents.set(path, {
      id,
      verificationMethod: [{ id: `${id}#key-1`, controller: id, ...method }],
      assertionMethod: [`${id}#key-1`],
    });
    return id;
  };
  const verify = async (credential: Json | string) =>
    (await t.app.inject({ method: 'POST', url: '/api/v1/verify', payload: { credential } })).json() as Report;
  const statusOf = (report: Report, code: string) => report.checks.find((c) => c.code === code)?.status;

  beforeAll(async () => {
    server = await serveJson(documents);
    base = server.base;
    t = await createTestApp({ env: LOOPBACK });
  });
  afterAll(async () => {
    await t?.close();
    await server?.close();
  });

  it('verifies an RS256 VC-JWT whose jwk header is the key of its did:jwk issuer', async () => {
    const report = await verify(await rs256Jwt(badge(didJwkOf(jwk)), rsa.privateKey, jwk));
    expect(report.checks.filter((c) => c.status !== 'passed')).toEqual([]);
    expect(report.verdict).toBe('verified');
  });

  it('reports a tampered copy of that VC-JWT as not verified, with the proof failed', async () => {
    const jwt = await rs256Jwt(badge(didJwkOf(jwk)), rsa.privateKey, jwk);
    const [header, payload, signature] = jwt.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, name: 'Forged badge' })).toString('base64url');
    const report = await verify(`${header}.${forged}.${signature}`);
    expect(report.verdict).toBe('not-verified');
    expect(statusOf(report, 'proof')).toBe('failed');
  });

  it('confirms the carried RS256 key in the document the issuer serves, and fails a key it does not list', async () => {
    const listing = anIssuer('/issuers/rsa', { type: 'JsonWebKey', publicKeyJwk: jwk });
    const listed = await verify(await rs256Jwt(badge(listing), rsa.privateKey, jwk));
    expect([statusOf(listed, 'proof'), statusOf(listed, 'issuer-key')]).toEqual(['passed', 'passed']);
    const other = publicJwkOf(generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey);
    const elsewhere = anIssuer('/issuers/rsa-other', { type: 'JsonWebKey', publicKeyJwk: other });
    const unlisted = await verify(await rs256Jwt(badge(elsewhere), rsa.privateKey, jwk));
    expect(statusOf(unlisted, 'issuer-key')).toBe('failed');
    expect(unlisted.verdict).toBe('not-verified');
  });

  describe('an eddsa-rdfc-2022 credential signed with <issuer URL>#<publicKeyMultibase>', () => {
    const signedBy = async (issuerId: string) =>
      (await signCredential(badge(issuerId), {
        keyPair: ed,
        verificationMethod: `${issuerId}#${ed.publicKeyMultibase}`,
        created: '2026-01-01T00:00:00Z',
      })) as unknown as Json;

    it('passes proof and issuer-key when the issuer’s document lists the key', async () => {
      const issuer = anIssuer('/issuers/ed', { type: 'Multikey', publicKeyMultibase: ed.publicKeyMultibase });
      const report = await verify(await signedBy(issuer));
      expect([statusOf(report, 'proof'), statusOf(report, 'issuer-key')]).toEqual(['passed', 'passed']);
    });

    it('fails issuer-key when the issuer’s document lists another key', async () => {
      const other = Ed25519KeyPair.generate().publicKeyMultibase;
      const issuer = anIssuer('/issuers/ed-other', { type: 'Multikey', publicKeyMultibase: other });
      const report = await verify(await signedBy(issuer));
      expect(statusOf(report, 'issuer-key')).toBe('failed');
      expect(report.verdict).toBe('not-verified');
    });

    it('leaves issuer-key unchecked when the issuer’s document is not there', async () => {
      const report = await verify(await signedBy(`${base}/issuers/gone`));
      expect(statusOf(report, 'issuer-key')).toBe('unchecked');
      expect(statusOf(report, 'proof')).toBe('passed');
      expect(report.verdict).not.toBe('verified');
    });
  });
});
