// Table types of the OB 3.0 API context: what the OAuth 2.0 authorization server keeps (migration 0046) and which
// organization publishes a client (migration 0055).
import type { ColumnType } from 'kysely';

type Json = ColumnType<Record<string, unknown>, string, string>;

/** One oidc-provider model instance (Client, Session, Interaction, Grant, AuthorizationCode, AccessToken …). */
export interface OauthModelsTable {
  kind: string;
  id: string;
  payload: Json;
  grantId: string | null;
  userCode: string | null;
  uid: string | null;
  /** Null for what does not expire (dynamically registered clients). */
  expiresAt: Date | null;
  consumedAt: Date | null;
  createdAt: ColumnType<Date, Date | undefined, never>;
}

/** The authorization server's own signing keys (ID tokens), wrapped under the key-encryption key. */
export interface OauthKeysTable {
  id: string;
  jwkWrapped: string;
  createdAt: ColumnType<Date, Date | undefined, never>;
}

/** Which organization publishes a client it registered on its OAuth apps page (migration 0055). */
export interface OauthClientOwnersTable {
  clientId: string;
  orgId: string;
  createdAt: ColumnType<Date, Date | undefined, never>;
  secretRotatedAt: Date | null;
}

export interface ObApiTables {
  oauthModels: OauthModelsTable;
  oauthKeys: OauthKeysTable;
  oauthClientOwners: OauthClientOwnersTable;
}
