// The issuer's award list and its CSV export: GET /orgs/{orgId}/awards and /orgs/{orgId}/awards.csv.
// Mounted under /api/v1.
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { type ApiCredential, changeVcApiCredentialState, listApiCredentials } from './api-credentials.ts';
import { exportOrgAwards, listOrgAwards } from './award-export.ts';
import type { AwardView, OrgAwardFilter } from './award-queries.ts';

const awardFilterQuery = z.strictObject({
  badgeId: z.uuid().optional(),
  q: z.string().trim().min(1).max(200).optional(),
  state: z.enum(['awaiting-fee', 'offered', 'accepted', 'declined']).optional(),
  credentialState: z.enum(['active', 'revoked', 'suspended']).optional(),
  source: z.enum(['completion', 'pathway', 'manual', 'bulk', 'renewal']).optional(),
  /** Valid until before this date or moment (e.g. 2027-01-01). */
  expiring: z.union([z.iso.date(), z.iso.datetime({ offset: true })]).optional(),
  /** Issued on or after this day (UTC) or moment. */
  issuedFrom: z.union([z.iso.date(), z.iso.datetime({ offset: true })]).optional(),
  /** Issued on or before this day (UTC, the whole day) or before this moment. */
  issuedTo: z.union([z.iso.date(), z.iso.datetime({ offset: true })]).optional(),
});

