// Requests and replies of the badge definition routes, and the presenter of a badge (what the web app reads).

import { z } from 'zod';
import { schemaMessage } from '../errors.ts';
import { skillReply, skillReplySchema, skillSchema } from '../skills/index.ts';
import type { BadgeView } from './definitions.ts';
import { designSchema } from './design-schema.ts';
import { DEFAULT_VALIDITY_DAYS } from './model.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const hexColor = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, schemaMessage('hex-colour', 'must be a colour written #rrggbb'));

const percent = z.number().min(0).max(100);

/** The bar a grade must reach: points, percent, or a letter of a scale listed best first (grade-rules.ts). */
export const gradeBarSchema = z.union([
  z.strictObject({ points: z.number().min(0).max(1_000_000) }),
  z.strictObject({ percent }),
  z.strictObject({
    letter: text(10),
    scale: z
      .array(z.strictObject({ letter: text(10), minPercent: percent }))
      .min(1)
      .max(20)
      .meta({ description: 'The letters, best first, each with the lowest percent that earns it' }),
  }),
]);

const singleRequirements = [
  z.strictObject({ kind: z.literal('course'), courseId: z.uuid() }),
  z.strictObject({
    kind: z.literal('evidence'),
    courseId: z.uuid(),
    unitId: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, schemaMessage('unit-id-format', 'must be a unit id')),
  }),
  z.strictObject({ kind: z.literal('badge'), badgeId: z.uuid() }),
  z
    .strictObject({ kind: z.literal('grade'), lineItemId: z.uuid(), min: gradeBarSchema })
    .meta({ description: 'A grade on an LMS line item (GET /orgs/{orgId}/lms/line-items) reaching a bar' }),
] as const;

export const requirementSchema = z.discriminatedUnion('kind', [
  ...singleRequirements,
  z
    .strictObject({
      kind: z.literal('group'),
      mode: z.enum(['all', 'any']),
      items: z
        .array(z.discriminatedUnion('kind', [...singleRequirements]))
        .min(1)
        .max(20),
    })
    .meta({
      description: '"All of" or "any of" single requirements; one level only (a group holds no groups)',
    }),
]);

export const requirementsSchema = z.strictObject({
  items: z.array(requirementSchema).max(50),
  /** null: all of them ("n of m" otherwise). */
  required: z.number().int().nullable().default(null),
});

export const colorsSchema = z.strictObject({ primary: hexColor, secondary: hexColor });

/** What an earned credential discloses of the learner's work (docs/credentials.md, "Results and evidence"). */
export const discloseSchema = z.strictObject({
  /** Assessment scores and rubric levels reached (achievement.resultDescription + credentialSubject.result). */
  results: z.boolean(),
  /** Accepted evidence and course completions (task, assessor, date, activity code) as evidence entries. */
  evidence: z.boolean(),
});
export const DEFAULT_DISCLOSE = { results: true, evidence: true } as const;

// Written without defaults, so a PATCH leaves out what it does not name.
const fields = {
  name: text(200),
  description: text(5000),
  criteriaNarrative: z.string().trim().min(1).max(20_000).nullable(),
  skills: z.array(skillSchema).max(30),
  level: text(100).nullable(),
  validityDays: z.number().int().min(1).max(36_500).nullable(),
  requirements: requirementsSchema,
  colors: colorsSchema.nullable(),
  renewAfterAccessEnded: z.boolean(),
  disclose: discloseSchema,
};

export const createBadgeBody = z.strictObject({
  ...fields,
  criteriaNarrative: fields.criteriaNarrative.default(null),
  skills: fields.skills.default([]),
  level: fields.level.default(null),
  validityDays: fields.validityDays.default(DEFAULT_VALIDITY_DAYS),
  colors: fields.colors.default(null),
  renewAfterAccessEnded: fields.renewAfterAccessEnded.default(true),
  disclose: fields.disclose.default({ ...DEFAULT_DISCLOSE }),
});
/** Callers other than the API (seeds, tests) may leave disclose out: the API's default applies. */
export type CreateBadgeInput = Omit<z.infer<typeof createBadgeBody>, 'disclose'> & {
  disclose?: z.infer<typeof discloseSchema>;
};

export const updateBadgeBody = z.strictObject(fields).partial();
export type UpdateBadgeInput = z.infer<typeof updateBadgeBody>;

const badgeSchema = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  name: z.string(),
  description: z.string(),
  criteriaNarrative: z.string().nullable(),
  generatedCriteria: z.string(),
  skills: z.array(skillReplySchema),
  /** The skills of the courses its requirements name that the badge does not list (the editor offers them). */
  courseSkills: z.array(skillReplySchema).meta({
    description:
      'Skills of the courses the requirements name (course and evidence requirements), without duplicates and without those already on the badge (same concept, or same name in any case)',
  }),
  level: z.string().nullable(),
  validityDays: z.number().int().nullable(),
  requirements: z.object({ items: z.array(requirementSchema), required: z.number().int().nullable() }),
  /** requirementKey (course:<id>, evidence:<courseId>:<unitId>, badge:<id>, grade:<lineItemId>,
   * group:<mode>(<keys>)) → what it is called. */
  requirementNames: z.record(z.string(), z.string()),
  colors: colorsSchema.nullable(),
  renewAfterAccessEnded: z.boolean(),
  disclose: discloseSchema,
  state: z.enum(['draft', 'published', 'archived']),
  hasImage: z.boolean(),
  /** The design saved in the designer (the picture is drawn from it); null: an upload or the generated default. */
  design: designSchema.nullable(),
  imageUrl: z.string(),
  estimatedMinutes: z.number().int(),
  latestVersion: z.object({ id: z.uuid(), number: z.number().int(), publishedAt: z.string() }).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const badgeReply = {
  schema: badgeSchema,
  present: (view: BadgeView): z.infer<typeof badgeSchema> => {
    const { badge, latestVersion } = view;
    return {
      id: badge.id,
      orgId: badge.orgId,
      name: badge.name,
      description: badge.description,
      criteriaNarrative: badge.criteriaNarrative,
      generatedCriteria: view.generatedCriteria,
      skills: badge.skills.map(skillReply),
      courseSkills: view.courseSkills.map(skillReply),
      level: badge.level,
      validityDays: badge.validityDays,
      requirements: badge.requirements,
      requirementNames: view.requirementNames,
      colors: badge.colors,
      renewAfterAccessEnded: badge.renewAfterAccessEnded,
      disclose: { results: badge.discloseResults, evidence: badge.discloseEvidence },
      state: badge.state,
      hasImage: badge.imageKey !== null,
      design: badge.design,
      // The draft's picture (members only); the version stamp makes a new upload show at once.
      imageUrl: `/api/v1/orgs/${badge.orgId}/badges/${badge.id}/image?v=${badge.updatedAt.getTime()}`,
      estimatedMinutes: view.estimatedMinutes,
      latestVersion: latestVersion && {
        id: latestVersion.id,
        number: latestVersion.number,
        publishedAt: latestVersion.publishedAt.toISOString(),
      },
      createdAt: badge.createdAt.toISOString(),
      updatedAt: badge.updatedAt.toISOString(),
    };
  },
};
