// Table types of the catalog context: courses (the editable draft) and their immutable revisions.
import type { ColumnType, Generated } from 'kysely';
import type { Skill } from '../skills/index.ts';
import type { Unit } from './model.ts';

type Json<T> = ColumnType<T, string, string>;

export type CourseState = 'draft' | 'published' | 'archived';

export interface CoursesTable {
  id: Generated<string>;
  orgId: string;
  title: string;
  summary: string;
  estimatedMinutes: number;
  /** Skill objects (the shape badges use too); string arrays before migration 0020. */
  skills: Json<Skill[]>;
  /** How long an enrolment gives access, from the day of enrolment. */
  accessDays: number;
  /** Put in front of activity codes (e.g. the professional body's program id). */
  activityCodePrefix: string | null;
  /** null = free; paid courses are bought through commerce (a later issue). */
  priceMinor: number | null;
  currency: string | null;
  /** The draft: edits land here and reach learners only when published as a new revision. */
  units: Json<Unit[]>;
  state: Generated<CourseState>;
  latestRevisionId: string | null;
  /** The course's picture (`course-covers/<random>.webp`, course-image.ts), live at once, not per revision. */
  imageKey: ColumnType<string | null, string | null | undefined, string | null>;
  /** What the picture shows, for those who cannot see it; set whenever imageKey is. */
  imageAlt: ColumnType<string | null, string | null | undefined, string | null>;
  createdAt: ColumnType<Date, Date | undefined, never>;
  updatedAt: Date;
}

export interface CourseRevisionsTable {
  id: Generated<string>;
  courseId: string;
  orgId: string;
  /** 1, 2, 3 … per course. */
  number: number;
  title: string;
  summary: string;
  estimatedMinutes: number;
  skills: Json<Skill[]>;
  /** The content snapshot, answers included; never changes once published. */
  units: Json<Unit[]>;
  publishedAt: Date;
}

export interface CatalogTables {
  courses: CoursesTable;
  courseRevisions: CourseRevisionsTable;
}
