// The skills API, mounted under /api/v1: GET /skills/search suggests framework concepts (O*NET, ESCO) for a
// phrase. The frameworks are open data, so anyone may search; an API token needs only `read`.

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { schemaMessage } from '../errors.ts';
import { type SearchHit, words } from './search.ts';
import { SkillSearch } from './search-service.ts';

const searchQuery = z.strictObject({
  q: z
    .string()
    .trim()
    .min(1, 'q must not be empty')
    .max(200, 'q must be at most 200 characters')
    .refine(
      (q) => q === '' || words(q).length > 0,
      schemaMessage('search-needs-letter', 'q must contain a letter or a digit'),
    )
    .meta({ description: 'The skill phrase, as an author types it', examples: ['active listening'] }),
  framework: z.enum(['onet', 'esco']).optional().meta({ description: 'Only concepts of this framework' }),
  kind: z.enum(['skill', 'knowledge']).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

const searchItem = z.object({
  framework: z.enum(['onet', 'esco']),
  code: z.string().meta({ description: 'O*NET element id, or the ESCO concept URI' }),
  uri: z.string().optional().meta({ description: 'The concept URI, where the framework has one (ESCO)' }),
  label: z.string(),
  kind: z.enum(['skill', 'knowledge']),
  description: z.string(),
  score: z.number().meta({ description: 'BM25F relevance; comparable within one response only' }),
  matched: z.array(z.string()).meta({ description: 'The words of q found in the concept' }),
});

const searchResponse = z.object({ items: z.array(searchItem) }).meta({
  examples: [
    {
      items: [
        {
          framework: 'onet',
          code: '2.A.1.b',
          label: 'Active Listening',
          kind: 'skill',
          description:
            'Giving full attention to what other people are saying, taking time to understand the points being made, asking questions as appropriate, and not interrupting at inappropriate times.',
          score: 14.2,
          matched: ['active', 'listening'],
        },
      ],
    },
  ],
});

function present(hit: SearchHit): z.infer<typeof searchItem> {
  const { concept } = hit;
  return {
    framework: concept.framework,
    code: concept.code,
    ...(concept.framework === 'esco' ? { uri: concept.code } : {}),
    label: concept.label,
    kind: concept.kind,
    description: concept.description,
    score: hit.score,
    matched: hit.matched,
  };
}

export async function skillRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const search = new SkillSearch(deps.db);
  // Built before the server listens, so no request waits for it (on the embedded database reading the concepts
  // runs on the server's thread). A later import is picked up by the next query.
  app.addHook('onReady', async () => {
    await search
      .index()
      .catch((err) => deps.log.warn({ err }, 'the skill search index was not built at start'));
  });
  app.withTypeProvider<ZodTypeProvider>().get(
    '/skills/search',
    {
      config: { auth: 'public', scope: 'read' },
      schema: {
        tags: ['skills'],
        summary:
          'Framework concepts (O*NET, ESCO skills and knowledge) for a skill phrase, best first: BM25F over labels, alternative labels and descriptions',
        querystring: searchQuery,
        response: { 200: searchResponse },
      },
    },
    async (request) => {
      const { q, framework, kind, limit } = request.query;
      const hits = await search.search({ q, framework, kind, limit });
      return { items: hits.map(present) };
    },
  );
}
