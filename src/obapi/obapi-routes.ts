// Mounts the OB 3.0 API: one authorization server (oidc-provider on our database) shared by its OAuth routes
// under /oauth and the resource routes under /ims/ob/v3p0 that check its access tokens; and, under /api/v1,
// the learner's own view of the apps they connected (connected-apps-routes.ts) and the OAuth apps organizations
// publish (oauth-clients-routes.ts).
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../deps.ts';
import { connectedAppsRoutes } from './connected-apps-routes.ts';
import { oauthClientRoutes } from './oauth-clients-routes.ts';
import { oauthRoutes } from './oauth-routes.ts';
import { createOAuthProvider } from './provider.ts';
import { obApiRoutes } from './resource-routes.ts';

export async function obApiPlugin(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const provider = await createOAuthProvider(deps);
  await app.register(oauthRoutes(provider), { deps });
  await app.register(obApiRoutes(provider), { deps });
  await app.register(connectedAppsRoutes, { deps, prefix: '/api/v1' });
  await app.register(oauthClientRoutes(provider), { deps, prefix: '/api/v1' });
}
