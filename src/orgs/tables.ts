// Table types of the organizations context.
import type { ColumnType, Generated } from 'kysely';

export type OrganizationKind = 'issuer' | 'employer';
export type MembershipRole = 'owner' | 'admin' | 'staff' | 'assessor' | 'manager';
export type LogoType = 'png' | 'jpeg' | 'svg';
type Nullable = ColumnType<string | null, string | null | undefined, string | null>;

export interface OrganizationsTable {
  id: Generated<string>;
  slug: string;
  name: string;
  kind: OrganizationKind;
  websiteUrl: string | null;
  /** The one-time fee for a learner's first badge from this issuer (commerce); null: none. */
  issuanceFeeMinor: ColumnType<number | null, number | null | undefined, number | null>;
  issuanceFeeCurrency: ColumnType<string | null, string | null | undefined, string | null>;
  /** Branding shown to learners (migration 0029); null: not set. */
  description: Nullable;
  /** Storage key of the uploaded logo (`org-logos/<uuid>.<type>`, also its public path) and its type. */
  logoKey: Nullable;
  logoType: ColumnType<LogoType | null, LogoType | null | undefined, LogoType | null>;
  /** `#rrggbb`, readable with white text on it. */
  brandColor: Nullable;
  contactEmail: Nullable;
  contactUrl: Nullable;
  /** Issuer registries it is listed in (migration 0050), shown on its issuer page; null: none. */
  registryListings: ColumnType<RegistryListing[] | null, string | null | undefined, string | null>;
  createdAt: ColumnType<Date, Date | undefined, never>;
}

/** An issuer registry the organization is listed in: its name and the address where the listing is. */
export interface RegistryListing {
  name: string;
  url: string;
}

export interface MembershipsTable {
  orgId: string;
  userId: string;
  role: MembershipRole;
  createdAt: ColumnType<Date, Date | undefined, never>;
}

/** A member invited by email; open until accepted or expired, replaced when the address is invited again. */
export interface OrgInvitationsTable {
  id: Generated<string>;
  orgId: string;
  /** Lower-case. */
  email: string;
  role: MembershipRole;
  /** SHA-256 of the mailed token. */
  tokenHash: string;
  invitedBy: string | null;
  createdAt: ColumnType<Date, Date | undefined, Date>;
  expiresAt: Date;
  acceptedAt: Date | null;
  acceptedBy: string | null;
}

export interface OrgTables {
  organizations: OrganizationsTable;
  memberships: MembershipsTable;
  orgInvitations: OrgInvitationsTable;
}
