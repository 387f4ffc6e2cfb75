// OID4VCI 1.0 end to end through the real server, driven by @openid4vc/openid4vci's own wallet client
// (Openid4vciClient): credential offer by reference, pre-authorized code (and tx_code), nonce, `jwt` proof,
// the badge in both formats. The ldp_vc verifies with @digitalbazaar/vc and verifier-core, the VC-JWT with
// jose and Tessera's verifier; refusals are OAuth errors (400/401), never a 5xx.
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { verifyCredential as verifierCoreVerify } from '@digitalcredentials/verifier-core';
import { clientAuthenticationAnonymous, type JwtSigner } from '@openid4vc/oauth2';
import { Openid4vciClient } from '@openid4vc/openid4vci';
import { CompactSign, compactVerify, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { createStaticDocumentLoader, publicKeyObjectOf, publicKeyToMultibase } from '../credentials/index.ts';
import { aLoggedInUser, type TestSession } from '../identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { anAcceptedAward } from './testing.ts';

type Json = Record<string, unknown>;
const ORIGIN = 'http://localhost:3000';
const SCHEMA_PREFIX = 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/';
const schemaDir = new URL('../../vendor/1edtech/schemas/ob_v3p0/', import.meta.url);
const LDP = 'OpenBadgeCredential_ldp_vc';
const JWT = 'OpenBadgeCredential_jwt_vc_json';

interface VerifierCoreResult {
  errors?: { name: string; message?: string }[];
  log: { id: string; valid: boolean }[];
}

/** An OpenID wallet's key: Ed25519, named as a did:key. */
function aProofKey() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const x = publicKey.export({ format: 'jwk' }).x as string;
  const multibase = publicKeyToMultibase(new Uint8Array(Buffer.from(x, 'base64url')));
  const did = `did:key:${multibase}`;
  return { did, kid: `${did}#${multibase}`, publicKey, privateKey };
}
type ProofKey = ReturnType<typeof aProofKey>;

/** The one credential of a credential response (OID4VCI 1.0 `credentials: [{credential}]`). */
const firstCredential = (response: { credentials?: unknown[] }) =>
  (response.credentials?.[0] as { credential?: unknown } | undefined)?.credential;

