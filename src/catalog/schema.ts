// Requests and replies of the catalog routes. Authoring replies include answers (authors need them);
// catalog replies are built from publicUnit/unitOutline and never do.

import { z } from 'zod';
import { schemaMessage } from '../errors.ts';
import { isKnownCurrency } from '../i18n/index.ts';
import { skillOrNameSchema, skillReply, skillReplySchema } from '../skills/index.ts';
import { courseImageOf } from './course-image.ts';
import { EVIDENCE_TASKS, MAX_UPLOAD_MEGABYTES, UPLOAD_FILE_TYPES } from './model.ts';
import type { CourseRow, PublishedCourseRow } from './store.ts';
import { authoredUnitSchema, unitOutlineSchema } from './unit-schema.ts';

const contentId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,40}$/, schemaMessage('content-id-format', 'must be 1–40 letters, digits, _ or -'));
const text = (max: number) => z.string().trim().min(1).max(max);
const feedback = z
  .strictObject({
    correct: z.string().max(2000).nullable().default(null),
    incorrect: z.string().max(2000).nullable().default(null),
  })
  .default({ correct: null, incorrect: null });

const option = z.strictObject({
  id: contentId.optional(),
  text: text(500),
  correct: z.boolean(),
  feedback: z.string().max(2000).nullable().default(null),
});

const question = z.discriminatedUnion('type', [
  z.strictObject({
    id: contentId.optional(),
    type: z.enum(['single-choice', 'multiple-choice']),
    prompt: text(2000),
    options: z.array(option).min(2).max(12),
  }),
  z.strictObject({
    id: contentId.optional(),
    type: z.literal('true-false'),
    prompt: text(2000),
    answer: z.boolean(),
    feedback,
  }),
  z.strictObject({
    id: contentId.optional(),
    type: z.literal('numeric'),
    prompt: text(2000),
    answer: z.number().finite(),
    tolerance: z.number().finite().min(0).default(0),
    feedback,
  }),
  z.strictObject({
    id: contentId.optional(),
    type: z.literal('short-text'),
    prompt: text(2000),
    acceptedAnswers: z.array(text(200)).min(1).max(20),
    feedback,
  }),
]);

const rubricCriterion = z.strictObject({
  criterion: text(200),
  levels: z
    .array(z.strictObject({ label: text(100), points: z.number().int().min(0).max(100) }))
    .min(2)
    .max(6),
});

export const unitInput = z.discriminatedUnion('kind', [
  z.strictObject({
    id: contentId.optional(),
    kind: z.literal('lesson'),
    title: text(200),
    markdown: z.string().max(100_000),
  }),
  z.strictObject({
    id: contentId.optional(),
    kind: z.literal('assessment'),
    title: text(200),
    questions: z.array(question).max(100),
    /** Questions drawn at random per attempt (at most the number of questions); null: every question. */
    // Optional (not defaulted): units written before pools existed, and the seed data, leave them out.
    draw: z.number().int().min(1).max(100).nullable().optional(),
    shuffleQuestions: z.boolean().optional(),
    /** The options of choice questions in a new order per attempt. */
    shuffleOptions: z.boolean().optional(),
  }),
  z.strictObject({
    id: contentId.optional(),
    kind: z.literal('evidence'),
    title: text(200),
    task: z.enum(EVIDENCE_TASKS),
    instructions: text(10_000),
    needsReview: z.boolean(),
    attendanceCode: z.string().trim().min(3).max(40).nullable().default(null),
    upload: z
      .strictObject({
        types: z.array(z.enum(UPLOAD_FILE_TYPES)).min(1),
        maxMegabytes: z.number().int().min(1).max(MAX_UPLOAD_MEGABYTES),
      })
      .nullable()
      .default(null),
    rubric: z.array(rubricCriterion).max(12).default([]),
  }),
]);
export type UnitInput = z.infer<typeof unitInput>;

const currency = z
  .string()
  .regex(/^[A-Z]{3}$/, schemaMessage('currency-iso-format', 'must be an ISO 4217 code such as EUR'))
  .refine(isKnownCurrency, schemaMessage('not-iso-4217', 'is not an ISO 4217 currency'));
/** A price above a million (in major units) is a typo, not a course. */
export const MAX_PRICE_MINOR = 100_000_000;
/** Skill objects; a plain string is still taken as `{ name }` (the shape before skills were objects). */
const skills = z.array(skillOrNameSchema).max(30);

