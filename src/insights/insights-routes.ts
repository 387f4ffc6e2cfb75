// POST /api/v1/insights/occupations: related occupations for exactly one of a list of framework skills, an
// award's badge, or the caller's whole backpack. POST /api/v1/insights/gap: what a learner lacks for an
// occupation and what in the catalog would close it. Open to anyone for skills and public awards (open data);
// a POST because a query carries up to 50 skills, so an API token needs only `read`.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { occupationIndex } from '../skills/index.ts';
import { gapFor } from './gap-service.ts';
import { titleIndex } from './lookup.ts';
import { relatedFor } from './occupations.ts';
import { badgeRef, framework, inputFields, occupationRef, source } from './schemas.ts';

export const occupationsBody = z.object({
  ...inputFields,
  framework: framework.optional().meta({
    description: 'Rank only this framework’s occupations (the input’s skills of the other are left out)',
    examples: ['onet'],
  }),
  limit: z.number().int().min(1).max(50).default(10),
});

const skillRef = z.object({
  code: z.string(),
  label: z.string(),
  importance: z.number().nullable().describe('O*NET importance (1–5); null in ESCO'),
  level: z.number().nullable().describe('The level the occupation needs (O*NET 0–7); null in ESCO'),
  relation: z.enum(['essential', 'optional']).nullable().describe('ESCO’s relation; null in O*NET'),
});

const occupationItem = z.object({
  framework,
  code: z.string(),
  title: z.string(),
  score: z.number(),
  matched: z
    .array(
      skillRef.extend({
        badges: z.array(badgeRef).optional().describe('From an award or backpack: the badges asserting it'),
      }),
    )
    .describe('The query skills that count for this occupation, strongest first'),
  missing: z
    .array(skillRef.omit({ level: true }))
    .describe('Its core skills (importance ≥ 3, or essential) the query lacks, most important first'),
  titles: z.object({ alternate: z.array(z.string()), reported: z.array(z.string()) }),
  jobZone: z.number().nullable().describe('O*NET Job Zone 1–5: the preparation usually needed'),
  iscoGroup: z.string().nullable(),
  technologies: z.array(z.object({ name: z.string(), hot: z.boolean(), inDemand: z.boolean() })),
  source,
  because: z.string(),
});

export const occupationsReply = z
  .object({
    items: z.array(occupationItem),
    reason: z
      .literal('no-aligned-skills')
      .optional()
      .describe(
        'The award or backpack has no skill aligned to an imported framework concept: items is empty',
      ),
  })
  .meta({
    examples: [
      {
        items: [
          {
            framework: 'onet',
            code: '15-1251.00',
            title: 'Computer Programmers',
            score: 1.42,
            matched: [
              {
                code: '2.B.3.e',
                label: 'Programming',
                importance: 4.75,
                level: 4.88,
                relation: null,
                badges: [{ awardId: '0f0e4d7a-3b0c-4a8e-9a51-6d2f1f0c7a11', name: 'Programming Basics' }],
              },
              {
                code: '2.C.3.a',
                label: 'Computers and Electronics',
                importance: 4.55,
                level: 5.3,
                relation: null,
              },
            ],
            missing: [{ code: '2.A.2.a', label: 'Critical Thinking', importance: 3.75, relation: null }],
            titles: { alternate: ['Application Programmer'], reported: ['Programmer Analyst'] },
            jobZone: 4,
            iscoGroup: null,
            technologies: [{ name: 'Git', hot: true, inDemand: false }],
            source: 'O*NET 29.3',
            because:
              'Because your badge "Programming Basics" asserts Programming at level 5 and Computers and Electronics (importance 4.8 of 5 here, more than in most occupations).',
          },
        ],
      },
    ],
  });

export const gapBody = z.object({
  occupation: occupationRef.meta({ examples: [{ framework: 'onet', code: '15-1251.00' }] }),
  ...inputFields,
});

const held = z.object({
  code: z.string(),
  label: z.string(),
  importance: z.number().nullable().describe('O*NET importance (1–5); null in ESCO'),
  needed: z.number().nullable().describe('The level the occupation needs (O*NET 0–7); null in ESCO'),
  shown: z.number().nullable().describe('The level shown (the badges’ highest); null when none was given'),
  badges: z.array(badgeRef),
});

