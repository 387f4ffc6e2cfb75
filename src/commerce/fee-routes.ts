// Placeholder until the owning helper fills it in (commerce, issue #8).
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../deps.ts';

export async function feeRoutes(_app: FastifyInstance, _options: { deps: Deps }): Promise<void> {}
