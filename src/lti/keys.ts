// The tool's keys and the platforms' keys. Each platform registration gets its own RSA key pair (RS256, as
// LTI 1.3 requires); the private JWK is wrapped under the key-encryption key like issuers' signing keys.
// Platform JWKS are fetched through the SSRF-guarded client and cached; an unknown `kid` refetches once.
import { randomUUID } from 'node:crypto';
import {
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JSONWebKeySet,
  type JWK,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from 'jose';
import { decryptSecretKey, encryptSecretKey } from '../credentials/index.ts';
import type { Deps } from '../deps.ts';
import { safeFetch } from '../net/safe-fetch.ts';
import { LtiRefusal } from './model.ts';

export interface ToolKeyPair {
  keyId: string;
  publicJwk: JWK;
  privateJwkWrapped: string;
}

export async function newToolKeyPair(deps: Deps): Promise<ToolKeyPair> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', {
    modulusLength: 2048,
    extractable: true,
  });
  const keyId = `lti-${randomUUID()}`;
  const publicJwk = { ...(await exportJWK(publicKey)), kid: keyId, alg: 'RS256', use: 'sig' };
  const privateJwk = { ...(await exportJWK(privateKey)), kid: keyId, alg: 'RS256' };
  return {
    keyId,
    publicJwk,
    privateJwkWrapped: encryptSecretKey(deps.secrets.keyEncryptionKey, JSON.stringify(privateJwk)),
  };
}

/** Signs a JWT with the tool's key of one platform registration. */
export async function signAsTool(
  deps: Deps,
  platform: { keyId: string; privateJwkWrapped: string },
  payload: JWTPayload,
  lifetimeSeconds: number,
): Promise<string> {
  const jwk = JSON.parse(decryptSecretKey(deps.secrets.keyEncryptionKey, platform.privateJwkWrapped)) as JWK;
  const key = await importJWK(jwk, 'RS256');
  const now = Math.floor(deps.now().getTime() / 1000);
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'RS256', kid: platform.keyId, typ: 'JWT' })
    .setIssuedAt(now)
    .setExpirationTime(now + lifetimeSeconds)
    .setJti(randomUUID())
    .sign(key);
}

/** The outbound fetch options every LTI call shares: the SSRF guard, loosened only where config allows. */
export function fetchGuard(deps: Deps) {
  const allowPrivate = deps.config.verifyAllowPrivate;
  return allowPrivate ? { allowPrivate, allowHosts: deps.config.verifyAllowHosts ?? [] } : {};
}

const JWKS_TTL_MS = 10 * 60_000;
/** A platform's keys are refetched for an unknown kid at most this often (a forged kid cannot hammer it). */
const JWKS_REFETCH_MS = 30_000;
const jwksCache = new Map<string, { keys: JSONWebKeySet; fetchedAt: number }>();

async function fetchJwks(deps: Deps, url: string): Promise<JSONWebKeySet> {
  const result = await safeFetch(url, {
    accept: ['application/json', 'application/jwk-set+json'],
    timeoutMs: 8_000,
    maxBytes: 256_000,
    ...fetchGuard(deps),
  });
  if (!result.ok)
    throw new LtiRefusal(
      'platform-unreachable',
      `The platform's keys could not be read (${result.code}).`,
      502,
    );
  const parsed = JSON.parse(result.body.toString('utf8')) as JSONWebKeySet;
  if (!parsed || !Array.isArray(parsed.keys))
    throw new LtiRefusal('platform-unreachable', 'The platform’s JWKS URL does not answer a key set.', 502);
  jwksCache.set(url, { keys: parsed, fetchedAt: Date.now() });
  return parsed;
}

async function platformKeys(deps: Deps, url: string, kid: string | undefined): Promise<JSONWebKeySet> {
  const cached = jwksCache.get(url);
  const age = cached ? Date.now() - cached.fetchedAt : Number.POSITIVE_INFINITY;
  if (cached && age < JWKS_TTL_MS) {
    const known = !kid || cached.keys.keys.some((k) => k.kid === kid);
    if (known || age < JWKS_REFETCH_MS) return cached.keys;
  }
  return fetchJwks(deps, url);
}

/** Verifies a JWT signed by the platform: signature (its JWKS), issuer, audience and expiry. */
export async function verifyPlatformJwt(
  deps: Deps,
  platform: { jwksUrl: string; issuer: string; clientId: string },
  token: string,
): Promise<Record<string, unknown>> {
  let kid: string | undefined;
  try {
    const header = JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8'));
    kid = typeof header.kid === 'string' ? header.kid : undefined;
  } catch {
    throw new LtiRefusal('bad-token', 'The id_token is not a JWT.');
  }
  const keys = await platformKeys(deps, platform.jwksUrl, kid);
  try {
    const { payload } = await jwtVerify(token, createLocalJWKSet(keys), {
      issuer: platform.issuer,
      audience: platform.clientId,
      algorithms: ['RS256', 'RS384', 'RS512', 'ES256', 'PS256'],
      currentDate: deps.now(),
      clockTolerance: 60,
      requiredClaims: ['exp', 'iat', 'nonce', 'sub'],
    });
    return payload as Record<string, unknown>;
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    const reason =
      code === 'ERR_JWT_EXPIRED'
        ? 'The launch has expired; start it again from the course.'
        : code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' || code === 'ERR_JWKS_NO_MATCHING_KEY'
          ? 'The launch is not signed by the registered platform.'
          : `The launch token is refused (${code || 'invalid'}).`;
    throw new LtiRefusal('bad-token', reason, 401);
  }
}

/** For tests: forget fetched platform keys. */
export function forgetPlatformKeys(): void {
  jwksCache.clear();
}
