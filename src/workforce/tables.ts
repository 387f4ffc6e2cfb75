// Table types of the workforce context (people and consent): the people an employer invited, what each of
// them agreed to share, and the badges they chose. Role profiles and teams keep their own files.
import type { ColumnType, Generated } from 'kysely';

export type EmployeeStatus = 'invited' | 'active' | 'withdrawn' | 'removed';
export type ShareMode = 'all' | 'chosen';

export interface WorkforceEmployeesTable {
  id: Generated<string>;
  orgId: string;
  /** The account, once the invitation is accepted by a verified address equal to invitedEmail. */
  userId: string | null;
  /** Lower-case; unique per organization. */
  invitedEmail: string;
  status: EmployeeStatus;
  invitedBy: string | null;
  /** SHA-256 of the mailed token while the invitation is open; null once accepted or ended. */
  inviteTokenHash: string | null;
  invitedAt: Date;
  acceptedAt: Date | null;
  withdrawnAt: Date | null;
}

/** What an active employee lets the employer see; deleted when they withdraw or are removed. */
export interface WorkforceConsentsTable {
  orgId: string;
  userId: string;
  share: ShareMode;
  includeImports: boolean;
  updatedAt: ColumnType<Date, Date | undefined, Date>;
}

export interface WorkforceSharedAwardsTable {
  orgId: string;
  userId: string;
  awardId: string;
}

export interface WorkforceSharedImportsTable {
  orgId: string;
  userId: string;
  importId: string;
}

export interface WorkforceTables {
  workforceEmployees: WorkforceEmployeesTable;
  workforceConsents: WorkforceConsentsTable;
  workforceSharedAwards: WorkforceSharedAwardsTable;
  workforceSharedImports: WorkforceSharedImportsTable;
}

// Role profiles, teams and assignments (migration 0024). Declared as a second part of WorkforceTables
// (interfaces merge), so the Database composition needs no line of its own.
import type { RoleSkill, RoleSource } from './role-model.ts';

type Json<T> = ColumnType<T, string, string>;
type NullableJson<T> = ColumnType<T | null, string | null | undefined, string | null>;

export interface WorkforceRoleProfilesTable {
  id: Generated<string>;
  orgId: string;
  name: string;
  description: ColumnType<string, string | undefined, string>;
  /** The occupation the profile was started from; null when written from scratch. Kept through edits. */
  source: NullableJson<RoleSource>;
  /** 1–60 skills, most important first. */
  skills: Json<RoleSkill[]>;
  createdAt: ColumnType<Date, Date | undefined, never>;
  updatedAt: ColumnType<Date, Date | undefined, Date>;
}

export interface WorkforceTeamsTable {
  id: Generated<string>;
  orgId: string;
  /** Unique per organization whatever its case. */
  name: string;
  createdAt: ColumnType<Date, Date | undefined, never>;
}

export interface WorkforceTeamMembersTable {
  teamId: string;
  employeeId: string;
}

export interface WorkforceRoleAssignmentsTable {
  employeeId: string;
  roleId: string;
}

export interface WorkforceTables {
  workforceRoleProfiles: WorkforceRoleProfilesTable;
  workforceTeams: WorkforceTeamsTable;
  workforceTeamMembers: WorkforceTeamMembersTable;
  workforceRoleAssignments: WorkforceRoleAssignmentsTable;
}

// Sponsored seats (migration 0025): what an employer bought for a named employee, and the courses each covers.
export type SeatKind = 'course' | 'bundle';
/** awaiting-payment: the order is not paid yet; open: paid, not claimed; claimed: the employee took it. */
export type SeatStatus = 'awaiting-payment' | 'open' | 'claimed' | 'cancelled';

