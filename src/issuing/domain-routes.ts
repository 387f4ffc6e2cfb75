// An issuer's own domain: bind, verify, unbind (under /api/v1), and the DID document of did:web:<domain>
// (at the root), served for a request that arrives with `Host: <domain>` or through a proxy of its own path; on
// this server's own host /.well-known/did.json answers the platform's document (platform-identity.ts).
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { DidDocument } from '../credentials/index.ts';
import type { Deps } from '../deps.ts';
import { NotFoundError } from '../errors.ts';
import {
  bindDomain,
  type DomainView,
  domainDidDocument,
  domainOf,
  issuerDomainDocument,
  unbindDomain,
  verifyDomain,
} from './domain.ts';
import { isPlatformHost, platformDidDocument } from './platform-identity.ts';

const orgParams = z.object({ orgId: z.uuid() });

const domainSchema = z.object({
  domain: z.string(),
  state: z.enum(['pending', 'verified']),
  did: z.string(),
  instructions: z.object({
    txtName: z.string(),
    txtValue: z.string(),
    fileUrl: z.string(),
    fileContent: z.string(),
  }),
  createdAt: z.string(),
  verifiedAt: z.string().nullable(),
  lastCheckAt: z.string().nullable(),
  lastCheckProblem: z.string().nullable(),
});

const presentDomain = (view: DomainView): z.infer<typeof domainSchema> => ({
  domain: view.domain,
  state: view.state,
  did: view.did,
  instructions: { ...view.instructions },
  createdAt: view.createdAt.toISOString(),
  verifiedAt: view.verifiedAt?.toISOString() ?? null,
  lastCheckAt: view.lastCheckAt?.toISOString() ?? null,
  lastCheckProblem: view.lastCheckProblem,
});

export async function issuerDomainRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['issuing'];

  r.get(
    '/orgs/:orgId/domain',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: "The issuer's own domain (pending or verified) with the instructions to verify it, or null",
        params: orgParams,
        response: { 200: z.object({ binding: domainSchema.nullable() }) },
      },
    },
    async (request) => {
      const view = await domainOf(deps, request.actor, request.params.orgId);
      return { binding: view ? presentDomain(view) : null };
    },
  );

  r.put(
    '/orgs/:orgId/domain',
    {
      config: { scope: 'orgs:write' },
      schema: {
        tags,
        summary:
          'Bind a domain of the issuer (owners, admins): pending until verified; a different domain replaces ' +
          'the current one (a verified one is released: what it signed keeps verifying)',
        params: orgParams,
        body: z.strictObject({ domain: z.string().trim().min(1).max(253) }),
        response: { 200: domainSchema },
      },
    },
    async (request) =>
      presentDomain(await bindDomain(deps, request.actor, request.params.orgId, request.body.domain)),
  );

  r.post(
    '/orgs/:orgId/domain/verify',
    {
      config: { scope: 'orgs:write' },
      schema: {
        tags,
        summary:
          'Look for the token in the DNS TXT record or the HTTPS file: found, the domain is verified and new ' +
          'credentials name did:web:<domain>; not found, lastCheckProblem says what was seen',
        params: orgParams,
        response: { 200: domainSchema },
      },
    },
    async (request) => presentDomain(await verifyDomain(deps, request.actor, request.params.orgId)),
  );

  r.delete(
    '/orgs/:orgId/domain',
    {
      config: { scope: 'orgs:write' },
      schema: {
        tags,
        summary:
          'Unbind the domain: new credentials name the did:web on this server again; those issued under the ' +
          'domain keep verifying',
        params: orgParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await unbindDomain(deps, request.actor, request.params.orgId);
      return reply.code(204).send(null);
    },
  );
}

const sendDocument = (document: DidDocument | undefined, reply: FastifyReply) => {
  if (!document) throw new NotFoundError('DID document');
  reply.header('cache-control', 'public, max-age=300').header('access-control-allow-origin', '*');
  return reply.type('application/did+ld+json').send(document);
};

export async function issuerDomainPublicRoutes(
  app: FastifyInstance,
  { deps }: { deps: Deps },
): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['public documents'];

  r.get(
    '/.well-known/did.json',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary:
          "The DID document of did:web:<Host>: on this server's own host the platform's (it signs learners' " +
          "whole records), for an issuer's own domain pointed at this server that issuer's (404 otherwise)",
        response: { 200: z.record(z.string(), z.unknown()) },
      },
    },
    async (request, reply) =>
      sendDocument(
        isPlatformHost(deps, request.host)
          ? await platformDidDocument(deps)
          : await domainDidDocument(deps, request.host),
        reply,
      ),
  );

  r.get(
    '/issuers/:slug/domain/did.json',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary:
          "The DID document of did:web:<the issuer's verified domain>, for a proxy of that domain's " +
          '/.well-known/did.json',
        params: z.object({ slug: z.string().regex(/^[a-z0-9-]{1,64}$/) }),
        response: { 200: z.record(z.string(), z.unknown()) },
      },
    },
    async (request, reply) => sendDocument(await issuerDomainDocument(deps, request.params.slug), reply),
  );
}
