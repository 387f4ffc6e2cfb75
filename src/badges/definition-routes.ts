// Badge definitions for issuer members (/orgs/{orgId}/badges…): draft, edit, publish, archive, picture,
// and the badge designer (design-routes.ts).
// Mounted under /api/v1.
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { InvalidError } from '../errors.ts';
import { problem, sendProblem } from '../http/problem.ts';
import { badgeReply, createBadgeBody, updateBadgeBody } from './definition-schema.ts';
import { archiveBadge, createBadge, editBadge, getBadge, listBadges, publishBadge } from './definitions.ts';
import { badgeDesignRoutes } from './design-routes.ts';
import { redrawBadgeDesign } from './designs.ts';
import {
  type BadgeImage,
  draftBadgeImage,
  MAX_BADGE_IMAGE_BYTES,
  mayChangeBadgeImage,
  removeBadgeImage,
  uploadBadgeImage,
} from './images.ts';

const orgParams = z.object({ orgId: z.uuid() });
const badgeParams = orgParams.extend({ badgeId: z.uuid() });

/** Pictures are served as inert documents: an SVG may style itself, nothing more. */
export function sendBadgeImage(reply: FastifyReply, image: BadgeImage, cacheControl: string) {
  if (image.contentType === 'image/svg+xml')
    reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'");
  return reply
    .type(image.contentType)
    .header('cache-control', cacheControl)
    .header('x-content-type-options', 'nosniff')
    .send(image.bytes);
}

export async function badgeDefinitionRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  // Scoped to this plugin: only the picture upload reads multipart bodies. One file, no fields.
  await app.register(multipart, {
    limits: { files: 1, fields: 0, parts: 1, fileSize: MAX_BADGE_IMAGE_BYTES },
  });
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['badges'];
  const one = { 200: badgeReply.schema };
  await badgeDesignRoutes(app, { deps });

  r.post(
    '/orgs/:orgId/badges',
    {
      config: { scope: 'catalog:write' },
      schema: {
        tags,
        summary: 'Draft a new badge (an Open Badges 3.0 Achievement) and its requirements',
        params: orgParams,
        body: createBadgeBody,
        response: { 201: badgeReply.schema },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(badgeReply.present(await createBadge(deps, request.actor, request.params.orgId, request.body))),
  );

  r.get(
    '/orgs/:orgId/badges',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: "The organization's badges (drafts included), newest first",
        params: orgParams,
        response: { 200: z.object({ items: z.array(badgeReply.schema) }) },
      },
    },
    async (request) => ({
      items: (await listBadges(deps, request.actor, request.params.orgId)).map(badgeReply.present),
    }),
  );

  r.get(
    '/orgs/:orgId/badges/:badgeId',
    {
      config: { scope: 'read' },
      schema: { tags, summary: 'A badge: its draft and latest version', params: badgeParams, response: one },
    },
    async (request) =>
      badgeReply.present(await getBadge(deps, request.actor, request.params.orgId, request.params.badgeId)),
  );

  r.patch(
    '/orgs/:orgId/badges/:badgeId',
    {
      config: { scope: 'catalog:write' },
      schema: {
        tags,
        summary: 'Edit the draft; learners see the change only once it is published as a new version',
        params: badgeParams,
        body: updateBadgeBody,
        response: one,
      },
    },
    async (request) => {
      const { orgId, badgeId } = request.params;
      const view = await editBadge(deps, request.actor, orgId, badgeId, request.body);
      // A designed picture carries the name on its ribbon: a new name redraws it.
      const redrawn =
        request.body.name !== undefined ? await redrawBadgeDesign(deps, request.actor, orgId, badgeId) : null;
      return badgeReply.present(redrawn ?? view);
    },
  );

  for (const [action, summary, run] of [
    ['publish', 'Publish the draft as the next immutable version', publishBadge],
    ['archive', 'Stop awarding the badge (awards made stay valid)', archiveBadge],
  ] as const) {
    r.post(
      `/orgs/:orgId/badges/:badgeId/${action}`,
      { config: { scope: 'catalog:write' }, schema: { tags, summary, params: badgeParams, response: one } },
      async (request) =>
        badgeReply.present(await run(deps, request.actor, request.params.orgId, request.params.badgeId)),
    );
  }

  r.put(
    '/orgs/:orgId/badges/:badgeId/image',
    {
      config: { scope: 'catalog:write' },
      schema: {
        tags,
        summary: 'Upload the badge picture (PNG or SVG, at most 1 MB and 2048×2048; multipart field "file")',
        consumes: ['multipart/form-data'],
        params: badgeParams,
        response: one,
      },
    },
    async (request, reply) => {
      const { orgId, badgeId } = request.params;
      await mayChangeBadgeImage(deps, request.actor, orgId, badgeId);
      if (!request.isMultipart()) {
        throw new InvalidError('Send the picture as multipart/form-data in a field named "file".', [
          { path: 'file', message: 'is required', code: 'required' },
        ]);
      }
      const part = await request.file({ throwFileSizeLimit: false });
      if (!part)
        throw new InvalidError('No picture was sent.', [
          { path: 'file', message: 'is required', code: 'required' },
        ]);
      const bytes = await part.toBuffer();
      if (part.file.truncated) {
        const detail = 'The picture is larger than the limit of 1 MB; nothing was saved.';
        return sendProblem(reply, problem('payload-too-large', 413, detail, request));
      }
      return badgeReply.present(await uploadBadgeImage(deps, request.actor, orgId, badgeId, bytes));
    },
  );

  r.delete(
    '/orgs/:orgId/badges/:badgeId/image',
    {
      config: { scope: 'catalog:write' },
      schema: {
        tags,
        summary: 'Remove the uploaded picture: the default one is drawn from the name and colours',
        params: badgeParams,
        response: one,
      },
    },
    async (request) =>
      badgeReply.present(
        await removeBadgeImage(deps, request.actor, request.params.orgId, request.params.badgeId),
      ),
  );

  r.get(
    '/orgs/:orgId/badges/:badgeId/image',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: "The draft's picture (uploaded, or the default drawn from name and colours)",
        params: badgeParams,
      },
    },
    async (request, reply) => {
      const { orgId, badgeId } = request.params;
      const image = await draftBadgeImage(deps, request.actor, orgId, badgeId);
      return sendBadgeImage(reply, image, 'private, no-cache');
    },
  );
}
