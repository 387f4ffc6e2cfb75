// Public face of the showcase context: public badge pages and the learner's sharing choices.
export { showcasePublicRoutes, showcaseRoutes } from './routes.ts';
export { changeSharing } from './service.ts';
