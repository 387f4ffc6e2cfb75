// The one tenant policy every context reuses: who may touch an organization's data.
import { ForbiddenError, NotFoundError, UnauthenticatedError } from '../errors.ts';
import type { Actor } from '../identity/actor.ts';
import type { MembershipRole } from './tables.ts';

/** Any member may read; 'operator' is a platform operator looking at an organization they are not in. */
export type AnyMember = 'any-member';
export type EffectiveRole = MembershipRole | 'operator';

/**
 * Not a member → 404 (never reveal that another organization's resource exists); a member with the
 * wrong role → 403. An API token bound to an organization acts only within it. Platform operators may
 * read any organization (`'any-member'`) but act only where they hold a role.
 */
export function requireMembership(
  actor: Actor | null,
  orgId: string,
  allowedRoles: readonly MembershipRole[] | AnyMember,
): EffectiveRole {
  if (!actor) throw new UnauthenticatedError();
  const boundToOtherOrg =
    actor.via === 'api-token' && actor.activeOrgId !== null && actor.activeOrgId !== orgId;
  if (boundToOtherOrg) throw new NotFoundError('organization');
  const membership = actor.memberships.find((m) => m.orgId === orgId);
  if (!membership) {
    if (!actor.user.isOperator || (actor.activeOrgId !== null && actor.via === 'api-token')) {
      throw new NotFoundError('organization');
    }
    if (allowedRoles === 'any-member') return 'operator';
    throw new ForbiddenError(
      'Platform operators may look at any organization but act only where they hold a role.',
    );
  }
  if (allowedRoles !== 'any-member' && !allowedRoles.includes(membership.role)) {
    throw new ForbiddenError(`Your role (${membership.role}) in this organization does not allow this.`);
  }
  return membership.role;
}
