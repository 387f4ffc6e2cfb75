// Public: checking a certificate of completion by its activity code (the URL in its QR code), and a
// supervisor's attestation link (the token is the credential). Each serves a server-rendered page to
// browsers and JSON to API clients (Accept: application/json, or ?format=json).
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { DomainError, NotFoundError, schemaMessage } from '../errors.ts';
import { pickLocale } from '../i18n/index.ts';
import { attestationByToken, decideAttestation } from './attestation.ts';
import { type AttestationPage, renderAttestationPage } from './attestation-page.ts';
import { renderCertificatePage, renderUnknownCertificatePage } from './certificate-page.ts';
import { certificateByCode } from './completion.ts';
import { LEARNING_PAGES_CSS, PAGE_STYLESHEET_PATH, prefersHtml } from './pages.ts';
import { attestation, attestationBody, certificate } from './schema.ts';

const tokenParams = z.object({
  token: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/, schemaMessage('attestation-token-format', 'is not an attestation token')),
});
const pageQuery = z.object({
  format: z.enum(['html', 'json']).optional().describe('Overrides the Accept header'),
  lang: z.string().max(35).optional().describe('Language of the page (en, es); else Accept-Language'),
});
const PAGE_DESCRIPTION =
  'Content-negotiated: browsers (Accept: text/html) get a server-rendered page, API clients ' +
  '(Accept: application/json, no Accept header, or `?format=json`) get the JSON below.';

interface PageRequest {
  query: unknown;
  headers: FastifyRequest['headers'];
}

function wantsHtml(request: PageRequest): boolean {
  const format = (request.query as { format?: unknown } | undefined)?.format;
  const form = /^application\/x-www-form-urlencoded/i.test(request.headers['content-type'] ?? '');
  return prefersHtml(request.headers.accept, format, form);
}

function localeOf(request: PageRequest): string {
  const lang = (request.query as { lang?: unknown } | undefined)?.lang;
  if (typeof lang === 'string') return pickLocale(lang);
  return pickLocale(request.headers['accept-language']?.split(',')[0]);
}

function sendHtml(reply: FastifyReply, status: number, locale: string, page: string, cache: string) {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', cache)
    .header('content-language', locale)
    .send(page);
}

/** A browser form arrives urlencoded: only its two fields, an empty comment being none. */
function readAnswerForm(body: string): Record<string, string> {
  const form = new URLSearchParams(body);
  const answer: Record<string, string> = {};
  const decision = form.get('decision');
  const comment = form.get('comment')?.trim();
  if (decision !== null) answer.decision = decision;
  if (comment) answer.comment = comment;
  return answer;
}

async function certificatePageRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const publicPage = { config: { auth: 'public' as const }, schema: { hide: true } };
  app.get(PAGE_STYLESHEET_PATH, publicPage, async (_request, reply) =>
    reply
      .type('text/css; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(LEARNING_PAGES_CSS),
  );

  app.withTypeProvider<ZodTypeProvider>().get(
    '/certificates/:code',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['learning'],
        summary: 'Check a certificate of completion: who completed which course, when, issued by whom',
        description: PAGE_DESCRIPTION,
        params: z.object({ code: z.string().min(1).max(60) }),
        querystring: pageQuery,
        response: { 200: certificate.schema },
      },
      // A browser asking for an unknown or malformed code gets the page that says so, not problem+json.
      errorHandler: (error: FastifyError, request, reply) => {
        const missing = error instanceof NotFoundError || hasZodFastifySchemaValidationErrors(error);
        if (!missing || !wantsHtml(request)) throw error;
        const locale = localeOf(request);
        const code = String((request.params as { code?: unknown }).code ?? '');
        const status = error instanceof NotFoundError ? 404 : 400;
        return sendHtml(reply, status, locale, renderUnknownCertificatePage(locale, code), 'no-store');
      },
    },
    async (request, reply) => {
      reply.header('vary', 'Accept, Accept-Language');
      const facts = await certificateByCode(deps, request.params.code);
      if (!wantsHtml(request)) return certificate.present(facts);
      const locale = localeOf(request);
      return sendHtml(reply, 200, locale, renderCertificatePage(locale, facts), 'no-cache');
    },
  );
}

