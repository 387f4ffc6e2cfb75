// The tool's endpoints an LMS and its users' browsers reach (mounted at the root; docs/integrations.md):
//   GET | POST /lti/login            OIDC third-party initiated login → the platform's authorization endpoint
//   POST /lti/launch                 the id_token form post: resource link launch or deep-linking request
//   GET /lti/jwks.json               the tool's public keys (one per registration)
//   GET | POST /lti/deep-link/{id}   the instructor's choice, then the signed answer posted back to the LMS
//   GET | POST /lti/link/{id}        the owner of an existing account agrees to sign in through the platform
// They act for nobody (`sessionless`): the platform's signed token, the login state and the deep-link id are
// the grants; /lti/link reads the Tessera session itself (its form carries the session's CSRF token). A refusal is a page for the person in the browser (4xx), never a 5xx.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { pickLocale } from '../i18n/index.ts';
import { resolveSession, SESSION_COOKIE, safeEqual, setSessionCookie } from '../identity/index.ts';
import { confirmPendingLink, pendingLinkView } from './account-link.ts';
import { answerDeepLink, deepLinkPicker } from './deep-linking.ts';
import { initiateLogin, launch } from './launch.ts';
import { LtiRefusal } from './model.ts';
import { AUTOSUBMIT_JS, linkPage, pickerPage, refusalPage, returnPage } from './pages.ts';
import { toolPublicKeys } from './store.ts';

type Form = Record<string, string | undefined>;

const localeOf = (request: FastifyRequest) => pickLocale(request.headers['accept-language']?.split(',')[0]);

function sendHtml(reply: FastifyReply, markup: string) {
  return reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(markup);
}

/** Runs a step; an LTI refusal becomes the refusal page with its status. */
async function asPage(request: FastifyRequest, reply: FastifyReply, run: () => Promise<unknown>) {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof LtiRefusal)) throw error;
    request.log.info({ lti: error.code, reason: error.message }, 'LTI request refused');
    return sendHtml(reply.code(error.status), refusalPage(localeOf(request), error.code));
  }
}

export async function ltiToolRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  // Platforms post forms (OIDC form_post, the login initiation); only this plugin reads that type.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_r, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );
  const r = app.withTypeProvider<ZodTypeProvider>();
  const page = {
    config: { auth: 'sessionless' as const, rateLimit: { max: 120, timeWindow: '1 minute' } },
    schema: { hide: true },
  };

  const login = (request: FastifyRequest, reply: FastifyReply, form: Form) =>
    asPage(request, reply, async () => {
      const location = await initiateLogin(deps, form);
      return reply.header('cache-control', 'no-store').redirect(location, 302);
    });
  app.get('/lti/login', page, (request, reply) => login(request, reply, (request.query ?? {}) as Form));
  app.post('/lti/login', page, (request, reply) =>
    login(request, reply, { ...((request.query ?? {}) as Form), ...((request.body ?? {}) as Form) }),
  );

  app.post('/lti/launch', page, (request, reply) =>
    asPage(request, reply, async () => {
      const outcome = await launch(deps, (request.body ?? {}) as Form);
      if (outcome.kind === 'deep-link')
        return reply
          .header('cache-control', 'no-store')
          .redirect(`/lti/deep-link/${outcome.deepLinkId}`, 303);
      if (outcome.kind === 'confirm')
        return reply.header('cache-control', 'no-store').redirect(`/lti/link/${outcome.pendingLinkId}`, 303);
      setSessionCookie(reply, deps, outcome.session.token, outcome.session.cookieExpiresAt);
      return reply.header('cache-control', 'no-store').redirect(outcome.path, 303);
    }),
  );

  app.get<{ Params: { id: string } }>('/lti/deep-link/:id', page, (request, reply) =>
    asPage(request, reply, async () =>
      sendHtml(
        reply,
        pickerPage(localeOf(request), request.params.id, await deepLinkPicker(deps, request.params.id)),
      ),
    ),
  );

  app.post<{ Params: { id: string } }>('/lti/deep-link/:id', page, (request, reply) =>
    asPage(request, reply, async () => {
      const answer = await answerDeepLink(deps, request.params.id, ((request.body ?? {}) as Form).choice);
      // This page posts a form to the LMS: its own policy allows that one origin as a form target.
      const origin = new URL(answer.returnUrl).origin;
      reply.header(
        'content-security-policy',
        `default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; form-action ${origin}; frame-ancestors *`,
      );
      return sendHtml(reply, returnPage(localeOf(request), answer.returnUrl, answer.jwt));
    }),
  );

  const signedIn = async (request: FastifyRequest) => {
    const cookie = request.cookies[SESSION_COOKIE];
    return cookie ? await resolveSession(deps, cookie) : null;
  };
  app.get<{ Params: { id: string } }>('/lti/link/:id', page, (request, reply) =>
    asPage(request, reply, async () => {
      const view = await pendingLinkView(deps, request.params.id);
      const found = await signedIn(request);
      const state =
        found?.user.id === view.userId
          ? { kind: 'confirm' as const, csrf: found.session.csrfToken }
          : { kind: found ? ('other-account' as const) : ('sign-in' as const) };
      return sendHtml(reply, linkPage(localeOf(request), request.params.id, view.platformName, state));
    }),
  );
  app.post<{ Params: { id: string } }>('/lti/link/:id', page, (request, reply) =>
    asPage(request, reply, async () => {
      const found = await signedIn(request);
      const csrf = ((request.body ?? {}) as Form).csrf;
      if (!found || typeof csrf !== 'string' || !safeEqual(csrf, found.session.csrfToken))
        return reply.redirect(`/login?next=${encodeURIComponent(`/lti/link/${request.params.id}`)}`, 303);
      const path = await confirmPendingLink(deps, request.params.id, found.user.id);
      return reply.header('cache-control', 'no-store').redirect(path, 303);
    }),
  );

  app.get('/lti/autosubmit.js', page, async (_request, reply) =>
    reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(AUTOSUBMIT_JS),
  );

  r.get(
    '/lti/jwks.json',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['lti'],
        summary: 'The LTI tool’s public keys (JWKS): one RS256 key per registered platform',
        response: { 200: z.object({ keys: z.array(z.record(z.string(), z.unknown())) }) },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return { keys: (await toolPublicKeys(deps.db)).map((row) => row.publicJwk as Record<string, unknown>) };
    },
  );
}
