// GET /issuers/{slug}: an issuer's public page (issuer-page.ts), in the reader's language (?lang= or
// Accept-Language). An unknown issuer answers 404 like every unknown public resource.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { NotFoundError } from '../errors.ts';
import { pickLocale } from '../i18n/index.ts';
import { issuerPage, renderIssuerPage } from './issuer-page.ts';

const PAGE_CSP =
  "default-src 'none'; img-src 'self' data:; style-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export async function issuerPageRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/issuers/:slug',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['catalog'],
        summary: "An issuer's public page: its badges, logo, description, contact and DIDs (HTML)",
        params: z.object({ slug: z.string().regex(/^[a-z0-9-]{1,64}$/) }),
        querystring: z.object({ lang: z.string().max(20).optional() }),
      },
    },
    async (request, reply) => {
      const page = await issuerPage(deps, request.params.slug);
      if (!page) throw new NotFoundError('issuer');
      const locale = pickLocale(request.query.lang ?? request.headers['accept-language']?.split(',')[0]);
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'public, max-age=60')
        .header('content-language', locale)
        .header('content-security-policy', PAGE_CSP)
        .header('vary', 'Accept-Language')
        .send(renderIssuerPage(locale, page));
    },
  );
}
