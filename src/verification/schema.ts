// Requests and replies of the verify API (zod: validation and the OpenAPI description in one).
import { z } from 'zod';

export const verifyBody = z
  .object({
    credential: z
      .union([z.record(z.string(), z.unknown()), z.string().max(1_000_000)])
      .optional()
      .describe('An OB 3.0 credential as JSON, a VC-JWT, an OB 2.0 assertion, or a badge URL as text'),
    url: z
      .string()
      .max(2048)
      .optional()
      .describe('The URL of a badge: OB 3.0 credential or OB 2.0 hosted assertion'),
    email: z
      .string()
      .max(320)
      .optional()
      .describe('An email address to compare with the recipient (hashed identities included)'),
  })
  .strict();
export type VerifyBody = z.infer<typeof verifyBody>;

const check = z.object({
  code: z
    .string()
    .describe(
      'structure, open-badges, contexts, proof, issuer-key, issuer-identity, jwt-claims, not-before, not-expired, status, hosted, fetch',
    ),
  status: z.enum(['passed', 'failed', 'unchecked']).describe('unchecked: could not check (never a pass)'),
  message: z.string(),
});

const recipient = z.object({
  type: z.string().describe('id (a DID or URL) or the identity type, e.g. emailAddress'),
  identity: z.string().describe('As published by the issuer: a salted hash unless published plain'),
  hashed: z.boolean(),
});

export const verifyReply = z.object({
  verdict: z.enum(['verified', 'not-verified', 'could-not-check']),
  format: z
    .enum(['ob3-json', 'ob3-jwt', 'ob2-hosted', 'ob2-signed', 'ob2-badgeclass', 'ob2-profile', 'unknown'])
    .describe('ob2-badgeclass, ob2-profile: an OB 2.0 BadgeClass or issuer Profile checked on its own'),
  checks: z.array(check),
  warnings: z
    .array(z.object({ code: z.string(), message: z.string() }))
    .optional()
    .describe(
      'What is worth knowing but decides nothing, e.g. a proof of a type Tessera cannot check beside one it checked',
    ),
  claims: z.object({
    badgeName: z.string().optional(),
    achievementName: z.string().optional(),
    issuerName: z.string().optional(),
    issuerId: z.string().optional(),
    recipient: recipient.optional(),
    validFrom: z.string().optional(),
    validUntil: z.string().optional(),
    awardedDate: z.string().optional(),
  }),
  emailMatch: z.boolean().optional().describe('Present when an email was given'),
  superseded: z
    .boolean()
    .optional()
    .describe('A genuine credential of this server whose award a renewal replaced (present only when true)'),
  standing: z
    .enum([
      'verified',
      'other-recipient',
      'expired',
      'not-yet-valid',
      'superseded',
      'suspended',
      'revoked',
      'key-revoked',
      'tampered',
      'not-verified',
      'could-not-check',
    ])
    .optional()
    .describe(
      'Which verdict in plain words (always in POST /api/v1/verify replies), the most serious first: tampered (a signature does not match), key-revoked (the only failure: the issuer revoked the key that signed it as compromised), not-verified, revoked, suspended, could-not-check, superseded, expired, not-yet-valid, other-recipient (emailMatch false), verified',
    )
    .meta({ example: 'expired' }),
});

export const notABadgeReply = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  detail: z.string().optional(),
  reason: z.string().optional().describe('Stable code, e.g. BAKE_SVG_DOCTYPE, FETCH_ADDRESS_NOT_ALLOWED'),
  instance: z.string().optional(),
  requestId: z.string().optional(),
});
