// Requests and replies of the claim and issuer award routes; presenters pick fields explicitly (a claim
// never shows the recipient's address).

import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { schemaMessage } from '../errors.ts';
import { versionImageUrl } from './achievement.ts';
import type { AwardWithCredential } from './award-store.ts';
import type { ClaimView } from './claims.ts';

export const claimParams = z.object({
  token: z
    .string()
    .min(20)
    .max(100)
    .regex(/^[A-Za-z0-9_-]+$/, schemaMessage('claim-token-format', 'is not a claim token')),
});

export const MAX_EVIDENCE_ITEMS = 10;

const evidenceItemSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/ }).max(2048),
  name: z.string().trim().min(1).max(200).optional(),
  description: z.string().trim().min(1).max(2000).optional(),
});

export const manualAwardBody = z.strictObject({
  email: z.email().max(320),
  name: z.string().trim().min(1).max(200).optional(),
  evidenceUrl: z
    .url({ protocol: /^https?$/ })
    .max(2048)
    .optional(),
  /** What the evidence at evidenceUrl shows (or the evidence itself, without a URL): an OB 3.0 Evidence narrative. */
  evidenceNarrative: z.string().trim().min(1).max(5000).optional(),
  /** Why the badge was awarded, in the issuer's words (Markdown): carried as an Evidence entry. */
  narrative: z.string().trim().min(1).max(5000).optional(),
  /** Several pieces of evidence (up to 10): each an OB 3.0 Evidence in the credential, its URL as id. */
  evidence: z
    .array(evidenceItemSchema)
    .max(MAX_EVIDENCE_ITEMS)
    .optional()
    .describe(
      `Up to ${MAX_EVIDENCE_ITEMS} evidence items; each becomes one entry of the credential's evidence`,
    ),
  /** The day the badge was earned (backdating); validity counts from it. Default: now. */
  issuedOn: z.union([z.iso.date(), z.iso.datetime({ offset: true })]).optional(),
});
export type ManualAwardInput = z.infer<typeof manualAwardBody>;

export const awardStateChangeBody = z.strictObject({
  reason: z.string().trim().min(1).max(1000).optional(),
});

const claimSchema = z.object({
  state: z.enum(['open', 'used', 'expired']),
  /** What the recipient decided so far. */
  decision: z.enum(['awaiting-fee', 'offered', 'accepted', 'declined']),
  expiresAt: z.string(),
  awardId: z.uuid(),
  badge: z.object({
    id: z.uuid(),
    name: z.string(),
    description: z.string(),
    criteriaNarrative: z.string(),
    imageUrl: z.string(),
    level: z.string().nullable(),
  }),
  issuer: z.object({ name: z.string(), slug: z.string() }),
  issuedAt: z.string(),
  awardedDate: z.string(),
  validUntil: z.string().nullable(),
});

export const claimReply = {
  schema: claimSchema,
  present: (deps: Deps, view: ClaimView): z.infer<typeof claimSchema> => ({
    state: view.state,
    decision: view.award.state,
    expiresAt: view.expiresAt.toISOString(),
    awardId: view.award.id,
    badge: {
      id: view.version.badgeId,
      name: view.version.name,
      description: view.version.description,
      criteriaNarrative: view.version.criteriaNarrative,
      imageUrl: versionImageUrl(deps, view.version),
      level: view.version.level,
    },
    issuer: view.issuer,
    issuedAt: view.award.issuedAt.toISOString(),
    awardedDate: view.award.awardedDate.toISOString(),
    validUntil: view.award.validUntil?.toISOString() ?? null,
  }),
};

const awardSchema = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  badgeId: z.uuid(),
  badgeVersionId: z.uuid(),
  recipientEmail: z.string(),
  recipientName: z.string().nullable(),
  userId: z.uuid().nullable(),
  cycle: z.number().int(),
  source: z.enum(['completion', 'pathway', 'manual', 'bulk', 'renewal']),
  state: z.enum(['awaiting-fee', 'offered', 'accepted', 'declined']),
  credentialId: z.uuid().nullable(),
  credentialState: z.enum(['active', 'revoked', 'suspended']).nullable(),
  awardedDate: z.string(),
  issuedAt: z.string(),
  validUntil: z.string().nullable(),
  evidenceUrl: z.string().nullable(),
  evidenceNarrative: z.string().nullable(),
  narrative: z.string().nullable(),
  evidence: z.array(
    z.object({ url: z.string(), name: z.string().optional(), description: z.string().optional() }),
  ),
  supersededBy: z.uuid().nullable(),
  supersededAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
});

/** The issuer's view of one award (the recipient's address is theirs to see). */
export const awardReply = {
  schema: awardSchema,
  present: (row: AwardWithCredential): z.infer<typeof awardSchema> => ({
    id: row.id,
    orgId: row.orgId,
    badgeId: row.badgeId,
    badgeVersionId: row.badgeVersionId,
    recipientEmail: row.recipientEmail,
    recipientName: row.recipientName,
    userId: row.userId,
    cycle: row.cycle,
    source: row.source,
    state: row.state,
    credentialId: row.credentialId,
    credentialState: row.credentialState,
    awardedDate: row.awardedDate.toISOString(),
    issuedAt: row.issuedAt.toISOString(),
    validUntil: row.validUntil?.toISOString() ?? null,
    evidenceUrl: row.evidenceUrl,
    evidenceNarrative: row.evidenceNarrative,
    narrative: row.narrative,
    evidence: (row.evidenceItems ?? []).map((item) => ({
      url: item.url,
      ...(item.name ? { name: item.name } : {}),
      ...(item.description ? { description: item.description } : {}),
    })),
    supersededBy: row.supersededBy,
    supersededAt: row.supersededAt?.toISOString() ?? null,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  }),
};