/** Domain errors of an attestation link → the page that explains them, with its status. */
async function attestationErrorPage(
  deps: Deps,
  token: string,
  error: unknown,
): Promise<{ status: number; page: AttestationPage } | undefined> {
  // The view is only context for the page: an unknown token there means the unknown-link page.
  const view = () => attestationByToken(deps, token).catch(() => undefined);
  if (hasZodFastifySchemaValidationErrors(error)) {
    const shown = (error as FastifyError).validationContext === 'body' ? await view() : undefined;
    if (!shown) return { status: 400, page: { kind: 'unknown' } };
    return { status: 400, page: { kind: 'form', view: shown, invalid: true } };
  }
  if (!(error instanceof DomainError)) return undefined;
  if (error.code === 'not-found') return { status: 404, page: { kind: 'unknown' } };
  if (error.code === 'attestation-expired') return { status: 410, page: { kind: 'expired' } };
  if (error.code === 'attestation-already-decided') {
    const shown = await view();
    return { status: 409, page: { kind: 'answered', ...(shown ? { view: shown } : {}) } };
  }
  return undefined;
}

async function attestationPageRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  // Only in this scope: the supervisor's form posts urlencoded.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 16_384 },
    (_request, body, done) => done(null, readAnswerForm(body as string)),
  );

  const errorHandler = async (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (!wantsHtml(request)) throw error;
    const token = String((request.params as { token?: unknown }).token ?? '');
    const shown = await attestationErrorPage(deps, token, error);
    if (!shown) throw error;
    const locale = localeOf(request);
    return sendHtml(
      reply,
      shown.status,
      locale,
      renderAttestationPage(locale, token, shown.page),
      'no-store',
    );
  };

  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/attestations/:token',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['learning'],
        summary: "A supervisor's view of an attestation request (the emailed link)",
        description: PAGE_DESCRIPTION,
        params: tokenParams,
        querystring: pageQuery,
        response: { 200: attestation.schema },
      },
      errorHandler,
    },
    async (request, reply) => {
      reply.header('vary', 'Accept, Accept-Language');
      const view = await attestationByToken(deps, request.params.token);
      if (!wantsHtml(request)) return attestation.present(view);
      const locale = localeOf(request);
      const page: AttestationPage =
        view.attestation.decision !== null || view.submission.status !== 'attesting'
          ? { kind: 'answered', view }
          : view.attestation.expiresAt <= deps.now()
            ? { kind: 'expired' }
            : { kind: 'form', view };
      const status = page.kind === 'expired' ? 410 : 200;
      return sendHtml(
        reply,
        status,
        locale,
        renderAttestationPage(locale, request.params.token, page),
        'no-store',
      );
    },
  );

  r.post(
    '/attestations/:token',
    {
      // Acts for nobody: the token is the capability, so a visitor's session cookie is ignored here
      // (and no CSRF token is needed). A decision is taken once, under a row lock: replay gets 409.
      config: { auth: 'sessionless' },
      schema: {
        tags: ['learning'],
        summary: 'Confirm or decline that the learner applied the course at work',
        description:
          "JSON `{decision, comment?}` answers JSON; the page's form (urlencoded) answers with the result page.",
        params: tokenParams,
        querystring: pageQuery,
        body: attestationBody,
        response: { 200: attestation.schema },
      },
      errorHandler,
    },
    async (request, reply) => {
      const view = await decideAttestation(deps, request.params.token, request.body);
      if (!wantsHtml(request)) return attestation.present(view);
      const locale = localeOf(request);
      const page = renderAttestationPage(locale, request.params.token, { kind: 'recorded', view });
      return sendHtml(reply, 200, locale, page, 'no-store');
    },
  );
}

export async function certificatePublicRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  await app.register(certificatePageRoutes, { deps });
  await app.register(attestationPageRoutes, { deps });
}
