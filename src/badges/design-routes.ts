// The badge designer's routes (/orgs/{orgId}/badges…): options, a preview drawn without saving, and saving a
// design as the draft's picture. Registered by the badge definition routes, under /api/v1.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { badgeReply } from './definition-schema.ts';
import { designOptionsReply, designSchema, previewBody } from './design-schema.ts';
import { badgeDesignOptions, previewBadgeDesign, saveBadgeDesign } from './designs.ts';

const orgParams = z.object({ orgId: z.uuid() });
const badgeParams = orgParams.extend({ badgeId: z.uuid() });
/** A design and a name are a few hundred bytes: anything much larger is not one. */
const PREVIEW_BODY_LIMIT = 8 * 1024;

export async function badgeDesignRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['badges'];

  r.get(
    '/orgs/:orgId/badges/:badgeId/design-options',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary:
          'What the badge designer offers: templates, palettes, the icon set, the logo, a suggested design',
        params: badgeParams,
        response: { 200: designOptionsReply },
      },
    },
    async (request) => {
      const { orgId, badgeId } = request.params;
      const options = await badgeDesignOptions(deps, request.actor, orgId, badgeId);
      return { ...options, templates: [...options.templates], palettes: [...options.palettes] };
    },
  );

  r.post(
    '/orgs/:orgId/badges/design-preview',
    {
      config: { scope: 'catalog:write' },
      bodyLimit: PREVIEW_BODY_LIMIT,
      schema: {
        tags,
        summary: 'Draw a badge design as SVG without saving it (the designer’s live preview)',
        params: orgParams,
        body: previewBody,
        produces: ['image/svg+xml'],
      },
    },
    async (request, reply) => {
      const svg = await previewBadgeDesign(deps, request.actor, request.params.orgId, request.body);
      return reply
        .type('image/svg+xml')
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        .send(svg);
    },
  );

  r.put(
    '/orgs/:orgId/badges/:badgeId/design',
    {
      config: { scope: 'catalog:write' },
      schema: {
        tags,
        summary:
          'Save the badge design: its picture becomes the draft’s picture (published versions keep theirs)',
        params: badgeParams,
        body: designSchema,
        response: { 200: badgeReply.schema },
      },
    },
    async (request) => {
      const { orgId, badgeId } = request.params;
      return badgeReply.present(await saveBadgeDesign(deps, request.actor, orgId, badgeId, request.body));
    },
  );
}
