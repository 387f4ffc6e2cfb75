// Replies of the public badge page and of the learner's holdings (see badge-page.ts, holdings.ts).
import { z } from 'zod';
import { skillReply, skillReplySchema } from '../skills/index.ts';
import type { BadgePage } from './badge-page.ts';

const priceSchema = z.object({ amountMinor: z.number().int(), currency: z.string() }).nullable();

const requirementSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('course'),
    courseId: z.uuid(),
    title: z.string(),
    estimatedMinutes: z.number().int(),
    price: priceSchema,
    accessDays: z.number().int().nullable(),
    available: z.boolean().meta({ description: 'In the catalog now: a learner can enrol or buy it' }),
  }),
  z.object({
    kind: z.literal('evidence'),
    courseId: z.uuid(),
    courseTitle: z.string(),
    taskTitle: z.string(),
    available: z.boolean(),
  }),
  z.object({
    kind: z.literal('badge'),
    badgeId: z.uuid(),
    name: z.string().nullable().meta({ description: 'null when that badge is no longer published' }),
    available: z.boolean(),
  }),
]);

const badgePageSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  criteria: z.string().meta({ description: 'The criteria narrative (Markdown)' }),
  criteriaHtml: z.string().meta({ description: 'The same narrative rendered to safe HTML' }),
  imageUrl: z.string(),
  version: z.number().int(),
  level: z.string().nullable(),
  publishedAt: z.string(),
  skills: z.array(skillReplySchema),
  requirements: z.object({
    required: z.number().int().nullable().meta({ description: 'How many items are needed; null: all' }),
    items: z.array(requirementSchema),
  }),
  estimatedMinutes: z.number().int(),
  validityDays: z
    .number()
    .int()
    .nullable()
    .meta({ description: 'null: never expires; else renewable by retaking its courses' }),
  issuer: z.object({
    id: z.uuid(),
    slug: z.string(),
    name: z.string(),
    websiteUrl: z.string().nullable(),
    description: z.string().nullable(),
    logoUrl: z.string().nullable(),
  }),
});

export const publicBadgePage = {
  schema: badgePageSchema,
  present: (page: BadgePage): z.infer<typeof badgePageSchema> => ({
    ...page,
    publishedAt: page.publishedAt.toISOString(),
    skills: page.skills.map(skillReply),
  }),
};

export const holdingsSchema = z.object({
  courses: z.array(
    z.object({
      courseId: z.uuid(),
      enrolmentId: z.uuid(),
      open: z.boolean().meta({ description: 'Access has not ended' }),
      completed: z.boolean(),
    }),
  ),
  badges: z.array(
    z.object({
      badgeId: z.uuid(),
      awardId: z.uuid(),
      accepted: z.boolean().meta({ description: 'false: offered, waiting to be accepted' }),
      expired: z.boolean(),
    }),
  ),
});
