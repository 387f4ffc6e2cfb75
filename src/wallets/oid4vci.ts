// OID4VCI 1.0 issuer on wallet offers (pre-authorized code flow), built on @openid4vc/openid4vci and
// @openid4vc/oauth2 with Tessera's own keys behind their callbacks: the offer row is the pre-authorized grant,
// its code redeemed once for an access token (HMAC-signed JWT, its hash kept on the offer); nonces are rows
// used once; the badge is the award's credential issued anew to the proof key's DID (signWalletCopy).
import { createHash, hkdfSync, randomBytes } from 'node:crypto';
import {
  clientAuthenticationAnonymous,
  type HashAlgorithm,
  type Jwk,
  type JwtSigner,
  Oauth2AuthorizationServer,
  Oauth2ErrorCodes,
  Oauth2ServerErrorResponseError,
  type RequestLike,
  setGlobalConfig,
} from '@openid4vc/oauth2';
import { type IssuerMetadataResult, Openid4vciIssuer, Openid4vciVersion } from '@openid4vc/openid4vci';
import { CompactSign, compactVerify, decodeJwt, importJWK, jwtVerify } from 'jose';
import { didJwkOf, publicKeyObjectOf, resolveDidJwk, resolveDidKey } from '../credentials/index.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { offerState } from './model.ts';
import {
  ACCESS_TOKEN_TTL_S,
  authorizationServerMetadata,
  CREDENTIAL_CONFIGURATION_IDS,
  credentialIssuerMetadata,
  formatOf,
  holderDidOfProofKey,
  MAX_TX_CODE_FAILURES,
  NONCE_TTL_S,
  Oid4vciRefusal,
  PRE_AUTHORIZED_CODE_GRANT,
  txCodeDescription,
} from './oid4vci-model.ts';
import {
  countTxCodeFailure,
  findUsableNonce,
  insertNonce,
  redeemPreAuthorizedCode,
  spendNonce,
} from './oid4vci-store.ts';
import { openOffer, signWalletCopy } from './service.ts';
import { completeOffer, findOffer, type WalletOfferRow } from './store.ts';

export type { RequestLike };

type Json = Record<string, unknown>;

const ACCESS_TOKEN_ALG = 'HS256';
const PROOF_ALGS = ['EdDSA', 'Ed25519', 'ES256'];
const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

/** The access tokens' HMAC key, derived from the key-encryption key so every process of an install shares it. */
function accessTokenKey(deps: Deps): Uint8Array {
  return new Uint8Array(
    hkdfSync('sha256', deps.secrets.keyEncryptionKey, new Uint8Array(), 'tessera oid4vci access token', 32),
  );
}

/** A proof key's public key: the JWK in the header, or the did:key / did:jwk its `kid` names. */
async function proofKeyOf(signer: JwtSigner, alg: string) {
  if (signer.method === 'jwk') return importJWK(signer.publicJwk as never, alg);
  if (signer.method !== 'did') return undefined;
  const document = resolveDidKey(signer.didUrl) ?? resolveDidJwk(signer.didUrl);
  const method = document?.verificationMethod?.find((m) => m.id === signer.didUrl);
  return method ? publicKeyObjectOf(method) : undefined;
}

