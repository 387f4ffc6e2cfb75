// Public documents every verifier needs: issuers' DID documents and status lists. Mounted at the root.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { NotFoundError } from '../errors.ts';
import { didDocumentOf } from './issuer-keys.ts';
import { ob2Assertion, ob2BadgeClass, ob2BadgeImage, ob2Issuer } from './ob2-hosted.ts';
import { publishedStatusList } from './status-lists.ts';

const slug = z.string().regex(/^[a-z0-9-]{1,64}$/);

export async function issuingPublicRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['public documents'];

  r.get(
    '/issuers/:slug/did.json',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: "An issuer's did:web document (did:web:<host>:issuers:<slug>)",
        params: z.object({ slug }),
        response: { 200: z.record(z.string(), z.unknown()) },
      },
    },
    async (request, reply) => {
      const document = await didDocumentOf(deps, request.params.slug);
      if (!document) throw new NotFoundError('issuer');
      reply.header('cache-control', 'public, max-age=300').header('access-control-allow-origin', '*');
      return reply.type('application/did+ld+json').send(document);
    },
  );

  r.get(
    '/issuers/:slug/status/:purpose/:listNumber',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'A signed BitstringStatusListCredential (revocation or suspension)',
        params: z.object({
          slug,
          purpose: z.enum(['revocation', 'suspension']),
          listNumber: z.coerce.number().int().min(1),
        }),
        response: { 200: z.record(z.string(), z.unknown()), 304: z.null() },
      },
    },
    async (request, reply) => {
      const { slug: issuer, purpose, listNumber } = request.params;
      const list = await publishedStatusList(deps, issuer, purpose, listNumber);
      if (!list) throw new NotFoundError('status list');
      // Short caching: a revocation must reach verifiers within minutes; the ETag keeps refreshes cheap.
      reply.header('etag', list.etag).header('cache-control', 'public, max-age=60, must-revalidate');
      reply.header('access-control-allow-origin', '*');
      if (request.headers['if-none-match'] === list.etag) return reply.code(304).send(null);
      return reply.type('application/vc+ld+json').send(list.credential);
    },
  );
}

export async function ob2HostedRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['open badges 2.0'];
  const idParams = z.object({ id: z.uuid() });
  const json = z.record(z.string(), z.unknown());

  r.get(
    '/ob2/assertions/:id',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'Hosted OB 2.0 Assertion (410 with revoked: true once revoked)',
        params: idParams,
        response: { 200: json, 410: json },
      },
    },
    async (request, reply) => {
      const hosted = await ob2Assertion(deps, request.params.id);
      if (!hosted) throw new NotFoundError('assertion');
      return reply
        .code(hosted.status)
        .header('access-control-allow-origin', '*')
        .type('application/ld+json')
        .send(hosted.body);
    },
  );
  r.get(
    '/ob2/assertions/:id/badge',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'The BadgeClass of a hosted assertion',
        params: idParams,
        response: { 200: json },
      },
    },
    async (request, reply) => {
      const badge = await ob2BadgeClass(deps, request.params.id);
      if (!badge) throw new NotFoundError('badge class');
      return reply.header('access-control-allow-origin', '*').type('application/ld+json').send(badge);
    },
  );
  r.get(
    '/ob2/assertions/:id/image.svg',
    { config: { auth: 'public' }, schema: { tags, summary: 'A default badge picture', params: idParams } },
    async (request, reply) => {
      const svg = await ob2BadgeImage(deps, request.params.id);
      if (!svg) throw new NotFoundError('image');
      return reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(svg);
    },
  );
  r.get(
    '/ob2/issuers/:slug',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'Issuer Profile (OB 2.0)',
        params: z.object({ slug }),
        response: { 200: json },
      },
    },
    async (request, reply) => {
      const issuer = await ob2Issuer(deps, request.params.slug);
      if (!issuer) throw new NotFoundError('issuer');
      return reply.header('access-control-allow-origin', '*').type('application/ld+json').send(issuer);
    },
  );
}
