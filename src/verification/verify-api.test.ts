// POST /api/v1/verify: any badge in, a verdict with its checks and claims out; non-badges refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { itxt, redSquarePng } from '../credentials/bake/test-support.ts';
import {
  bakePng,
  bakeSvg,
  buildOpenBadgeCredential,
  didKeyVerificationMethodId,
  Ed25519KeyPair,
  signCredential,
  signCredentialJwt,
  unbake,
} from '../credentials/index.ts';
import { aBakedDownload, anIssuedCredential, type IssuedForTest, multipartForm } from './testing.ts';

const EMAIL = 'zoe.garcia@example.org';

describe('POST /api/v1/verify', () => {
  let t: TestApp;
  let issued: IssuedForTest;

  beforeAll(async () => {
    t = await createTestApp();
    issued = await anIssuedCredential(t.app, t.deps, { email: EMAIL });
  });
  afterAll(async () => {
    await t?.close();
  });

  const verifyJson = (payload: object) => t.app.inject({ method: 'POST', url: '/api/v1/verify', payload });
  const verifyFile = (bytes: Buffer, filename = 'badge.png', type = 'image/png', email?: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/verify',
      ...multipartForm([
        { name: 'file', filename, type, bytes },
        ...(email ? [{ name: 'email', value: email }] : []),
      ]),
    });
  const checkOf = (body: { checks: { code: string; status: string; message: string }[] }, code: string) =>
    body.checks.find((c) => c.code === code);

  it('verifies our credential sent as JSON and says what it claims', async () => {
    const response = await verifyJson({ credential: issued.credential });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.verdict).toBe('verified');
    expect(body.format).toBe('ob3-json');
    expect(body.checks.every((c: { status: string }) => c.status === 'passed')).toBe(true);
    expect(body.claims).toMatchObject({
      badgeName: 'Gestión de nóminas — SAFe®',
      achievementName: 'Gestión de nóminas — SAFe®',
      issuerName: 'Gestión Academy®',
      issuerId: `did:web:localhost%3A3000:issuers:${issued.issuer.slug}`,
      recipient: { type: 'emailAddress', hashed: true },
      validUntil: '2029-11-23T00:00:00Z',
    });
    expect(body.claims.recipient.identity).toMatch(/^sha256\$[0-9a-f]{64}$/);
    expect(body).not.toHaveProperty('emailMatch');
  });

  it('verifies our credential sent as a VC-JWT', async () => {
    const body = (await verifyJson({ credential: issued.jwt })).json();
    expect(body).toMatchObject({ verdict: 'verified', format: 'ob3-jwt' });
    expect(checkOf(body, 'proof')?.status).toBe('passed');
  });

  it.each(['png', 'svg'] as const)('verifies our credential baked into the %s download', async (fileType) => {
    const bytes = await aBakedDownload(t.app, issued, fileType);
    const response = await verifyFile(
      bytes,
      `badge.${fileType}`,
      fileType === 'png' ? 'image/png' : 'image/svg+xml',
    );
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ verdict: 'verified', format: 'ob3-json' });
  });

  it('verifies a baked PNG carrying the VC-JWT', async () => {
    const body = (await verifyFile(await aBakedDownload(t.app, issued, 'png', 'jwt'))).json();
    expect(body).toMatchObject({ verdict: 'verified', format: 'ob3-jwt' });
  });

  it('names the failed proof check for a PNG whose credential had one byte changed', async () => {
    const png = await aBakedDownload(t.app, issued, 'png');
    const payload = unbake(png).payload;
    const tampered = payload.replace('Runs a payroll', 'Runs a paxroll');
    expect(Buffer.byteLength(tampered)).toBe(Buffer.byteLength(payload));
    expect(tampered).not.toBe(payload);
    const body = (await verifyFile(bakePng(png, { format: 'ob3-json', payload: tampered }))).json();
    expect(body.verdict).toBe('not-verified');
    expect(checkOf(body, 'proof')).toMatchObject({ status: 'failed' });
  });

  it('reports a revoked credential with a failed status check', async () => {
    const revokedOne = await anIssuedCredential(t.app, t.deps, { issuer: issued.issuer });
    const revoked = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issued.issuer.orgId}/credentials/${revokedOne.id}/revoke`,
      headers: issued.issuer.owner.headers,
      payload: { reason: 'Issued by mistake' },
    });
    expect(revoked.statusCode).toBe(200);
    const body = (await verifyJson({ credential: revokedOne.credential })).json();
    expect(body.verdict).toBe('not-verified');
    expect(checkOf(body, 'status')).toMatchObject({ status: 'failed' });
    expect(checkOf(body, 'status')?.message).toMatch(/revoked/);
  });

  it('confirms the recipient email against the hashed identity, whatever its case', async () => {
    const body = (
      await verifyJson({ credential: issued.credential, email: ' Zoe.Garcia@Example.org ' })
    ).json();
    expect(body.emailMatch).toBe(true);
  });

  it('says the badge was not issued to another email address', async () => {
    const body = (
      await verifyJson({ credential: issued.credential, email: 'someone.else@example.org' })
    ).json();
    expect(body.emailMatch).toBe(false);
    expect(body.verdict).toBe('verified');
  });

  it('checks the email sent with a baked image in the same multipart form', async () => {
    const body = (
      await verifyFile(await aBakedDownload(t.app, issued, 'png'), 'b.png', 'image/png', EMAIL)
    ).json();
    expect(body).toMatchObject({ verdict: 'verified', emailMatch: true });
  });

  it('reports the issuer key check as failed for a credential signed with a key the issuer does not control', async () => {
    const intruder = Ed25519KeyPair.generate();
    const { proof: _proof, ...unsigned } = issued.credential;
    const forged = await signCredential(unsigned as never, {
      keyPair: intruder,
      verificationMethod: didKeyVerificationMethodId(intruder.publicKeyMultibase),
      created: '2026-01-01T00:00:00Z',
    });
    const body = (await verifyJson({ credential: forged })).json();
    expect(body.verdict).toBe('not-verified');
    expect(checkOf(body, 'issuer-key')?.status).toBe('failed');
  });

  it('fails the issuer key check for a VC-JWT signed with a key the issuer does not control', async () => {
    const intruder = Ed25519KeyPair.generate();
    const { proof: _proof, ...unsigned } = issued.credential;
    const jwt = await signCredentialJwt(unsigned, {
      keyPair: intruder,
      verificationMethod: didKeyVerificationMethodId(intruder.publicKeyMultibase),
    });
    const body = (await verifyJson({ credential: jwt })).json();
    expect(body).toMatchObject({ verdict: 'not-verified', format: 'ob3-jwt' });
    expect(checkOf(body, 'issuer-key')?.status).toBe('failed');
  });

  it('is described in the OpenAPI document', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(spec.paths['/api/v1/verify'].post.responses).toHaveProperty('200');
    expect(spec.paths['/api/v1/verify'].post.responses).toHaveProperty('422');
  });

  describe('refusing what is not a badge', () => {
    const expectRefused = (
      response: Awaited<ReturnType<typeof verifyJson>>,
      status: number,
      reason?: string | RegExp,
    ) => {
      expect(response.statusCode).toBe(status);
      expect(response.headers['content-type']).toContain('application/problem+json');
      const body = response.json();
      expect(body.detail).toEqual(expect.any(String));
      if (reason) expect(body.reason).toMatch(reason);
    };

    it('refuses garbage bytes as an unsupported file', async () => {
      expectRefused(await verifyFile(Buffer.from('definitely not an image')), 422, 'BAKE_UNSUPPORTED_FILE');
    });

    it('refuses a truncated PNG', async () => {
      const png = await aBakedDownload(t.app, issued, 'png');
      expectRefused(await verifyFile(png.subarray(0, Math.floor(png.length / 2))), 422, /^BAKE_PNG/);
    });

    it('refuses a file larger than 5 MiB with 413', async () => {
      const huge = Buffer.alloc(5 * 1024 * 1024 + 10, 0x89);
      expectRefused(await verifyFile(huge), 413);
    });

    it('refuses a PNG decompression bomb without inflating it', async () => {
      const png = redSquarePng();
      // 16 MiB of spaces deflate to a few KB; the reader stops at its 1 MiB cap.
      const bomb = itxt('openbadgecredential', ' '.repeat(16 * 1024 * 1024), true);
      const withBomb = Buffer.concat([png.subarray(0, 33), bomb, png.subarray(33)]);
      expectRefused(await verifyFile(withBomb), 422, 'BAKE_DECOMPRESSION');
    });

    it('refuses an SVG with a script', async () => {
      const svg = bakeSvg(
        Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        { format: 'ob3-json', payload: JSON.stringify(issued.credential) },
      );
      expectRefused(await verifyFile(svg, 'b.svg', 'image/svg+xml'), 422, 'VERIFY_SVG_SCRIPT');
    });

    it('refuses an SVG with an external entity', async () => {
      const svg = Buffer.from(
        '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg">&xxe;</svg>',
      );
      expectRefused(await verifyFile(svg, 'b.svg', 'image/svg+xml'), 422, 'BAKE_SVG_DOCTYPE');
    });

    it('refuses an SVG that pulls a remote image', async () => {
      const svg = bakeSvg(
        Buffer.from(
          '<svg xmlns="http://www.w3.org/2000/svg"><image href="https://tracker.example/p.png"/></svg>',
        ),
        { format: 'ob3-json', payload: JSON.stringify(issued.credential) },
      );
      expectRefused(await verifyFile(svg, 'b.svg', 'image/svg+xml'), 422, 'VERIFY_SVG_REMOTE_REFERENCE');
    });

    it('refuses JSON with a remote context, naming it', async () => {
      const credential = {
        ...issued.credential,
        '@context': [...(issued.credential['@context'] as string[]), 'https://evil.example/context.jsonld'],
      };
      const response = await verifyJson({ credential });
      expectRefused(response, 422, 'VERIFY_CONTEXT_REFUSED');
      expect(response.json().detail).toContain('https://evil.example/context.jsonld');
    });

    it('refuses JSON whose inline context names a context it does not hold', async () => {
      const credential = {
        ...issued.credential,
        '@context': [
          (issued.credential['@context'] as string[])[0],
          { '@context': 'https://evil.example/inline.jsonld' },
        ],
      };
      const response = await verifyJson({ credential });
      expectRefused(response, 422, 'VERIFY_CONTEXT_REFUSED');
      expect(response.json().detail).toContain('https://evil.example/inline.jsonld');
    });

    it('refuses a JWT with alg none', async () => {
      const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const unsigned = `${encode({ alg: 'none', typ: 'vc+jwt', kid: '#key-1' })}.${encode(issued.credential)}.`;
      const response = await verifyJson({ credential: unsigned });
      expectRefused(response, 422, 'VERIFY_JWT_REFUSED');
      expect(response.json().detail).toMatch(/algorithm "none"/);
    });

    it.each([
      ['loopback', 'http://127.0.0.1:9/assertion'],
      ['private', 'https://10.0.0.7/assertion'],
      ['metadata', 'http://169.254.169.254/latest/meta-data/'],
    ])('refuses a badge URL on a %s address without fetching it', async (_kind, url) => {
      expectRefused(await verifyJson({ url }), 422, /FETCH_(ADDRESS|SCHEME)_NOT_ALLOWED/);
    });

    it('refuses text that is neither URL, JSON nor JWT', async () => {
      expectRefused(await verifyJson({ credential: 'hello there' }), 422, 'VERIFY_UNREADABLE');
    });

    it('refuses a JSON object that is not a credential', async () => {
      expectRefused(await verifyJson({ credential: { hello: 'world' } }), 422, 'VERIFY_CONTEXT_REFUSED');
    });

    it('answers 400 naming the problem when no badge or two badges are sent', async () => {
      expectRefused(await verifyJson({ email: EMAIL }), 400);
      expectRefused(await verifyJson({ credential: issued.jwt, url: 'https://example.org/b' }), 400);
      expectRefused(await verifyJson({ credential: issued.jwt, colour: 'red' }), 400);
    });

    it('answers 400 for a body that is not JSON', async () => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/verify',
        headers: { 'content-type': 'application/json' },
        payload: '{"credential": ',
      });
      expectRefused(response, 400);
    });
  });
});

describe('verifying a credential from elsewhere', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ now: () => new Date('2026-06-01T00:00:00Z') });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('says could-not-check, not verified, when the issuer DID document is on a private address', async () => {
    const keyPair = Ed25519KeyPair.generate();
    const did = 'did:web:127.0.0.1%3A9:issuers:remote';
    const credential = await signCredential(
      buildOpenBadgeCredential({
        id: 'urn:uuid:6a1f0c7e-0b7e-4a43-9b3f-4a8e0e1c2d3f',
        issuer: { id: did, name: 'Remote Academy' },
        name: 'Remote badge',
        recipient: { email: 'someone@example.org', salt: 'abc123' },
        achievement: {
          id: 'https://remote.example/achievements/1',
          name: 'Remote badge',
          description: 'Issued elsewhere.',
          criteria: { narrative: 'Done.' },
        },
        validFrom: '2026-01-01T00:00:00Z',
      }),
      { keyPair, verificationMethod: `${did}#key-1`, created: '2026-01-01T00:00:00Z' },
    );
    const body = (
      await t.app.inject({ method: 'POST', url: '/api/v1/verify', payload: { credential } })
    ).json();
    expect(body.verdict).toBe('could-not-check');
    expect(body.checks.some((c: { status: string }) => c.status === 'failed')).toBe(false);
    expect(body.claims).toMatchObject({ issuerName: 'Remote Academy', badgeName: 'Remote badge' });
  });
});
