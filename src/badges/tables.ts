// Table types of the badges context: definitions and versions, awards, claims, reminders, bulk runs.
import type { ColumnType, Generated } from 'kysely';
import type { BadgeDesign } from '../issuing/index.ts';
import type { BadgeColors, Requirements, Skill } from './model.ts';

type CreatedAt = ColumnType<Date, Date | undefined, never>;
type Json<T> = ColumnType<T, string, string>;
type NullableJson<T> = ColumnType<T | null, string | null | undefined, string | null>;

export type BadgeState = 'draft' | 'published' | 'archived';

/** One piece of evidence of a manual award: an OB 3.0 Evidence with its URL as id. */
export interface EvidenceItem {
  url: string;
  name?: string;
  description?: string;
}

/** The editable draft of a badge; learners and the award engine only ever see its published versions. */
export interface BadgesTable {
  id: Generated<string>;
  orgId: string;
  name: string;
  description: string;
  /** null: generated from the requirements when published. */
  criteriaNarrative: string | null;
  /** Storage key of the uploaded image; null: a default is drawn from the name and colours. */
  imageKey: string | null;
  imageType: 'png' | 'svg' | null;
  /** Colours of the generated default image; null: the issuer's defaults. */
  colors: NullableJson<BadgeColors>;
  /** The design saved in the badge designer (its picture is the stored image); null: none saved. */
  design: NullableJson<BadgeDesign>;
  skills: Json<Skill[]>;
  level: string | null;
  /** null: never expires. Default 1095 (3 years). */
  validityDays: number | null;
  requirements: Json<Requirements>;
  /** Renewal by retaking: may the learner re-enter a required course after their access ended? */
  renewAfterAccessEnded: Generated<boolean>;
  /** Do earned credentials carry the learner's assessment results / accepted evidence? */
  discloseResults: Generated<boolean>;
  discloseEvidence: Generated<boolean>;
  state: Generated<BadgeState>;
  latestVersionId: string | null;
  createdAt: CreatedAt;
  updatedAt: Date;
}

/** A published version: never changes; awards point at the version they were earned under. */
export interface BadgeVersionsTable {
  id: Generated<string>;
  badgeId: string;
  orgId: string;
  number: number;
  name: string;
  description: string;
  criteriaNarrative: string;
  imageKey: string | null;
  imageType: 'png' | 'svg' | null;
  colors: NullableJson<BadgeColors>;
  design: NullableJson<BadgeDesign>;
  skills: Json<Skill[]>;
  level: string | null;
  validityDays: number | null;
  requirements: Json<Requirements>;
  /** Sum of the required courses' estimates (n of m: the n shortest). */
  estimatedMinutes: number;
  renewAfterAccessEnded: boolean;
  discloseResults: Generated<boolean>;
  discloseEvidence: Generated<boolean>;
  publishedAt: Date;
}

/** One row per requirement target of a published version: "which badges does this course count toward?" */
export interface BadgeRequirementIndexTable {
  badgeVersionId: string;
  orgId: string;
  kind: 'course' | 'badge' | 'evidence' | 'grade';
  /** Course id (course and evidence requirements), badge id or LMS line item id (grade, migration 0048). */
  targetId: string;
}

export type AwardSource = 'completion' | 'pathway' | 'manual' | 'bulk' | 'renewal';
/** 'awaiting-fee' is for the issuance fee (commerce); 'offered' waits for the learner to accept. */
export type AwardState = 'awaiting-fee' | 'offered' | 'accepted' | 'declined';