const gapItem = z.object({
  code: z.string(),
  label: z.string(),
  importance: z.number().nullable(),
  relation: z.enum(['essential', 'optional']).nullable(),
  needed: z.number().nullable(),
  shown: z.number().nullable().describe('Shown below the level needed; null when not shown at all'),
  closers: z.object({
    badges: z.array(z.object({ id: z.string(), name: z.string(), issuer: z.string(), url: z.string() })),
    courses: z.array(z.object({ id: z.string(), title: z.string(), url: z.string() })),
  }),
});

export const gapReply = z
  .object({
    occupation: z.object({
      framework,
      code: z.string(),
      title: z.string(),
      jobZone: z.number().nullable(),
      source,
    }),
    have: z.array(held).describe('Core skills shown at the level needed, most important first'),
    gaps: z
      .array(gapItem)
      .describe('Core skills missing or shown below the level needed, most important first'),
    coverage: z.number().min(0).max(1).describe('Importance-weighted share of the core skills held'),
  })
  .meta({
    examples: [
      {
        occupation: {
          framework: 'onet',
          code: '15-1251.00',
          title: 'Computer Programmers',
          jobZone: 4,
          source: 'O*NET 29.3',
        },
        have: [
          {
            code: '2.B.3.e',
            label: 'Programming',
            importance: 4.75,
            needed: 4.88,
            shown: 5,
            badges: [{ awardId: '0f0e4d7a-3b0c-4a8e-9a51-6d2f1f0c7a11', name: 'Programming Basics' }],
          },
        ],
        gaps: [
          {
            code: '2.A.2.a',
            label: 'Critical Thinking',
            importance: 3.75,
            relation: null,
            needed: 4,
            shown: 2,
            closers: {
              badges: [
                {
                  id: '5b1d6c0e-2f7a-4c3e-8d9b-1a2b3c4d5e6f',
                  name: 'Critical Thinking at Work',
                  issuer: 'Gestión Academy',
                  url: 'https://tessera.example.org/achievements/5b1d6c0e-2f7a-4c3e-8d9b-1a2b3c4d5e6f',
                },
              ],
              courses: [
                {
                  id: '7c2e1d0f-3a4b-4c5d-9e8f-0a1b2c3d4e5f',
                  title: 'Reasoning with evidence',
                  url: '/catalog/7c2e1d0f-3a4b-4c5d-9e8f-0a1b2c3d4e5f',
                },
              ],
            },
          },
        ],
        coverage: 0.42,
      },
    ],
  });

export async function insightsRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  // Built before the server listens (seconds on the full sets), so no request waits for them.
  app.addHook('onReady', async () => {
    await Promise.all([occupationIndex(deps.db), titleIndex(deps.db)]).catch((err) =>
      deps.log.warn({ err }, 'the occupations indexes were not built at start'),
    );
  });
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/insights/occupations',
    {
      config: { auth: 'public', scope: 'read' },
      schema: {
        tags: ['insights'],
        summary: 'Related occupations for skills, one award, or your whole backpack',
        description:
          'Exactly one of `skills` (1–50 O*NET or ESCO concepts, optional levels), `awardId` (yours, or a public ' +
          'one; any other answers 404) or `backpack: true` (signed in); neither or several answer 400. Ranks ' +
          'occupations by the weighted overlap of their distinctive skills with the ones given (docs/insights.md, ' +
          '"Related occupations"); levels from badges count as query levels. From an award or backpack, each ' +
          'matched skill names its badges and `because` names the badge; one without any aligned skill answers ' +
          '200 with no items and `reason: no-aligned-skills`. A listed concept that has not been imported is ' +
          'refused with 400 naming it.',
        body: occupationsBody,
        response: { 200: occupationsReply },
      },
    },
    async (request) => relatedFor(deps, request.actor, request.body),
  );

  r.post(
    '/insights/gap',
    {
      config: { auth: 'public', scope: 'read' },
      schema: {
        tags: ['insights'],
        summary:
          'The gap to an occupation: core skills held and lacking, and what in the catalog closes each',
        description:
          'The occupation’s core skills (O*NET importance ≥ 3, ESCO essential), most important first, split ' +
          'into those shown at the level needed (`have`) and the rest (`gaps`, with the level shown when it is ' +
          'below the one needed), with up to 3 published badges and courses carrying each missing concept. Input ' +
          'as for related occupations (exactly one of skills, awardId, backpack). An occupation that has not ' +
          'been imported is refused with 400 naming it (docs/insights.md, "Gap to a target occupation").',
        body: gapBody,
        response: { 200: gapReply },
      },
    },
    async (request) => gapFor(deps, request.actor, request.body),
  );
}
