// W3C VC-API endpoints (https://w3c-ccg.github.io/vc-api/): issue (issue-routes.ts), update status
// (status-routes.ts), verify credentials and presentations (verify-routes.ts). Issue and status need an
// API token with the vc:issue scope; verifying is open.
import type { FastifyError, FastifyInstance } from 'fastify';
import type { Deps } from '../deps.ts';
import { errorHandler } from '../http/problem.ts';
import { measureJsonBodies, NotABadgeError } from '../verification/index.ts';
import { issueRoutes } from './issue-routes.ts';
import { statusRoutes } from './status-routes.ts';
import { verifyResponse, verifyRoutes } from './verify-routes.ts';

export async function vcApiRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  // A document too large to verify is answered like one that fails its checks (VC-API: 400), unparsed.
  measureJsonBodies(app);
  app.setErrorHandler((error, request, reply) => {
    if (!(error instanceof NotABadgeError)) return errorHandler(error as FastifyError, request, reply);
    const refused = { code: 'structure' as const, status: 'failed' as const, message: error.message };
    return reply.code(400).send(verifyResponse(false, [refused]));
  });
  const tags = ['vc-api'];
  issueRoutes(app, deps, tags);
  statusRoutes(app, deps, tags);
  verifyRoutes(app, deps, tags);
}
