// Table types of the insights context: each learner's target occupation.
import type { FrameworkId } from '../skills/tables.ts';

export interface LearnerTargetOccupationsTable {
  /** One row per person: only that person's own row is ever read or written. */
  userId: string;
  framework: FrameworkId;
  code: string;
  setAt: Date;
}

export interface InsightsTables {
  learnerTargetOccupations: LearnerTargetOccupationsTable;
}
