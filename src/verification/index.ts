// Public face of the verification context.
export { NotABadgeError, VerifierBusyError } from './errors.ts';
export { renderVerificationPanel, standingIcon, VERIFY_PAGE_CSS } from './page.ts';
export type { Claims, Verdict, VerificationReport } from './report.ts';
export { createResolvers } from './resolvers.ts';
export { measureJsonBodies, verificationRoutes } from './routes.ts';
export { notABadgeReply, verifyReply } from './schema.ts';
export { verifyPresentedCredential } from './service.ts';
export { type Standing, standingOf, TONE, type Tone } from './standing.ts';
export {
  readBakedFile,
  verificationWork,
  verificationWorkStats,
  withVerificationSlot,
} from './verification-work.ts';
export { type BadgeInput, verifyBadge } from './verify-badge.ts';