// Written without defaults: zod applies a default even inside .partial(), so a PATCH built from defaults
// would reset every field it does not name (a {summary} patch made a priced course free).
const courseFields = {
  title: text(200),
  summary: text(5000),
  estimatedMinutes: z.number().int().min(1).max(10_000),
  skills,
  accessDays: z.number().int().min(1).max(3650),
  activityCodePrefix: z
    .string()
    .regex(
      /^[A-Z0-9-]{1,20}$/,
      schemaMessage('activity-code-prefix-format', 'must be 1–20 capital letters, digits or dashes'),
    )
    .nullable(),
  price: z.strictObject({ amountMinor: z.number().int().min(1).max(MAX_PRICE_MINOR), currency }).nullable(),
  units: z.array(unitInput).max(100),
};

export const createCourseBody = z.strictObject({
  ...courseFields,
  skills: courseFields.skills.default([]),
  accessDays: courseFields.accessDays.default(365),
  activityCodePrefix: courseFields.activityCodePrefix.default(null),
  price: courseFields.price.default(null),
  units: courseFields.units.default([]),
});
/** PATCH: only the fields sent change; null clears a nullable one (price: null makes the course free). */
export const updateCourseBody = z.strictObject(courseFields).partial();

export const catalogQuery = z.strictObject({
  q: z.string().trim().min(1).max(200).optional(),
  skill: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .meta({ description: 'Courses teaching a skill of this name (any case)' }),
  issuer: z.string().trim().min(1).max(60).optional(),
  maxMinutes: z.coerce.number().int().min(1).optional(),
  free: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

const priceSchema = z.object({ amountMinor: z.number().int(), currency: z.string() }).nullable();
const priceOf = (row: { priceMinor: number | null; currency: string | null }) =>
  row.priceMinor !== null && row.currency !== null
    ? { amountMinor: row.priceMinor, currency: row.currency }
    : null;

/** The course's picture (a re-encoded WebP, cached a year under a name that changes with it) or null. */
export const courseImageSchema = z.object({ url: z.string(), alt: z.string() }).nullable().meta({
  description: 'The course picture and the text that stands for it; null: show a designed fallback',
});

const authoredCourseSchema = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  state: z.enum(['draft', 'published', 'archived']),
  title: z.string(),
  summary: z.string(),
  estimatedMinutes: z.number().int(),
  skills: z.array(skillReplySchema),
  accessDays: z.number().int(),
  activityCodePrefix: z.string().nullable(),
  price: priceSchema,
  units: z.array(authoredUnitSchema),
  latestRevision: z.number().int().nullable(),
  image: courseImageSchema,
  updatedAt: z.string(),
});

export const authoredCourse = {
  schema: authoredCourseSchema,
  present: (row: CourseRow, latestRevision: number | null): z.infer<typeof authoredCourseSchema> => ({
    id: row.id,
    orgId: row.orgId,
    state: row.state,
    title: row.title,
    summary: row.summary,
    estimatedMinutes: row.estimatedMinutes,
    skills: row.skills.map(skillReply),
    accessDays: row.accessDays,
    activityCodePrefix: row.activityCodePrefix,
    price: priceOf(row),
    units: row.units,
    latestRevision,
    image: courseImageOf(row),
    updatedAt: row.updatedAt.toISOString(),
  }),
};

const catalogEntrySchema = z.object({
  id: z.uuid(),
  title: z.string(),
  summary: z.string(),
  estimatedMinutes: z.number().int(),
  skills: z.array(skillReplySchema),
  issuer: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }),
  price: priceSchema,
  accessDays: z.number().int(),
  revision: z.number().int(),
  publishedAt: z.string(),
  image: courseImageSchema,
});

export const catalogEntry = {
  schema: catalogEntrySchema,
  present: (row: PublishedCourseRow): z.infer<typeof catalogEntrySchema> => ({
    id: row.courseId,
    title: row.title,
    summary: row.summary,
    estimatedMinutes: row.estimatedMinutes,
    skills: row.skills.map(skillReply),
    issuer: { id: row.orgId, slug: row.issuerSlug, name: row.issuerName },
    price: priceOf(row),
    accessDays: row.accessDays,
    revision: row.number,
    publishedAt: row.publishedAt.toISOString(),
    image: courseImageOf(row),
  }),
};

export const coursePage = {
  schema: catalogEntrySchema.extend({
    units: z.array(unitOutlineSchema),
    badges: z.array(z.object({ id: z.uuid(), name: z.string(), imageUrl: z.string() })).meta({
      description: 'The published badges this course counts toward (see /catalog/badges/{badgeId})',
    }),
  }),
};
