// Table types of the imports context: badges a learner brought from other issuers.
import type { ColumnType, Generated } from 'kysely';
import type { VerificationReport } from '../verification/index.ts';

export type ImportSource = 'baked-image' | 'url' | 'json' | 'jwt';
/** What `payload` holds, so it can be verified again: a URL, credential JSON, or a compact JWT/JWS. */
export type PayloadKind = 'url' | 'json' | 'jwt';
export type ImportVisibility = 'private' | 'public';

export interface ImportedBadgesTable {
  id: Generated<string>;
  userId: string;
  source: ImportSource;
  payloadKind: PayloadKind;
  /** The badge as brought (for an image: its unbaked payload, never the image). */
  payload: string;
  /** The credential id or assertion URL (else a digest of the payload): one row per badge per learner. */
  dedupeKey: string;
  format: VerificationReport['format'];
  badgeName: string;
  issuerName: string | null;
  issuerId: string | null;
  /** https only; shown as a link, never fetched by our pages. */
  imageUrl: string | null;
  validFrom: string | null;
  validUntil: string | null;
  report: ColumnType<VerificationReport, string, string>;
  verdict: VerificationReport['verdict'];
  checkedAt: Date;
  visibility: ColumnType<ImportVisibility, ImportVisibility | undefined, ImportVisibility>;
  createdAt: ColumnType<Date, Date | undefined, never>;
}

export interface ImportsTables {
  importedBadges: ImportedBadgesTable;
}
