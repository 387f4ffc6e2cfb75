// Use-cases of organizations and their members.
import type { Executor } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from '../errors.ts';
import type { Actor } from '../identity/actor.ts';
import { findUserIdByVerifiedEmail, requireActor, requireScope, userSummaries } from '../identity/index.ts';
import { brandingChanges } from './branding-patch.ts';
import { canChangeMember, isRoleAllowedIn, leavesNoOwner, rolesAllowedIn, SLUG_PATTERN } from './model.ts';
import { type EffectiveRole, requireMembership } from './policy.ts';
import {
  allOrganizations,
  countOwners,
  deleteMembership,
  findMembership,
  findOrganization,
  findOrganizationBySlug,
  insertMembership,
  insertOrganization,
  lockOrganization,
  type MembershipRow,
  membershipsOfUser,
  membersOf,
  type OrganizationRow,
  type OrganizationWithRole,
  organizationsOfUser,
  updateMembershipRole,
  updateOrganization,
} from './store.ts';
import type { MembershipRole, OrganizationKind, RegistryListing } from './tables.ts';

/** Seed data and the CLI act as the system: no person, no permission checks. */
export type ActorOrSystem = Actor | 'system';

export interface NewOrganization {
  name: string;
  slug: string;
  kind: OrganizationKind;
  websiteUrl?: string | null;
  /** For the system: who becomes the owner (people creating an organization always own it). */
  ownerUserId?: string;
}

export interface MemberView {
  userId: string;
  name: string;
  email: string | null;
  role: MembershipRole;
  since: Date;
}

const MANAGERS: readonly MembershipRole[] = ['owner', 'admin'];

export interface OrganizationPatch {
  name?: string;
  websiteUrl?: string | null;
  description?: string | null;
  brandColor?: string | null;
  contactEmail?: string | null;
  contactUrl?: string | null;
  registryListings?: RegistryListing[];
}

export async function createOrganization(
  deps: Deps,
  actor: ActorOrSystem,
  input: NewOrganization,
): Promise<OrganizationRow> {
  let ownerUserId = input.ownerUserId;
  if (actor !== 'system') {
    requireScope(actor, 'orgs:write');
    if (actor.via === 'api-token' && actor.activeOrgId !== null) {
      throw new ForbiddenError('An API token bound to an organization cannot create organizations.');
    }
    ownerUserId = actor.user.id;
  }
  // Routes validate with zod already; seed data and the CLI arrive here directly.
  if (!SLUG_PATTERN.test(input.slug)) {
    throw new InvalidError('The address (slug) is not usable.', [
      {
        path: 'slug',
        message: 'must be 3–40 lowercase letters, digits or dashes, not starting or ending with a dash',
        code: 'slug-format',
      },
    ]);
  }
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const org = await insertOrganization(trx, {
        name: input.name,
        slug: input.slug,
        kind: input.kind,
        websiteUrl: input.websiteUrl ?? null,
      });
      if (ownerUserId) await insertMembership(trx, { orgId: org.id, userId: ownerUserId, role: 'owner' });
      return org;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ConflictError(`The address "${input.slug}" is taken; choose another.`, 'slug-taken');
    }
    throw error;
  }
}

export async function listMyOrganizations(deps: Deps, actor: Actor | null): Promise<OrganizationWithRole[]> {
  const me = requireActor(actor);
  requireScope(me, 'read');
  const orgs = await organizationsOfUser(deps.db, me.user.id);
  const boundOrg = me.via === 'api-token' ? me.activeOrgId : null;
  return boundOrg ? orgs.filter((org) => org.id === boundOrg) : orgs;
}

export async function getOrganization(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
): Promise<{ org: OrganizationRow; role: EffectiveRole }> {
  const role = requireMembership(actor, orgId, 'any-member');
  requireScope(requireActor(actor), 'read');
  const org = await findOrganization(deps.db, orgId);
  if (!org) throw new NotFoundError('organization');
  return { org, role };
}

