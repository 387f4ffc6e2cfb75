// The public page of an imported badge its learner made public: /imported/{id} (404 while private).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { pickLocale } from '../i18n/index.ts';
import { publicReport } from './model.ts';
import { renderImportedPage } from './page.ts';
import { publicImportedBadge } from './service.ts';

/** Other people's text, so no scripts at all; styles from here only; no remote images. */
const PAGE_CSP =
  "default-src 'none'; img-src 'self' data:; style-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

function localeOf(request: FastifyRequest): string {
  const query = request.query as { lang?: unknown } | undefined;
  if (typeof query?.lang === 'string') return pickLocale(query.lang);
  return pickLocale(request.headers['accept-language']?.split(',')[0]);
}

export async function importPublicRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/imported/:id',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['public documents'],
        summary:
          'The public page of a badge a learner imported from another issuer (HTML); 404 unless made public',
        params: z.object({ id: z.uuid() }),
        querystring: z.object({ lang: z.string().max(10).optional() }),
      },
    },
    async (request, reply) => {
      const badge = await publicImportedBadge(deps, request.params.id);
      const locale = localeOf(request);
      const html = renderImportedPage(
        {
          pageUrl: `${deps.config.publicUrl}/imported/${badge.id}`,
          badgeName: badge.badgeName,
          issuerName: badge.issuerName,
          issuerId: badge.issuerId,
          holderName: badge.holderName,
          validFrom: badge.validFrom,
          validUntil: badge.validUntil,
          report: publicReport(badge.report),
          checkedAt: badge.checkedAt,
        },
        locale,
      );
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'public, max-age=30')
        .header('vary', 'Accept-Language')
        .header('content-language', locale)
        .header('content-security-policy', PAGE_CSP)
        .send(html);
    },
  );
}
