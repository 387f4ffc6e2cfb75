// POST /api/v1/insights/occupations: related occupations for a list of framework skills. Open to anyone (it
// reads open data only, O*NET and ESCO); a POST because a query carries up to 50 skills, so an API token needs
// only `read`. Awards and a learner's backpack as input come later (issue #16).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { occupationIndex } from './occupations-load.ts';
import { relatedOccupations } from './occupations-service.ts';

const framework = z.enum(['onet', 'esco']);

const querySkill = z.object({
  framework,
  code: z.string().trim().min(1).max(300).describe('The concept: an O*NET element id or an ESCO skill URI'),
  level: z
    .number()
    .min(0)
    .max(7)
    .optional()
    .describe('The level shown, on O*NET’s 0–7 scale; at or above the occupation’s level counts fully'),
});

export const occupationsBody = z.object({
  skills: z
    .array(querySkill)
    .min(1)
    .max(50)
    .meta({
      description: 'The skills to match: 1 to 50 framework concepts',
      examples: [
        [
          { framework: 'onet', code: '2.B.3.e', level: 5 },
          { framework: 'onet', code: '2.C.3.a' },
          { framework: 'onet', code: '2.A.1.b' },
        ],
      ],
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
  matched: z.array(skillRef).describe('The query skills that count for this occupation, strongest first'),
  missing: z
    .array(skillRef.omit({ level: true }))
    .describe('Its core skills (importance ≥ 3, or essential) the query lacks, most important first'),
  titles: z.object({ alternate: z.array(z.string()), reported: z.array(z.string()) }),
  jobZone: z.number().nullable().describe('O*NET Job Zone 1–5: the preparation usually needed'),
  iscoGroup: z.string().nullable(),
  technologies: z.array(z.object({ name: z.string(), hot: z.boolean(), inDemand: z.boolean() })),
  source: z.string().describe('"O*NET 29.3" or "ESCO 1.1.1": attribution is due where this shows'),
  because: z.string(),
});

export const occupationsReply = z.object({ items: z.array(occupationItem) }).meta({
  examples: [
    {
      items: [
        {
          framework: 'onet',
          code: '15-1251.00',
          title: 'Computer Programmers',
          score: 1.42,
          matched: [
            { code: '2.B.3.e', label: 'Programming', importance: 4.75, level: 4.88, relation: null },
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
            'Because your skills include Programming at level 5 and Computers and Electronics (importance 4.8 of 5 here, more than in most occupations).',
        },
      ],
    },
  ],
});

export async function insightsRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  // Built before the server listens (seconds on the full sets), so no request waits for it.
  app.addHook('onReady', async () => {
    await occupationIndex(deps.db).catch((err) =>
      deps.log.warn({ err }, 'the occupations index was not built at start'),
    );
  });
  app.withTypeProvider<ZodTypeProvider>().post(
    '/insights/occupations',
    {
      config: { auth: 'public', scope: 'read' },
      schema: {
        tags: ['insights'],
        summary: 'Related occupations for a list of skills (O*NET or ESCO concepts, with optional levels)',
        description:
          'Ranks occupations by the weighted overlap of their distinctive skills with the ones given ' +
          '(docs/insights.md, "Related occupations"). 1–50 skills, limit 1–50 (default 10). A concept that ' +
          'has not been imported is refused with 400 naming it.',
        body: occupationsBody,
        response: { 200: occupationsReply },
      },
    },
    async (request) => ({
      items: await relatedOccupations(deps.db, request.body.skills, request.body.limit),
    }),
  );
}