/** The library's callbacks, answered by Tessera's keys (Node's crypto and jose underneath). */
function callbacks(deps: Deps) {
  return {
    hash: (data: Uint8Array, alg: HashAlgorithm) =>
      new Uint8Array(createHash(alg.replace('-', '')).update(data).digest()),
    generateRandom: (length: number) => new Uint8Array(randomBytes(length)),
    clientAuthentication: clientAuthenticationAnonymous(),
    // Only the access token is signed here (by the authorization server, with its HMAC key).
    signJwt: async (signer: JwtSigner, jwt: { header: Json; payload: Json }) => {
      if (signer.method !== 'custom' || signer.alg !== ACCESS_TOKEN_ALG)
        throw new Error(`Tessera signs no ${signer.method} JWT here`);
      const compact = await new CompactSign(new TextEncoder().encode(JSON.stringify(jwt.payload)))
        .setProtectedHeader({ ...jwt.header, alg: ACCESS_TOKEN_ALG })
        .sign(accessTokenKey(deps));
      return { jwt: compact, signerJwk: { kty: 'oct' } as Jwk };
    },
    // Only wallets' proof JWTs are verified here.
    verifyJwt: async (signer: JwtSigner, jwt: { header: Json; compact: string }) => {
      const alg = String(jwt.header.alg);
      if (!PROOF_ALGS.includes(alg)) return { verified: false as const };
      try {
        const key = await proofKeyOf(signer, alg);
        if (!key) return { verified: false as const };
        await compactVerify(jwt.compact, key, { algorithms: PROOF_ALGS });
        const signerJwk =
          signer.method === 'jwk'
            ? signer.publicJwk
            : 'export' in key
              ? (key.export({ format: 'jwk' }) as Jwk)
              : ({ kty: 'OKP' } as Jwk);
        return { verified: true as const, signerJwk };
      } catch {
        return { verified: false as const };
      }
    },
    decryptJwe: async () => ({ decrypted: false as const }),
    encryptJwe: async () => {
      throw new Error('Tessera encrypts no JWE');
    },
  };
}

/** The library is strict about https; a local install on http://localhost is allowed to use its own URL. */
function libraries(deps: Deps) {
  setGlobalConfig({ allowInsecureUrls: deps.config.publicUrl.startsWith('http://') });
  const cb = callbacks(deps);
  return {
    issuer: new Openid4vciIssuer({ callbacks: cb as never }),
    authorizationServer: new Oauth2AuthorizationServer({ callbacks: cb as never }),
  };
}

export function issuerMetadata(deps: Deps) {
  return libraries(deps).issuer.createCredentialIssuerMetadata(
    credentialIssuerMetadata(deps.config.publicUrl, 'Tessera') as never,
  );
}

export function oauthMetadata(deps: Deps) {
  return libraries(deps).authorizationServer.createAuthorizationServerMetadata(
    authorizationServerMetadata(deps.config.publicUrl),
  );
}

function metadataResult(deps: Deps): IssuerMetadataResult {
  const credentialIssuer = issuerMetadata(deps);
  return {
    originalDraftVersion: Openid4vciVersion.V1,
    credentialIssuer,
    authorizationServers: [oauthMetadata(deps)],
    knownCredentialConfigurations: credentialIssuer.credential_configurations_supported,
  } as IssuerMetadataResult;
}

/** The credential offer object of an open offer (what `credential_offer_uri` answers). */
export async function credentialOffer(deps: Deps, offerId: string) {
  return (await credentialOfferOf(deps, offerId)).credentialOfferObject;
}

/** The offer by value: `openid-credential-offer://?credential_offer=<the object>`, for wallets that want it whole. */
export async function credentialOfferByValue(deps: Deps, offerId: string): Promise<string> {
  return (await credentialOfferOf(deps, offerId)).credentialOffer;
}