export interface WorkforceSeatsTable {
  id: Generated<string>;
  /** The employer. */
  orgId: string;
  employeeId: string;
  /** The issuer whose course or bundle it is (the order's organization). */
  sellerOrgId: string;
  orderId: string;
  kind: SeatKind;
  courseId: string | null;
  /** kind 'bundle': the badge whose bundle was bought. */
  badgeId: string | null;
  status: SeatStatus;
  createdAt: ColumnType<Date, Date | undefined, never>;
  claimedAt: Date | null;
  /** The course's or bundle's title when it was bought (migration 0031). */
  title: ColumnType<string, string | undefined, string>;
}

export interface WorkforceSeatCoursesTable {
  seatId: string;
  courseId: string;
  /** Set when the seat is claimed: a new enrolment, or the one the employee already had. */
  enrolmentId: string | null;
  /** false: the employee already held the course when the order was placed; it was not charged. */
  charged: ColumnType<boolean, boolean | undefined, boolean>;
  /** The course's title when it was bought (migration 0031). */
  title: ColumnType<string, string | undefined, string>;
  /** The order line that charged this course; null when it was not charged (migration 0031). */
  orderLineId: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface WorkforceTables {
  workforceSeats: WorkforceSeatsTable;
  workforceSeatCourses: WorkforceSeatCoursesTable;
}

// Open roles and applications (migration 0027): a role profile published as a role the employer is hiring
// for, the learners who opted in to job matching, and their applications with the badges each one shows.
export interface WorkforceOpenRolesTable {
  id: Generated<string>;
  orgId: string;
  /** The role profile whose skills the role needs (live: editing the profile changes the match). */
  roleId: string;
  title: string;
  description: ColumnType<string, string | undefined, string>;
  location: string | null;
  publishedBy: string | null;
  publishedAt: ColumnType<Date, Date | undefined, never>;
  updatedAt: ColumnType<Date, Date | undefined, Date>;
}

/** A row while the learner is opted in; none (the default) when they are not. */
export interface WorkforceJobMatchingTable {
  userId: string;
  optedInAt: ColumnType<Date, Date | undefined, never>;
}

export interface WorkforceOpenRoleApplicationsTable {
  id: Generated<string>;
  openRoleId: string;
  userId: string;
  message: ColumnType<string, string | undefined, string>;
  appliedAt: ColumnType<Date, Date | undefined, Date>;
}

export interface WorkforceOpenRoleApplicationAwardsTable {
  applicationId: string;
  awardId: string;
}

export interface WorkforceTables {
  workforceOpenRoles: WorkforceOpenRolesTable;
  workforceJobMatching: WorkforceJobMatchingTable;
  workforceOpenRoleApplications: WorkforceOpenRoleApplicationsTable;
  workforceOpenRoleApplicationAwards: WorkforceOpenRoleApplicationAwardsTable;
}

// Recognition and digests (migration 0026, docs/endorsements.md).
export type EndorsementKind = 'congratulation' | 'endorsement';

export interface WorkforceEndorsementsTable {
  id: Generated<string>;
  /** The employer. */
  orgId: string;
  employeeId: string;
  /** The person endorsed. */
  userId: string;
  awardId: string;
  kind: EndorsementKind;
  /** Plain text, 1–1000 characters. */
  comment: string;
  authorId: string | null;
  authorName: string;
  /** kind 'endorsement': the signed EndorsementCredential; null for a congratulation. */
  credential: ColumnType<Record<string, unknown> | null, string | null, never>;
  createdAt: ColumnType<Date, Date | undefined, never>;
  /** Set when the employer withdrew it (an endorsement's status bit is set then too). */
  revokedAt: Date | null;
}

/** A member's choice of the weekly digest; no row means it is on. */
export interface WorkforceDigestPreferencesTable {
  orgId: string;
  userId: string;
  enabled: boolean;
  updatedAt: Date;
}

export interface WorkforceDigestRunsTable {
  orgId: string;
  /** The Monday (UTC) of the week, YYYY-MM-DD. */
  week: string;
  sentAt: Date;
  mails: number;
}

export interface WorkforceTables {
  workforceEndorsements: WorkforceEndorsementsTable;
  workforceDigestPreferences: WorkforceDigestPreferencesTable;
  workforceDigestRuns: WorkforceDigestRunsTable;
}
