// The identity context's routes: /auth (sign-up, login, session, password reset) and /me (emails, tokens).
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../deps.ts';
import { authRoutes } from './auth-routes.ts';
import { meRoutes } from './me-routes.ts';

export async function identityRoutes(app: FastifyInstance, options: { deps: Deps }): Promise<void> {
  await app.register(authRoutes, options);
  await app.register(meRoutes, options);
}
