// The learner's backpack: GET /me/badges and /me/badges/{awardId}. Mounted under /api/v1.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { versionImageUrl } from './achievement.ts';
import type { AwardDetail } from './award-queries.ts';
import { type BackpackEntry, myBadge, myBadges } from './backpack.ts';

const backpackItemSchema = z.object({
  awardId: z.uuid(),
  state: z.enum(['awaiting-fee', 'offered', 'accepted', 'declined']),
  badge: z.object({
    id: z.uuid(),
    name: z.string(),
    description: z.string(),
    imageUrl: z.string(),
    issuer: z.object({ name: z.string(), slug: z.string() }),
  }),
  issuedAt: z.string(),
  awardedDate: z.string(),
  validUntil: z.string().nullable(),
  expired: z.boolean(),
  credentialState: z.enum(['active', 'revoked', 'suspended']).nullable(),
  superseded: z.boolean(),
  visibility: z.enum(['private', 'public']),
  credentialId: z.uuid().nullable(),
  claimable: z.boolean(),
});

const backpackDetailSchema = backpackItemSchema.extend({
  recipientEmail: z.string(),
  recipientName: z.string().nullable(),
  source: z.enum(['completion', 'pathway', 'manual', 'bulk', 'renewal']),
  cycle: z.number().int(),
  criteriaNarrative: z.string(),
  evidenceUrl: z.string().nullable(),
  /** The signed Open Badges 3.0 credential as issued. */
  credential: z.record(z.string(), z.unknown()).nullable(),
});

export function presentBackpackItem(deps: Deps, entry: BackpackEntry): z.infer<typeof backpackItemSchema> {
  const { award } = entry;
  return {
    awardId: award.id,
    state: award.state,
    badge: {
      id: award.badgeId,
      name: award.badgeName,
      description: award.badgeDescription,
      imageUrl: versionImageUrl(deps, { badgeId: award.badgeId, number: award.versionNumber }),
      issuer: { name: award.issuerName, slug: award.issuerSlug },
    },
    issuedAt: award.issuedAt.toISOString(),
    awardedDate: award.awardedDate.toISOString(),
    validUntil: award.validUntil?.toISOString() ?? null,
    expired: entry.expired,
    credentialState: award.credentialState,
    superseded: award.supersededAt !== null,
    visibility: award.visibility,
    credentialId: award.credentialId,
    claimable: entry.claimable,
  };
}

function presentBackpackDetail(
  deps: Deps,
  entry: BackpackEntry & { award: AwardDetail },
): z.infer<typeof backpackDetailSchema> {
  const { award } = entry;
  return {
    ...presentBackpackItem(deps, entry),
    recipientEmail: award.recipientEmail,
    recipientName: award.recipientName,
    source: award.source,
    cycle: award.cycle,
    criteriaNarrative: award.criteriaNarrative,
    evidenceUrl: award.evidenceUrl,
    credential: award.credential,
  };
}

export async function backpackRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['badges'];

  r.get(
    '/me/badges',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: 'My backpack: badges given to me, and badges offered to my verified addresses to accept',
        response: { 200: z.object({ items: z.array(backpackItemSchema) }) },
      },
    },
    async (request) => ({
      items: (await myBadges(deps, request.actor)).map((entry) => presentBackpackItem(deps, entry)),
    }),
  );

  r.get(
    '/me/badges/:awardId',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: 'One badge of my backpack, with its signed credential',
        params: z.object({ awardId: z.uuid() }),
        response: { 200: backpackDetailSchema },
      },
    },
    async (request) =>
      presentBackpackDetail(deps, await myBadge(deps, request.actor, request.params.awardId)),
  );
}