export async function updateOrganizationDetails(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  patch: OrganizationPatch,
): Promise<{ org: OrganizationRow; role: EffectiveRole }> {
  const role = requireMembership(actor, orgId, MANAGERS);
  requireScope(requireActor(actor), 'orgs:write');
  // Only the fields sent change; an explicit null clears a nullable one.
  const changes = Object.fromEntries(
    Object.entries(brandingChanges(patch)).filter(([, value]) => value !== undefined),
  );
  const org =
    Object.keys(changes).length > 0
      ? await updateOrganization(deps.db, orgId, changes)
      : await findOrganization(deps.db, orgId);
  if (!org) throw new NotFoundError('organization');
  return { org, role };
}

export async function listAllOrganizations(
  deps: Deps,
  actor: Actor | null,
  page: { limit: number; offset: number },
): Promise<OrganizationRow[]> {
  const me = requireActor(actor);
  if (!me.user.isOperator || (me.via === 'api-token' && me.activeOrgId !== null)) {
    throw new ForbiddenError('Only platform operators may list every organization.');
  }
  requireScope(me, 'read');
  return allOrganizations(deps.db, page.limit, page.offset);
}

export async function listMembers(deps: Deps, actor: Actor | null, orgId: string): Promise<MemberView[]> {
  requireMembership(actor, orgId, 'any-member');
  requireScope(requireActor(actor), 'read');
  return presentMembers(deps, await membersOf(deps.db, orgId));
}

/** Adds an existing person, found by any of their verified emails, with a role that fits the organization. */
export async function addMember(
  deps: Deps,
  actor: ActorOrSystem,
  orgId: string,
  input: { email: string; role: MembershipRole },
): Promise<MemberView> {
  if (actor !== 'system') {
    const myRole = requireMembership(actor, orgId, MANAGERS);
    requireScope(actor, 'orgs:write');
    if (myRole === 'operator' || !canChangeMember(myRole, null, input.role)) {
      throw new ForbiddenError('Only an owner can make someone an owner.');
    }
  }
  const userId = await findUserIdByVerifiedEmail(deps, input.email);
  if (!userId) {
    throw new InvalidError('No account has this verified email.', [
      {
        path: 'body.email',
        message: 'No account has this verified email; ask them to sign up first.',
        code: 'no-verified-account',
      },
    ]);
  }
  const row = await deps.db.transaction().execute(async (trx) => {
    const org = await lockOrganization(trx, orgId);
    if (!org) throw new NotFoundError('organization');
    assertRoleFits(org.kind, input.role);
    if (await findMembership(trx, orgId, userId)) {
      throw new ConflictError('This person is already a member.', 'already-member');
    }
    return insertMembership(trx, { orgId, userId, role: input.role });
  });
  const [member] = await presentMembers(deps, [row]);
  return member!;
}

export async function changeMemberRole(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  userId: string,
  role: MembershipRole,
): Promise<MemberView> {
  const myRole = requireMembership(actor, orgId, MANAGERS);
  requireScope(requireActor(actor), 'orgs:write');
  const row = await deps.db.transaction().execute(async (trx) => {
    const org = await lockOrganization(trx, orgId);
    const current = await findMembership(trx, orgId, userId);
    if (!org || !current) throw new NotFoundError('member');
    assertRoleFits(org.kind, role);
    if (myRole === 'operator' || !canChangeMember(myRole, current.role, role)) {
      throw new ForbiddenError('Only an owner can make or unmake an owner.');
    }
    if (leavesNoOwner(await countOwners(trx, orgId), current.role, role)) {
      throw new ConflictError(
        'An organization keeps at least one owner; make someone else owner first.',
        'last-owner',
      );
    }
    return (await updateMembershipRole(trx, orgId, userId, role))!;
  });
  const [member] = await presentMembers(deps, [row]);
  return member!;
}

