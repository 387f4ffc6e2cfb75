// Every insights route: related occupations and the gap (insights-routes.ts), occupations by title and code,
// and the learner's target occupation (lookup-routes.ts).
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../deps.ts';
import { insightsRoutes as occupationRoutes } from './insights-routes.ts';
import { lookupRoutes } from './lookup-routes.ts';

export async function insightsRoutes(app: FastifyInstance, options: { deps: Deps }): Promise<void> {
  await occupationRoutes(app, options);
  await lookupRoutes(app, options);
}