const DAY_MS = 86_400_000;
/** A day alone includes all of it: the end is the start of the next day. */
const endOf = (value: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(new Date(value).getTime() + DAY_MS) : new Date(value);

const awardListQuery = awardFilterQuery.extend({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

const orgAwardSchema = z.object({
  id: z.uuid(),
  badge: z.object({ id: z.uuid(), name: z.string(), versionNumber: z.number().int() }),
  recipientEmail: z.string(),
  recipientName: z.string().nullable(),
  userId: z.uuid().nullable(),
  state: z.enum(['awaiting-fee', 'offered', 'accepted', 'declined']),
  credentialState: z.enum(['active', 'revoked', 'suspended']).nullable(),
  credentialId: z.uuid().nullable(),
  source: z.enum(['completion', 'pathway', 'manual', 'bulk', 'renewal']),
  cycle: z.number().int(),
  issuedAt: z.string(),
  awardedDate: z.string(),
  validUntil: z.string().nullable(),
  superseded: z.boolean(),
  bulkRunId: z.uuid().nullable(),
  evidenceUrl: z.string().nullable(),
});

function presentOrgAward(a: AwardView): z.infer<typeof orgAwardSchema> {
  return {
    id: a.id,
    badge: { id: a.badgeId, name: a.badgeName, versionNumber: a.versionNumber },
    recipientEmail: a.recipientEmail,
    recipientName: a.recipientName,
    userId: a.userId,
    state: a.state,
    credentialState: a.credentialState,
    credentialId: a.credentialId,
    source: a.source,
    cycle: a.cycle,
    issuedAt: a.issuedAt.toISOString(),
    awardedDate: a.awardedDate.toISOString(),
    validUntil: a.validUntil?.toISOString() ?? null,
    superseded: a.supersededAt !== null,
    bulkRunId: a.bulkRunId,
    evidenceUrl: a.evidenceUrl,
  };
}

function filterOf(query: z.infer<typeof awardFilterQuery>): OrgAwardFilter {
  const { expiring, issuedFrom, issuedTo, ...rest } = query;
  return {
    ...rest,
    ...(expiring ? { expiringBefore: new Date(expiring) } : {}),
    ...(issuedFrom ? { issuedFrom: new Date(issuedFrom) } : {}),
    ...(issuedTo ? { issuedBefore: endOf(issuedTo) } : {}),
  };
}

const orgParams = z.object({ orgId: z.uuid() });

const apiCredentialQuery = z.strictObject({
  q: awardFilterQuery.shape.q,
  credentialState: awardFilterQuery.shape.credentialState,
  issuedFrom: awardFilterQuery.shape.issuedFrom,
  issuedTo: awardFilterQuery.shape.issuedTo,
  limit: awardListQuery.shape.limit,
  offset: awardListQuery.shape.offset,
});

const apiCredentialSchema = z.object({
  kind: z
    .enum(['issued', 'vc-api'])
    .describe('issued: POST /orgs/{orgId}/credentials; vc-api: POST /credentials/issue'),
  id: z.string(),
  credentialId: z.string().nullable(),
  name: z.string().nullable(),
  recipient: z.string().nullable(),
  credentialState: z.enum(['active', 'revoked', 'suspended']),
  issuedAt: z.string(),
  validUntil: z.string().nullable(),
  statusChangeable: z.boolean(),
  suspendable: z.boolean(),
});

function presentApiCredential(c: ApiCredential): z.infer<typeof apiCredentialSchema> {
  return {
    kind: c.kind,
    id: c.id,
    credentialId: c.credentialId,
    name: c.name,
    recipient: c.recipient,
    credentialState: c.state,
    issuedAt: c.issuedAt.toISOString(),
    validUntil: c.validUntil?.toISOString() ?? null,
    statusChangeable: c.statusChangeable,
    suspendable: c.suspendable,
  };
}

export async function awardListRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['badges'];

  r.get(
    '/orgs/:orgId/awards',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary:
          "Awards of this organization, newest first: filter by badge, q (part of the recipient's name or email, or a credential or award id), state, credential state, source, issued between (issuedFrom, issuedTo), expiring before",
        params: orgParams,
        querystring: awardListQuery,
        response: { 200: z.object({ items: z.array(orgAwardSchema), total: z.number().int() }) },
      },
    },
    async (request) => {
      const { limit, offset, ...filter } = request.query;
      const found = await listOrgAwards(deps, request.actor, request.params.orgId, filterOf(filter), {
        limit,
        offset,
      });
      return { items: found.items.map(presentOrgAward), total: found.total };
    },
  );

  r.get(
    '/orgs/:orgId/api-credentials',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary:
          'Credentials issued through the API rather than as badge awards (POST /orgs/{orgId}/credentials and the VC-API), newest first: q (name, recipient or credential id), credential state, issued between',
        params: orgParams,
        querystring: apiCredentialQuery,
        response: { 200: z.object({ items: z.array(apiCredentialSchema), total: z.number().int() }) },
      },
    },
    async (request) => {
      const { limit, offset, credentialState, issuedFrom, issuedTo, q } = request.query;
      const found = await listApiCredentials(
        deps,
        request.actor,
        request.params.orgId,
        {
          q,
          state: credentialState,
          ...(issuedFrom ? { issuedFrom: new Date(issuedFrom) } : {}),
          ...(issuedTo ? { issuedBefore: endOf(issuedTo) } : {}),
        },
        { limit, offset },
      );
      return { items: found.items.map(presentApiCredential), total: found.total };
    },
  );

  for (const change of ['revoke', 'suspend', 'reinstate'] as const) {
    r.post(
      `/orgs/:orgId/api-credentials/:id/${change}`,
      {
        config: { scope: 'awards:write' },
        schema: {
          tags,
          summary: `${change[0]?.toUpperCase()}${change.slice(1)} a credential issued through the VC-API (its status list is re-published)`,
          params: orgParams.extend({ id: z.uuid() }),
          response: { 200: apiCredentialSchema },
        },
      },
      async (request) =>
        presentApiCredential(
          await changeVcApiCredentialState(
            deps,
            request.actor,
            request.params.orgId,
            request.params.id,
            change,
          ),
        ),
    );
  }

  r.get(
    '/orgs/:orgId/awards.csv',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: 'The same awards as a CSV file (all matching rows; cells safe to open in a spreadsheet)',
        params: orgParams,
        querystring: awardFilterQuery,
        produces: ['text/csv'],
      },
    },
    async (request, reply) => {
      const rows = exportOrgAwards(deps, request.actor, request.params.orgId, filterOf(request.query));
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="awards.csv"')
        .header('x-content-type-options', 'nosniff')
        .send(Readable.from(rows));
    },
  );
}