describe('delivering a badge to an OpenID wallet (OID4VCI 1.0, pre-authorized code)', () => {
  let t: TestApp;
  const clock = new Date();
  let issuer: TestIssuer;
  let learner: TestSession & { email: string };

  /** The server as the wallet reaches it: requests to this origin go through inject(). */
  async function serverFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
    const href = input instanceof Request ? input.url : String(input);
    if (href.startsWith(SCHEMA_PREFIX))
      return new Response(readFileSync(new URL(href.slice(SCHEMA_PREFIX.length), schemaDir), 'utf8'), {
        headers: { 'content-type': 'application/json' },
      });
    const url = new URL(href);
    // did:web resolves over https; this server answers for its host either way.
    if (url.host !== new URL(ORIGIN).host) throw new TypeError(`offline test: refusing to fetch ${href}`);
    const answer = await t.app.inject({
      method: (init?.method ?? 'GET') as 'GET',
      url: url.pathname + url.search,
      headers: Object.fromEntries(new Headers(init?.headers).entries()),
      payload: typeof init?.body === 'string' ? init.body : init?.body ? String(init.body) : undefined,
    });
    const headers = new Headers();
    for (const [name, value] of Object.entries(answer.headers))
      if (typeof value === 'string') headers.set(name, value);
    return new Response(answer.statusCode === 204 ? null : answer.body, {
      status: answer.statusCode,
      headers,
    });
  }

  beforeAll(async () => {
    t = await createTestApp({ now: () => clock });
    issuer = await anIssuerWithOwner(t.app, t.deps, 'OpenID Academy');
    learner = await aLoggedInUser(t.app, t.deps, { name: 'Olga OpenID' });
    vi.stubGlobal('fetch', serverFetch);
  }, 240_000);
  afterAll(async () => {
    vi.unstubAllGlobals();
    await t?.close();
  });

  /** The library's wallet client, signing its proofs with the given key. */
  function walletClient(key: ProofKey) {
    return new Openid4vciClient({
      callbacks: {
        fetch: serverFetch,
        hash: async (data, alg) =>
          new Uint8Array(await crypto.subtle.digest(alg.toUpperCase(), data as BufferSource)),
        generateRandom: (length) => crypto.getRandomValues(new Uint8Array(length)),
        clientAuthentication: clientAuthenticationAnonymous(),
        signJwt: async (_signer: JwtSigner, jwt) => ({
          jwt: await new CompactSign(new TextEncoder().encode(JSON.stringify(jwt.payload)))
            .setProtectedHeader(jwt.header as never)
            .sign(key.privateKey),
          signerJwk: key.publicKey.export({ format: 'jwk' }) as never,
        }),
      },
    });
  }

  async function anOffer(body: Json = {}) {
    const award = await anAcceptedAward(t.app, t.deps, issuer, learner, { name: 'OpenID-ready payroll' });
    const offer = await t.app.inject({
      method: 'POST',
      url: `/api/v1/me/badges/${award.id}/wallet-offers`,
      headers: learner.headers,
      payload: body,
    });
    expect(offer.statusCode, offer.body).toBe(201);
    return { award, offer: offer.json() };
  }

  /** The whole flow as the library's client runs it, up to the credential response. */
  async function receive(link: string, configurationId: string, key: ProofKey, txCode?: string) {
    const client = walletClient(key);
    const credentialOffer = await client.resolveCredentialOffer(link);
    const issuerMetadata = await client.resolveIssuerMetadata(credentialOffer.credential_issuer);
    const { accessTokenResponse } = await client.retrievePreAuthorizedCodeAccessTokenFromOffer({
      credentialOffer,
      issuerMetadata,
      txCode,
    });
    const { c_nonce } = await client.requestNonce({ issuerMetadata });
    const { jwt } = await client.createCredentialRequestJwtProof({
      issuerMetadata,
      credentialConfigurationId: configurationId,
      nonce: c_nonce,
      signer: { method: 'did', didUrl: key.kid, alg: 'EdDSA' },
    });
    const { credentialResponse } = await client.retrieveCredentials({
      issuerMetadata,
      accessToken: accessTokenResponse.access_token,
      credentialConfigurationId: configurationId,
      proofs: { jwt: [jwt] },
    });
    return { credentialResponse, accessToken: accessTokenResponse.access_token };
  }

  const issuerDidDocument = async () =>
    (await t.app.inject({ method: 'GET', url: `/issuers/${issuer.slug}/did.json` })).json();

  it('offers OID4VCI beside the VC-API exchange at the interaction URL', async () => {
    const { offer } = await anOffer();
    const url = new URL(offer.interactionUrl);
    const answer = await t.app.inject({
      method: 'GET',
      url: url.pathname + url.search,
      headers: { accept: 'application/json' },
    });
    const uri = `${ORIGIN}/wallet/oid4vci/offers/${offer.id}`;
    expect(answer.json().protocols.OID4VCI).toBe(
      `openid-credential-offer://?credential_offer_uri=${encodeURIComponent(uri)}`,
    );
    expect(offer.openidCredentialOffer).toBe(answer.json().protocols.OID4VCI);
  });

  it('publishes issuer metadata with both formats and authorization-server metadata', async () => {
    const metadata = (
      await t.app.inject({ method: 'GET', url: '/.well-known/openid-credential-issuer' })
    ).json();
    expect(metadata.credential_issuer).toBe(ORIGIN);
    expect(Object.keys(metadata.credential_configurations_supported).sort()).toEqual([JWT, LDP]);
    const as = (await t.app.inject({ method: 'GET', url: '/.well-known/oauth-authorization-server' })).json();
    expect(as.token_endpoint).toBe(`${ORIGIN}/wallet/oid4vci/token`);
  });

  it('delivers the badge as ldp_vc from an offer by reference, bound to the proof key, verified by @digitalbazaar/vc and verifier-core', async () => {
    const { offer } = await anOffer();
    const key = aProofKey();
    const { credentialResponse } = await receive(offer.openidCredentialOffer, LDP, key);
    const credential = firstCredential(credentialResponse) as Json & {
      credentialSubject: Json;
    };
    expect(credential.credentialSubject.id).toBe(key.did);
    const didDocument = await issuerDidDocument();
    const loader = createStaticDocumentLoader((url) => {
      const [base] = url.split('#');
      if (base !== didDocument.id) return undefined;
      if (!url.includes('#')) return didDocument;
      const method = didDocument.verificationMethod.find((m: Json) => m.id === url);
      return { '@context': didDocument['@context'], ...method };
    });
    const reference = await vc.verifyCredential({
      credential: credential as never,
      suite: new DataIntegrityProof({ cryptosuite }),
      documentLoader: loader,
      checkStatus: async () => ({ verified: true }),
      now: clock,
    });
    expect(reference.error, JSON.stringify(reference.error)).toBeUndefined();
    const core = (await verifierCoreVerify({
      credential: credential as never,
      knownDIDRegistries: [],
    })) as unknown as VerifierCoreResult;
    expect(core.errors).toBeUndefined();
    expect(core.log.find((entry) => entry.id === 'valid_signature')?.valid).toBe(true);
    const stored = await t.deps.db
      .selectFrom('walletOffers')
      .select(['completedVia', 'holderDid'])
      .where('id', '=', offer.id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ completedVia: 'oid4vci', holderDid: key.did });
  }, 120_000);

  it('delivers the badge as a VC-JWT from an offer by value with a transaction code, verified by jose and Tessera’s verifier', async () => {
    const { offer } = await anOffer({ txCode: true });
    expect(offer.txCode).toMatch(/^\d{6}$/);
    const key = aProofKey();
    expect(offer.openidCredentialOfferByValue).toMatch(/^openid-credential-offer:\/\/\?credential_offer=%7B/);
    const { credentialResponse } = await receive(offer.openidCredentialOfferByValue, JWT, key, offer.txCode);
    const jwt = firstCredential(credentialResponse) as string;
    expect(typeof jwt).toBe('string');
    const didDocument = await issuerDidDocument();
    const [method] = didDocument.verificationMethod;
    const { payload } = await compactVerify(jwt, publicKeyObjectOf(method) as KeyObject);
    const body = JSON.parse(new TextDecoder().decode(payload));
    expect(body.credentialSubject.id).toBe(key.did);
    const verdict = await t.app.inject({
      method: 'POST',
      url: '/api/v1/verify',
      payload: { credential: jwt },
    });
    expect(verdict.statusCode, verdict.body).toBe(200);
    expect(verdict.json().verdict, verdict.body).toBe('verified');
  }, 120_000);

  const token = (code: string, extra: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/wallet/oid4vci/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code',
        'pre-authorized_code': code,
        ...extra,
      }).toString(),
    });

  it('refuses a replayed pre-authorized code with invalid_grant', async () => {
    const { offer } = await anOffer();
    expect((await token(offer.id)).statusCode).toBe(200);
    const again = await token(offer.id);
    expect(again.statusCode).toBe(400);
    expect(again.json().error).toBe('invalid_grant');
  });

  it('refuses the code of an expired offer with invalid_grant', async () => {
    const { offer } = await anOffer();
    await t.deps.db
      .updateTable('walletOffers')
      .set({ expiresAt: new Date(clock.getTime() - 1000) })
      .where('id', '=', offer.id)
      .execute();
    const answer = await token(offer.id);
    expect(answer.statusCode).toBe(400);
    expect(answer.json()).toMatchObject({
      error: 'invalid_grant',
      error_description: expect.stringMatching(/expired/),
    });
  });

  it('refuses a wrong transaction code, and retires the offer after five', async () => {
    const { offer } = await anOffer({ txCode: true });
    const wrong = offer.txCode === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++)
      expect((await token(offer.id, { tx_code: wrong })).json().error).toBe('invalid_grant');
    const right = await token(offer.id, { tx_code: offer.txCode });
    expect(right.statusCode).toBe(400);
    expect(right.json().error_description).toMatch(/expired/);
  });

  /** An access token and a nonce, then a credential request with a hand-made proof. */
  async function requestWithProof(makeProof: (nonce: string) => Promise<string>) {
    const { offer } = await anOffer();
    const access = (await token(offer.id)).json().access_token as string;
    const nonce = (await t.app.inject({ method: 'POST', url: '/wallet/oid4vci/nonce' })).json().c_nonce;
    return t.app.inject({
      method: 'POST',
      url: '/wallet/oid4vci/credential',
      headers: { authorization: `Bearer ${access}` },
      payload: { credential_configuration_id: LDP, proofs: { jwt: [await makeProof(nonce)] } },
    });
  }

  const proof = (signWith: ProofKey, kid: string, claims: Json) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'EdDSA', typ: 'openid4vci-proof+jwt', kid })
      .setIssuedAt(Math.floor(clock.getTime() / 1000))
      .sign(signWith.privateKey);

  it('refuses a proof signed by a key other than the one it names, with invalid_proof', async () => {
    const named = aProofKey();
    const answer = await requestWithProof((nonce) => proof(aProofKey(), named.kid, { aud: ORIGIN, nonce }));
    expect(answer.statusCode, answer.body).toBe(400);
    expect(answer.json().error).toBe('invalid_proof');
  });

  it('refuses a proof with a nonce the server did not give, with invalid_nonce', async () => {
    const key = aProofKey();
    const answer = await requestWithProof(() => proof(key, key.kid, { aud: ORIGIN, nonce: 'made-up' }));
    expect(answer.statusCode, answer.body).toBe(400);
    expect(answer.json().error).toBe('invalid_nonce');
  });

  it('refuses a proof for another audience, with invalid_proof', async () => {
    const key = aProofKey();
    const answer = await requestWithProof((nonce) =>
      proof(key, key.kid, { aud: 'https://elsewhere.example', nonce }),
    );
    expect(answer.statusCode, answer.body).toBe(400);
    expect(answer.json().error).toBe('invalid_proof');
  });

  it('refuses a missing or reused access token with invalid_token', async () => {
    const none = await t.app.inject({ method: 'POST', url: '/wallet/oid4vci/credential', payload: {} });
    expect(none.statusCode).toBe(401);
    expect(none.json().error).toBe('invalid_token');
    const { offer } = await anOffer();
    const key = aProofKey();
    const { accessToken } = await receive(offer.openidCredentialOffer, LDP, key);
    const nonce = (await t.app.inject({ method: 'POST', url: '/wallet/oid4vci/nonce' })).json().c_nonce;
    const again = await t.app.inject({
      method: 'POST',
      url: '/wallet/oid4vci/credential',
      headers: { authorization: `Bearer ${accessToken}` },
      payload: {
        credential_configuration_id: LDP,
        proofs: { jwt: [await proof(key, key.kid, { aud: ORIGIN, nonce })] },
      },
    });
    expect(again.statusCode).toBe(401);
    expect(again.json().error).toBe('invalid_token');
  }, 120_000);

  it('refuses a format it does not issue', async () => {
    const { offer } = await anOffer();
    const access = (await token(offer.id)).json().access_token as string;
    const answer = await t.app.inject({
      method: 'POST',
      url: '/wallet/oid4vci/credential',
      headers: { authorization: `Bearer ${access}` },
      payload: { credential_configuration_id: 'mDL' },
    });
    expect(answer.statusCode).toBe(400);
    expect(answer.json().error).toMatch(/^(unknown_credential_configuration|invalid_credential_request)$/);
  });
});
