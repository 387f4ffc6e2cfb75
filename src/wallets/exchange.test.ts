// The VC-API exchange (W3C VCALM) end to end through the real server, as a wallet runs it: read the
// interaction URL, ask the exchange ({}), answer DIDAuthentication with a did:key holder's presentation,
// receive the badge issued to that DID; the badge verifies with @digitalbazaar/vc and DCC's verifier-core.
import { readFileSync } from 'node:fs';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { verifyCredential as verifierCoreVerify } from '@digitalcredentials/verifier-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { createStaticDocumentLoader } from '../credentials/index.ts';
import { aLoggedInUser, type TestSession } from '../identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { anAcceptedAward, aWalletHolder, type WalletHolder } from './testing.ts';

type Json = Record<string, unknown>;
const DOMAIN = 'http://localhost:3000';
const SCHEMA_PREFIX = 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/';
const schemaDir = new URL('../../vendor/1edtech/schemas/ob_v3p0/', import.meta.url);

/** The parts of verifier-core's result these tests read. */
interface VerifierCoreResult {
  errors?: { name: string; message?: string }[];
  log: { id: string; valid: boolean }[];
}

describe('delivering a badge to a wallet through the VC-API exchange', () => {
  let t: TestApp;
  // Today: verifier-core checks validFrom against the real clock.
  const clock = new Date();
  let issuer: TestIssuer;
  let learner: TestSession & { email: string };
  let holder: WalletHolder;

  beforeAll(async () => {
    t = await createTestApp({ now: () => clock });
    issuer = await anIssuerWithOwner(t.app, t.deps, 'Wallet Academy');
    learner = await aLoggedInUser(t.app, t.deps, { name: 'Wanda Wallet' });
    holder = await aWalletHolder();
    // verifier-core fetches the issuer's did:web document, its status list and the schema: this server answers.
    vi.stubGlobal('fetch', async (input: string | URL | Request) => {
      const href = input instanceof Request ? input.url : String(input);
      const json = (body: string) => new Response(body, { headers: { 'content-type': 'application/json' } });
      if (href.startsWith(SCHEMA_PREFIX))
        return json(readFileSync(new URL(href.slice(SCHEMA_PREFIX.length), schemaDir), 'utf8'));
      const url = new URL(href);
      if (url.host !== 'localhost:3000') throw new TypeError(`offline test: refusing to fetch ${href}`);
      const answer = await t.app.inject({ method: 'GET', url: url.pathname });
      return new Response(answer.body, {
        status: answer.statusCode,
        headers: { 'content-type': 'application/json' },
      });
    });
  }, 240_000);
  afterAll(async () => {
    vi.unstubAllGlobals();
    await t?.close();
  });

  const newOffer = async (awardId: string, as: TestSession = learner) =>
    t.app.inject({ method: 'POST', url: `/api/v1/me/badges/${awardId}/wallet-offers`, headers: as.headers });
  const interaction = (url: string) =>
    t.app.inject({
      method: 'GET',
      url: new URL(url).pathname + new URL(url).search,
      headers: { accept: 'application/json' },
    });
  const exchange = (url: string, payload: Json) =>
    t.app.inject({ method: 'POST', url: new URL(url).pathname, payload });

  /** An accepted award, its offer and the exchange URL the interaction URL names. */
  async function anOpenExchange(name?: string) {
    const award = await anAcceptedAward(t.app, t.deps, issuer, learner, { name });
    const offer = await newOffer(award.id);
    expect(offer.statusCode, offer.body).toBe(201);
    const protocols = (await interaction(offer.json().interactionUrl)).json().protocols;
    return { award, offer: offer.json(), exchangeUrl: protocols.vcapi as string };
  }

  async function receive(exchangeUrl: string, by: WalletHolder = holder) {
    const request = (await exchange(exchangeUrl, {})).json().verifiablePresentationRequest;
    const presentation = await by.authenticate(request.challenge, request.domain);
    return exchange(exchangeUrl, { verifiablePresentation: presentation });
  }

  const issuerDidDocument = async () =>
    (await t.app.inject({ method: 'GET', url: `/issuers/${issuer.slug}/did.json` })).json();

  it('answers the interaction URL with the VC-API exchange a wallet continues with', async () => {
    const { offer, exchangeUrl } = await anOpenExchange();
    expect(offer.interactionUrl).toBe(`${DOMAIN}/wallet/i/${offer.id}?iuv=1`);
    expect(exchangeUrl).toBe(`${DOMAIN}/wallet/exchanges/${offer.id}`);
  });

  it('asks for DIDAuthentication with a did:key, a challenge and this server as domain', async () => {
    const { exchangeUrl } = await anOpenExchange();
    const response = await exchange(exchangeUrl, {});
    expect(response.statusCode, response.body).toBe(200);
    const request = response.json().verifiablePresentationRequest;
    expect(request).toMatchObject({
      query: { type: 'DIDAuthentication', acceptedMethods: [{ method: 'key' }] },
      domain: DOMAIN,
    });
    expect(request.challenge).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect((await exchange(exchangeUrl, {})).json().verifiablePresentationRequest.challenge).toBe(
      request.challenge,
    );
  });

  it('delivers the badge issued to the holder’s DID, keeping the hashed email and the award’s status entry', async () => {
    const { award, exchangeUrl } = await anOpenExchange('Wallet-ready payroll');
    const response = await receive(exchangeUrl);
    expect(response.statusCode, response.body).toBe(200);
    const [credential] = response.json().verifiablePresentation.verifiableCredential;
    const original = (
      await t.deps.db
        .selectFrom('issuedCredentials')
        .select('credential')
        .where('id', '=', award.credentialId ?? '')
        .executeTakeFirstOrThrow()
    ).credential as Json & { credentialSubject: Json };
    expect(credential.id).not.toBe(original.id);
    expect(credential.credentialSubject.id).toBe(holder.did);
    expect(credential.credentialSubject.identifier).toEqual(original.credentialSubject.identifier);
    expect(credential.credentialSubject.achievement.name).toBe('Wallet-ready payroll');
    expect(credential.credentialStatus).toEqual(original.credentialStatus);
    expect(credential.proof).toMatchObject([
      { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod' },
    ]);
  });

  it('delivers a credential that @digitalbazaar/vc and verifier-core both verify', async () => {
    const { exchangeUrl } = await anOpenExchange();
    const [credential] = (await receive(exchangeUrl)).json().verifiablePresentation.verifiableCredential;
    const didDocument = await issuerDidDocument();
    const loader = createStaticDocumentLoader((url) => {
      const [base] = url.split('#');
      if (base !== didDocument.id) return undefined;
      if (!url.includes('#')) return didDocument;
      const method = didDocument.verificationMethod.find((m: Json) => m.id === url);
      return { '@context': didDocument['@context'], ...method };
    });
    const reference = await vc.verifyCredential({
      credential,
      suite: new DataIntegrityProof({ cryptosuite }),
      documentLoader: loader,
      // The status entry is verifier-core's to check (below, and in the revocation test).
      checkStatus: async () => ({ verified: true }),
      now: clock,
    });
    expect(reference.error, JSON.stringify(reference.error)).toBeUndefined();
    expect(reference.verified).toBe(true);
    const core = (await verifierCoreVerify({
      credential,
      knownDIDRegistries: [],
    })) as unknown as VerifierCoreResult;
    expect(core.errors).toBeUndefined();
    expect(core.log.find((entry) => entry.id === 'valid_signature')?.valid).toBe(true);
    expect(core.log.find((entry) => entry.id === 'revocation_status')?.valid).toBe(true);
  });

  it('shows a revocation on Tessera in the wallet’s copy, through the shared status entry', async () => {
    const { award, exchangeUrl } = await anOpenExchange();
    const [credential] = (await receive(exchangeUrl)).json().verifiablePresentation.verifiableCredential;
    const revoked = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/awards/${award.id}/revoke`,
      headers: issuer.owner.headers,
      payload: { reason: 'Issued by mistake' },
    });
    expect(revoked.statusCode, revoked.body).toBe(200);
    const core = (await verifierCoreVerify({
      credential,
      knownDIDRegistries: [],
    })) as unknown as VerifierCoreResult;
    expect(core.log.find((entry) => entry.id === 'revocation_status')?.valid).toBe(false);
  });
});
