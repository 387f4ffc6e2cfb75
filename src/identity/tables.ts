// Table types of the identity context (users, their emails, sessions, single-use tokens, API tokens).
import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | undefined, never>;

export interface UsersTable {
  id: Generated<string>;
  name: string;
  passwordHash: string;
  isOperator: Generated<boolean>;
  locale: Generated<string>;
  createdAt: CreatedAt;
}

/**
 * Several emails per account (identity that survives email changes); one is primary. Every row is verified,
 * except the primary address of a sign-up whose link has not been opened yet.
 */
export interface UserEmailsTable {
  id: Generated<string>;
  userId: string;
  /** Stored lower-cased; unique across the platform. */
  email: string;
  isPrimary: Generated<boolean>;
  verifiedAt: Date | null;
  createdAt: CreatedAt;
}

/**
 * Addresses a person added and has not confirmed yet. Not unique across accounts: adding an address must not
 * tell whether another account holds it. Confirming moves the address into user_emails.
 */
export interface PendingUserEmailsTable {
  id: Generated<string>;
  userId: string;
  /** Stored lower-cased; unique per account only. */
  email: string;
  createdAt: CreatedAt;
}

export interface SessionsTable {
  /** sha256 of the cookie value; the cookie value itself is never stored. */
  idHash: string;
  userId: string;
  csrfToken: string;
  activeOrgId: string | null;
  createdAt: CreatedAt;
  expiresAt: Date;
  lastSeenAt: Date;
}

export interface EmailTokensTable {
  tokenHash: string;
  userId: string;
  email: string;
  purpose: 'verify-email' | 'reset-password';
  expiresAt: Date;
  usedAt: Date | null;
  createdAt: CreatedAt;
}

export interface ApiTokensTable {
  id: Generated<string>;
  userId: string;
  /** The organization the token acts for, when it is an organization's machine client. */
  orgId: string | null;
  name: string;
  /** First characters of the token, shown in lists so a person can tell tokens apart. */
  prefix: string;
  tokenHash: string;
  scopes: string[];
  createdAt: CreatedAt;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface IdentityTables {
  users: UsersTable;
  userEmails: UserEmailsTable;
  pendingUserEmails: PendingUserEmailsTable;
  sessions: SessionsTable;
  emailTokens: EmailTokensTable;
  apiTokens: ApiTokensTable;
}
