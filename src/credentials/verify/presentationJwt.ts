// A presentation secured as a JWT (VC-JOSE-COSE `vp+jwt`, or the older JWT with a `vp` claim), as an
// EnvelopedVerifiablePresentation carries it: the signature by a key the holder authorizes for
// authentication, the verifier's challenge as `nonce` and domain as `aud`, and the JWT's own validity times.
// https://www.w3.org/TR/vc-jose-cose/#securing-vps-with-jose
import { decodeProtectedHeader } from 'jose';
import { ACCEPTED_ALGORITHMS, verifyCredentialJwtSignature } from '../jwt/vcJwt.ts';
import { resolveHolderKey } from './holderKey.ts';
import { type Check, check, type VerifyOptions } from './types.ts';

type JsonObject = Record<string, unknown>;

const ALGORITHMS: readonly string[] = ACCEPTED_ALGORITHMS;
const JWT_CLAIMS = ['iss', 'sub', 'aud', 'nonce', 'iat', 'nbf', 'exp', 'jti', 'cnf'];

export interface PresentationJwtOptions {
  now: Date;
  resolveDid: VerifyOptions['resolveDid'];
  challenge?: string;
  domain?: string;
}

export interface VerifiedPresentationJwt {
  /** The `proof` check of the JWT (its signature, key, challenge, domain and times). */
  proof: Check;
  /** The presentation it carries, when it could be read. */
  presentation?: JsonObject;
}

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const holderIdOf = (holder: unknown) => (isObject(holder) ? holder.id : holder);

function readJwt(jwt: string): { header: JsonObject; payload: JsonObject } | undefined {
  try {
    const header = decodeProtectedHeader(jwt) as JsonObject;
    const payload: unknown = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8'));
    return isObject(payload) ? { header, payload } : undefined;
  } catch {
    return undefined;
  }
}

/** What is wrong with the JWT's binding to this verifier and this moment, if anything. */
function bindingProblem(payload: JsonObject, options: PresentationJwtOptions): string | undefined {
  if (options.challenge !== undefined && payload.nonce !== options.challenge)
    return 'The presentation was not signed for this challenge (its nonce differs).';
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (options.domain !== undefined && !audiences.includes(options.domain))
    return 'The presentation was not signed for this domain (its aud differs).';
  const now = options.now.getTime() / 1000;
  if (typeof payload.exp === 'number' && payload.exp < now) return 'The presentation JWT has expired.';
  if (typeof payload.nbf === 'number' && payload.nbf > now) return 'The presentation JWT is not valid yet.';
  return undefined;
}

export async function verifyPresentationJwt(
  jwt: string,
  options: PresentationJwtOptions,
): Promise<VerifiedPresentationJwt> {
  const fail = (message: string, presentation?: JsonObject): VerifiedPresentationJwt => ({
    proof: check('proof', 'failed', message),
    ...(presentation && { presentation }),
  });
  const read = readJwt(jwt);
  if (!read) return fail('The enveloped presentation is not a readable JWT.');
  const { header, payload } = read;
  // A `vp` claim is the older JWT form; otherwise the payload is the presentation (VC-JOSE-COSE).
  const presentation = isObject(payload.vp)
    ? payload.vp
    : Object.fromEntries(Object.entries(payload).filter(([claim]) => !JWT_CLAIMS.includes(claim)));
  if (typeof header.alg !== 'string' || !ALGORITHMS.includes(header.alg))
    return fail(
      `The presentation JWT's algorithm "${String(header.alg ?? '(none)').slice(0, 40)}" is not accepted; Tessera accepts ${ALGORITHMS.join(', ')}.`,
      presentation,
    );
  if (typeof header.kid !== 'string' || header.kid === '')
    return fail('The presentation JWT names no key (kid).', presentation);
  const issuer = typeof payload.iss === 'string' ? payload.iss : undefined;
  const kid = header.kid.startsWith('#') && issuer ? `${issuer}${header.kid}` : header.kid;
  const problem = bindingProblem(payload, options);
  if (problem) return fail(problem, presentation);
  const key = await resolveHolderKey(kid, options.resolveDid);
  if (!key.ok) return { proof: check('proof', key.status, key.message), presentation };
  const holder = holderIdOf(presentation.holder);
  if (
    (holder !== undefined && holder !== key.controller) ||
    (issuer !== undefined && issuer !== key.controller)
  )
    return fail('The presentation was signed by someone other than its holder.', presentation);
  if (!(await verifyCredentialJwtSignature(jwt, key.key)))
    return fail(
      'The presentation JWT signature does not match: it was changed after it was signed, or signed with another key.',
      presentation,
    );
  return { proof: check('proof', 'passed', 'The presentation JWT signature is valid.'), presentation };
}
