// OpenAPI 3.1 generated from the route schemas (zod), served at /api/openapi.json, and an
// interactive reference at /api/docs.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import type { Deps } from '../deps.ts';
import { SESSION_COOKIE } from '../identity/index.ts';
import { completeOpenApiDocument } from './openapi-document.ts';
import { routeAccessOf, securityOf } from './route-access.ts';

export async function registerOpenApi(app: FastifyInstance, deps: Deps): Promise<void> {
  // Each operation's `security` comes from the same declaration the auth plugin enforces. Added before
  // swagger's own onRoute hook, which keeps the route options it sees.
  app.addHook('onRoute', (route) => {
    const access = routeAccessOf(route.config);
    const method = Array.isArray(route.method) ? route.method[0] : route.method;
    if (access && method) route.schema = { ...route.schema, security: securityOf(access, method) };
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Tessera API',
        version: '1',
        license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
        description:
          'Micro-credentials: courses, assessments and Open Badges 3.0 credentials. Errors are RFC 9457 problem+json. ' +
          'Browser sessions use a cookie plus the X-CSRF-Token header on writes; machine clients use `Authorization: Bearer <API token>`. ' +
          'To call routes from this page: **Authorize → bearer** with an API token (`tsr_…`, from POST /api/v1/me/tokens or the Account page), ' +
          'or sign in to Tessera in this browser (the session cookie goes along by itself) and, for writes, ' +
          '**Authorize → csrf** with the `csrfToken` of GET /api/v1/auth/session. Each operation lists the token scope it needs.',
      },
      servers: [{ url: deps.config.publicUrl }],
      components: {
        securitySchemes: {
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: SESSION_COOKIE,
            description:
              'The httpOnly cookie set by POST /api/v1/auth/login (or by signing in to the web app). Browsers send it by themselves: on /api/docs, sign in on this server in the same browser; nothing to enter here.',
          },
          csrf: {
            type: 'apiKey',
            in: 'header',
            name: 'X-CSRF-Token',
            description:
              'The csrfToken from login or GET /api/v1/auth/session; sent with the session cookie on every POST, PUT, PATCH and DELETE. Not needed with a bearer token.',
          },
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description:
              'An API token (tsr_…) created at POST /api/v1/me/tokens or on the Account page (shown once); enter it without "Bearer ". Each operation names the one scope a token needs; docs/api.md lists them.',
          },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: (document) => completeOpenApiDocument(jsonSchemaTransformObject(document)),
  });
  app.get('/api/openapi.json', { config: { auth: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
  // "Authorize" keeps the token across reloads of /api/docs; the session cookie goes along by itself.
  // Deep links (/api/docs/#/<tag>/<operationId>) open one operation.
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    uiConfig: { persistAuthorization: true, tryItOutEnabled: true, deepLinking: true },
  });
}