export interface AwardsTable {
  id: Generated<string>;
  orgId: string;
  badgeId: string;
  badgeVersionId: string;
  /** Lower-case; the claim may only be accepted by an account that verified this address. */
  recipientEmail: string;
  recipientName: string | null;
  /** The account, when known (completion awards) or once the claim is accepted. */
  userId: string | null;
  /** 1 for the first award, 2 for the first renewal … unique with badge and email. */
  cycle: number;
  source: AwardSource;
  state: AwardState;
  /** The issued credential (issuing context); null only while awaiting the fee. */
  credentialId: string | null;
  /** The first award's date, kept across renewals (the credential's awardedDate). */
  awardedDate: Date;
  issuedAt: Date;
  validUntil: Date | null;
  evidenceUrl: string | null;
  /** Manual and bulk awards: the issuer's words on why it was awarded, and on the evidence at evidenceUrl. */
  narrative: ColumnType<string | null, string | null | undefined, string | null>;
  evidenceNarrative: ColumnType<string | null, string | null | undefined, string | null>;
  /** Manual awards: up to ten evidence items (a URL, an optional name and description each). */
  evidenceItems: NullableJson<EvidenceItem[]>;
  /** A renewal's award id: this one is superseded (not revoked). */
  supersededBy: string | null;
  supersededAt: Date | null;
  visibility: Generated<'private' | 'public'>;
  /** On the public page: the recipient's name (default) and the evidence (hidden by default). */
  showName: Generated<boolean>;
  showEvidence: Generated<boolean>;
  bulkRunId: string | null;
  /** When the learner accepted or declined. */
  decidedAt: Date | null;
  createdAt: CreatedAt;
}

export interface AwardClaimsTable {
  id: Generated<string>;
  awardId: string;
  tokenHash: string;
  expiresAt: Date;
  usedAt: Date | null;
  createdAt: CreatedAt;
}

export interface AwardRemindersTable {
  awardId: string;
  /** 90 or 30. */
  daysBefore: number;
  sentAt: Date;
}

/** An award whose expiry was announced (the award.expired webhook event): one row per award, ever. */
export interface AwardExpiryNoticesTable {
  awardId: string;
  noticedAt: Date;
}

/** 'validating': the file is being read (in batches); it becomes 'previewed' once whole. */
export type BulkRunState = 'validating' | 'previewed' | 'running' | 'done' | 'failed' | 'cancelled';

export interface BulkAwardRunsTable {
  id: Generated<string>;
  orgId: string;
  badgeId: string;
  createdBy: string | null;
  fileName: string;
  state: BulkRunState;
  totalRows: Generated<number>;
  validRows: Generated<number>;
  processedRows: Generated<number>;
  awardedRows: Generated<number>;
  skippedRows: Generated<number>;
  error: string | null;
  createdAt: CreatedAt;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** The worker processing a running run, until its lease expires (then another takes over). */
  leaseOwner: string | null;
  leaseExpiresAt: Date | null;
  /** Where the lease holder runs: a lease of a dead process on this host is taken over at once. */
  leaseHost: string | null;
  leasePid: number | null;
}

export interface BulkRowProblem {
  column: string;
  message: string;
  /** A stable code of the rule that failed (rows checked before codes existed have none), and its values. */
  code?: string;
  params?: Record<string, string | number>;
}

export interface BulkAwardRowsTable {
  runId: string;
  /** 1-based data row number as in the file (the header is row 0). */
  rowNumber: number;
  email: string | null;
  name: string | null;
  evidenceUrl: string | null;
  narrative: ColumnType<string | null, string | null | undefined, string | null>;
  evidenceNarrative: ColumnType<string | null, string | null | undefined, string | null>;
  issueDate: Date | null;
  /** invalid: has problems, never awarded; skipped: the recipient already holds the badge this cycle. */
  status: 'invalid' | 'pending' | 'awarded' | 'skipped';
  problems: ColumnType<BulkRowProblem[], string | undefined, string>;
  awardId: string | null;
}

export interface BadgesTables {
  badges: BadgesTable;
  badgeVersions: BadgeVersionsTable;
  badgeRequirementIndex: BadgeRequirementIndexTable;
  awards: AwardsTable;
  awardClaims: AwardClaimsTable;
  awardReminders: AwardRemindersTable;
  awardExpiryNotices: AwardExpiryNoticesTable;
  bulkAwardRuns: BulkAwardRunsTable;
  bulkAwardRows: BulkAwardRowsTable;
}
