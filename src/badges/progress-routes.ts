// The learner's badge progress page: GET /me/badge-progress. Mounted under /api/v1.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { versionImageUrl } from './achievement.ts';
import { gradeBarSchema } from './definition-schema.ts';
import type { SingleRequirement } from './model.ts';
import { type BadgeProgress, type GradeDetail, myBadgeProgress } from './progress.ts';
import { retakeForRenewal } from './renewal.ts';

const statusSchema = z.enum(['done', 'in-progress', 'purchased', 'not-started', 'not-available']);

const gradeDetailSchema = z
  .object({
    lineItem: z.object({
      label: z.string(),
      platformName: z
        .string()
        .nullable()
        .meta({ description: 'The LMS (LTI platform) as the issuer named it' }),
      contextTitle: z.string().nullable().meta({ description: 'The LMS course the line item belongs to' }),
      scoreMaximum: z.number(),
    }),
    bar: gradeBarSchema,
    current: z
      .object({
        scoreGiven: z.number().nullable(),
        scoreMaximum: z.number(),
        letterGrade: z.string().nullable(),
        percent: z.number().nullable(),
      })
      .nullable()
      .meta({ description: 'My latest grade on the line item, null when the LMS reported none' }),
  })
  .meta({ description: 'grade: the LMS line item, the bar to reach and my grade' });

const singleSchema = z.object({
  kind: z.enum(['course', 'evidence', 'badge', 'grade']),
  title: z.string(),
  status: statusSchema,
  courseId: z.uuid().optional(),
  unitId: z.string().optional(),
  badgeId: z.uuid().optional(),
  /** grade: the LMS line item. */
  lineItemId: z.uuid().optional(),
  grade: gradeDetailSchema.optional(),
});

const requirementSchema = singleSchema.extend({
  kind: z.enum(['course', 'evidence', 'badge', 'grade', 'group']),
  /** Estimated minutes still to spend on it (0 when done). */
  minutes: z.number().int(),
  mode: z.enum(['all', 'any']).optional().meta({ description: 'group: all of its items, or any one' }),
  items: z
    .array(singleSchema)
    .optional()
    .meta({ description: 'group: its requirements, each with its status' }),
});

function presentTargets(req: SingleRequirement, grade: GradeDetail | undefined) {
  return {
    ...(req.kind === 'badge' ? { badgeId: req.badgeId } : {}),
    ...(req.kind === 'course' || req.kind === 'evidence' ? { courseId: req.courseId } : {}),
    ...(req.kind === 'grade' ? { lineItemId: req.lineItemId } : {}),
    ...(req.kind === 'evidence' ? { unitId: req.unitId } : {}),
    ...(grade ? { grade } : {}),
  };
}

const progressSchema = z.object({
  badge: z.object({
    id: z.uuid(),
    versionId: z.uuid(),
    name: z.string(),
    description: z.string(),
    imageUrl: z.string(),
    estimatedMinutes: z.number().int(),
    issuer: z.object({ name: z.string(), slug: z.string() }),
  }),
  /** A badge I hold whose renewal window is open: only work since the window opened counts. */
  renewal: z.boolean(),
  validUntil: z.string().nullable(),
  /** Renewing a badge that has already expired: there is no date left to renew "before". */
  expired: z.boolean(),
  /** The award earned and waiting for its issuance fee: the badge is issued once it is paid. */
  awaitingFeeAwardId: z.uuid().nullable(),
  needed: z.number().int(),
  total: z.number().int(),
  doneCount: z.number().int(),
  minutesLeft: z.number().int(),
  requirements: z.array(requirementSchema),
});

function presentProgress(deps: Deps, p: BadgeProgress): z.infer<typeof progressSchema> {
  return {
    badge: {
      id: p.badge.badgeId,
      versionId: p.badge.id,
      name: p.badge.name,
      description: p.badge.description,
      imageUrl: versionImageUrl(deps, p.badge),
      estimatedMinutes: p.badge.estimatedMinutes,
      issuer: { name: p.badge.issuerName, slug: p.badge.issuerSlug },
    },
    renewal: p.renewal,
    validUntil: p.validUntil?.toISOString() ?? null,
    expired: p.expired,
    awaitingFeeAwardId: p.awaitingFeeAwardId,
    needed: p.needed,
    total: p.requirements.length,
    doneCount: p.doneCount,
    minutesLeft: p.minutesLeft,
    requirements: p.requirements.map(({ requirement: req, status, minutes, title, grade, items }) => ({
      kind: req.kind,
      title,
      status,
      minutes,
      ...(req.kind === 'group'
        ? {
            mode: req.mode,
            items: (items ?? []).map((item) => ({
              kind: item.requirement.kind,
              title: item.title,
              status: item.status,
              ...presentTargets(item.requirement, item.grade),
            })),
          }
        : presentTargets(req, grade)),
    })),
  };
}

export async function progressRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/me/badge-progress',
    {
      config: { scope: 'read' },
      schema: {
        tags: ['badges'],
        summary:
          'Badges I work toward (and held badges open for renewal): each requirement done, in progress, purchased, not started or not available, and the time left',
        response: { 200: z.object({ items: z.array(progressSchema) }) },
      },
    },
    async (request) => ({
      items: (await myBadgeProgress(deps, request.actor)).map((p) => presentProgress(deps, p)),
    }),
  );

  r.post(
    '/me/badge-renewals',
    {
      config: { scope: 'learning:write' },
      schema: {
        tags: ['badges'],
        summary:
          'Retake a required course to renew a badge whose renewal window is open (a completed course may be retaken; after access ended it opens again, free when the badge allows it)',
        body: z.strictObject({ badgeId: z.uuid(), courseId: z.uuid() }),
        response: { 201: z.object({ enrolmentId: z.uuid() }) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await retakeForRenewal(deps, request.actor, request.body.badgeId, request.body.courseId)),
  );
}
