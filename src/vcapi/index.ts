// Public face of the VC-API context.
export { type PresentationResult, verifyPresentation } from './presentations.ts';
export { vcApiRoutes } from './routes.ts';
