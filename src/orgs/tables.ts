// Table types of the organizations context.
import type { ColumnType, Generated } from 'kysely';

export type OrganizationKind = 'issuer' | 'employer';
export type MembershipRole = 'owner' | 'admin' | 'staff' | 'assessor' | 'manager';

export interface OrganizationsTable {
  id: Generated<string>;
  slug: string;
  name: string;
  kind: OrganizationKind;
  websiteUrl: string | null;
  /** The one-time fee for a learner's first badge from this issuer (commerce); null: none. */
  issuanceFeeMinor: ColumnType<number | null, number | null | undefined, number | null>;
  issuanceFeeCurrency: ColumnType<string | null, string | null | undefined, string | null>;
  createdAt: ColumnType<Date, Date | undefined, never>;
}

export interface MembershipsTable {
  orgId: string;
  userId: string;
  role: MembershipRole;
  createdAt: ColumnType<Date, Date | undefined, never>;
}

export interface OrgTables {
  organizations: OrganizationsTable;
  memberships: MembershipsTable;
}
