// Public face of the organizations context, and the tenant policy every context reuses.

export { orgBrandingRoutes, orgLogoPublicRoutes } from './branding-routes.ts';
export { orgInvitationRoutes } from './invitation-routes.ts';
export { type IssuanceFee, issuanceFeeOf, setIssuanceFee } from './issuance-fee.ts';
export {
  canChangeMember,
  canEditOrganization,
  canManageMembers,
  isRoleAllowedIn,
  MEMBERSHIP_ROLES,
} from './model.ts';
export { type AnyMember, type EffectiveRole, requireMembership } from './policy.ts';
export { orgRoutes } from './routes.ts';
export { organizationBranding } from './schema.ts';
export {
  type ActorOrSystem,
  addMember,
  createOrganization,
  type MemberView,
  membershipRolesOf,
  type NewOrganization,
  organizationById,
  organizationBySlug,
  organizationsWithRoleOf,
  type PublicOrganization,
} from './service.ts';
export type { OrganizationRow, OrganizationWithRole } from './store.ts';
export type { MembershipRole, OrganizationKind } from './tables.ts';