/** Managers remove members; anyone may leave. The last owner stays. */
export async function removeMember(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  userId: string,
): Promise<void> {
  const me = requireActor(actor);
  const leaving = me.user.id === userId;
  const myRole = requireMembership(actor, orgId, leaving ? 'any-member' : MANAGERS);
  requireScope(me, 'orgs:write');
  await deps.db.transaction().execute(async (trx) => {
    await lockOrganization(trx, orgId);
    const current = await findMembership(trx, orgId, userId);
    if (!current) throw new NotFoundError('member');
    if (!leaving && (myRole === 'operator' || !canChangeMember(myRole, current.role, null))) {
      throw new ForbiddenError('Only an owner can remove an owner.');
    }
    if (leavesNoOwner(await countOwners(trx, orgId), current.role, null)) {
      throw new ConflictError(
        'An organization keeps at least one owner; make someone else owner first.',
        'last-owner',
      );
    }
    await deleteMembership(trx, orgId, userId);
  });
}

/** What other contexts may know of an organization (issuer name and website go into credentials; the
 *  branding — description, logo, colour, contact — is shown to learners on public pages). */
export type PublicOrganization = Pick<
  OrganizationRow,
  | 'id'
  | 'slug'
  | 'name'
  | 'kind'
  | 'websiteUrl'
  | 'description'
  | 'logoKey'
  | 'brandColor'
  | 'contactEmail'
  | 'contactUrl'
  | 'registryListings'
>;

/** Executor first, so callers can read inside their own transaction. No permission check: public facts. */
export async function organizationById(
  executor: Executor,
  orgId: string,
): Promise<PublicOrganization | undefined> {
  const row = await findOrganization(executor, orgId);
  return row && publicOrganization(row);
}

export async function organizationBySlug(
  executor: Executor,
  slug: string,
): Promise<PublicOrganization | undefined> {
  const row = await findOrganizationBySlug(executor, slug);
  return row && publicOrganization(row);
}

function publicOrganization(row: OrganizationRow): PublicOrganization {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    kind: row.kind,
    websiteUrl: row.websiteUrl,
    description: row.description,
    logoKey: row.logoKey,
    brandColor: row.brandColor,
    contactEmail: row.contactEmail,
    contactUrl: row.contactUrl,
    registryListings: row.registryListings,
  };
}

/** For the auth layer: the roles a person holds, by organization. */
export async function membershipRolesOf(
  deps: Deps,
  userId: string,
): Promise<Array<{ orgId: string; role: MembershipRole }>> {
  const rows = await membershipsOfUser(deps.db, userId);
  return rows.map((row) => ({ orgId: row.orgId, role: row.role }));
}

/** For session replies: the organizations a person belongs to, with their role. */
export async function organizationsWithRoleOf(deps: Deps, userId: string): Promise<OrganizationWithRole[]> {
  return organizationsOfUser(deps.db, userId);
}

function assertRoleFits(kind: OrganizationKind, role: MembershipRole): void {
  if (!isRoleAllowedIn(kind, role)) {
    throw new InvalidError(`An ${kind} organization has no ${role} role.`, [
      {
        path: 'body.role',
        message: `must be one of ${rolesAllowedIn(kind).join(', ')} in an ${kind} organization`,
        code: 'role-not-in-kind',
        params: { roles: rolesAllowedIn(kind).join(', '), kind },
      },
    ]);
  }
}

async function presentMembers(deps: Deps, rows: MembershipRow[]): Promise<MemberView[]> {
  const users = new Map(
    (
      await userSummaries(
        deps,
        rows.map((row) => row.userId),
      )
    ).map((u) => [u.id, u]),
  );
  return rows.map((row) => ({
    userId: row.userId,
    name: users.get(row.userId)?.name ?? '',
    email: users.get(row.userId)?.email ?? null,
    role: row.role,
    since: row.createdAt,
  }));
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}
