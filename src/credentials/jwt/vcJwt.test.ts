import { CompactSign, decodeJwt, decodeProtectedHeader, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  buildBadge,
  didKeyIssuer,
  didWebIssuer,
  NOW,
  resolverFor,
  type TestIssuer,
} from '../testing/fixtures.ts';
import { verifyCredential } from '../verify/verifyCredential.ts';
import { mirroredClaims } from './claims.ts';
import { decodeCredentialJwt, signCredentialJwt } from './vcJwt.ts';

const keyIssuer = didKeyIssuer();
const webIssuer = didWebIssuer();
const options = { now: NOW, resolveDid: resolverFor(webIssuer.didDocument) };
const credential = buildBadge(keyIssuer, {
  recipient: { did: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK' },
});

/** The credential with the claims the Open Badges binding requires, as a payload. */
const claimed = { ...credential, ...mirroredClaims(credential) };

const signJwt = (issuer: TestIssuer, body: object = credential) =>
  signCredentialJwt(body, { keyPair: issuer.keyPair, verificationMethod: issuer.verificationMethod });

/** Signs an arbitrary header and payload with the issuer's key, as a forger with the key could. */
const rawJwt = (header: Record<string, unknown>, payload: object, issuer = keyIssuer) =>
  new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader(header as never)
    .sign(issuer.keyPair.privateKeyObject());

const proofCheck = async (jwt: string) =>
  (await verifyCredential(jwt, options)).checks.find((item) => item.code === 'proof');

describe('VC-JWT credentials Tessera signs', () => {
  it('use the header alg EdDSA, typ JWT (the Open Badges binding) and the verification method as kid', async () => {
    expect(decodeProtectedHeader(await signJwt(keyIssuer))).toEqual({
      alg: 'EdDSA',
      typ: 'JWT',
      kid: keyIssuer.verificationMethod,
    });
  });

  it('carry the credential itself as payload, with the claims iss, sub, jti, nbf and exp mirroring it', async () => {
    const payload = decodeJwt(await signJwt(keyIssuer));
    expect(payload).toMatchObject(credential);
    expect(payload).not.toHaveProperty('vc');
    expect(payload).not.toHaveProperty('iat');
    expect(payload).toMatchObject({
      iss: keyIssuer.id,
      sub: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
      jti: credential.id,
      nbf: Date.parse(credential.validFrom) / 1000,
      exp: Date.parse(credential.validUntil!) / 1000,
    });
  });

  it('round-trip: what we sign verifies, and the credential read back equals the one signed', async () => {
    const result = await verifyCredential(await signJwt(keyIssuer), options);
    expect(result.format).toBe('jwt');
    expect(result.checks.filter((item) => item.status !== 'passed')).toEqual([]);
    expect(result.verified).toBe(true);
    expect(result.credential).toEqual(credential);
  });

  it('verify for a did:web issuer through the caller’s resolver', async () => {
    const jwt = await signJwt(webIssuer, buildBadge(webIssuer));
    expect((await verifyCredential(jwt, options)).verified).toBe(true);
  });

  it('accept a kid given as a fragment relative to the issuer DID', async () => {
    const issuer = webIssuer;
    const body = buildBadge(issuer);
    const jwt = await rawJwt(
      { alg: 'EdDSA', typ: 'JWT', kid: '#key-2' },
      { ...body, ...mirroredClaims(body) },
      issuer,
    );
    const result = await verifyCredential(jwt, options);
    expect(result.checks.find((item) => item.code === 'issuer-key')?.status).toBe('passed');
    expect(result.checks.find((item) => item.code === 'proof')?.status).toBe('passed');
  });

  it('fail the proof check when the payload was altered', async () => {
    const [header, , signature] = (await signJwt(keyIssuer)).split('.');
    const altered = Buffer.from(
      JSON.stringify({ ...decodeJwt(await signJwt(keyIssuer)), name: 'Forged badge' }),
    ).toString('base64url');
    const result = await verifyCredential(`${header}.${altered}.${signature}`, options);
    expect(result.verified).toBe(false);
    expect(result.checks.find((item) => item.code === 'proof')?.status).toBe('failed');
  });

  it('refuse a JWT whose typ is neither JWT, absent, nor vc+jwt', async () => {
    const jwt = await rawJwt({ alg: 'EdDSA', typ: 'at+jwt', kid: keyIssuer.verificationMethod }, claimed);
    expect(await proofCheck(jwt)).toMatchObject({
      status: 'failed',
      message: expect.stringMatching(/typ is "at\+jwt"/),
    });
  });

  it('refuse a JWT signed with an algorithm outside RS256, ES256 and EdDSA', async () => {
    const { privateKey } = await generateKeyPair('ES384');
    const jwt = await new CompactSign(new TextEncoder().encode(JSON.stringify(claimed)))
      .setProtectedHeader({ alg: 'ES384', typ: 'JWT', kid: keyIssuer.verificationMethod })
      .sign(privateKey);
    expect(await proofCheck(jwt)).toMatchObject({
      status: 'failed',
      message: expect.stringMatching(/algorithm "ES384"/),
    });
  });

  it('fail the proof check when the algorithm does not fit the issuer’s key', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const jwt = await new CompactSign(new TextEncoder().encode(JSON.stringify(claimed)))
      .setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid: keyIssuer.verificationMethod })
      .sign(privateKey);
    expect(await proofCheck(jwt)).toMatchObject({
      status: 'failed',
      message: expect.stringMatching(/ES256 does not fit the issuer's ed25519 key/),
    });
  });

  it('refuse an unsecured JWT (alg none)', async () => {
    const header = Buffer.from(
      JSON.stringify({ alg: 'none', typ: 'JWT', kid: keyIssuer.verificationMethod }),
    ).toString('base64url');
    const payload = Buffer.from(JSON.stringify(credential)).toString('base64url');
    expect(await proofCheck(`${header}.${payload}.`)).toMatchObject({
      status: 'failed',
      message: expect.stringMatching(/"none"/),
    });
    expect((await verifyCredential(`${header}.${payload}.`, options)).verified).toBe(false);
  });

  it('fail the jwt-claims check when a claim disagrees with the credential it carries', async () => {
    const jwt = await rawJwt(
      { alg: 'EdDSA', typ: 'JWT', kid: keyIssuer.verificationMethod },
      { ...claimed, iss: 'did:web:elsewhere.example' },
    );
    const result = await verifyCredential(jwt, options);
    expect(result.checks.find((item) => item.code === 'jwt-claims')).toMatchObject({
      status: 'failed',
      details: ['iss'],
    });
    expect(result.verified).toBe(false);
  });

  it('fail the issuer-key check when signed by a key that is not the issuer’s', async () => {
    const stranger = didKeyIssuer();
    const result = await verifyCredential(await signJwt(stranger), options);
    expect(result.checks.find((item) => item.code === 'issuer-key')?.status).toBe('failed');
  });

  it('are decoded into header, credential and claims without verifying', async () => {
    const decoded = decodeCredentialJwt(await signJwt(keyIssuer));
    expect(decoded.ok && decoded.credential).toEqual(credential);
    expect(decoded.ok && Object.keys(decoded.claims).sort()).toEqual(['exp', 'iss', 'jti', 'nbf', 'sub']);
  });

  it('refuse to wrap a credential that already carries a proof', async () => {
    await expect(signJwt(keyIssuer, { ...credential, proof: {} })).rejects.toThrow(/remove its proof/);
  });
});
