// Badges into wallets: the earner's "Add to wallet" (under /api/v1), and the public interaction URL, its QR
// code and the VC-API exchange a wallet runs (at the root; the offer's random id is the only credential).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { pickLocale } from '../i18n/index.ts';
import { interactionUrl, openidCredentialOfferLink } from './model.ts';
import { credentialOfferByValue } from './oid4vci.ts';
import { prefersHtml, qrSvg, renderOfferPage, renderUnusablePage } from './page.ts';
import { beginExchange, createWalletOffer, finishExchange, interactionOf, offerForPage } from './service.ts';

const tags = ['wallets'];
const offerParams = z.object({ offerId: z.uuid() });
const json = z.record(z.string(), z.unknown());
const PAGE_CSP =
  "default-src 'none'; img-src 'self'; style-src 'self' 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const offerReply = z.object({
  id: z.string(),
  awardId: z.string(),
  /** The interaction URL (VCALM): what the QR code holds and what "Open in wallet" opens. */
  interactionUrl: z.string(),
  qrCodeUrl: z.string(),
  /** The same offer for OpenID wallets (OID4VCI 1.0), by reference: what the OpenID QR code holds. */
  openidCredentialOffer: z.string(),
  /** …and by value (`credential_offer=` the whole offer object, pre-authorized code included). */
  openidCredentialOfferByValue: z.string(),
  /** Only when asked for: the code an OpenID wallet's user types in (show it to the learner, never in the QR). */
  txCode: z.string().optional(),
  expiresAt: z.date(),
});

export async function walletRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/me/badges/:awardId/wallet-offers',
    {
      config: { scope: 'learning:write' },
      schema: {
        tags,
        summary:
          'Make a link and QR code that delivers one of my accepted badges to a wallet (single use, expires in 15 minutes; a new one retires the previous)',
        params: z.object({ awardId: z.uuid() }),
        body: z
          .object({
            /** Protect the OpenID offer with a transaction code (OID4VCI `tx_code`) the learner is shown. */
            txCode: z.boolean().optional(),
          })
          .strict()
          .nullish(),
        response: { 201: offerReply },
      },
    },
    async (request, reply) => {
      const offer = await createWalletOffer(deps, request.actor, request.params.awardId, {
        txCode: request.body?.txCode,
      });
      const byValue = await credentialOfferByValue(deps, offer.id);
      return reply.code(201).send({ ...offer, openidCredentialOfferByValue: byValue });
    },
  );
}

function localeOf(request: FastifyRequest): string {
  return pickLocale(request.headers['accept-language']?.split(',')[0]);
}

function sendPage(reply: FastifyReply, locale: string, status: number, html: string): FastifyReply {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('content-language', locale)
    .header('content-security-policy', PAGE_CSP)
    .send(html);
}

export async function walletPublicRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/wallet/i/:offerId',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary:
          'The interaction URL (W3C VCALM): a wallet (Accept: application/json) gets the protocols to continue with; a browser gets the QR code and link',
        params: offerParams,
        querystring: z.object({ iuv: z.string().max(8).optional() }).passthrough(),
        response: { 200: z.object({ protocols: z.object({ vcapi: z.string(), OID4VCI: z.string() }) }) },
      },
    },
    async (request, reply) => {
      reply.header('vary', 'Accept, Accept-Language').header('cache-control', 'no-store');
      if (!prefersHtml(request.headers.accept)) {
        const { protocols } = await interactionOf(deps, request.params.offerId);
        return { protocols };
      }
      const locale = localeOf(request);
      const found = await offerForPage(deps, request.params.offerId);
      if (!found) return sendPage(reply, locale, 404, renderUnusablePage(locale, 'missing'));
      const { offer, state } = found;
      if (state !== 'open')
        return sendPage(reply, locale, state === 'expired' ? 410 : 409, renderUnusablePage(locale, state));
      const url = interactionUrl(deps.config.publicUrl, offer.id);
      const openid = openidCredentialOfferLink(deps.config.publicUrl, offer.id);
      return sendPage(
        reply,
        locale,
        200,
        renderOfferPage({
          locale,
          offerId: offer.id,
          interactionUrl: url,
          openidCredentialOffer: openid,
          expiresAt: offer.expiresAt,
        }),
      );
    },
  );

  // Two QR codes per offer: the interaction URL (VC-API wallets such as LCW) and the OID4VCI credential offer.
  const qrCodes = [
    {
      path: 'qr.svg',
      summary: 'The QR code (SVG) of an open wallet offer’s interaction URL',
      link: interactionUrl,
    },
    {
      path: 'openid-qr.svg',
      summary: 'The QR code (SVG) of an open wallet offer’s OID4VCI credential offer, for OpenID wallets',
      link: openidCredentialOfferLink,
    },
  ];
  for (const qr of qrCodes) {
    r.get(
      `/wallet/i/:offerId/${qr.path}`,
      { config: { auth: 'public' }, schema: { tags, summary: qr.summary, params: offerParams } },
      async (request, reply) => {
        const { offer } = await interactionOf(deps, request.params.offerId);
        return reply
          .type('image/svg+xml')
          .header('cache-control', 'no-store')
          .send(await qrSvg(qr.link(deps.config.publicUrl, offer.id)));
      },
    );
  }

  r.post(
    '/wallet/exchanges/:offerId',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary:
          'The VC-API exchange: {} asks for DIDAuthentication (did:key, challenge, domain); the signed presentation is answered with the badge issued to that DID. Completes once.',
        params: offerParams,
        body: z.object({ verifiablePresentation: json.optional() }).passthrough(),
        response: {
          200: z.union([
            z.object({
              verifiablePresentationRequest: z.object({
                query: z.object({
                  type: z.literal('DIDAuthentication'),
                  acceptedMethods: z.array(z.object({ method: z.string() })),
                }),
                challenge: z.string(),
                domain: z.string(),
              }),
            }),
            z.object({ verifiablePresentation: json }),
          ]),
        },
      },
    },
    async (request) => {
      const { verifiablePresentation } = request.body;
      return verifiablePresentation === undefined
        ? beginExchange(deps, request.params.offerId)
        : finishExchange(deps, request.params.offerId, verifiablePresentation);
    },
  );
}
