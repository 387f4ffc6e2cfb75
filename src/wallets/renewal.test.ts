// A renewed badge and the wallet: the renewal can be sent to a wallet again (a fresh offer, a new copy), and
// the copy the wallet received before says "superseded" in Tessera's verifiers (the API and page behind
// /verify, and the VC-API verifier), as the award's own old credential does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { awardBadge } from '../badges/award.ts';
import { findVersion } from '../badges/definition-store.ts';
import { validateOpenBadgeCredential } from '../credentials/schema/index.ts';
import { aLoggedInUser, type TestSession } from '../identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { anAcceptedAward, aWalletHolder, type WalletHolder } from './testing.ts';

type Json = Record<string, unknown>;

describe('a badge renewed after it went to a wallet', () => {
  let t: TestApp;
  const clock = new Date();
  let issuer: TestIssuer;
  let learner: TestSession & { email: string };
  let holder: WalletHolder;

  beforeAll(async () => {
    t = await createTestApp({ now: () => clock });
    issuer = await anIssuerWithOwner(t.app, t.deps, 'Renewal Academy');
    learner = await aLoggedInUser(t.app, t.deps, { name: 'Rita Renewed' });
    holder = await aWalletHolder();
  }, 240_000);
  afterAll(() => t?.close());

  const newOffer = (awardId: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/me/badges/${awardId}/wallet-offers`,
      headers: learner.headers,
    });

  /** The VC-API exchange a wallet runs on the offer's interaction URL: the copy it receives. */
  async function aWalletCopy(awardId: string): Promise<Json> {
    const offer = await newOffer(awardId);
    expect(offer.statusCode, offer.body).toBe(201);
    const exchangeUrl = new URL(offer.json().interactionUrl).pathname.replace(
      '/wallet/i/',
      '/wallet/exchanges/',
    );
    const started = await t.app.inject({ method: 'POST', url: exchangeUrl, payload: {} });
    const { challenge, domain } = started.json().verifiablePresentationRequest;
    const presentation = await holder.authenticate(challenge, domain);
    const done = await t.app.inject({
      method: 'POST',
      url: exchangeUrl,
      payload: { verifiablePresentation: presentation },
    });
    expect(done.statusCode, done.body).toBe(200);
    return done.json().verifiablePresentation.verifiableCredential[0];
  }

  /** The next cycle of the award, as a retaken course makes it: accepted at once, the old one superseded. */
  async function renew(award: { badgeVersionId: string }) {
    const version = await findVersion(t.deps.db, award.badgeVersionId);
    if (!version) throw new Error('award without a version');
    const { award: renewed } = await t.deps.db.transaction().execute((trx) =>
      awardBadge(t.deps, trx, {
        version,
        email: learner.email,
        userId: learner.userId,
        source: 'renewal',
        cycle: 2,
      }),
    );
    return renewed;
  }

  const verifyApi = (credential: Json) =>
    t.app.inject({ method: 'POST', url: '/api/v1/verify', payload: { credential } });
  const verifyVcApi = (credential: Json) =>
    t.app.inject({
      method: 'POST',
      url: '/credentials/verify',
      payload: { verifiableCredential: credential },
    });
  const supersededWarnings = (body: { warnings: { type: string }[] }) =>
    body.warnings.filter((w) => w.type === '/problems/verification/warning/superseded');

  it('lets the renewed badge go to a wallet, and refuses a new link for the replaced one', async () => {
    const award = await anAcceptedAward(t.app, t.deps, issuer, learner, { name: 'Forklift safety' });
    await aWalletCopy(award.id);
    const renewed = await renew(award);
    expect(renewed.state).toBe('accepted');

    const again = await newOffer(award.id);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ type: '/problems/award-superseded' });
    const copy = await aWalletCopy(renewed.id);
    expect(copy.credentialSubject).toMatchObject({
      id: holder.did,
      achievement: { name: 'Forklift safety' },
    });
  });

  it('says the old wallet copy is superseded in /api/v1/verify, the /verify page and the VC-API verifier', async () => {
    const award = await anAcceptedAward(t.app, t.deps, issuer, learner, { name: 'Crane signals' });
    const oldCopy = await aWalletCopy(award.id);
    const before = await verifyApi(oldCopy);
    expect(before.json()).toMatchObject({ verdict: 'verified', standing: 'verified' });
    expect(before.json().superseded).toBeUndefined();

    const renewed = await renew(award);
    const newCopy = await aWalletCopy(renewed.id);

    const report = await verifyApi(oldCopy);
    expect(report.statusCode, report.body).toBe(200);
    expect(report.json()).toMatchObject({ verdict: 'verified', superseded: true, standing: 'superseded' });
    expect((await verifyApi(newCopy)).json()).toMatchObject({ verdict: 'verified', standing: 'verified' });

    const page = await t.app.inject({
      method: 'POST',
      url: '/verify',
      payload: { credential: JSON.stringify(oldCopy) },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Replaced by a renewal');

    const vcApi = await verifyVcApi(oldCopy);
    expect(vcApi.statusCode, vcApi.body).toBe(200);
    expect(vcApi.json().verified).toBe(true);
    expect(supersededWarnings(vcApi.json())).toHaveLength(1);
    expect(supersededWarnings((await verifyVcApi(newCopy)).json())).toEqual([]);
  });

  it('does not call a copy superseded when another issuer’s key signed it under the same id', async () => {
    const award = await anAcceptedAward(t.app, t.deps, issuer, learner, { name: 'Scaffold inspection' });
    const copy = await aWalletCopy(award.id);
    await renew(award);
    const forged = { ...copy, issuer: { ...(copy.issuer as Json), id: 'did:web:elsewhere.example' } };
    const report = (await verifyApi(forged)).json();
    expect(report.verdict).not.toBe('verified');
    expect(report.superseded).toBeUndefined();
  });

  it('keeps the copy’s one status entry, since OB 3.0 allows no second one saying “superseded”', async () => {
    const award = await anAcceptedAward(t.app, t.deps, issuer, learner, { name: 'Rigging basics' });
    const copy = await aWalletCopy(award.id);
    expect(copy.credentialStatus).toMatchObject({
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
    });
    expect(validateOpenBadgeCredential(copy)).toEqual({ valid: true, errors: [] });
    // A message entry beside it (docs/decisions.md 33) makes the copy fail the OB 3.0 JSON schema.
    const withMessage = {
      ...copy,
      credentialStatus: [
        copy.credentialStatus,
        {
          id: 'https://tessera.example/issuers/x/status/message/1#7',
          type: 'BitstringStatusListEntry',
          statusPurpose: 'message',
          statusListIndex: '7',
          statusListCredential: 'https://tessera.example/issuers/x/status/message/1',
          statusSize: 1,
          statusMessage: [
            { status: '0x0', message: 'current' },
            { status: '0x1', message: 'superseded by a renewal' },
          ],
        },
      ],
    };
    expect(validateOpenBadgeCredential(withMessage).errors.map((e) => e.message)).toContain(
      '/credentialStatus must be object',
    );
  });
});
