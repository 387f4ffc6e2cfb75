// Public badge pages (/badges/{awardId}: HTML for people, the credential for clients that ask for it)
// and the learner's sharing choices (/api/v1/me/badges/{awardId}/sharing). A badge URL that shows nothing
// (unknown, malformed or private) is a 404 page for browsers and problem+json for API clients.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { ForbiddenError, NotFoundError } from '../errors.ts';
import { pickLocale } from '../i18n/index.ts';
import { DOWNLOADS, downloadOf } from './downloads.ts';
import { renderBadgeNotFoundPage } from './not-found-page.ts';
import { BADGE_PAGE_CSS, renderBadgePage } from './page.ts';
import { pageCacheOf, pageExpiry } from './page-cache.ts';
import { previewPng } from './preview.ts';
import { profilePublicRoutes, profileRoutes } from './profile-routes.ts';
import {
  badgePageView,
  changeSharing,
  createReportCache,
  credentialIsShared,
  heldAward,
  publicAward,
  REPORT_TTL_MS,
} from './service.ts';
import { sharePublicRoutes, shareRoutes } from './share-routes.ts';

const awardParams = z.object({ awardId: z.uuid() });
/** Strict for pages that show other people's text: no scripts at all, styles and images from here only. */
const PAGE_CSP =
  "default-src 'none'; img-src 'self' data:; style-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

type Representation = 'html' | 'json' | 'jwt';

/** Content negotiation on the badge URL: the credential for clients that ask for it, the page otherwise. */
export function representationFor(accept: string | undefined): Representation {
  const types = (accept ?? '')
    .split(',')
    .map((part) => part.split(';')[0]?.trim().toLowerCase() ?? '')
    .filter(Boolean);
  for (const type of types) {
    if (type === 'text/html' || type === 'application/xhtml+xml') return 'html';
    if (type === 'application/vc+jwt' || type === 'application/jwt') return 'jwt';
    if (
      ['application/ld+json', 'application/vc+ld+json', 'application/vc', 'application/json'].includes(type)
    )
      return 'json';
  }
  return 'html';
}

function localeOf(request: FastifyRequest): string {
  const query = request.query as { lang?: unknown } | undefined;
  if (typeof query?.lang === 'string') return pickLocale(query.lang);
  return pickLocale(request.headers['accept-language']?.split(',')[0]);
}

function sendPage(reply: FastifyReply, locale: string, html: string): FastifyReply {
  return reply
    .type('text/html; charset=utf-8')
    .header('cache-control', 'public, max-age=30')
    .header('content-language', locale)
    .header('content-security-policy', PAGE_CSP)
    .send(html);
}

function publicHeaders(reply: FastifyReply): FastifyReply {
  return reply.header('vary', 'Accept, Accept-Language').header('access-control-allow-origin', '*');
}

/** A browser asking for a badge that is not there (or not a badge id) gets a page; anyone else, the problem. */
function badgeNotFoundForBrowsers(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const missing = error instanceof NotFoundError || error.validation !== undefined;
  if (!missing || representationFor(request.headers.accept) !== 'html') throw error;
  const locale = localeOf(request);
  return publicHeaders(reply)
    .code(404)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-cache')
    .header('content-language', locale)
    .header('content-security-policy', PAGE_CSP)
    .send(renderBadgeNotFoundPage(locale));
}

export async function showcasePublicRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const cache = createReportCache();
  const pages = pageCacheOf(deps);
  const tags = ['public documents'];

  r.get(
    '/badges/:awardId',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary:
          'A public badge page (HTML), or its credential as JSON-LD (Accept: application/ld+json) or VC-JWT (Accept: application/vc+jwt); 404 unless its learner made it public',
        params: awardParams,
        querystring: z.object({ lang: z.string().max(10).optional() }),
      },
      errorHandler: badgeNotFoundForBrowsers,
    },
    async (request, reply) => {
      const { awardId } = request.params;
      const wanted = representationFor(request.headers.accept);
      if (wanted !== 'html') {
        const award = await publicAward(deps, awardId);
        // The page hides the evidence unless the learner shows it; the signed credential cannot, so it stays home.
        if (!credentialIsShared(award))
          throw new ForbiddenError(
            'The learner shares this badge page but not its credential, which holds their results and evidence. The page shows the verified badge; ask the learner for the credential itself.',
          );
        if (wanted === 'json')
          return publicHeaders(reply)
            .type('application/ld+json')
            .header('cache-control', 'public, max-age=60')
            .send(award.credential);
        if (award.jwt)
          return publicHeaders(reply)
            .type('application/vc+jwt')
            .header('cache-control', 'public, max-age=60')
            .send(award.jwt);
      }
      const locale = localeOf(request);
      const html = await pages.load(awardId, locale, deps.now(), async () => {
        const view = await badgePageView(deps, cache, await publicAward(deps, awardId));
        return {
          html: renderBadgePage(view, locale),
          expiresAt: pageExpiry(view.now, view.checkedAt, REPORT_TTL_MS),
        };
      });
      return sendPage(publicHeaders(reply), locale, html);
    },
  );

  r.get(
    '/badges/:awardId/preview.png',
    {
      config: { auth: 'public', embeddable: true },
      schema: {
        tags,
        summary: "The badge's picture as PNG for link previews (Open Graph, Twitter cards, email signatures)",
        params: awardParams,
      },
    },
    async (request, reply) => {
      const award = await publicAward(deps, request.params.awardId);
      const png = await previewPng(deps, award.badgeVersionId);
      return publicHeaders(reply)
        .type('image/png')
        .header('cache-control', 'public, max-age=86400')
        .send(png);
    },
  );

  await sharePublicRoutes(app, { deps, cache });
  await profilePublicRoutes(app, { deps });

  app.get(
    '/badges/badge.css',
    { config: { auth: 'public' }, schema: { hide: true } },
    async (_request, reply) =>
      reply
        .type('text/css; charset=utf-8')
        .header('cache-control', 'public, max-age=3600')
        .send(BADGE_PAGE_CSS),
  );
}

const sharingBody = z
  .object({
    visibility: z.enum(['private', 'public']).optional(),
    showName: z.boolean().optional(),
    showEvidence: z.boolean().optional(),
  })
  .strict();

export async function showcaseRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  await shareRoutes(app, { deps });
  await profileRoutes(app, { deps });
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/me/badges/:awardId/downloads/:file',
    {
      config: { scope: 'read' },
      schema: {
        tags: ['badges'],
        summary:
          'Download one of my accepted badges: baked PNG/SVG (OB 3.0 JSON, or JWT), baked OB 2.0 PNG/SVG (hosted assertion), the credential JSON or the VC-JWT',
        params: awardParams.extend({ file: z.enum(DOWNLOADS) }),
      },
    },
    async (request, reply) => {
      const award = await heldAward(deps, request.actor, request.params.awardId);
      const file = await downloadOf(deps, award, request.params.file);
      return reply
        .type(file.contentType)
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .header('cache-control', 'private, no-store')
        .send(file.bytes);
    },
  );
  r.put(
    '/me/badges/:awardId/sharing',
    {
      config: { scope: 'learning:write' },
      schema: {
        tags: ['badges'],
        summary:
          'Make one of my accepted badges public or private, and choose whether its page shows my name and the evidence',
        params: awardParams,
        body: sharingBody,
        response: {
          200: z.object({
            id: z.string(),
            visibility: z.enum(['private', 'public']),
            showName: z.boolean(),
            showEvidence: z.boolean(),
            pageUrl: z.string(),
          }),
        },
      },
    },
    async (request) => changeSharing(deps, request.actor, request.params.awardId, request.body),
  );
}
