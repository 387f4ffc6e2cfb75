// Public profiles: /people/{slug} (HTML) and the learner's settings (/api/v1/me/profile).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { pickLocale } from '../i18n/index.ts';
import { myProfile, publicProfile, saveProfile } from './profile.ts';
import { renderProfilePage } from './profile-page.ts';

const slug = z
  .string()
  .min(3)
  .max(40)
  .regex(/^[a-z0-9](-?[a-z0-9])*$/, 'use lower-case letters, digits and single hyphens');
const PAGE_CSP =
  "default-src 'none'; img-src 'self' data:; style-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const profileSchema = z.object({
  slug: z.string(),
  enabled: z.boolean(),
  headline: z.string().nullable(),
  url: z.string(),
});

export async function profilePublicRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/people/:slug',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['public documents'],
        summary:
          "A learner's public profile (HTML): their public Tessera badges and, apart, the badges they imported from other issuers and made public, with Tessera's last check of each (404 unless they turned it on)",
        params: z.object({ slug: z.string().max(40) }),
        querystring: z.object({ lang: z.string().max(10).optional() }),
      },
    },
    async (request, reply) => {
      const profile = await publicProfile(deps, request.params.slug);
      const locale = pickLocale(request.query.lang ?? request.headers['accept-language']?.split(',')[0]);
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'public, max-age=30')
        .header('content-language', locale)
        .header('content-security-policy', PAGE_CSP)
        .send(renderProfilePage(profile, locale, deps.now()));
    },
  );
}

export async function profileRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['badges'];
  r.get(
    '/me/profile',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: 'My public profile settings (null until I create one)',
        response: { 200: z.object({ profile: profileSchema.nullable() }) },
      },
    },
    async (request) => ({ profile: await myProfile(deps, request.actor) }),
  );
  r.put(
    '/me/profile',
    {
      config: { scope: 'learning:write' },
      schema: {
        tags,
        summary:
          'Create or change my public profile: its address (/people/{slug}), whether it is on, a headline',
        body: z.strictObject({
          slug,
          enabled: z.boolean(),
          headline: z.string().trim().max(200).nullable().default(null),
        }),
        response: { 200: profileSchema },
      },
    },
    async (request) => saveProfile(deps, request.actor, request.body),
  );
}
