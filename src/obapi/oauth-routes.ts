// HTTP face of the OB 3.0 API's authorization server: oidc-provider answers everything under /oauth (its
// discovery document, authorization, token, registration, revocation, JWKS) as a plain Node handler; the
// interaction in between is ours: Tessera's login (the web app's page, then back here) and a consent page,
// skipped when the learner already allowed the app what it asks (remembered-consent.ts).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import type { Deps } from '../deps.ts';
import { pickLocale } from '../i18n/index.ts';
import { resolveSession, SESSION_COOKIE, safeEqual } from '../identity/index.ts';
import {
  LOGO_SVG,
  renderConsentPage,
  renderInteractionErrorPage,
  renderPrivacyPage,
} from './consent-page.ts';
import { isObScope } from './model.ts';
import { publisherOf } from './oauth-clients.ts';
import { interactionPath, OAUTH_PREFIX } from './provider.ts';
import { rememberedConsent } from './remembered-consent.ts';

const localeOf = (request: FastifyRequest) => pickLocale(request.headers['accept-language']?.split(',')[0]);

/** The interaction of this browser (its cookie), or undefined when it expired or belongs to another. */
async function interactionOf(provider: Provider, request: FastifyRequest, reply: FastifyReply) {
  try {
    return await provider.interactionDetails(request.raw, reply.raw);
  } catch {
    return undefined;
  }
}

function expired(request: FastifyRequest, reply: FastifyReply) {
  return reply
    .code(400)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(renderInteractionErrorPage(localeOf(request)));
}

/** The scopes asked for that the OB API knows (plus openid, which carries nothing more). */
function requestedScopes(scope: unknown): string[] {
  return typeof scope === 'string' ? scope.split(' ').filter((s) => isObScope(s) || s === 'openid') : [];
}

/** A new grant of these scopes from the learner to the app; its id. */
function aGrant(provider: Provider, accountId: string, clientId: string, scopes: string[]): Promise<string> {
  const grant = new provider.Grant({ accountId, clientId });
  if (scopes.length > 0) grant.addOIDCScope(scopes.join(' '));
  return grant.save();
}

/** The app asked to ask the learner whatever they allowed before (OpenID Connect `prompt=consent`). */
const asksConsent = (prompt: unknown) => typeof prompt === 'string' && prompt.split(' ').includes('consent');

export function oauthRoutes(provider: Provider) {
  return async (app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> => {
    const hidden = { hide: true };

    app.get(
      `${OAUTH_PREFIX}/privacy`,
      { config: { auth: 'sessionless' }, schema: hidden },
      async (request, reply) =>
        reply.type('text/html; charset=utf-8').send(renderPrivacyPage(localeOf(request))),
    );
    app.get(
      `${OAUTH_PREFIX}/logo.svg`,
      { config: { auth: 'sessionless' }, schema: hidden },
      async (_request, reply) =>
        reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(LOGO_SVG),
    );

    app.get<{ Params: { uid: string } }>(
      `${OAUTH_PREFIX}/interaction/:uid`,
      { config: { auth: 'public' }, schema: hidden },
      async (request, reply) => {
        const details = await interactionOf(provider, request, reply);
        if (!details || details.uid !== request.params.uid) return expired(request, reply);
        const actor = request.actor;
        if (actor?.via !== 'session' || !request.authSession) {
          const next = encodeURIComponent(interactionPath(details.uid));
          return reply.code(303).header('cache-control', 'no-store').redirect(`/login?next=${next}`, 303);
        }
        const client = await provider.Client.find(String(details.params.client_id));
        if (!client) return expired(request, reply);
        const requested = requestedScopes(details.params.scope);
        const remembered = asksConsent(details.params.prompt)
          ? null
          : await rememberedConsent(deps, actor.user.id, client.clientId, requested);
        if (remembered && remembered.missing.length === 0) {
          // Allowed before: back to the app without asking, under the grant that holds it all (or a new one
          // joining what several grants hold).
          const grantId =
            remembered.grantId ?? (await aGrant(provider, actor.user.id, client.clientId, requested));
          reply.hijack();
          await provider.interactionFinished(
            request.raw,
            reply.raw,
            { login: { accountId: actor.user.id }, consent: { grantId } },
            { mergeWithLastSubmission: false },
          );
          return;
        }
        return reply
          .header('cache-control', 'no-store')
          .type('text/html; charset=utf-8')
          .send(
            renderConsentPage({
              locale: localeOf(request),
              uid: details.uid,
              clientName: client.clientName ?? client.clientId,
              clientUri: typeof client.clientUri === 'string' ? client.clientUri : null,
              publisher: await publisherOf(deps, client.clientId),
              userName: actor.user.name,
              // Only what the learner has not allowed this app yet.
              scopes: remembered?.missing ?? requested.filter(isObScope),
              csrfToken: request.authSession.csrfToken,
            }),
          );
      },
    );

    // A plain HTML form: the session is read here and its CSRF token comes in the form, not a header.
    await app.register(async (scope) => {
      scope.addContentTypeParser(
        'application/x-www-form-urlencoded',
        { parseAs: 'string', bodyLimit: 4096 },
        (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
      );
      scope.post<{ Params: { uid: string }; Body: Record<string, string> | undefined }>(
        `${OAUTH_PREFIX}/interaction/:uid`,
        { config: { auth: 'sessionless' }, schema: hidden },
        async (request, reply) => {
          const details = await interactionOf(provider, request, reply);
          if (!details || details.uid !== request.params.uid) return expired(request, reply);
          const cookie = request.cookies[SESSION_COOKIE];
          const found = cookie ? await resolveSession(deps, cookie) : null;
          const body = request.body ?? {};
          if (!found || typeof body.csrf !== 'string' || !safeEqual(body.csrf, found.session.csrfToken)) {
            const next = encodeURIComponent(interactionPath(details.uid));
            return reply.redirect(`/login?next=${next}`, 303);
          }
          const clientId = String(details.params.client_id);
          let result: Record<string, unknown>;
          if (body.decision === 'allow') {
            const grantId = await aGrant(
              provider,
              found.user.id,
              clientId,
              requestedScopes(details.params.scope),
            );
            result = { login: { accountId: found.user.id }, consent: { grantId } };
          } else {
            result = { error: 'access_denied', error_description: 'The learner did not allow this app.' };
          }
          reply.hijack();
          await provider.interactionFinished(request.raw, reply.raw, result, {
            mergeWithLastSubmission: false,
          });
        },
      );
    });

    // Everything else under /oauth is the library's: the body stays unread for it to parse.
    await app.register(async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', (_request, _payload, done) => done(null));
      const handle = provider.callback();
      scope.route({
        method: ['GET', 'POST', 'DELETE', 'PUT', 'OPTIONS'],
        url: `${OAUTH_PREFIX}/*`,
        config: { auth: 'sessionless' },
        schema: hidden,
        handler: (request, reply) => {
          reply.hijack();
          // As Express mounts it: the library reads its mount path from originalUrl against url.
          const raw = request.raw as typeof request.raw & { originalUrl?: string };
          raw.originalUrl = raw.url;
          raw.url = raw.url?.slice(OAUTH_PREFIX.length) || '/';
          handle(request.raw, reply.raw);
        },
      });
    });
  };
}
