// Table types of the issuing context: issuers' signing keys, status lists and issued credentials.
import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | undefined, never>;
type Json<T> = ColumnType<T, string, string>;

export interface IssuerKeysTable {
  id: Generated<string>;
  orgId: string;
  /** 1, 2, 3 … per organization; the verification method is `<did>#key-<n>`. */
  keyNumber: number;
  publicKeyMultibase: string;
  /** AES-256-GCM under the key-encryption key; never leaves the issuing service. */
  secretKeyEncrypted: string;
  createdAt: CreatedAt;
  /** Set when a newer key took over: the key no longer signs but stays in the DID document. */
  retiredAt: Date | null;
  /** Set when the issuer revoked the key as compromised: it leaves the DID document's assertionMethod. */
  revokedAt: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** From when what the key signed is not trusted (at or before revokedAt). */
  compromisedSince: ColumnType<Date | null, Date | null | undefined, Date | null>;
  revokedReason: ColumnType<string | null, string | null | undefined, string | null>;
  revokedBy: ColumnType<string | null, string | null | undefined, string | null>;
}

export type StatusPurpose = 'revocation' | 'suspension';

export interface StatusListsTable {
  id: Generated<string>;
  orgId: string;
  purpose: StatusPurpose;
  /** 1, 2, 3 … per organization and purpose: the list's URL is stable. */
  listNumber: number;
  /** Number of entries (bits); at least 131,072. */
  size: number;
  /** The raw bitstring (bit 0 = most significant bit of byte 0). */
  bits: Buffer;
  /** Next index to hand out; indexes are never reused. */
  nextIndex: Generated<number>;
  /** The signed BitstringStatusListCredential as last published. */
  publishedCredential: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  etag: string | null;
  updatedAt: Date;
  /** did:key issuers: the key that signs this list (and whose did:key issued its credentials). */
  issuerKeyId: string | null;
  /** The issuer's own domain's DID (domain.ts) this list is signed as; null: the did:web on this server. */
  issuerDid: ColumnType<string | null, string | null | undefined, string | null>;
}

export type IssuerDidMethod = 'web' | 'key';

export interface IssuerSettingsTable {
  orgId: string;
  didMethod: IssuerDidMethod;
  updatedAt: Date;
}

export type CredentialState = 'active' | 'revoked' | 'suspended';

export interface IssuedCredentialsTable {
  /** The UUID of the credential's `urn:uuid:` id. */
  id: string;
  orgId: string;
  /** The signed credential (Data Integrity) as issued. */
  credential: Json<Record<string, unknown>>;
  /** The same claims as VC-JWT, when asked for. */
  jwt: string | null;
  /** Unsigned data for OB 2.0 hosted assertions and displays. */
  achievementId: string;
  achievementName: string;
  recipientLabel: string;
  /** The recipient's address for hosted OB 2.0 assertions (hashed there); null for DID recipients. */
  recipientEmail: string | null;
  /** The credential's one BitstringStatusListEntry (the OB 3.0 schema allows a single credentialStatus). */
  statusListId: string;
  statusIndex: number;
  state: Generated<CredentialState>;
  stateReason: string | null;
  issuedAt: Date;
  validUntil: Date | null;
  createdAt: CreatedAt;
}

/**
 * A credential issued through the VC-API: the caller keeps the credential, we keep its status slots so
 * POST /credentials/status can change them. The bits themselves live in the lists (status_lists.bits).
 */
export type VcApiStatusSource = 'tessera' | 'caller' | 'none';

export interface VcApiCredentialsTable {
  id: Generated<string>;
  orgId: string;
  /** options.credentialId, else the credential's id; null when the caller gave neither. */
  credentialId: string | null;
  /**
   * Where the credential's status is managed: `tessera` on our lists (the slots below), `caller` where the
   * credentialStatus the caller sent points, `none` for a VC 1.1 credential (issued without a status entry).
   */
  statusSource: ColumnType<VcApiStatusSource, VcApiStatusSource | undefined, never>;
  /** Only when statusSource is `tessera`. */
  revocationListId: string | null;
  revocationIndex: number | null;
  /** Only when the caller asked for a suspension entry. */
  suspensionListId: string | null;
  suspensionIndex: number | null;
  issuedAt: Date;
  statusUpdatedAt: Date | null;
  /** For the issuer's list of issued credentials: the credential's name and whom it names. */
  name: ColumnType<string | null, string | null | undefined, string | null>;
  subjectLabel: ColumnType<string | null, string | null | undefined, string | null>;
  /** As this server last set its status bits (`active` for a status managed elsewhere). */
  state: ColumnType<CredentialState, CredentialState | undefined, CredentialState>;
}

export type IssuerDomainState = 'pending' | 'verified' | 'released';

/** An issuer's own domain (domain.ts): its credentials name did:web:<domain> once verified. */
export interface IssuerDomainsTable {
  id: Generated<string>;
  orgId: string;
  /** Lowercase host name, with `:port` only where one is needed (did:web encodes it as %3A). */
  domain: string;
  state: IssuerDomainState;
  /** What the organization publishes (DNS TXT or the HTTPS file) to show it holds the domain. */
  token: string;
  createdAt: CreatedAt;
  verifiedAt: Date | null;
  releasedAt: Date | null;
  lastCheckAt: Date | null;
  lastCheckProblem: string | null;
}

/** The platform's own keys (platform-identity.ts): did:web:<host of PUBLIC_URL>#key-<n>, wrapped like issuers' keys. */
export interface PlatformKeysTable {
  id: Generated<string>;
  keyNumber: number;
  publicKeyMultibase: string;
  /** AES-256-GCM under the key-encryption key. */
  secretKeyEncrypted: string;
  createdAt: CreatedAt;
}

export interface IssuingTables {
  issuerDomains: IssuerDomainsTable;
  issuerKeys: IssuerKeysTable;
  statusLists: StatusListsTable;
  issuedCredentials: IssuedCredentialsTable;
  issuerSettings: IssuerSettingsTable;
  platformKeys: PlatformKeysTable;
  vcapiCredentials: VcApiCredentialsTable;
}
