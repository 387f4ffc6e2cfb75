// Signed OB 2.0 assertions: a JWS whose payload is the Assertion, checked with the CryptographicKey
// (publicKeyPem) that verification.creator names; the key must be owned by the BadgeClass's issuer,
// and the issuer's RevocationList must not list the assertion.
// https://www.imsglobal.org/sites/default/files/Badges/OBv2p0Final/index.html#SignedBadge
import { createPublicKey, type KeyObject } from 'node:crypto';
import { compactVerify } from 'jose';
import {
  asArray,
  checkOf,
  type Fetcher,
  fetchIssuerOf,
  fetchOb2Document,
  isObject,
  type Ob2Outcome,
  structureCheck,
} from './ob2.ts';
import { ob2Claims, type ReportCheck } from './report.ts';

type Json = Record<string, unknown>;
/** Asymmetric algorithms only: `none` and HMAC (a public key misused as a secret) are never accepted. */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'EdDSA'];

type KeyLookup = { ok: true; key: Json; publicKey: KeyObject } | { ok: false; check: ReportCheck };

async function fetchKey(fetcher: Fetcher, assertion: Json, issuer?: Json): Promise<KeyLookup> {
  const verification = isObject(assertion.verification) ? assertion.verification : {};
  const keyUrl = verification.creator ?? asArray(issuer?.publicKey)[0];
  if (typeof keyUrl !== 'string') {
    return {
      ok: false,
      check: checkOf('proof', 'failed', 'The assertion names no signing key (verification.creator).'),
    };
  }
  const fetched = await fetchOb2Document(fetcher, keyUrl);
  if (!fetched.ok) {
    const message = `The signing key (${keyUrl}) could not be fetched: ${fetched.reason}.`;
    return { ok: false, check: checkOf('proof', 'unchecked', message) };
  }
  try {
    const pem = fetched.doc.publicKeyPem;
    if (typeof pem !== 'string') throw new Error('no publicKeyPem');
    return { ok: true, key: fetched.doc, publicKey: createPublicKey(pem) };
  } catch {
    return {
      ok: false,
      check: checkOf('proof', 'failed', `The document at ${keyUrl} holds no usable public key.`),
    };
  }
}

async function signatureCheck(jws: string, publicKey: KeyObject): Promise<ReportCheck> {
  try {
    await compactVerify(jws, publicKey, { algorithms: ALGORITHMS });
    return checkOf(
      'proof',
      'passed',
      'The signature is valid: the assertion is unchanged since it was signed.',
    );
  } catch {
    return checkOf(
      'proof',
      'failed',
      'The signature does not match: the assertion was changed after it was signed, or signed with another key.',
    );
  }
}

async function revocationCheck(fetcher: Fetcher, assertion: Json, issuer?: Json): Promise<ReportCheck> {
  if (!issuer)
    return checkOf('status', 'unchecked', 'Without the issuer profile, revocation could not be checked.');
  const listUrl = issuer.revocationList;
  if (typeof listUrl !== 'string') {
    return checkOf('status', 'passed', 'The issuer publishes no revocation list, so it has revoked nothing.');
  }
  const fetched = await fetchOb2Document(fetcher, listUrl);
  if (!fetched.ok) {
    return checkOf(
      'status',
      'unchecked',
      `The revocation list (${listUrl}) could not be fetched: ${fetched.reason}.`,
    );
  }
  const entry = asArray(fetched.doc.revokedAssertions).find(
    (item) => item === assertion.id || (isObject(item) && item.id === assertion.id),
  );
  if (entry === undefined)
    return checkOf('status', 'passed', "Not revoked, per the issuer's revocation list.");
  const reason =
    isObject(entry) && typeof entry.revocationReason === 'string' ? `: ${entry.revocationReason}` : '.';
  return checkOf('status', 'failed', `The issuer revoked this badge${reason}`);
}

/** Verifies a signed OB 2.0 assertion; `assertion` is the JWS payload already read. */
export async function verifySignedOb2(
  fetcher: Fetcher,
  jws: string,
  assertion: Json,
  now: Date,
): Promise<Ob2Outcome> {
  const lookup = await fetchIssuerOf(fetcher, assertion);
  const { structure, notBefore, expiry, warnings } = structureCheck(assertion, now, lookup);
  const key = await fetchKey(fetcher, assertion, lookup.issuer);
  const proof = key.ok ? await signatureCheck(jws, key.publicKey) : key.check;
  let issuerIdentity: ReportCheck;
  if (lookup.problem || !lookup.issuer) {
    issuerIdentity = lookup.problem ?? checkOf('issuer-identity', 'failed', 'No issuer profile.');
  } else if (!key.ok) {
    issuerIdentity = checkOf(
      'issuer-identity',
      'unchecked',
      'Without the signing key, its owner could not be checked.',
    );
  } else if (key.key.owner !== lookup.issuer.id) {
    issuerIdentity = checkOf(
      'issuer-identity',
      'failed',
      `The signing key belongs to ${String(key.key.owner ?? 'nobody')}, not to the issuer ${String(lookup.issuer.id)}.`,
    );
  } else {
    const name = String(lookup.issuer.name ?? lookup.issuer.id);
    issuerIdentity = checkOf('issuer-identity', 'passed', `Signed by ${name}, with a key the issuer owns.`);
  }
  return {
    checks: [
      structure,
      proof,
      issuerIdentity,
      notBefore,
      expiry,
      await revocationCheck(fetcher, assertion, lookup.issuer),
    ],
    claims: ob2Claims(assertion, lookup.badgeClass, lookup.issuer),
    warnings,
    assertion,
  };
}
