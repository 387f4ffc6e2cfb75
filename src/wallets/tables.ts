// Table types of the wallets context: offers to deliver an accepted award to a wallet (migrations 0041, 0042).
import type { ColumnType } from 'kysely';

type CreatedAt = ColumnType<Date, Date | undefined, never>;
type NullableJson<T> = ColumnType<T | null, string | null | undefined, string | null>;

export type WalletProtocol = 'vcapi' | 'oid4vci';

/** One link (and QR) to one award: expiring, completed once by whichever protocol the wallet speaks. */
export interface WalletOffersTable {
  /** Random (v4): the offer's URL is its only credential, so it is never guessable. */
  id: string;
  orgId: string;
  awardId: string;
  userId: string;
  createdAt: CreatedAt;
  expiresAt: Date;
  /** The VC-API exchange's DIDAuthentication challenge, set when a wallet starts it. */
  challenge: string | null;
  exchangeStartedAt: Date | null;
  completedAt: Date | null;
  completedVia: WalletProtocol | null;
  /** The DID the wallet proved it controls; the delivered copy names it as credentialSubject.id. */
  holderDid: string | null;
  deliveredCredentialId: string | null;
  deliveredCredential: NullableJson<Record<string, unknown>>;
  /** OID4VCI (migration 0042): the transaction code the learner was shown, when the offer asks for one. */
  txCode: ColumnType<string | null, string | null | undefined, string | null>;
  /** Wrong transaction codes so far; enough of them retire the offer. */
  txCodeFailures: ColumnType<number, number | undefined, number>;
  /** When the pre-authorized code was redeemed for an access token (once). */
  tokenIssuedAt: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** SHA-256 of the access token the code gave; the credential endpoint takes no other. */
  accessTokenHash: ColumnType<string | null, string | null | undefined, string | null>;
}

/** OID4VCI nonces for credential-request proofs (the nonce endpoint): expiring, used once. */
export interface WalletNoncesTable {
  nonce: string;
  expiresAt: Date;
  usedAt: Date | null;
}

export interface WalletsTables {
  walletOffers: WalletOffersTable;
  walletNonces: WalletNoncesTable;
}
