// Public pages of the skill frameworks, mounted at the root: a page per concept (/skills/{framework}/{code})
// and per occupation (/occupations/{framework}/{code}), and the attribution page of each framework's data
// (/about/data/onet, /about/data/esco). HTML for people, served like the public badge page (strict CSP,
// short public cache); a client that prefers JSON gets the same facts as JSON, and problem+json when
// there is no such concept or occupation.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { NotFoundError } from '../errors.ts';
import { pickLocale } from '../i18n/index.ts';
import { occupationDetail } from './occupation-detail.ts';
import { renderAboutDataPage } from './page-about.ts';
import { renderConceptPage, renderNotFoundPage, renderOccupationPage } from './page-concepts.ts';
import { conceptPage, FRAMEWORKS, frameworkRelease } from './page-data.ts';
import {
  aboutDataPath,
  occupationPath,
  SKILL_PAGES_CSS,
  SKILL_PAGES_CSS_PATH,
  skillPath,
} from './page-layout.ts';

/** As on the public badge page: no scripts at all, styles and images from here only. */
const PAGE_CSP =
  "default-src 'none'; img-src 'self' data:; style-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const conceptParams = z.object({
  framework: z
    .string()
    .max(20)
    .meta({ description: 'onet or esco', examples: ['onet'] }),
  code: z
    .string()
    .min(1)
    .max(300)
    .meta({ description: 'O*NET code, or the ESCO concept URI, URL-encoded', examples: ['2.B.3.e'] }),
});
const pageQuery = z.object({
  lang: z
    .string()
    .max(35)
    .optional()
    .meta({ description: 'Language of the page (en, es); else Accept-Language' }),
});
const NEGOTIATED =
  'Content-negotiated: browsers get a server-rendered page; a client that prefers application/json gets the same facts as JSON. Unknown → 404 (a page, or problem+json).';

interface PageRequest {
  query: unknown;
  headers: FastifyRequest['headers'];
}

function quality(params: string[]): number {
  const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
  const value = q ? Number.parseFloat(q.slice(2)) : 1;
  return Number.isFinite(value) ? value : 0;
}

/** JSON when the client ranks application/json above HTML (as the badge page decides, with q-values); else the page. */
export function prefersJson(accept: string | undefined): boolean {
  let html = -1;
  let json = -1;
  for (const entry of (accept ?? '').split(',')) {
    const [range = '', ...params] = entry.trim().toLowerCase().split(';');
    const type = range.trim();
    if ((type === 'text/html' || type === 'application/xhtml+xml') && html < 0) html = quality(params);
    if ((type === 'application/json' || type === 'application/problem+json') && json < 0)
      json = quality(params);
  }
  return json > 0 && json > html;
}

function localeOf(request: PageRequest): string {
  const lang = (request.query as { lang?: unknown } | undefined)?.lang;
  if (typeof lang === 'string') return pickLocale(lang);
  return pickLocale(request.headers['accept-language']?.split(',')[0]);
}

function sendPage(reply: FastifyReply, status: number, locale: string, page: string): FastifyReply {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', status === 200 ? 'public, max-age=30' : 'no-store')
    .header('content-language', locale)
    .header('content-security-policy', PAGE_CSP)
    .header('vary', 'Accept, Accept-Language')
    .header('access-control-allow-origin', '*')
    .send(page);
}

/** A browser asking for an unknown or malformed concept gets the page that says so, not problem+json. */
function notFoundPage(what: 'skill' | 'occupation') {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const missing = error instanceof NotFoundError || hasZodFastifySchemaValidationErrors(error);
    if (!missing || prefersJson(request.headers.accept)) throw error;
    const params = request.params as { framework?: unknown; code?: unknown };
    const framework = String(params.framework ?? '').slice(0, 20);
    const code = String(params.code ?? '').slice(0, 300);
    const locale = localeOf(request);
    const path = what === 'skill' ? `/skills/${framework}` : `/occupations/${framework}`;
    return sendPage(reply, 404, locale, renderNotFoundPage(locale, path, what, framework, code));
  };
}

export async function skillPublicRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['public documents'];

  app.get(
    SKILL_PAGES_CSS_PATH,
    { config: { auth: 'public' }, schema: { hide: true } },
    async (_request, reply) =>
      reply
        .type('text/css; charset=utf-8')
        .header('cache-control', 'public, max-age=3600')
        .send(SKILL_PAGES_CSS),
  );

  r.get(
    '/skills/:framework/:code',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary:
          'A skill or knowledge concept of O*NET or ESCO (HTML): its label, description, alternative labels and the 10 occupations where it matters most',
        description: NEGOTIATED,
        params: conceptParams,
        querystring: pageQuery,
      },
      errorHandler: notFoundPage('skill'),
    },
    async (request, reply) => {
      const { framework, code } = request.params;
      const concept = await conceptPage(deps.db, framework, code);
      if (!concept) throw new NotFoundError('skill concept');
      if (prefersJson(request.headers.accept))
        return reply
          .header('vary', 'Accept, Accept-Language')
          .header('cache-control', 'public, max-age=30')
          .send(concept);
      const locale = localeOf(request);
      const page = renderConceptPage(locale, skillPath(concept.framework, concept.code), concept);
      return sendPage(reply, 200, locale, page);
    },
  );

  r.get(
    '/occupations/:framework/:code',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary:
          'An occupation of O*NET or ESCO (HTML): description, Job Zone, titles, core skills with their importance, technology skills (hot, in demand)',
        description: NEGOTIATED,
        params: conceptParams.extend({
          code: conceptParams.shape.code.meta({
            description: 'O*NET-SOC code, or the ESCO occupation URI, URL-encoded',
            examples: ['15-1251.00'],
          }),
        }),
        querystring: pageQuery,
      },
      errorHandler: notFoundPage('occupation'),
    },
    async (request, reply) => {
      const { framework, code } = request.params;
      const occupation = await occupationDetail(deps.db, framework, code);
      if (!occupation) throw new NotFoundError('occupation');
      if (prefersJson(request.headers.accept))
        return reply
          .header('vary', 'Accept, Accept-Language')
          .header('cache-control', 'public, max-age=30')
          .send(occupation);
      const locale = localeOf(request);
      const page = renderOccupationPage(
        locale,
        occupationPath(occupation.framework, occupation.code),
        occupation,
      );
      return sendPage(reply, 200, locale, page);
    },
  );

  for (const framework of FRAMEWORKS) {
    r.get(
      aboutDataPath(framework),
      {
        config: { auth: 'public' },
        schema: {
          tags,
          summary: `Where Tessera's ${framework === 'onet' ? 'O*NET' : 'ESCO'} data comes from (HTML): the release imported, the attribution its licence requires, how Tessera uses it`,
          querystring: pageQuery,
        },
      },
      async (request, reply) => {
        const locale = localeOf(request);
        const release = await frameworkRelease(deps.db, framework);
        return sendPage(
          reply,
          200,
          locale,
          renderAboutDataPage(locale, aboutDataPath(framework), framework, release),
        );
      },
    );
  }
}
