// Issuer administration: keys, manual issuance, list, revoke/suspend/reinstate. Mounted under /api/v1.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { bakedCredentialImage } from './badge-image.ts';
import { changeCredentialState } from './credential-state.ts';
import { issueForActor } from './issue.ts';
import { listKeys, rotateKey, setDidMethod } from './issuer-keys.ts';
import { revokeKey } from './key-revocation.ts';
import { getCredential, listCredentials } from './queries.ts';
import {
  issueBody,
  issuedCredential,
  issuedCredentialSummary,
  issuerKey,
  keyRevocationBody,
  keyRevocationReply,
  stateChangeBody,
} from './schema.ts';

const orgParams = z.object({ orgId: z.uuid() });
const credentialParams = orgParams.extend({ credentialId: z.uuid() });

export async function issuingRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['issuing'];

  const issuerReply = z.object({
    did: z.string(),
    didMethod: z.enum(['web', 'key']),
    keys: z.array(issuerKey.schema),
  });
  const presentIssuer = async (actor: Parameters<typeof listKeys>[1], orgId: string) => {
    const { did, didMethod, keys } = await listKeys(deps, actor, orgId);
    return { did, didMethod, keys: keys.map(issuerKey.present) };
  };

  r.get(
    '/orgs/:orgId/issuer',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary:
          "The issuer's signing DID (did:web, or the did:key of its current key) and its keys (public halves only)",
        params: orgParams,
        response: { 200: issuerReply },
      },
    },
    async (request) => presentIssuer(request.actor, request.params.orgId),
  );

  r.put(
    '/orgs/:orgId/issuer',
    {
      config: { scope: 'orgs:write' },
      schema: {
        tags,
        summary: 'Choose how new credentials name their issuer: did:web (default) or did:key',
        params: orgParams,
        body: z.strictObject({ didMethod: z.enum(['web', 'key']) }),
        response: { 200: issuerReply },
      },
    },
    async (request) => {
      await setDidMethod(deps, request.actor, request.params.orgId, request.body.didMethod);
      return presentIssuer(request.actor, request.params.orgId);
    },
  );

  r.post(
    '/orgs/:orgId/issuer/keys',
    {
      config: { scope: 'orgs:write' },
      schema: {
        tags,
        summary: 'Rotate: a new key signs from now on; old keys stay in the DID document',
        params: orgParams,
        response: { 201: issuerKey.schema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(issuerKey.present(await rotateKey(deps, request.actor, request.params.orgId))),
  );

  r.post(
    '/orgs/:orgId/issuer/keys/:keyNumber/revoke',
    {
      config: { scope: 'orgs:write' },
      schema: {
        tags,
        summary:
          'Revoke a compromised key (owners): it stops signing (a new key takes over if it was active), leaves ' +
          "the DID document's assertionMethod, and what it signed since compromisedSince no longer verifies",
        params: orgParams.extend({ keyNumber: z.coerce.number().int().min(1).max(1_000_000) }),
        body: keyRevocationBody,
        response: { 200: keyRevocationReply },
      },
    },
    async (request) => {
      const { orgId, keyNumber } = request.params;
      const { reason, compromisedSince } = request.body;
      const result = await revokeKey(deps, request.actor, orgId, keyNumber, {
        reason,
        compromisedSince: compromisedSince ? new Date(compromisedSince) : undefined,
      });
      return {
        revoked: issuerKey.present(result.revoked),
        replacement: result.replacement ? issuerKey.present(result.replacement) : null,
        affectedCredentials: result.affectedCredentials,
      };
    },
  );

  r.post(
    '/orgs/:orgId/credentials',
    {
      config: { scope: 'vc:issue' },
      schema: {
        tags,
        summary: 'Issue an Open Badges 3.0 credential to an email address or a DID',
        params: orgParams,
        body: issueBody,
        response: { 201: issuedCredential.schema },
      },
    },
    async (request, reply) => {
      const { validFrom, validUntil, ...rest } = request.body;
      const row = await issueForActor(deps, request.actor, request.params.orgId, {
        ...rest,
        validFrom: validFrom ? new Date(validFrom) : undefined,
        validUntil: validUntil ? new Date(validUntil) : undefined,
      });
      return reply.code(201).send(issuedCredential.present(row));
    },
  );

  r.get(
    '/orgs/:orgId/credentials',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: 'Credentials this issuer has issued, newest first',
        params: orgParams,
        querystring: z.strictObject({
          state: z.enum(['active', 'revoked', 'suspended']).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          before: z.iso.datetime({ offset: true }).optional(),
        }),
        response: { 200: z.object({ items: z.array(issuedCredentialSummary.schema) }) },
      },
    },
    async (request) => {
      const { state, limit, before } = request.query;
      const rows = await listCredentials(deps, request.actor, request.params.orgId, {
        state,
        limit,
        before: before ? new Date(before) : undefined,
      });
      return { items: rows.map(issuedCredentialSummary.present) };
    },
  );

  r.get(
    '/orgs/:orgId/credentials/:credentialId',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: 'One issued credential with its signed forms',
        params: credentialParams,
        response: { 200: issuedCredential.schema },
      },
    },
    async (request) =>
      issuedCredential.present(
        await getCredential(deps, request.actor, request.params.orgId, request.params.credentialId),
      ),
  );

  r.get(
    '/orgs/:orgId/credentials/:credentialId/baked.:fileType',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary:
          'The badge picture (PNG or SVG) with the signed credential baked in (Open Badges 3.0 baking)',
        params: credentialParams.extend({ fileType: z.enum(['png', 'svg']) }),
        querystring: z.strictObject({ form: z.enum(['json', 'jwt']).default('json') }),
      },
    },
    async (request, reply) => {
      const { orgId, credentialId, fileType } = request.params;
      const image = await bakedCredentialImage(
        deps,
        request.actor,
        orgId,
        credentialId,
        fileType,
        request.query.form,
      );
      return reply
        .type(fileType === 'png' ? 'image/png' : 'image/svg+xml')
        .header('content-disposition', `attachment; filename="badge-${credentialId}.${fileType}"`)
        .send(image);
    },
  );

  for (const change of ['revoke', 'suspend', 'reinstate'] as const) {
    r.post(
      `/orgs/:orgId/credentials/:credentialId/${change}`,
      {
        config: { scope: 'awards:write' },
        schema: {
          tags,
          summary: `${change[0]!.toUpperCase()}${change.slice(1)} a credential (its status list is re-published)`,
          params: credentialParams,
          body: stateChangeBody,
          response: { 200: issuedCredentialSummary.schema },
        },
      },
      async (request) => {
        const { orgId, credentialId } = request.params;
        const row = await changeCredentialState(
          deps,
          request.actor,
          orgId,
          credentialId,
          change,
          request.body.reason ?? null,
        );
        return issuedCredentialSummary.present(row);
      },
    );
  }
}
