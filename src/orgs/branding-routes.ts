// An organization's logo over HTTP: upload and removal under /api/v1/orgs/{orgId}/logo (owner, admin), and
// the public file at /org-logos/{name} that catalog, badge and issuer pages show. The colour and
// contact travel with PATCH /orgs/{orgId} (routes.ts).
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { InvalidError } from '../errors.ts';
import { problem, sendProblem } from '../http/problem.ts';
import { logoFile, mayChangeBranding, removeLogo, uploadLogo } from './branding.ts';
import { MAX_LOGO_BYTES } from './branding-model.ts';
import { organization, orgParams } from './schema.ts';

const tags = ['organizations'];

export async function orgBrandingRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  // Scoped to this plugin: only the logo upload reads multipart bodies. One file, no fields.
  await app.register(multipart, { limits: { files: 1, fields: 0, parts: 1, fileSize: MAX_LOGO_BYTES } });
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.put(
    '/orgs/:orgId/logo',
    {
      config: { scope: 'orgs:write' },
      schema: {
        tags,
        summary: 'Upload the logo shown to learners (owner, admin; multipart field "file")',
        description:
          'PNG (at most 2048×2048), JPEG or SVG, recognised by content, at most 1 MB (413 above). SVG is checked ' +
          'as hostile exactly as badge pictures are: script, event handlers, foreignObject, external references ' +
          'and DOCTYPE are refused with 400 at `file`. Replies with the organization, `logoUrl` set.',
        consumes: ['multipart/form-data'],
        params: orgParams,
        response: { 200: organization.schema },
      },
    },
    async (request, reply) => {
      const { orgId } = request.params;
      mayChangeBranding(request.actor, orgId);
      if (!request.isMultipart()) {
        throw new InvalidError('Send the logo as multipart/form-data in a field named "file".', [
          { path: 'file', message: 'is required', code: 'required' },
        ]);
      }
      const part = await request.file({ throwFileSizeLimit: false });
      if (!part)
        throw new InvalidError('No logo was sent.', [
          { path: 'file', message: 'is required', code: 'required' },
        ]);
      const bytes = await part.toBuffer();
      if (part.file.truncated) {
        const detail = 'The logo is larger than the limit of 1 MB; nothing was saved.';
        return sendProblem(reply, problem('payload-too-large', 413, detail, request));
      }
      const org = await uploadLogo(deps, request.actor, orgId, bytes);
      return organization.present(
        org,
        request.actor?.memberships.find((m) => m.orgId === orgId)?.role ?? null,
      );
    },
  );

  r.delete(
    '/orgs/:orgId/logo',
    {
      config: { scope: 'orgs:write' },
      schema: {
        tags,
        summary: 'Remove the logo (owner, admin)',
        description: 'Pages show the organization’s name alone again. Replies with the organization.',
        params: orgParams,
        response: { 200: organization.schema },
      },
    },
    async (request) => {
      const { orgId } = request.params;
      const org = await removeLogo(deps, request.actor, orgId);
      return organization.present(
        org,
        request.actor?.memberships.find((m) => m.orgId === orgId)?.role ?? null,
      );
    },
  );
}

/** Mounted at the root. */
export async function orgLogoPublicRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/org-logos/:name',
    {
      config: { auth: 'public', embeddable: true },
      schema: {
        tags,
        summary: "An organization's logo (PNG, JPEG or SVG; a name never changes, so cached a year)",
        params: z.object({ name: z.string().max(60) }),
      },
    },
    async (request, reply) => {
      const logo = await logoFile(deps, request.params.name);
      // Served as an inert document: an SVG may style itself, nothing more.
      if (logo.type === 'svg') {
        reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'");
      }
      return reply
        .type(logo.contentType)
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('x-content-type-options', 'nosniff')
        .header('access-control-allow-origin', '*')
        .send(logo.bytes);
    },
  );
}
