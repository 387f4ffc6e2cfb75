// Public profiles: /people/{slug} (HTML), its photo and its record (CLR 2.0 JSON), and the learner's
// settings (/api/v1/me/profile, /api/v1/me/profile/photo). Off or missing → 404 for the page, photo and record.
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { InvalidError, schemaMessage } from '../errors.ts';
import { problem, sendProblem } from '../http/problem.ts';
import { pickLocale } from '../i18n/index.ts';
import { myProfile, presentProfile, publicProfile, saveProfile } from './profile.ts';
import { renderProfilePage } from './profile-page.ts';
import { PROFILE_PAGE_CSS, PROFILE_PAGE_JS } from './profile-page-assets.ts';
import {
  mayChangePhoto,
  myPhoto,
  type PhotoFile,
  publicPhoto,
  removePhoto,
  uploadPhoto,
} from './profile-photo.ts';
import { MAX_PHOTO_BYTES } from './profile-photo-check.ts';
import { profileRecord } from './profile-record.ts';

const slug = z
  .string()
  .min(3)
  .max(40)
  .regex(
    /^[a-z0-9](-?[a-z0-9])*$/,
    schemaMessage('profile-slug-format', 'use lower-case letters, digits and single hyphens'),
  );
/** No inline script or style; the page's own stylesheet and script from here; images from here only. */
const PAGE_CSP =
  "default-src 'none'; img-src 'self' data:; style-src 'self'; script-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
const slugParams = z.object({ slug: z.string().max(40) });

const profileSchema = z.object({
  slug: z.string(),
  enabled: z.boolean(),
  headline: z.string().nullable(),
  url: z.string(),
  photo: z
    .object({
      url: z.string().describe('Public address of the photo (404 while the profile is off)'),
      previewUrl: z.string().describe("The owner's own copy, shown whether the profile is on or off"),
    })
    .nullable(),
});

function sendPhoto(reply: FastifyReply, photo: PhotoFile, cache: string): FastifyReply {
  return reply
    .type(photo.contentType)
    .header('cache-control', cache)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .send(photo.bytes);
}

export async function profilePublicRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['public documents'];
  r.get(
    '/people/:slug',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary:
          "A learner's public profile (HTML): photo, headline, the skills their public badges align, their public Tessera badges and, apart, the badges they imported and made public, sharing and the record download (404 unless they turned it on)",
        params: slugParams,
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

  r.get(
    '/people/:slug/photo/:name',
    {
      config: { auth: 'public', embeddable: true },
      schema: {
        tags,
        summary:
          "A public profile's photo (PNG or JPEG; its name changes with every upload, so it is cached long; 404 while the profile is off)",
        params: slugParams.extend({ name: z.string().max(60) }),
      },
    },
    async (request, reply) => {
      const photo = await publicPhoto(deps, request.params.slug, request.params.name);
      return sendPhoto(reply, photo, 'public, max-age=31536000, immutable').header(
        'access-control-allow-origin',
        '*',
      );
    },
  );

  r.get(
    '/people/:slug/record.json',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary:
          "A public profile's whole record: a CLR 2.0 ClrCredential document holding each public badge's signed OB 3.0 credential, itself signed (eddsa-rdfc-2022) by the platform's did:web (404 while the profile is off)",
        params: slugParams,
      },
    },
    async (request, reply) => {
      const record = await profileRecord(deps, request.params.slug);
      return reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="${record.fileName}"`)
        .header('cache-control', 'public, max-age=30')
        .header('access-control-allow-origin', '*')
        .send(JSON.stringify(record.document, null, 2));
    },
  );

  app.get(
    '/people/profile.css',
    { config: { auth: 'public' }, schema: { hide: true } },
    async (_request, reply) =>
      reply
        .type('text/css; charset=utf-8')
        .header('cache-control', 'public, max-age=3600')
        .send(PROFILE_PAGE_CSS),
  );
  app.get(
    '/people/profile.js',
    { config: { auth: 'public' }, schema: { hide: true } },
    async (_request, reply) =>
      reply
        .type('text/javascript; charset=utf-8')
        .header('cache-control', 'public, max-age=3600')
        .send(PROFILE_PAGE_JS),
  );
}

async function photoRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  // Scoped to this plugin: only the photo upload reads multipart bodies. One file, no fields.
  await app.register(multipart, { limits: { files: 1, fields: 0, parts: 1, fileSize: MAX_PHOTO_BYTES } });
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['badges'];
  r.put(
    '/me/profile/photo',
    {
      config: { scope: 'learning:write' },
      schema: {
        tags,
        summary: 'Upload the photo of my public profile (multipart field "file")',
        description:
          'PNG or JPEG recognised by content, at most 1 MB (413 above) and 2048×2048 pixels. Anything else — SVG, ' +
          'a file with data after the picture ends (an image that is also a page or an archive), markup in what is ' +
          'kept — is refused with 400 at `file`. Metadata (text, EXIF with location, XMP, comments) is removed; a ' +
          'JPEG keeps its orientation. 409 `profile-missing` until the profile exists. Replies with the profile.',
        consumes: ['multipart/form-data'],
        response: { 200: profileSchema },
      },
    },
    async (request, reply) => {
      await mayChangePhoto(deps, request.actor);
      if (!request.isMultipart()) {
        throw new InvalidError('Send the photo as multipart/form-data in a field named "file".', [
          { path: 'file', message: 'is required', code: 'required' },
        ]);
      }
      const part = await request.file({ throwFileSizeLimit: false });
      if (!part)
        throw new InvalidError('No photo was sent.', [
          { path: 'file', message: 'is required', code: 'required' },
        ]);
      const bytes = await part.toBuffer();
      if (part.file.truncated) {
        const detail = 'The photo is larger than the limit of 1 MB; nothing was saved.';
        return sendProblem(reply, problem('payload-too-large', 413, detail, request));
      }
      return presentProfile(deps, await uploadPhoto(deps, request.actor, bytes));
    },
  );
  r.delete(
    '/me/profile/photo',
    {
      config: { scope: 'learning:write' },
      schema: {
        tags,
        summary: 'Remove the photo of my public profile (its initials are shown instead)',
        response: { 200: profileSchema },
      },
    },
    async (request) => presentProfile(deps, await removePhoto(deps, request.actor)),
  );
  r.get(
    '/me/profile/photo',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: 'My profile photo, whether the profile is on or off (404 when there is none)',
        querystring: z.object({ v: z.string().max(60).optional() }),
      },
    },
    async (request, reply) => sendPhoto(reply, await myPhoto(deps, request.actor), 'private, max-age=3600'),
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
  await app.register(photoRoutes, { deps });
}
