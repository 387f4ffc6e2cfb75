// OID4VCI 1.0 endpoints for OpenID wallets: issuer and authorization-server metadata, the credential offer
// by reference, token (pre-authorized code), nonce and credential endpoints. Refusals are OAuth error JSON
// (400, or 401 for the access token), as wallets expect, never problem+json. The POSTs act for nobody: a
// cookie or Tessera API token is ignored (`sessionless`); the offer's code and the access token are the grant.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { ENTITY_STATEMENT_TYPE, entityConfiguration } from './federation.ts';
import {
  credentialOffer,
  exchangePreAuthorizedCode,
  issueCredential,
  issuerMetadata,
  newNonce,
  oauthErrorOf,
  oauthMetadata,
  type RequestLike,
} from './oid4vci.ts';
import { oid4vciPaths } from './oid4vci-model.ts';

const tags = ['wallets'];
const json = z.record(z.string(), z.unknown());
const oauthError = z.object({ error: z.string(), error_description: z.string().optional() });
const refusals = { 400: oauthError, 401: oauthError };
/** Per client address, as sign-in is: the token endpoint takes codes, the nonce endpoint writes a row. */
const rateLimitOf = (deps: Deps) => ({
  rateLimit: { max: deps.config.authRateLimit, timeWindow: '1 minute' },
});

function requestLike(deps: Deps, request: FastifyRequest): RequestLike {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers))
    if (typeof value === 'string') headers.set(name, value);
  return {
    headers,
    method: request.method as RequestLike['method'],
    url: `${deps.config.publicUrl}${request.url}`,
  };
}

/** Runs an endpoint; its refusals (ours or the library's) become OAuth error JSON, no-store. */
async function answer(reply: FastifyReply, run: () => Promise<unknown>): Promise<FastifyReply> {
  reply.header('cache-control', 'no-store');
  try {
    return reply.send(await run());
  } catch (error) {
    const refusal = oauthErrorOf(error);
    if (!refusal) throw error;
    const status = refusal.error === 'invalid_token' ? 401 : 400;
    if (status === 401) reply.header('www-authenticate', `Bearer error="invalid_token"`);
    return reply.code(status).send({ error: refusal.error, error_description: refusal.error_description });
  }
}

export async function oid4vciRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  // The token request is a form (RFC 6749 §4.1.3); only this plugin reads that type.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_r, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/.well-known/openid-credential-issuer',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'OID4VCI credential issuer metadata: the badge as ldp_vc and jwt_vc_json, and the endpoints',
        response: { 200: json },
      },
    },
    async () => issuerMetadata(deps),
  );

  r.get(
    '/.well-known/oauth-authorization-server',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary:
          'OAuth 2.0 authorization server metadata (RFC 8414) of the OID4VCI pre-authorized code grant',
        response: { 200: json },
      },
    },
    async () => oauthMetadata(deps),
  );

  r.get(
    '/.well-known/openid-federation',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary:
          'OpenID Federation entity configuration of the credential issuer: a JWT signed by the platform key (its jwks), its OID4VCI and OAuth metadata, and the configured authority_hints',
        response: { 200: z.string() },
      },
    },
    async (_request, reply) =>
      reply
        .type(`application/${ENTITY_STATEMENT_TYPE}`)
        .header('cache-control', 'public, max-age=3600')
        .send(await entityConfiguration(deps)),
  );

  r.get(
    '/wallet/oid4vci/offers/:offerId',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary:
          'The OID4VCI credential offer of an open wallet offer (its credential_offer_uri): both formats, the pre-authorized code and whether a transaction code is asked',
        params: z.object({ offerId: z.uuid() }),
        response: { 200: json, ...refusals },
      },
    },
    async (request, reply) => answer(reply, () => credentialOffer(deps, request.params.offerId)),
  );

  r.post(
    oid4vciPaths.token,
    {
      config: { auth: 'sessionless', ...rateLimitOf(deps) },
      schema: {
        tags,
        summary:
          'OID4VCI token endpoint: the pre-authorized code (and tx_code when the offer asks for one) for an access token, once',
        body: z.record(z.string(), z.string()).nullish(),
        response: { 200: json, ...refusals },
      },
    },
    async (request, reply) =>
      answer(reply, () => exchangePreAuthorizedCode(deps, requestLike(deps, request), request.body ?? {})),
  );

  r.post(
    oid4vciPaths.nonce,
    {
      config: { auth: 'sessionless', ...rateLimitOf(deps) },
      schema: {
        tags,
        summary:
          'OID4VCI nonce endpoint: a fresh c_nonce for a credential request proof (used once, 5 minutes)',
        response: { 200: z.object({ c_nonce: z.string(), c_nonce_expires_in: z.number().optional() }) },
      },
    },
    async (_request, reply) => answer(reply, () => newNonce(deps)),
  );

  r.post(
    oid4vciPaths.credential,
    {
      config: { auth: 'sessionless' },
      schema: {
        tags,
        summary:
          'OID4VCI credential endpoint (Bearer access token): the badge issued to the jwt proof’s key, as ldp_vc or jwt_vc_json; completes the offer',
        body: json.nullish(),
        response: { 200: json, ...refusals },
      },
    },
    async (request, reply) =>
      answer(reply, () => issueCredential(deps, request.headers.authorization, request.body ?? {})),
  );
}
