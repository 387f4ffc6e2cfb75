// Public face of the VC-API context.
export { vcApiRoutes } from './routes.ts';
