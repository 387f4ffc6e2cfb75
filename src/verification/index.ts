// Public face of the verification context.
export { NotABadgeError } from './errors.ts';
export { renderVerificationPanel, VERIFY_PAGE_CSS } from './page.ts';
export type { Claims, Verdict, VerificationReport } from './report.ts';
export { createResolvers } from './resolvers.ts';
export { verificationRoutes } from './routes.ts';
export { notABadgeReply, verifyReply } from './schema.ts';
export { verifyPresentedCredential } from './service.ts';
export { type BadgeInput, verifyBadge } from './verify-badge.ts';
