// Sharing a public badge: the embeddable card, oEmbed, QR codes, and the learner's share links.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { NotFoundError } from '../errors.ts';
import { pickLocale } from '../i18n/index.ts';
import { EMBED_CSS, renderEmbedCard } from './embed.ts';
import { badgePageView, heldAward, publicAward, type ReportCache, shareFactsOf } from './service.ts';
import { oembedOf, qrCode, shareLinks } from './sharing.ts';

const awardParams = z.object({ awardId: z.uuid() });
const EMBED_CSP = "default-src 'none'; img-src 'self'; style-src 'self'; base-uri 'none'; form-action 'none'";
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

export async function sharePublicRoutes(
  app: FastifyInstance,
  { deps, cache }: { deps: Deps; cache: ReportCache },
): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['public documents'];

  r.get(
    '/badges/:awardId/embed',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'A small live card of a public badge, made to be shown in an iframe on any website',
        params: awardParams,
        querystring: z.object({ lang: z.string().max(10).optional() }),
      },
    },
    async (request, reply) => {
      const award = await publicAward(deps, request.params.awardId);
      const locale = pickLocale(request.query.lang ?? request.headers['accept-language']?.split(',')[0]);
      const view = await badgePageView(deps, cache, award);
      // Made to be framed anywhere: no frame-ancestors restriction, and no X-Frame-Options.
      reply.removeHeader('x-frame-options');
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'public, max-age=30')
        .header('content-security-policy', EMBED_CSP)
        .send(renderEmbedCard(view, locale));
    },
  );

  app.get(
    '/badges/embed.css',
    { config: { auth: 'public' }, schema: { hide: true } },
    async (_request, reply) =>
      reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(EMBED_CSS),
  );

  r.get(
    '/oembed',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary:
          'oEmbed (https://oembed.com) for public badge pages: a "rich" response with the embeddable card',
        querystring: z.object({
          url: z.string().max(2048),
          format: z.enum(['json']).default('json'),
          maxwidth: z.coerce.number().int().positive().optional(),
          maxheight: z.coerce.number().int().positive().optional(),
        }),
      },
    },
    async (request, reply) => {
      const pattern = new RegExp(`^${escapeRegExp(deps.config.publicUrl)}/badges/(${UUID})/?$`);
      const awardId = pattern.exec(request.query.url)?.[1];
      if (!awardId) throw new NotFoundError('badge');
      const award = await publicAward(deps, awardId);
      return reply
        .header('access-control-allow-origin', '*')
        .header('cache-control', 'public, max-age=300')
        .send(oembedOf(shareFactsOf(deps, award), deps.config.publicUrl));
    },
  );

  for (const format of ['svg', 'png'] as const) {
    r.get(
      `/badges/:awardId/qr.${format}`,
      {
        config: { auth: 'public', embeddable: true },
        schema: {
          tags,
          summary: `A QR code (${format.toUpperCase()}) of the public badge page, for print`,
          params: awardParams,
        },
      },
      async (request, reply) => {
        const award = await publicAward(deps, request.params.awardId);
        const bytes = await qrCode(shareFactsOf(deps, award).pageUrl, format);
        return reply
          .type(format === 'svg' ? 'image/svg+xml' : 'image/png')
          .header('cache-control', 'public, max-age=86400')
          .send(bytes);
      },
    );
  }
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const shareResponse = z.object({
  public: z.boolean(),
  showName: z.boolean(),
  showEvidence: z.boolean(),
  pageUrl: z.string(),
  linkedInAddToProfile: z.string(),
  linkedInPost: z.string(),
  x: z.string(),
  facebook: z.string(),
  email: z.string(),
  embedHtml: z.string(),
  oembedUrl: z.string(),
  emailSignatureHtml: z.string(),
  qrSvgUrl: z.string(),
  qrPngUrl: z.string(),
});

export async function shareRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/me/badges/:awardId/share',
    {
      config: { scope: 'read' },
      schema: {
        tags: ['badges'],
        summary:
          'Share links of one of my accepted badges (LinkedIn add-to-profile and post, X, Facebook, email, embed, email signature, QR); they work once the badge is public',
        params: awardParams,
        response: { 200: shareResponse },
      },
    },
    async (request) => {
      const award = await heldAward(deps, request.actor, request.params.awardId);
      return {
        public: award.visibility === 'public',
        showName: award.showName,
        showEvidence: award.showEvidence,
        ...shareLinks(shareFactsOf(deps, award), deps.config.publicUrl),
      };
    },
  );
}