async function credentialOfferOf(deps: Deps, offerId: string) {
  const offer = await openOffer(deps, offerId);
  if (offer.tokenIssuedAt)
    throw new Oid4vciRefusal('invalid_grant', 'This offer was taken by a wallet already.');
  return libraries(deps).issuer.createCredentialOffer({
    credentialOfferScheme: 'openid-credential-offer://',
    issuerMetadata: metadataResult(deps),
    credentialConfigurationIds: CREDENTIAL_CONFIGURATION_IDS,
    grants: {
      [PRE_AUTHORIZED_CODE_GRANT]: {
        'pre-authorized_code': offer.id,
        ...(offer.txCode ? { tx_code: txCodeDescription(offer.txCode.length) } : {}),
      },
    },
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The offer a pre-authorized code names, if it can still be redeemed; `invalid_grant` otherwise. */
async function redeemableOffer(deps: Deps, code: string): Promise<WalletOfferRow> {
  const offer = UUID.test(code) ? await findOffer(deps.db, code) : undefined;
  if (!offer) throw new Oid4vciRefusal('invalid_grant', 'Unknown pre-authorized code.');
  const state = offerState(offer, deps.now());
  if (state === 'completed' || offer.tokenIssuedAt)
    throw new Oid4vciRefusal('invalid_grant', 'The pre-authorized code was used already.');
  if (state === 'expired') throw new Oid4vciRefusal('invalid_grant', 'The pre-authorized code has expired.');
  return offer;
}

/** Token endpoint: the pre-authorized code (and transaction code) for an access token, once. */
export async function exchangePreAuthorizedCode(deps: Deps, request: RequestLike, body: Json) {
  const { authorizationServer } = libraries(deps);
  const asMetadata = oauthMetadata(deps);
  const parsed = authorizationServer.parseAccessTokenRequest({ request, accessTokenRequest: body });
  if (parsed.grant.grantType !== PRE_AUTHORIZED_CODE_GRANT)
    throw new Oid4vciRefusal('unsupported_grant_type', 'Only the pre-authorized code grant is offered.');
  const offer = await redeemableOffer(deps, parsed.grant.preAuthorizedCode);
  const now = deps.now();
  if (offer.txCode && parsed.grant.txCode !== offer.txCode) {
    const failures = await countTxCodeFailure(deps.db, offer.id, MAX_TX_CODE_FAILURES, now);
    throw new Oid4vciRefusal(
      'invalid_grant',
      failures >= MAX_TX_CODE_FAILURES
        ? 'Wrong transaction code; too many tries, so this offer is retired. Make a new one.'
        : 'Wrong transaction code.',
    );
  }
  await authorizationServer.verifyPreAuthorizedCodeAccessTokenRequest({
    authorizationServerMetadata: asMetadata,
    grant: parsed.grant,
    accessTokenRequest: parsed.accessTokenRequest,
    request,
    expectedPreAuthorizedCode: offer.id,
    expectedTxCode: offer.txCode ?? undefined,
    preAuthorizedCodeExpiresAt: offer.expiresAt,
    now,
  });
  const response = await authorizationServer.createAccessTokenResponse({
    authorizationServer: asMetadata.issuer,
    audience: deps.config.publicUrl,
    signer: { method: 'custom', alg: ACCESS_TOKEN_ALG, kid: 'oid4vci-access-token' },
    subject: offer.id,
    expiresInSeconds: ACCESS_TOKEN_TTL_S,
    now,
  });
  const redeemed = await redeemPreAuthorizedCode(deps.db, offer.id, sha256(response.access_token), now);
  if (!redeemed) throw new Oid4vciRefusal('invalid_grant', 'The pre-authorized code was used already.');
  return response;
}

/** Nonce endpoint: a fresh `c_nonce` for the credential request's proof. */
export async function newNonce(deps: Deps) {
  const now = deps.now();
  const nonce = randomBytes(24).toString('base64url');
  await insertNonce(deps.db, nonce, new Date(now.getTime() + NONCE_TTL_S * 1000), now);
  return libraries(deps).issuer.createNonceResponse({ cNonce: nonce, cNonceExpiresIn: NONCE_TTL_S });
}

/** The offer an access token was issued for, while it may still take a credential; `invalid_token` otherwise. */
async function offerOfAccessToken(deps: Deps, authorization: string | undefined) {
  const token = /^Bearer ([\w.~+/-]+=*)$/.exec(authorization ?? '')?.[1];
  if (!token) throw new Oid4vciRefusal('invalid_token', 'Send the access token as a Bearer token.');
  let subject: string | undefined;
  try {
    const { payload } = await jwtVerify(token, accessTokenKey(deps), {
      algorithms: [ACCESS_TOKEN_ALG],
      issuer: deps.config.publicUrl,
      audience: deps.config.publicUrl,
      currentDate: deps.now(),
    });
    subject = payload.sub;
  } catch {
    throw new Oid4vciRefusal('invalid_token', 'The access token is not valid or has expired.');
  }
  const offer = subject && UUID.test(subject) ? await findOffer(deps.db, subject) : undefined;
  const accessTokenHash = sha256(token);
  if (!offer || offer.accessTokenHash !== accessTokenHash)
    throw new Oid4vciRefusal('invalid_token', 'The access token is not valid.');
  if (offerState(offer, deps.now()) !== 'open')
    throw new Oid4vciRefusal('invalid_token', 'The access token was used already, or its offer expired.');
  return { offer, accessTokenHash };
}

/** The proof's nonce, if it is one the nonce endpoint gave and nobody used. */
async function usableNonceOf(deps: Deps, jwt: string) {
  let nonce: unknown;
  try {
    nonce = decodeJwt(jwt).nonce;
  } catch {
    throw new Oid4vciRefusal('invalid_proof', 'The proof is not a JWT.');
  }
  const row = typeof nonce === 'string' ? await findUsableNonce(deps.db, nonce, deps.now()) : undefined;
  if (!row) throw new Oid4vciRefusal('invalid_nonce', 'Ask the nonce endpoint for a fresh c_nonce.');
  return row;
}

/** Credential endpoint: the badge, in the format asked for, issued to the key the `jwt` proof was made with. */
export async function issueCredential(deps: Deps, authorization: string | undefined, body: Json) {
  const { offer, accessTokenHash } = await offerOfAccessToken(deps, authorization);
  const { issuer } = libraries(deps);
  const issuerMetadata = metadataResult(deps);
  const parsed = issuer.parseCredentialRequest({ issuerMetadata, credentialRequest: body });
  const format = formatOf(parsed.credentialConfigurationId);
  if (!format)
    throw new Oid4vciRefusal(
      parsed.format ? 'unsupported_credential_format' : 'unknown_credential_configuration',
      `Ask for one of ${CREDENTIAL_CONFIGURATION_IDS.join(', ')} by credential_configuration_id.`,
    );
  const jwt = parsed.proofs?.jwt?.[0];
  if (!jwt || (parsed.proofs?.jwt?.length ?? 0) > 1)
    throw new Oid4vciRefusal('invalid_proof', 'Send one proof of type jwt.');
  const nonce = await usableNonceOf(deps, jwt);
  const now = deps.now();
  const { signer } = await issuer.verifyCredentialRequestJwtProof({
    issuerMetadata,
    jwt,
    expectedNonce: nonce.nonce,
    nonceExpiresAt: nonce.expiresAt,
    now,
  });
  if (signer.method !== 'did' && signer.method !== 'jwk')
    throw new Oid4vciRefusal('invalid_proof', 'Name the proof key by a did:key or did:jwk kid, or a jwk.');
  if (!(await spendNonce(deps.db, nonce.nonce, now)))
    throw new Oid4vciRefusal('invalid_nonce', 'That nonce was used already; ask for a fresh one.');
  const holderDid = holderDidOfProofKey(signer, didJwkOf);
  const copy = await deliverableCopy(deps, offer.awardId, holderDid, format);
  const done = await completeOffer(
    deps.db,
    { id: offer.id, accessTokenHash },
    { holderDid, credentialId: copy.credentialId, credential: copy.stored },
    now,
  );
  if (!done) throw new Oid4vciRefusal('invalid_token', 'The access token was used already.');
  return issuer.createCredentialResponse({
    credentialRequest: parsed,
    credentials: [{ credential: copy.credential }],
  });
}

/** The signed copy, or `credential_request_denied` when the badge was revoked or renewed since the offer. */
async function deliverableCopy(
  deps: Deps,
  awardId: string,
  holderDid: string,
  format: 'ldp_vc' | 'jwt_vc_json',
) {
  try {
    return await signWalletCopy(deps, awardId, holderDid, format);
  } catch (error) {
    if (error instanceof DomainError) throw new Oid4vciRefusal('credential_request_denied', error.message);
    throw error;
  }
}

/** An OAuth error answer for a refusal of ours or of the library; undefined for anything else (a bug). */
export function oauthErrorOf(error: unknown): { error: string; error_description?: string } | undefined {
  if (error instanceof Oid4vciRefusal) return { error: error.error, error_description: error.description };
  if (error instanceof Oauth2ServerErrorResponseError) return error.errorResponse;
  return undefined;
}

export { Oauth2ErrorCodes };
