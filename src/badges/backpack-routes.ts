// The learner's backpack: GET /me/badges and /me/badges/{awardId}. Mounted under /api/v1.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { versionImageUrl } from './achievement.ts';
import type { AwardDetail } from './award-queries.ts';
import { type BackpackEntry, myBadge, myBadges } from './backpack.ts';
import type { Skill } from './model.ts';

/** A skill of the badge version, as stored: free text, or aligned to an O*NET / ESCO concept (with a level). */
const backpackSkillSchema = z
  .object({
    name: z.string(),
    framework: z.string().optional(),
    code: z.string().optional(),
    url: z.string().optional(),
    concept: z
      .object({ framework: z.enum(['onet', 'esco']), code: z.string() })
      .optional()
      .describe('The framework concept the issuer picked; only these count for related jobs'),
    level: z.number().optional().describe('The level the badge asserts, on O*NET’s 0–7 scale'),
    description: z.string().optional(),
  })
  .meta({
    examples: [
      {
        name: 'Active listening',
        framework: 'O*NET 29.3',
        code: '2.A.1.b',
        url: 'https://www.onetonline.org/find/descriptor/result/2.A.1.b',
        concept: { framework: 'onet', code: '2.A.1.b' },
        level: 4,
      },
    ],
  });

const backpackBadgeSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  imageUrl: z.string(),
  issuer: z.object({ name: z.string(), slug: z.string() }),
  skills: z.array(backpackSkillSchema).describe('The skills the badge version asserts'),
});

const backpackItemSchema = z.object({
  awardId: z.uuid(),
  state: z.enum(['awaiting-fee', 'offered', 'accepted', 'declined']),
  badge: backpackBadgeSchema,
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
      skills: entry.skills.map(presentSkill),
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

/** Explicit fields of a stored skill; `concept`, `level` and `description` only when stored well-formed. */
function presentSkill(stored: Skill): z.infer<typeof backpackSkillSchema> {
  const skill = stored as Skill & { concept?: unknown; level?: unknown; description?: unknown };
  const concept = skill.concept as { framework?: unknown; code?: unknown } | undefined;
  return {
    name: skill.name,
    ...(skill.framework !== undefined ? { framework: skill.framework } : {}),
    ...(skill.code !== undefined ? { code: skill.code } : {}),
    ...(skill.url !== undefined ? { url: skill.url } : {}),
    ...((concept?.framework === 'onet' || concept?.framework === 'esco') && typeof concept.code === 'string'
      ? { concept: { framework: concept.framework, code: concept.code } }
      : {}),
    ...(typeof skill.level === 'number' ? { level: skill.level } : {}),
    ...(typeof skill.description === 'string' ? { description: skill.description } : {}),
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
