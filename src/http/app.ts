// buildApp(deps) builds the whole HTTP application; main.ts only starts it, tests call inject().
import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import helmet from 'helmet';
import type { Deps } from '../deps.ts';
import { authPlugin } from './auth.ts';
import { registerOpenApi } from './openapi.ts';
import { errorHandler, problem, sendProblem } from './problem.ts';
import { requestLogFields } from './request-log.ts';
import { crossOriginWhereEmbeddable } from './resource-policy.ts';
import { apiRoutes, publicRoutes } from './routes.ts';
import { systemRoutes } from './system-routes.ts';
import { registerWebApp } from './web-app.ts';

const securityHeaders = helmet({
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      styleSrc: ["'self'", "'unsafe-inline'"],
      scriptSrc: ["'self'"],
      connectSrc: ["'self'"],
      frameAncestors: ["'self'"],
      upgradeInsecureRequests: null,
    },
  },
  crossOriginEmbedderPolicy: false,
});

export interface BuildAppOptions {
  /** Serve the built React app from web/dist (off in most API tests). */
  serveWebApp?: boolean;
  /** Pass false in tests that want no request logs. */
  logger?: boolean;
  https?: { cert: Buffer; key: Buffer };
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

export async function buildApp(deps: Deps, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    // Request lines log the URL with its secrets (mailed tokens) replaced: request-log.ts.
    loggerInstance:
      options.logger === false
        ? deps.log.child({}, { level: 'silent' })
        : deps.log.child({}, { serializers: { req: requestLogFields } }),
    bodyLimit: deps.config.bodyLimit,
    trustProxy: deps.config.trustProxy,
    // Accept a well-formed incoming id (from a proxy) so logs join up; otherwise make one.
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true },
    ...(options.https ? { https: options.https } : {}),
  } as never) as unknown as FastifyInstance;

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((request, reply) =>
    sendProblem(
      reply,
      problem('not-found', 404, `Nothing at ${request.method} ${request.url.split('?')[0]}.`, request),
    ),
  );
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onSend', crossOriginWhereEmbeddable);

  // Security headers from helmet, built once: @fastify/helmet built a new helmet (and parsed the CSP) on
  // every request, ~4 % of a cached badge page's server time.
  app.addHook('onRequest', (request, reply, done) =>
    securityHeaders(request.raw, reply.raw, (error) => done(error instanceof Error ? error : undefined)),
  );
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await registerOpenApi(app, deps);
  await app.register(authPlugin, { deps });
  await app.register(systemRoutes, { deps });
  await app.register(apiRoutes, { deps, prefix: '/api/v1' });
  await app.register(publicRoutes, { deps });
  if (options.serveWebApp) await registerWebApp(app);
  return app;
}
