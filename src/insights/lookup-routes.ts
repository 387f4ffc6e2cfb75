// Occupations by title and by code, and the learner's target occupation:
//   GET /api/v1/insights/occupations/search?q=&framework=&limit=   (anyone; a token needs `read`)
//   GET /api/v1/insights/occupations/{framework}/{code}            (anyone; a token needs `read`)
//   GET | PUT | DELETE /api/v1/me/target-occupation                (signed in; PUT/DELETE: `learning:write`)
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { NotFoundError } from '../errors.ts';
import { DETAIL_LIMITS, occupationDetail } from '../skills/index.ts';
import { clearMyTarget, myTarget, searchOccupations, setMyTarget, type TargetOccupation } from './lookup.ts';
import { framework, occupationRef, source } from './schemas.ts';

const searchQuery = z.object({
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .meta({ description: 'Words of a job title', examples: ['payroll clerk'] }),
  framework: framework.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

const searchReply = z
  .object({
    items: z.array(
      z.object({
        framework,
        code: z.string(),
        title: z.string(),
        matchedTitle: z
          .string()
          .describe('The title that matched best: its own, an alternate or a reported one'),
        jobZone: z.number().nullable(),
        source,
      }),
    ),
  })
  .meta({
    examples: [
      {
        items: [
          {
            framework: 'onet',
            code: '43-3051.00',
            title: 'Payroll and Timekeeping Clerks',
            matchedTitle: 'Payroll Clerk',
            jobZone: 3,
            source: 'O*NET 29.3',
          },
        ],
      },
    ],
  });

const detailParams = z.object({
  framework,
  code: z
    .string()
    .min(1)
    .max(300)
    .meta({ description: 'O*NET-SOC code, or the ESCO occupation URI URL-encoded' }),
});

const detailReply = z
  .object({
    framework,
    code: z.string(),
    title: z.string(),
    description: z.string(),
    jobZone: z.number().nullable(),
    iscoGroup: z.string().nullable(),
    titles: z.object({
      alternate: z.array(z.string()).describe(`Up to ${DETAIL_LIMITS.titles}`),
      reported: z.array(z.string()).describe(`Up to ${DETAIL_LIMITS.titles}`),
    }),
    skills: z
      .array(
        z.object({
          code: z.string(),
          label: z.string(),
          kind: z.enum(['skill', 'knowledge']),
          importance: z.number().nullable(),
          level: z.number().nullable(),
          relation: z.enum(['essential', 'optional']).nullable(),
        }),
      )
      .describe('The core skills and knowledge (O*NET importance ≥ 3, ESCO essential), most important first'),
    technologies: z
      .array(z.object({ name: z.string(), hot: z.boolean(), inDemand: z.boolean() }))
      .describe(`Up to ${DETAIL_LIMITS.technologies}, in-demand and hot first`),
    source,
  })
  .meta({
    examples: [
      {
        framework: 'onet',
        code: '15-1251.00',
        title: 'Computer Programmers',
        description: 'Create, modify, and test the code and scripts that allow computer applications to run.',
        jobZone: 4,
        iscoGroup: null,
        titles: { alternate: ['Application Programmer'], reported: ['Programmer Analyst'] },
        skills: [
          {
            code: '2.B.3.e',
            label: 'Programming',
            kind: 'skill',
            importance: 4.75,
            level: 4.88,
            relation: null,
          },
        ],
        technologies: [{ name: 'Git', hot: true, inDemand: true }],
        source: 'O*NET 29.3',
      },
    ],
  });

const targetReply = z
  .object({ framework, code: z.string(), title: z.string(), source, setAt: z.iso.datetime() })
  .meta({
    examples: [
      {
        framework: 'onet',
        code: '15-1251.00',
        title: 'Computer Programmers',
        source: 'O*NET 29.3',
        setAt: '2026-12-06T09:00:00.000Z',
      },
    ],
  });

const presentTarget = (t: TargetOccupation) => ({ ...t, setAt: t.setAt.toISOString() });

export async function lookupRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['insights'];

  r.get(
    '/insights/occupations/search',
    {
      config: { auth: 'public', scope: 'read' },
      schema: {
        tags,
        summary: 'Occupations by title: their own, alternate and reported titles (BM25)',
        description:
          'Each item names the title that matched best (`matchedTitle`). Empty `q`, over 200 characters, or a ' +
          'limit outside 1–50 answer 400 (docs/insights.md, "Occupation by title").',
        querystring: searchQuery,
        response: { 200: searchReply },
      },
    },
    async (request) => ({ items: await searchOccupations(deps.db, request.query) }),
  );

  r.get(
    '/insights/occupations/:framework/:code',
    {
      config: { auth: 'public', scope: 'read' },
      schema: {
        tags,
        summary: 'One occupation: description, Job Zone, titles, core skills, technologies',
        description: 'An occupation that has not been imported answers 404.',
        params: detailParams,
        response: { 200: detailReply },
      },
    },
    async (request) => {
      const detail = await occupationDetail(deps.db, request.params.framework, request.params.code);
      if (!detail) throw new NotFoundError('occupation');
      return detail;
    },
  );

  r.get(
    '/me/target-occupation',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: 'My target occupation (404 when none is set)',
        response: { 200: targetReply },
      },
    },
    async (request) => presentTarget(await myTarget(deps, request.actor)),
  );

  r.put(
    '/me/target-occupation',
    {
      config: { scope: 'learning:write' },
      schema: {
        tags,
        summary: 'Set my target occupation',
        description: 'An occupation that has not been imported is refused with 400 at `code`.',
        body: occupationRef.meta({ examples: [{ framework: 'onet', code: '15-1251.00' }] }),
        response: { 200: targetReply },
      },
    },
    async (request) => presentTarget(await setMyTarget(deps, request.actor, request.body)),
  );

  r.delete(
    '/me/target-occupation',
    {
      config: { scope: 'learning:write' },
      schema: { tags, summary: 'Clear my target occupation' },
    },
    async (request, reply) => {
      await clearMyTarget(deps, request.actor);
      return reply.code(204).send();
    },
  );
}
