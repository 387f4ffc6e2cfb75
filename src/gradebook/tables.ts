// Table types of the gradebook context: LMS line items and learners' grades on them (migrations 0048, 0054).
import type { ColumnType, Generated } from 'kysely';

/** numeric columns: PostgreSQL returns them as strings; the store reads them as numbers. */
type Numeric = ColumnType<string, number | string, number | string>;
type NullableNumeric = ColumnType<string | null, number | string | null, number | string | null>;

/** A gradebook column of a course in an LMS (an AGS line item), as a platform reported it. */
export interface LmsLineItemsTable {
  id: Generated<string>;
  orgId: string;
  /** The LTI platform registration it came through (src/lti); not a foreign key. */
  platformId: string;
  /** The AGS line item id: a URL at the platform, unique within the organization. */
  lineItemUrl: string;
  label: string;
  scoreMaximum: Numeric;
  resourceLinkId: string | null;
  /** The platform's name and the course (LTI context) title as the last sync read them (migration 0054). */
  platformName: ColumnType<string | null, string | null | undefined, string | null>;
  contextTitle: ColumnType<string | null, string | null | undefined, string | null>;
  createdAt: ColumnType<Date, Date | undefined, never>;
  updatedAt: ColumnType<Date, Date | undefined, Date>;
}

/** A learner's latest grade on a line item (one row per line item × learner). */
export interface LmsGradesTable {
  orgId: string;
  lineItemId: string;
  userId: string;
  /** null: not graded yet (AGS reports a result without a score). */
  scoreGiven: NullableNumeric;
  scoreMaximum: Numeric;
  letterGrade: string | null;
  gradedAt: Date;
  updatedAt: ColumnType<Date, Date | undefined, Date>;
}

export interface GradebookTables {
  lmsLineItems: LmsLineItemsTable;
  lmsGrades: LmsGradesTable;
}
