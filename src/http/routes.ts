// The route plugins of every context: one list, so the whole API surface is visible in one place.
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../deps.ts';
import { mailRoutes } from '../mail/index.ts';

type Plugin = (app: FastifyInstance, options: { deps: Deps }) => Promise<void>;

/** Mounted under /api/v1. */
const api: Plugin[] = [mailRoutes];

/** Mounted at the root: pages and documents others link to (DID documents, badge pages …). */
const root: Plugin[] = [];

export async function apiRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  for (const plugin of api) await app.register(plugin, { deps });
}

export async function publicRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  for (const plugin of root) await app.register(plugin, { deps });
}
