// The weekly digest over HTTP: each member's own choice (GET/PUT /api/v1/orgs/{orgId}/digest) and the mail's
// signed "turn off these mails" link (/digest/unsubscribe/{token}, at the root: a page, then a form post).

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { schemaMessage } from '../errors.ts';
import { pickLocale } from '../i18n/index.ts';
import { renderUnsubscribePage } from './digest-page.ts';
import {
  myDigest,
  setMyDigest,
  UNSUBSCRIBE_TOKEN,
  unsubscribe,
  unsubscribeTarget,
} from './digest-service.ts';
import { orgParams } from './schema.ts';

const digestBody = z
  .strictObject({ enabled: z.boolean().describe('false: no weekly digest mail for you from this employer') })
  .meta({ examples: [{ enabled: false }] });
const digestReply = z.object({ enabled: z.boolean() }).meta({ examples: [{ enabled: true }] });

export async function digestRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['employers'];
  r.get(
    '/orgs/:orgId/digest',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: 'Whether I get this employer’s weekly digest mail (owner, admin, manager; on by default)',
        params: orgParams,
        response: { 200: digestReply },
      },
    },
    async (request) => myDigest(deps, request.actor, request.params.orgId),
  );
  r.put(
    '/orgs/:orgId/digest',
    {
      config: { scope: 'workforce:write' },
      schema: {
        tags,
        summary: 'Turn my weekly digest mail of this employer on or off',
        description:
          'The digest (new badges, skills gaps closed, renewals due) goes out once a week to each owner, admin and manager who has it on.',
        params: orgParams,
        body: digestBody,
        response: { 200: digestReply },
      },
    },
    async (request) => setMyDigest(deps, request.actor, request.params.orgId, request.body.enabled),
  );
}

const tokenParams = z.object({
  token: z
    .string()
    .regex(UNSUBSCRIBE_TOKEN, schemaMessage('unsubscribe-link-format', 'is not an unsubscribe link')),
});
const langQuery = z.object({ lang: z.string().max(35).optional() });
/** The page shows only our own text; its one form posts back here. */
const PAGE_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

function localeOf(request: FastifyRequest): string {
  const lang = (request.query as { lang?: unknown } | undefined)?.lang;
  if (typeof lang === 'string') return pickLocale(lang);
  return pickLocale(request.headers['accept-language']?.split(',')[0]);
}

const sendPage = (reply: FastifyReply, locale: string, page: string) =>
  reply
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('content-language', locale)
    .header('content-security-policy', PAGE_CSP)
    .header('referrer-policy', 'no-referrer')
    .send(page);

export async function digestPublicRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  // The confirmation form posts an empty urlencoded body; only this plugin reads that type.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_r, _body, done) =>
    done(null, {}),
  );
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['employers'];
  r.get(
    '/digest/unsubscribe/:token',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'The page of a digest mail’s “turn off these mails” link: asks to confirm',
        params: tokenParams,
        querystring: langQuery,
      },
    },
    async (request, reply) => {
      const locale = localeOf(request);
      const { orgName } = await unsubscribeTarget(deps, request.params.token);
      const action = `/digest/unsubscribe/${request.params.token}?lang=${locale}`;
      return sendPage(reply, locale, renderUnsubscribePage(locale, { kind: 'confirm', orgName, action }));
    },
  );
  r.post(
    '/digest/unsubscribe/:token',
    {
      // The signed link is the capability: a visitor's session cookie is ignored (no CSRF token needed).
      config: { auth: 'sessionless' },
      schema: {
        tags,
        summary: 'Turn off the weekly digest of the link’s member and employer (answers with a page)',
        params: tokenParams,
        querystring: langQuery,
      },
    },
    async (request, reply) => {
      const locale = localeOf(request);
      const { orgName } = await unsubscribe(deps, request.params.token);
      const settingsUrl = `${deps.config.publicUrl}/employ/settings`;
      return sendPage(reply, locale, renderUnsubscribePage(locale, { kind: 'done', orgName, settingsUrl }));
    },
  );
}
