// OB 2.0 hosted verification: the assertion, its BadgeClass and issuer Profile fetched from their URLs
// (a loopback server here, so the SSRF guard is relaxed for this test only), and refused on private
// addresses through the real guard.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CompactSign } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { redSquarePng } from '../credentials/bake/test-support.ts';
import { bakePng, hashOb2Identity } from '../credentials/index.ts';
import { safeFetch } from '../net/safe-fetch.ts';
import type { Fetcher } from './ob2.ts';
import { multipartForm } from './testing.ts';
import { verifyBadge } from './verify-badge.ts';

const loopbackFetcher: Fetcher = (url, accept) =>
  safeFetch(url, { timeoutMs: 2_000, maxBytes: 1_000_000, accept, allowPrivate: true });

describe('verifying an OB 2.0 hosted assertion', () => {
  let t: TestApp;
  let server: Server;
  let base: string;
  const documents = new Map<string, { status: number; body: object }>();

  beforeAll(async () => {
    t = await createTestApp({ now: () => new Date('2026-06-01T00:00:00Z') });
    server = createServer((request, response) => {
      const found = documents.get(request.url ?? '');
      response.writeHead(found?.status ?? 404, { 'content-type': 'application/ld+json' });
      response.end(JSON.stringify(found?.body ?? {}));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const context = 'https://w3id.org/openbadges/v2';
    documents.set('/issuer', {
      status: 200,
      body: {
        '@context': context,
        type: 'Profile',
        id: `${base}/issuer`,
        name: 'Old Guild',
        url: base,
        email: 'badges@old-guild.example',
      },
    });
    documents.set('/badge', {
      status: 200,
      body: {
        '@context': context,
        type: 'BadgeClass',
        id: `${base}/badge`,
        name: 'Gestión de nóminas — Zoë',
        description: 'Payroll.',
        image: `${base}/badge.png`,
        criteria: { narrative: 'Done.' },
        issuer: `${base}/issuer`,
      },
    });
    const assertion = (path: string) => ({
      '@context': context,
      type: 'Assertion',
      id: `${base}${path}`,
      recipient: {
        type: 'email',
        hashed: true,
        salt: 'pepper',
        identity: hashOb2Identity('zoe@example.org', 'pepper'),
      },
      badge: `${base}/badge`,
      verification: { type: 'hosted' },
      issuedOn: '2026-01-01T00:00:00Z',
    });
    documents.set('/assertions/good', { status: 200, body: assertion('/assertions/good') });
    documents.set('/assertions/moved', { status: 200, body: assertion('/assertions/elsewhere') });
    documents.set('/assertions/revoked', {
      status: 410,
      body: { id: `${base}/assertions/revoked`, revoked: true, revocationReason: 'Plagiarised evidence' },
    });
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await t?.close();
  });

  it('verifies a hosted assertion with its badge and issuer, and matches the email', async () => {
    const report = await verifyBadge(
      t.deps,
      { kind: 'url', url: `${base}/assertions/good` },
      { fetcher: loopbackFetcher, email: 'Zoe@example.org' },
    );
    expect(report.checks.filter((c) => c.status !== 'passed')).toEqual([]);
    expect(report).toMatchObject({
      verdict: 'verified',
      format: 'ob2-hosted',
      emailMatch: true,
      claims: {
        badgeName: 'Gestión de nóminas — Zoë',
        issuerName: 'Old Guild',
        validFrom: '2026-01-01T00:00:00Z',
      },
    });
  });

  it('reads a baked OB 2.0 PNG and verifies the assertion it points to', async () => {
    const png = bakePng(redSquarePng(), { format: 'ob2-url', payload: `${base}/assertions/good` });
    const report = await verifyBadge(t.deps, { kind: 'file', bytes: png }, { fetcher: loopbackFetcher });
    expect(report.verdict).toBe('verified');
  });

  it('reports a revoked assertion (410 Gone) with a failed status check', async () => {
    const report = await verifyBadge(
      t.deps,
      { kind: 'url', url: `${base}/assertions/revoked` },
      { fetcher: loopbackFetcher },
    );
    expect(report.verdict).toBe('not-verified');
    expect(report.checks.find((c) => c.code === 'status')).toMatchObject({ status: 'failed' });
    expect(report.checks.find((c) => c.code === 'status')?.message).toContain('Plagiarised evidence');
  });

  it('fails the hosted check when the assertion names another URL as its id', async () => {
    const report = await verifyBadge(
      t.deps,
      { kind: 'url', url: `${base}/assertions/moved` },
      { fetcher: loopbackFetcher },
    );
    expect(report.verdict).toBe('not-verified');
    expect(report.checks.find((c) => c.code === 'hosted')?.status).toBe('failed');
  });

  it('says could-not-check when a baked assertion URL is on a private address, refusing the fetch', async () => {
    const png = bakePng(redSquarePng(), { format: 'ob2-url', payload: 'https://10.1.2.3/assertions/7' });
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/verify',
      ...multipartForm([{ name: 'file', filename: 'old.png', type: 'image/png', bytes: png }]),
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ verdict: 'could-not-check', format: 'ob2-hosted' });
    expect(body.checks.find((c: { code: string }) => c.code === 'hosted')).toMatchObject({
      status: 'unchecked',
    });
    expect(body.checks.find((c: { code: string }) => c.code === 'hosted').message).toMatch(/private address/);
  });

  describe('signed (JWS) assertions', () => {
    const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const REVOKED = 'urn:uuid:0b9f5c1e-3c2a-4d7e-9f1a-2b3c4d5e6f70';
    const anId = () => `urn:uuid:${randomUUID()}`;
    const signedAssertion = (id: string, creator = `${base}/key`) => ({
      ...(documents.get('/assertions/good')?.body as object),
      id,
      verification: { type: 'signed', creator },
    });
    const sign = (payload: object) =>
      new CompactSign(Buffer.from(JSON.stringify(payload)))
        .setProtectedHeader({ alg: 'RS256' })
        .sign(keys.privateKey);
    /** `guarded`: through the real SSRF guard, which refuses this loopback server. */
    const verifySigned = async (jws: Promise<string>, guarded = false) =>
      verifyBadge(
        t.deps,
        { kind: 'file', bytes: bakePng(redSquarePng(), { format: 'ob2-jws', payload: await jws }) },
        guarded ? {} : { fetcher: loopbackFetcher },
      );

    beforeAll(() => {
      const publicKeyPem = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
      const key = (owner: string) => ({
        '@context': 'https://w3id.org/openbadges/v2',
        type: 'CryptographicKey',
        owner,
        publicKeyPem,
      });
      documents.set('/key', { status: 200, body: { ...key(`${base}/issuer`), id: `${base}/key` } });
      documents.set('/stranger-key', {
        status: 200,
        body: { ...key('https://stranger.example/me'), id: `${base}/stranger-key` },
      });
      const issuer = documents.get('/issuer')?.body as Record<string, unknown>;
      documents.set('/issuer', { status: 200, body: { ...issuer, revocationList: `${base}/revocations` } });
      documents.set('/revocations', {
        status: 200,
        body: {
          type: 'RevocationList',
          id: `${base}/revocations`,
          revokedAssertions: [{ id: REVOKED, revocationReason: 'Cheating' }],
        },
      });
    });

    it('verifies a signed assertion with a key the issuer owns', async () => {
      const report = await verifySigned(sign(signedAssertion(anId())));
      expect(report.checks.filter((c) => c.status !== 'passed')).toEqual([]);
      expect(report).toMatchObject({
        verdict: 'verified',
        format: 'ob2-signed',
        claims: { issuerName: 'Old Guild' },
      });
    });

    it('recognises a pasted signed assertion (JWS text) as OB 2.0, not as a VC-JWT', async () => {
      const jws = await sign(signedAssertion(anId()));
      const report = await verifyBadge(
        t.deps,
        { kind: 'credential', credential: jws },
        { fetcher: loopbackFetcher },
      );
      expect(report).toMatchObject({ verdict: 'verified', format: 'ob2-signed' });
    });

    it('fails the proof check when the signed payload was changed', async () => {
      const id = anId();
      const [header, , signature] = (await sign(signedAssertion(id))).split('.');
      const changed = Buffer.from(
        JSON.stringify({ ...signedAssertion(id), issuedOn: '2026-02-01T00:00:00Z' }),
      ).toString('base64url');
      const report = await verifySigned(Promise.resolve(`${header}.${changed}.${signature}`));
      expect(report.verdict).toBe('not-verified');
      expect(report.checks.find((c) => c.code === 'proof')?.status).toBe('failed');
    });

    it('fails the issuer check when the key belongs to someone else', async () => {
      const report = await verifySigned(sign(signedAssertion(anId(), `${base}/stranger-key`)));
      expect(report.verdict).toBe('not-verified');
      expect(report.checks.find((c) => c.code === 'issuer-identity')?.status).toBe('failed');
    });

    it("fails the status check for an assertion on the issuer's revocation list", async () => {
      const report = await verifySigned(sign(signedAssertion(REVOKED)));
      expect(report.checks.find((c) => c.code === 'status')).toMatchObject({ status: 'failed' });
      expect(report.checks.find((c) => c.code === 'status')?.message).toContain('Cheating');
    });

    it('says could-not-check, never verified, when the key cannot be fetched', async () => {
      const report = await verifySigned(sign(signedAssertion(anId())), true);
      expect(report.verdict).toBe('could-not-check');
      expect(report.checks.find((c) => c.code === 'proof')?.status).toBe('unchecked');
    });
  });
});
