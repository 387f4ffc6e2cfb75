// The gradebook over HTTP (mounted under /api/v1):
//   GET /orgs/{orgId}/lms/line-items   the LMS line items grades arrive for (the badge editor picks from them)
// Any member reads; token scope: read. Line items and grades themselves arrive through LTI (src/lti).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { lineItemsForMembers } from './service.ts';

const lineItemReply = z.object({
  id: z.uuid(),
  platformId: z.uuid(),
  lineItemUrl: z.string().meta({ description: 'The AGS line item id (a URL at the LMS)' }),
  label: z.string(),
  scoreMaximum: z.number(),
  resourceLinkId: z.string().nullable(),
  platformName: z
    .string()
    .nullable()
    .meta({ description: 'The LTI platform’s name (as registered), null until a grade sync reports it' }),
  contextTitle: z.string().nullable().meta({
    description: 'The LMS course (LTI context) the line item belongs to, when the platform named it',
  }),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export async function gradebookRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/orgs/:orgId/lms/line-items',
    {
      config: { scope: 'read' },
      schema: {
        tags: ['lti'],
        summary: 'The LMS line items (gradebook columns) of the organization’s LTI platforms',
        description:
          'Line items appear when an LTI platform reports grades through Assignment and Grade Services; ' +
          'badge requirements of kind `grade` name one by its id.',
        params: z.strictObject({ orgId: z.uuid() }),
        response: { 200: z.object({ items: z.array(lineItemReply) }) },
      },
    },
    async (request) => ({
      items: (await lineItemsForMembers(deps, request.actor, request.params.orgId)).map((item) => ({
        id: item.id,
        platformId: item.platformId,
        lineItemUrl: item.lineItemUrl,
        label: item.label,
        scoreMaximum: item.scoreMaximum,
        resourceLinkId: item.resourceLinkId,
        platformName: item.platformName,
        contextTitle: item.contextTitle,
        createdAt: item.createdAt.toISOString(),
        updatedAt: item.updatedAt.toISOString(),
      })),
    }),
  );
}
