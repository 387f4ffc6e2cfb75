// Serves the built React app (web/dist): hashed assets cached for good, index.html never cached, each file
// as the brotli or gzip copy the build wrote beside it (web/precompress.ts) when the browser accepts it, and
// index.html for any other GET that asks for HTML: 200 for the app's routes (web/src/routes.tsx, such as
// /verify-email), 404 for a path no app route matches (the app then shows its "Page not found").
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { loadAppPathMatcher } from './app-paths.ts';
import { problem, sendProblem } from './problem.ts';
import { loadVisitorPages } from './web-render.ts';

export const webDistDir = fileURLToPath(new URL('../../web/dist/', import.meta.url));

const NO_CACHE = 'no-cache';
const FOREVER = 'public, max-age=31536000, immutable';

export async function registerWebApp(app: FastifyInstance): Promise<void> {
  if (!existsSync(`${webDistDir}index.html`)) {
    app.log.warn('web/dist is missing: run `npm run build:web` (npm start builds it)');
    return;
  }
  await app.register(webAppFiles);
}

async function webAppFiles(app: FastifyInstance): Promise<void> {
  // Every file of the built app is public; @fastify/static takes no route config, so it is declared here.
  app.addHook('onRoute', (route) => {
    route.config = { ...route.config, auth: 'public' };
  });
  await app.register(fastifyStatic, {
    root: webDistDir,
    prefix: '/',
    // Routes for the files present at start (the build happens before the server starts).
    wildcard: false,
    // `/` is the landing page, answered below like every app path.
    index: false,
    // br, then gzip, then the file itself, by the request's Accept-Encoding (and Vary: Accept-Encoding).
    preCompressed: true,
    // The compressed copies are reached through their file's URL only; source maps are never published
    // (the production build makes none, and a map left by another build is not served either).
    // dist/server is the server's page renderer (web-render.ts), not part of the app.
    globIgnore: ['**/*.br', '**/*.gz', '**/*.map', 'server/**'],
    cacheControl: false,
    setHeaders: (reply, path) => {
      reply.header('cache-control', path.includes('/assets/') ? FOREVER : NO_CACHE);
    },
  });
  const isAppPath = loadAppPathMatcher();
  const template = readFileSync(`${webDistDir}index.html`, 'utf8');
  const visitorPages = await loadVisitorPages(app, webDistDir);
  // The app's own not-found handler stays in charge of everything else (API paths, non-HTML requests).
  const appPage = async (request: FastifyRequest, reply: FastifyReply) => {
    const accept = request.headers.accept ?? '';
    if (!request.url.startsWith('/api/') && accept.includes('text/html')) {
      const pathname = request.url.split('?')[0] ?? '/';
      const status = isAppPath === null || isAppPath(pathname) ? 200 : 404;
      const rendered = status === 200 ? await visitorPages?.render(request, template) : null;
      // A rendered page holds what a visitor sees now: it is never cached, and varies with the language asked.
      if (rendered) {
        return reply
          .code(200)
          .type('text/html; charset=utf-8')
          .header('cache-control', NO_CACHE)
          .header('vary', 'Accept-Language, Cookie')
          .send(rendered);
      }
      return reply.code(status).type('text/html; charset=utf-8').sendFile('index.html');
    }
    return sendProblem(
      reply,
      problem('not-found', 404, `Nothing at ${request.method} ${request.url.split('?')[0]}.`, request),
    );
  };
  app.get('/', { schema: { hide: true } }, appPage);
  app.get('/*', { schema: { hide: true } }, appPage);
}
