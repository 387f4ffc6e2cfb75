// HTTP face of the Open Badges 3.0 API (1EdTech OB 3.0 §6) under /ims/ob/v3p0: the service description
// document, getCredentials, upsertCredential, getProfile and putProfile. Every route but /discovery needs an
// OAuth 2.0 access token of our authorization server carrying the operation's scope; refusals are
// imsx_StatusInfo bodies. These routes are described by /discovery, not by /api/openapi.json (hidden there):
// their security is the OB API's OAuth 2.0 scheme, not Tessera's session or API tokens.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { translate } from '../i18n/index.ts';
import {
  DEFAULT_LIMIT,
  imsxFailure,
  MAX_LIMIT,
  OB_API_PREFIX,
  OB_SCOPE,
  OB_SCOPES,
  ObApiError,
  type ObScope,
  pagingLinks,
  scopeLabelKey,
  serviceDescription,
} from './model.ts';
import { profileChangeOf } from './profile-put.ts';
import { OAUTH_PREFIX } from './provider.ts';
import { changeProfile, credentialsOf, profileOf, pushCredential } from './service.ts';

const BEARER = /^Bearer\s+(\S+)$/i;

/** The account an access token acts for, if the token is live and carries the scope; else the refusal. */
async function accountFor(provider: Provider, request: FastifyRequest, scope: ObScope): Promise<string> {
  const match = BEARER.exec(request.headers.authorization ?? '');
  const token = match?.[1] ? await provider.AccessToken.find(match[1]) : undefined;
  if (!token?.accountId)
    throw new ObApiError(401, 'unauthorizedrequest', 'An OAuth 2.0 access token of this host is required.');
  if (!token.scopes.has(scope))
    throw new ObApiError(403, 'forbidden', `The access token does not carry the scope ${scope}.`);
  return token.accountId;
}

function sendImsx(reply: FastifyReply, error: ObApiError) {
  if (error.status === 401)
    reply.header('www-authenticate', `Bearer realm="${OB_API_PREFIX}", error="invalid_token"`);
  if (error.status === 403) reply.header('www-authenticate', `Bearer error="insufficient_scope"`);
  return reply
    .code(error.status)
    .header('cache-control', 'no-store')
    .type('application/json')
    .send(imsxFailure(error.codeMinor, error.message));
}

const credentialsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT),
  offset: z.coerce.number().int().min(0).default(0),
  since: z.iso.datetime({ offset: true }).optional(),
});

const issuesOf = (error: z.ZodError) =>
  error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`).join('; ');

export function obApiRoutes(provider: Provider) {
  return async (app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> => {
    // Inside this plugin every failure answers as the OB API does, malformed JSON included.
    app.setErrorHandler((error, request, reply) => {
      if (error instanceof ObApiError) return sendImsx(reply, error);
      const status = (error as { statusCode?: number }).statusCode;
      if (status && status >= 400 && status < 500)
        return sendImsx(reply, new ObApiError(status, 'invalid_data', (error as Error).message));
      request.log.error({ err: error }, 'OB API request failed');
      return sendImsx(
        reply,
        new ObApiError(500, 'internal_server_error', 'Something went wrong on our side.'),
      );
    });
    const options = { config: { auth: 'sessionless' as const }, schema: { hide: true } };

    app.get(`${OB_API_PREFIX}/discovery`, options, async (_request, reply) => {
      const base = `${deps.config.publicUrl}${OAUTH_PREFIX}`;
      const scopeDescriptions = Object.fromEntries(
        OB_SCOPES.map((scope) => [scope, translate('en', scopeLabelKey(scope))]),
      ) as Record<ObScope, string>;
      return reply.header('cache-control', 'public, max-age=300').send(
        serviceDescription({
          publicUrl: deps.config.publicUrl,
          authorizationUrl: `${base}/auth`,
          tokenUrl: `${base}/token`,
          registrationUrl: `${base}/reg`,
          privacyPolicyUrl: `${base}/privacy`,
          imageUrl: `${base}/logo.svg`,
          scopeDescriptions,
        }),
      );
    });

    app.get(`${OB_API_PREFIX}/credentials`, options, async (request, reply) => {
      const userId = await accountFor(provider, request, OB_SCOPE.credentialReadonly);
      const query = credentialsQuery.safeParse(request.query);
      if (!query.success) throw new ObApiError(400, 'invalid_query_parameter', issuesOf(query.error));
      const { limit, offset, since } = query.data;
      const page = await credentialsOf(deps, userId, since ? new Date(since) : null, { limit, offset });
      const url = new URL(`${deps.config.publicUrl}${OB_API_PREFIX}/credentials`);
      if (since) url.searchParams.set('since', since);
      return reply
        .header('cache-control', 'no-store')
        .header('x-total-count', String(page.total))
        .header('link', pagingLinks(url, { limit, offset }, page.total))
        .send({ credential: page.credential, compactJwsString: page.compactJwsString });
    });

    app.post(`${OB_API_PREFIX}/credentials`, options, async (request, reply) => {
      const userId = await accountFor(provider, request, OB_SCOPE.credentialUpsert);
      const body = request.body;
      const credential =
        typeof body === 'string' && body.trim() !== ''
          ? body.trim()
          : body && typeof body === 'object' && !Array.isArray(body)
            ? (body as Record<string, unknown>)
            : undefined;
      if (!credential)
        throw new ObApiError(
          400,
          'invalid_data',
          'Send an OpenBadgeCredential as application/json, or its compact JWS as text/plain.',
        );
      const result = await pushCredential(deps, userId, credential);
      if (result.outcome === 'unchanged') return reply.code(304).send();
      reply.code(result.outcome === 'created' ? 201 : 200).header('cache-control', 'no-store');
      return typeof result.credential === 'string'
        ? reply.type('text/plain; charset=utf-8').send(result.credential)
        : reply.type('application/json').send(result.credential);
    });

    app.get(`${OB_API_PREFIX}/profile`, options, async (request, reply) => {
      const userId = await accountFor(provider, request, OB_SCOPE.profileReadonly);
      return reply.header('cache-control', 'no-store').send(await profileOf(deps, userId));
    });

    app.put(`${OB_API_PREFIX}/profile`, options, async (request, reply) => {
      const userId = await accountFor(provider, request, OB_SCOPE.profileUpdate);
      const change = profileChangeOf(request.body, `urn:uuid:${userId}`);
      const profile = await changeProfile(deps, userId, change);
      return reply.header('cache-control', 'no-store').send(profile);
    });
  };
}
