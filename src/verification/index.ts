// Public face of the verification context.
export { createResolvers } from './resolvers.ts';
export { verifyPresentedCredential } from './service.ts';
