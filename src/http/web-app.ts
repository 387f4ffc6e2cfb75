// Serves the built React app (web/dist) with a fallback to index.html for client-side routes.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export const webDistDir = fileURLToPath(new URL('../../web/dist/', import.meta.url));

export async function registerWebApp(app: FastifyInstance): Promise<void> {
  if (!existsSync(webDistDir)) {
    app.log.warn('web/dist is missing: run `npm run build:web` (npm start builds it)');
    return;
  }
  await app.register(fastifyStatic, { root: webDistDir, prefix: '/', wildcard: false, index: ['index.html'] });
  app.setNotFoundHandler((request, reply) => {
    const accept = request.headers.accept ?? '';
    if (request.method === 'GET' && !request.url.startsWith('/api/') && accept.includes('text/html')) {
      return reply.type('text/html').sendFile('index.html');
    }
    return reply
      .code(404)
      .type('application/problem+json')
      .send({ type: '/problems/not-found', title: 'Not found', status: 404, instance: request.url.split('?')[0], requestId: request.id });
  });
}
