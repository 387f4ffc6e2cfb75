// Wallet offers and what the exchange refuses: only the earner makes a link, for an accepted badge; a link
// works once and for 15 minutes; a presentation for another challenge or domain, by another key, unsigned,
// or sent before the exchange began is refused with a problem+json 4xx. Browsers get the QR page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { aLoggedInUser, type TestSession } from '../identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { anAcceptedAward, aWalletHolder, type WalletHolder } from './testing.ts';

type Json = Record<string, unknown>;
const DOMAIN = 'http://localhost:3000';

describe('wallet offers and the exchange’s refusals', () => {
  let t: TestApp;
  let clock = new Date('2031-02-03T10:00:00Z');
  let issuer: TestIssuer;
  let learner: TestSession & { email: string };
  let other: TestSession & { email: string };
  let holder: WalletHolder;

  beforeAll(async () => {
    t = await createTestApp({ now: () => clock });
    issuer = await anIssuerWithOwner(t.app, t.deps, 'Offer Academy');
    learner = await aLoggedInUser(t.app, t.deps, { name: 'Lea Learner' });
    other = await aLoggedInUser(t.app, t.deps, { name: 'Otto Other' });
    holder = await aWalletHolder();
  }, 240_000);
  afterAll(() => t?.close());

  const newOffer = (awardId: string, as: TestSession = learner) =>
    t.app.inject({ method: 'POST', url: `/api/v1/me/badges/${awardId}/wallet-offers`, headers: as.headers });
  const exchange = (offerId: string, payload: Json) =>
    t.app.inject({ method: 'POST', url: `/wallet/exchanges/${offerId}`, payload });
  const interaction = (offerId: string, accept = 'application/json') =>
    t.app.inject({ method: 'GET', url: `/wallet/i/${offerId}?iuv=1`, headers: { accept } });

  async function anOffer(): Promise<string> {
    const award = await anAcceptedAward(t.app, t.deps, issuer, learner);
    const response = await newOffer(award.id);
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id;
  }
  async function started(offerId: string) {
    const response = await exchange(offerId, {});
    expect(response.statusCode, response.body).toBe(200);
    return response.json().verifiablePresentationRequest as { challenge: string; domain: string };
  }
  const expectProblem = (response: Awaited<ReturnType<typeof exchange>>, status: number, detail: RegExp) => {
    expect(response.statusCode, response.body).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().detail).toMatch(detail);
  };

  it('makes a link that expires in 15 minutes for the earner’s accepted badge', async () => {
    const award = await anAcceptedAward(t.app, t.deps, issuer, learner);
    const response = await newOffer(award.id);
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({
      awardId: award.id,
      expiresAt: new Date(clock.getTime() + 15 * 60_000).toISOString(),
      qrCodeUrl: `${DOMAIN}/wallet/i/${response.json().id}/qr.svg`,
    });
  });

  it('answers 404 to someone making a link for a badge that is not theirs', async () => {
    const award = await anAcceptedAward(t.app, t.deps, issuer, learner);
    expect((await newOffer(award.id, other)).statusCode).toBe(404);
  });

  it('refuses a link for a badge not accepted yet', async () => {
    const award = await anAcceptedAward(t.app, t.deps, issuer, learner);
    await t.deps.db.updateTable('awards').set({ state: 'offered' }).where('id', '=', award.id).execute();
    const response = await newOffer(award.id);
    expect(response.statusCode).toBe(409);
    expect(response.json().type).toBe('/problems/award-not-accepted');
  });

  it('retires the previous link when a new one is made', async () => {
    const award = await anAcceptedAward(t.app, t.deps, issuer, learner);
    const first = (await newOffer(award.id)).json().id;
    const second = (await newOffer(award.id)).json().id;
    expect((await interaction(first)).statusCode).toBe(410);
    expect((await interaction(second)).statusCode).toBe(200);
  });

  it('completes once: the same presentation sent again is refused as used', async () => {
    const offerId = await anOffer();
    const { challenge, domain } = await started(offerId);
    const presentation = await holder.authenticate(challenge, domain);
    expect((await exchange(offerId, { verifiablePresentation: presentation })).statusCode).toBe(200);
    expectProblem(await exchange(offerId, { verifiablePresentation: presentation }), 409, /used already/);
    expect((await interaction(offerId)).statusCode).toBe(409);
  });

  it('refuses an expired link, to the wallet reading it and to the exchange', async () => {
    const offerId = await anOffer();
    const { challenge, domain } = await started(offerId);
    const presentation = await holder.authenticate(challenge, domain);
    clock = new Date(clock.getTime() + 15 * 60_000 + 1);
    try {
      expectProblem(await interaction(offerId), 410, /expired/);
      expectProblem(await exchange(offerId, { verifiablePresentation: presentation }), 410, /expired/);
    } finally {
      clock = new Date(clock.getTime() - 15 * 60_000 - 1);
    }
  });

  it('refuses a presentation signed for another challenge', async () => {
    const offerId = await anOffer();
    const { domain } = await started(offerId);
    const presentation = await holder.authenticate('a-challenge-from-elsewhere', domain);
    expectProblem(await exchange(offerId, { verifiablePresentation: presentation }), 400, /challenge/);
  });

  it('refuses a presentation signed for another domain', async () => {
    const offerId = await anOffer();
    const { challenge } = await started(offerId);
    const presentation = await holder.authenticate(challenge, 'https://elsewhere.example');
    expectProblem(await exchange(offerId, { verifiablePresentation: presentation }), 400, /domain/);
  });

  it('refuses a presentation naming one DID as holder but signed by another key', async () => {
    const offerId = await anOffer();
    const { challenge, domain } = await started(offerId);
    const impostor = await aWalletHolder();
    const presentation = await impostor.authenticate(challenge, domain, holder.did);
    expectProblem(
      await exchange(offerId, { verifiablePresentation: presentation }),
      400,
      /someone other than its holder/,
    );
  });

  it('refuses an unsigned presentation', async () => {
    const offerId = await anOffer();
    await started(offerId);
    const unsigned = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiablePresentation'],
      holder: holder.did,
    };
    expectProblem(await exchange(offerId, { verifiablePresentation: unsigned }), 400, /not signed/);
  });

  it('refuses a presentation sent before the exchange gave its challenge', async () => {
    const offerId = await anOffer();
    const presentation = await holder.authenticate('guessed', DOMAIN);
    expectProblem(
      await exchange(offerId, { verifiablePresentation: presentation }),
      409,
      /Start the exchange/,
    );
  });

  it('answers 404 for an unknown link and 400 for one that is not a link id', async () => {
    expect((await exchange('8b0c0f57-2d5e-4b59-9d0b-6f3a7e0c1d22', {})).statusCode).toBe(404);
    expect((await exchange('not-a-link', {})).statusCode).toBe(400);
  });

  it('shows a browser the QR code and the link to open in a wallet', async () => {
    const offerId = await anOffer();
    const page = await interaction(offerId, 'text/html,application/xhtml+xml,*/*;q=0.8');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain(`src="/wallet/i/${offerId}/qr.svg"`);
    expect(page.body).toContain(`href="${DOMAIN}/wallet/i/${offerId}?iuv=1"`);
    const qr = await t.app.inject({ method: 'GET', url: `/wallet/i/${offerId}/qr.svg` });
    expect(qr.headers['content-type']).toContain('image/svg+xml');
    expect(qr.body).toMatch(/^<svg/);
  });

  it('answers JSON to a wallet that sends no Accept header', async () => {
    const offerId = await anOffer();
    const response = await t.app.inject({ method: 'GET', url: `/wallet/i/${offerId}?iuv=1` });
    const offerUri = encodeURIComponent(`${DOMAIN}/wallet/oid4vci/offers/${offerId}`);
    expect(response.json()).toEqual({
      protocols: {
        vcapi: `${DOMAIN}/wallet/exchanges/${offerId}`,
        OID4VCI: `openid-credential-offer://?credential_offer_uri=${offerUri}`,
      },
    });
  });
});
