// The Open Badges 3.0 VC-JWT binding as verifiers meet it from other issuers: RS256, ES256 and EdDSA;
// keys named by kid or carried in a jwk header (and then shown to be the issuer's); typ; payload shapes.
import { sign as cryptoSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { CompactSign, decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { VC_V1_CONTEXT } from '../contexts/index.ts';
import { didJwkOf } from '../did/didJwk.ts';
import type { DidDocument } from '../did/types.ts';
import { encodeMultibase } from '../keys/base58.ts';
import { publicJwkOf } from '../keys/jwk.ts';
import { signCredential } from '../proof/dataIntegrity.ts';
import { buildBadge, didKeyIssuer, NOW, resolverFor } from '../testing/fixtures.ts';
import type { VerificationResult } from '../verify/types.ts';
import { verifyCredential } from '../verify/verifyCredential.ts';
import { mirroredClaims } from './claims.ts';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const HTTPS_ISSUER = 'https://issuer.example/issuers/565049';

type Json = Record<string, unknown>;
const withClaims = (credential: Json) => ({ ...credential, ...mirroredClaims(credential) });
const jwtOf = (header: Json, payload: object, privateKey: KeyObject) =>
  new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader(header as never)
    .sign(privateKey);
const statusOf = (result: VerificationResult, code: string) =>
  result.checks.find((item) => item.code === code)?.status;
const checkOf = (result: VerificationResult, code: string) =>
  result.checks.find((item) => item.code === code);
const verify = (jwt: string, ...documents: DidDocument[]) =>
  verifyCredential(jwt, { now: NOW, resolveDid: resolverFor(...documents) });

/** An https issuer's controller document listing `jwk` as a JsonWebKey method authorized to issue. */
const documentListing = (jwk: Json, controller = HTTPS_ISSUER): DidDocument => ({
  id: HTTPS_ISSUER,
  verificationMethod: [{ id: `${HTTPS_ISSUER}#rsa-1`, type: 'JsonWebKey', controller, publicKeyJwk: jwk }],
  assertionMethod: [`${HTTPS_ISSUER}#rsa-1`],
});

describe('a VC-JWT carrying its key in the jwk header', () => {
  const jwk = publicJwkOf(rsa.publicKey);
  const didJwk = didJwkOf(jwk);

  it('verifies with RS256 when the issuer is the did:jwk of that key', async () => {
    const jwt = await jwtOf(
      { alg: 'RS256', typ: 'JWT', jwk },
      withClaims(buildBadge({ id: didJwk })),
      rsa.privateKey,
    );
    const result = await verify(jwt);
    expect(result.checks.filter((item) => item.status !== 'passed')).toEqual([]);
    expect(result.verified).toBe(true);
  });

  it('fails the proof check of a tampered copy', async () => {
    const jwt = await jwtOf(
      { alg: 'RS256', typ: 'JWT', jwk },
      withClaims(buildBadge({ id: didJwk })),
      rsa.privateKey,
    );
    const [header, , signature] = jwt.split('.');
    const forged = Buffer.from(JSON.stringify({ ...decodeJwt(jwt), name: 'Forged badge' })).toString(
      'base64url',
    );
    const result = await verify(`${header}.${forged}.${signature}`);
    expect(statusOf(result, 'proof')).toBe('failed');
    expect(result.verified).toBe(false);
  });

  it('fails the issuer-key check when the did:jwk issuer is another key than the one carried', async () => {
    const other = didJwkOf(publicJwkOf(generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey));
    const jwt = await jwtOf({ alg: 'RS256', jwk }, withClaims(buildBadge({ id: other })), rsa.privateKey);
    const result = await verify(jwt);
    expect(statusOf(result, 'proof')).toBe('passed');
    expect(checkOf(result, 'issuer-key')).toMatchObject({
      status: 'failed',
      message: expect.stringMatching(/does not list the key/),
    });
  });

  it('passes the issuer-key check when the https issuer’s document lists the carried key', async () => {
    const jwt = await jwtOf(
      { alg: 'RS256', typ: 'JWT', jwk },
      withClaims(buildBadge({ id: HTTPS_ISSUER })),
      rsa.privateKey,
    );
    const result = await verify(jwt, documentListing(jwk));
    expect(statusOf(result, 'issuer-key')).toBe('passed');
    expect(statusOf(result, 'proof')).toBe('passed');
  });

  it('fails the issuer-key check when the https issuer’s document lists another key', async () => {
    const otherJwk = publicJwkOf(generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey);
    const jwt = await jwtOf(
      { alg: 'RS256', jwk },
      withClaims(buildBadge({ id: HTTPS_ISSUER })),
      rsa.privateKey,
    );
    const result = await verify(jwt, documentListing(otherJwk));
    expect(statusOf(result, 'issuer-key')).toBe('failed');
    expect(result.verified).toBe(false);
  });

  it('fails the issuer-key check when the listed key is controlled by someone else', async () => {
    const jwt = await jwtOf(
      { alg: 'RS256', jwk },
      withClaims(buildBadge({ id: HTTPS_ISSUER })),
      rsa.privateKey,
    );
    const result = await verify(jwt, documentListing(jwk, 'https://elsewhere.example/org'));
    expect(checkOf(result, 'issuer-key')?.message).toMatch(/controlled by https:\/\/elsewhere\.example\/org/);
  });

  it('leaves the issuer-key check unchecked, never passed, when the issuer’s document cannot be had', async () => {
    const jwt = await jwtOf(
      { alg: 'RS256', jwk },
      withClaims(buildBadge({ id: HTTPS_ISSUER })),
      rsa.privateKey,
    );
    const result = await verify(jwt);
    expect(statusOf(result, 'issuer-key')).toBe('unchecked');
    expect(statusOf(result, 'proof')).toBe('passed');
    expect(result.verified).toBe(false);
  });

  it('refuses a jwk header that holds the private key', async () => {
    const privateJwk = rsa.privateKey.export({ format: 'jwk' });
    const jwt = await jwtOf(
      { alg: 'RS256', jwk: privateJwk },
      withClaims(buildBadge({ id: didJwk })),
      rsa.privateKey,
    );
    expect(checkOf(await verify(jwt), 'proof')).toMatchObject({
      status: 'failed',
      message: expect.stringMatching(/private key material/),
    });
  });

  it('refuses an RSA key shorter than 2048 bits', async () => {
    const weak = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const weakJwk = publicJwkOf(weak.publicKey);
    // Signed by hand: jose itself will not sign RS256 with so short a key.
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const input = `${encode({ alg: 'RS256', jwk: weakJwk })}.${encode(withClaims(buildBadge({ id: didJwkOf(weakJwk) })))}`;
    const jwt = `${input}.${cryptoSign('sha256', Buffer.from(input), weak.privateKey).toString('base64url')}`;
    expect(checkOf(await verify(jwt), 'proof')?.message).toMatch(/1024 bits; at least 2048/);
  });

  it('fails the issuer-key check when kid and jwk name different keys', async () => {
    const issuer = didKeyIssuer();
    const jwt = await jwtOf(
      {
        alg: 'EdDSA',
        kid: issuer.verificationMethod,
        jwk: publicJwkOf(generateKeyPairSync('ed25519').publicKey),
      },
      withClaims(buildBadge(issuer)),
      issuer.keyPair.privateKeyObject(),
    );
    expect(checkOf(await verify(jwt), 'issuer-key')?.message).toMatch(
      /kid .* and its jwk header name different keys/,
    );
  });
});

describe('VC-JWT algorithms and kids', () => {
  it('verify ES256 with a kid naming a JsonWebKey2020 P-256 method of a did:web issuer', async () => {
    const did = 'did:web:issuer.example';
    const document: DidDocument = {
      id: did,
      verificationMethod: [
        {
          id: `${did}#p256`,
          type: 'JsonWebKey2020',
          controller: did,
          publicKeyJwk: publicJwkOf(p256.publicKey),
        },
      ],
      assertionMethod: [`${did}#p256`],
    };
    const jwt = await jwtOf(
      { alg: 'ES256', typ: 'JWT', kid: `${did}#p256` },
      withClaims(buildBadge({ id: did })),
      p256.privateKey,
    );
    const result = await verify(jwt, document);
    expect(result.checks.filter((item) => item.status !== 'passed')).toEqual([]);
  });

  it('verify ES256 with a bare P-256 did:key as kid, meaning its one key', async () => {
    const { x, y } = p256.publicKey.export({ format: 'jwk' }) as { x: string; y: string };
    const compressed = [(Buffer.from(y, 'base64url')[31]! & 1) + 2, ...Buffer.from(x, 'base64url')];
    const did = `did:key:${encodeMultibase(new Uint8Array([0x80, 0x24, ...compressed]))}`;
    const jwt = await jwtOf({ alg: 'ES256', kid: did }, withClaims(buildBadge({ id: did })), p256.privateKey);
    const result = await verify(jwt);
    expect(statusOf(result, 'proof')).toBe('passed');
    expect(statusOf(result, 'issuer-key')).toBe('passed');
  });

  it('verify EdDSA with a bare Ed25519 did:key as kid', async () => {
    const issuer = didKeyIssuer();
    const jwt = await jwtOf(
      { alg: 'EdDSA', kid: issuer.id },
      withClaims(buildBadge(issuer)),
      issuer.keyPair.privateKeyObject(),
    );
    expect((await verify(jwt)).verified).toBe(true);
  });

  it('fail the issuer-key check for a did:key kid whose fragment is another key', async () => {
    const issuer = didKeyIssuer();
    const stranger = didKeyIssuer();
    const kid = `${issuer.id}#${stranger.keyPair.publicKeyMultibase}`;
    const jwt = await jwtOf(
      { alg: 'EdDSA', kid },
      withClaims(buildBadge(issuer)),
      stranger.keyPair.privateKeyObject(),
    );
    expect(statusOf(await verify(jwt), 'issuer-key')).toBe('failed');
  });
});

describe('VC-JWT typ and claims', () => {
  const issuer = didKeyIssuer();
  const credential = buildBadge(issuer, {
    recipient: { did: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK' },
  });
  const sign = (header: Json, payload: object) =>
    jwtOf(
      { alg: 'EdDSA', kid: issuer.verificationMethod, ...header },
      payload,
      issuer.keyPair.privateKeyObject(),
    );

  it('accept a JWT without typ, as the binding allows', async () => {
    expect((await verify(await sign({}, withClaims(credential)))).verified).toBe(true);
  });

  it('accept typ vc+jwt for a VC 2.0 credential, whose claims VC-JOSE-COSE leaves optional', async () => {
    const result = await verify(await sign({ typ: 'vc+jwt' }, credential));
    expect(checkOf(result, 'jwt-claims')?.status).toBe('passed');
    expect(result.verified).toBe(true);
  });

  it('fail the jwt-claims check when the binding’s required claims are missing under typ JWT', async () => {
    const result = await verify(await sign({ typ: 'JWT' }, credential));
    expect(checkOf(result, 'jwt-claims')).toMatchObject({
      status: 'failed',
      details: ['iss', 'nbf', 'jti', 'sub', 'exp'],
    });
  });

  it('accept an embedded proof inside the payload, made before the JWT', async () => {
    const signed = await signCredential(credential, {
      keyPair: issuer.keyPair,
      verificationMethod: issuer.verificationMethod,
      created: '2026-05-21T00:00:00Z',
    });
    expect((await verify(await sign({ typ: 'JWT' }, withClaims(signed as Json)))).verified).toBe(true);
  });

  it('read a VC 1.1 credential under the vc claim, completed from the claims it leaves out', async () => {
    const { issuer: _issuer, validFrom, validUntil, '@context': contexts, ...rest } = credential as Json;
    const vc = {
      ...rest,
      '@context': [VC_V1_CONTEXT, ...(contexts as string[]).slice(1)],
      expirationDate: validUntil,
    };
    const claims = {
      ...mirroredClaims(credential),
      iss: issuer.id,
      nbf: Date.parse(validFrom as string) / 1000,
    };
    const result = await verify(await sign({ typ: 'JWT' }, { vc, ...claims }));
    expect(result.credential).toMatchObject({
      issuer: issuer.id,
      issuanceDate: validFrom,
      expirationDate: validUntil,
    });
    expect(statusOf(result, 'proof')).toBe('passed');
    expect(statusOf(result, 'issuer-key')).toBe('passed');
    expect(statusOf(result, 'jwt-claims')).toBe('passed');
  });

  it('refuse a VC 2.0 credential under the vc claim, and vc+jwt for a VC 1.1 credential', async () => {
    const under = await verify(await sign({ typ: 'JWT' }, { vc: credential, ...mirroredClaims(credential) }));
    expect(checkOf(under, 'proof')?.message).toMatch(/VC 2\.0 credential under a vc claim/);
    const vc11 = {
      ...credential,
      '@context': [VC_V1_CONTEXT, ...(credential['@context'] as string[]).slice(1)],
    };
    const typed = await verify(await sign({ typ: 'vc+jwt' }, { vc: vc11, ...mirroredClaims(vc11) }));
    expect(checkOf(typed, 'proof')?.message).toMatch(/"vc\+jwt" is accepted only for a VC 2\.0 credential/);
  });
});
