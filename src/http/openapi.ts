// OpenAPI 3.1 generated from the route schemas (zod), served at /api/openapi.json, and an
// interactive reference at /api/docs.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import type { Deps } from '../deps.ts';
import { SESSION_COOKIE } from '../identity/index.ts';
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
        description:
          'Micro-credentials: courses, assessments and Open Badges 3.0 credentials. Errors are RFC 9457 problem+json. ' +
          'Browser sessions use a cookie plus the X-CSRF-Token header on writes; machine clients use `Authorization: Bearer <API token>`.',
      },
      servers: [{ url: deps.config.publicUrl }],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          csrf: {
            type: 'apiKey',
            in: 'header',
            name: 'X-CSRF-Token',
            description:
              'The csrfToken from login or GET /api/v1/auth/session; sent with the session cookie on every POST, PUT, PATCH and DELETE.',
          },
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description:
              'An API token (tsr_…) created at POST /api/v1/me/tokens (shown once). Each operation names the one scope a token needs; docs/api.md lists them.',
          },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  app.get('/api/openapi.json', { config: { auth: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
}
