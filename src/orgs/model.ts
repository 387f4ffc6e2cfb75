// Pure rules of organizations and their members' roles. No I/O.
import type { MembershipRole, OrganizationKind } from './tables.ts';

export const MEMBERSHIP_ROLES = [
  'owner',
  'admin',
  'staff',
  'assessor',
  'manager',
] as const satisfies readonly MembershipRole[];
export const ORGANIZATION_KINDS = ['issuer', 'employer'] as const satisfies readonly OrganizationKind[];

/** Used in URLs and in the issuer's did:web, so it stays plain: a-z, 0-9 and inner dashes, 3–40 long. */
export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{1,38})[a-z0-9]$/;

/** Issuers write courses and assess; employers follow their people's skills. */
const rolesByKind: Record<OrganizationKind, readonly MembershipRole[]> = {
  issuer: ['owner', 'admin', 'staff', 'assessor'],
  employer: ['owner', 'admin', 'manager'],
};

export function rolesAllowedIn(kind: OrganizationKind): readonly MembershipRole[] {
  return rolesByKind[kind];
}

export function isRoleAllowedIn(kind: OrganizationKind, role: MembershipRole): boolean {
  return rolesByKind[kind].includes(role);
}

export function canManageMembers(role: MembershipRole): boolean {
  return role === 'owner' || role === 'admin';
}

export function canEditOrganization(role: MembershipRole): boolean {
  return role === 'owner' || role === 'admin';
}

/** Only an owner makes, unmakes or removes an owner; admins manage everyone else. */
export function canChangeMember(
  actorRole: MembershipRole,
  currentRole: MembershipRole | null,
  newRole: MembershipRole | null,
): boolean {
  if (!canManageMembers(actorRole)) return false;
  if (actorRole === 'owner') return true;
  return currentRole !== 'owner' && newRole !== 'owner';
}

/** True when the change would leave the organization without any owner. */
export function leavesNoOwner(
  ownerCount: number,
  currentRole: MembershipRole,
  newRole: MembershipRole | null,
): boolean {
  return currentRole === 'owner' && newRole !== 'owner' && ownerCount <= 1;
}
