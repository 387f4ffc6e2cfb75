// Public face of the workforce context: an employer's people, their consent and what they share.
export { EMPLOYER_ROLES, mayShare } from './model.ts';
export { roleProfileRoutes } from './role-routes.ts';
export { workforceRoutes } from './routes.ts';
export { type SharedBadge, sharedBadges } from './sharing.ts';
export type { EmployeeStatus, ShareMode, WorkforceTables } from './tables.ts';
export { teamRoutes } from './team-routes.ts';
