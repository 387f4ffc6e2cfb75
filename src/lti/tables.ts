// Table types of the LTI context (migration 0047): registered platforms, login states, platform users,
// LMS contexts and pending deep-linking requests.

import type { JWK } from 'jose';
import type { ColumnType, Generated } from 'kysely';

/** A platform (LMS) an organization registered: where its endpoints are, and the tool's key pair for it. */
export interface LtiPlatformsTable {
  id: Generated<string>;
  orgId: string;
  name: ColumnType<string, string | undefined, string>;
  issuer: string;
  clientId: string;
  deploymentIds: string[];
  authUrl: string;
  tokenUrl: string;
  jwksUrl: string;
  /** The `kid` of the tool's key for this platform, published at /lti/jwks.json. */
  keyId: ColumnType<string, string, never>;
  publicJwk: ColumnType<JWK, string, never>;
  /** The private JWK (JSON) wrapped under the key-encryption key; never returned. */
  privateJwkWrapped: ColumnType<string, string, never>;
  createdAt: ColumnType<Date, Date | undefined, never>;
  updatedAt: ColumnType<Date, Date | undefined, Date>;
}

/** One OIDC login in flight: single use, expiring. */
export interface LtiLoginStatesTable {
  state: string;
  platformId: string;
  nonce: string;
  expiresAt: Date;
}

/** A person as a platform knows them (its `sub`), linked to a Tessera account once known. */
export interface LtiUsersTable {
  platformId: string;
  sub: string;
  email: string | null;
  name: string | null;
  userId: string | null;
  /** When signing in through the platform was allowed (null: the link only attributes grades). */
  signInConfirmedAt: ColumnType<Date | null, Date | null | undefined, Date | null>;
  updatedAt: ColumnType<Date, Date | undefined, Date>;
}

/** A launch waiting for the owner of the account its email names to agree to sign in through the platform. */
export interface LtiPendingLinksTable {
  id: string;
  platformId: string;
  sub: string;
  userId: string;
  landingPath: string;
  expiresAt: Date;
}

/** An LMS course (LTI context) seen at a launch, with the service endpoints the platform offered for it. */
export interface LtiContextsTable {
  platformId: string;
  contextId: string;
  title: string | null;
  lineitemsUrl: string | null;
  membershipsUrl: string | null;
  scopes: ColumnType<string[], string[] | undefined, string[]>;
  updatedAt: ColumnType<Date, Date | undefined, Date>;
}

/** A deep-linking request waiting for the instructor's choice; the id is the capability, single use. */
export interface LtiDeepLinksTable {
  id: string;
  platformId: string;
  deploymentId: string;
  returnUrl: string;
  data: string | null;
  expiresAt: Date;
}

export interface LtiTables {
  ltiPlatforms: LtiPlatformsTable;
  ltiLoginStates: LtiLoginStatesTable;
  ltiUsers: LtiUsersTable;
  ltiContexts: LtiContextsTable;
  ltiDeepLinks: LtiDeepLinksTable;
  ltiPendingLinks: LtiPendingLinksTable;
}
