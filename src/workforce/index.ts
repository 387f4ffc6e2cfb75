// Public face of the workforce context: an employer's people, their consent and what they share.
import { registerVisibleListeners } from './analytics-visible.ts';
import { registerSeatOrderHooks } from './seat-hooks.ts';

export { analyticsRoutes } from './analytics-routes.ts';
export { digestPublicRoutes, digestRoutes } from './digest-routes.ts';
export { weeklyDigestTicker } from './digest-service.ts';
export { endorsementPublicRoutes, endorsementRoutes } from './endorse-routes.ts';
export { type EndorsementView, publicEndorsements } from './endorse-service.ts';
export { EMPLOYER_ROLES, mayShare } from './model.ts';
export { openRoleRoutes } from './open-role-routes.ts';
export { roleProfileRoutes } from './role-routes.ts';
export { workforceRoutes } from './routes.ts';
export { seatRoutes } from './seat-routes.ts';
export { type SharedBadge, sharedBadges } from './sharing.ts';
export type { EmployeeStatus, ShareMode, WorkforceTables } from './tables.ts';
export { teamRoutes } from './team-routes.ts';

// Sponsored seats follow their orders: commerce calls these hooks once the context has loaded.
registerSeatOrderHooks();
// What employers see of people's skills and awards follows awards and credential states in their transactions.
registerVisibleListeners();
