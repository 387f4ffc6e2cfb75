// Requests and replies of the issuing routes; presenters build replies from rows (explicit fields).

import { z } from 'zod';
import { schemaMessage } from '../errors.ts';
import type { IssuerKeyView } from './issuer-keys.ts';
import type { IssuedCredentialRow } from './store.ts';

const httpsOrUrn = z
  .string()
  .max(2048)
  .refine(
    (v) => /^(https?:\/\/|urn:)/.test(v),
    schemaMessage('http-url-or-urn', 'must be an http(s) URL or a URN'),
  );

export const issueBody = z.strictObject({
  achievement: z.strictObject({
    id: httpsOrUrn,
    name: z.string().trim().min(1).max(200),
    description: z.string().trim().min(1).max(5000),
    criteria: z
      .strictObject({ id: httpsOrUrn.optional(), narrative: z.string().trim().min(1).max(10_000).optional() })
      .refine(
        (c) => c.id || c.narrative,
        schemaMessage('criteria-needs-narrative-or-id', 'needs a narrative or an id'),
      ),
    image: z.strictObject({ id: httpsOrUrn, caption: z.string().max(500).optional() }).optional(),
    achievementType: z.string().max(100).optional(),
    alignments: z
      .array(
        z.strictObject({
          targetName: z.string().min(1).max(300),
          targetUrl: z.url(),
          targetDescription: z.string().max(2000).optional(),
          targetFramework: z.string().max(300).optional(),
          targetCode: z.string().max(100).optional(),
        }),
      )
      .max(100)
      .optional(),
  }),
  recipient: z.union([
    z.strictObject({ email: z.email(), name: z.string().max(200).optional() }),
    z.strictObject({
      did: z.string().regex(/^did:[a-z0-9]+:.+/, schemaMessage('did-format', 'must be a DID')),
      name: z.string().max(200).optional(),
    }),
  ]),
  validFrom: z.iso.datetime({ offset: true }).optional(),
  validUntil: z.iso.datetime({ offset: true }).optional(),
  evidence: z
    .array(
      z.strictObject({
        id: z.url().optional(),
        name: z.string().max(300).optional(),
        description: z.string().max(5000).optional(),
        narrative: z.string().max(10_000).optional(),
      }),
    )
    .max(50)
    .optional(),
  alsoJwt: z.boolean().default(false),
});

export const stateChangeBody = z.strictObject({ reason: z.string().trim().min(1).max(1000).optional() });

const credentialSummarySchema = z.object({
  id: z.uuid(),
  credentialId: z.string(),
  achievementName: z.string(),
  recipient: z.string(),
  state: z.enum(['active', 'revoked', 'suspended']),
  stateReason: z.string().nullable(),
  issuedAt: z.string(),
  validUntil: z.string().nullable(),
});

export const issuedCredentialSummary = {
  schema: credentialSummarySchema,
  present: (row: IssuedCredentialRow): z.infer<typeof credentialSummarySchema> => ({
    id: row.id,
    credentialId: `urn:uuid:${row.id}`,
    achievementName: row.achievementName,
    recipient: row.recipientLabel,
    state: row.state,
    stateReason: row.stateReason,
    issuedAt: row.issuedAt.toISOString(),
    validUntil: row.validUntil?.toISOString() ?? null,
  }),
};

const credentialSchema = credentialSummarySchema.extend({
  credential: z.record(z.string(), z.unknown()),
  jwt: z.string().nullable(),
});

export const issuedCredential = {
  schema: credentialSchema,
  present: (row: IssuedCredentialRow): z.infer<typeof credentialSchema> => ({
    ...issuedCredentialSummary.present(row),
    credential: row.credential,
    jwt: row.jwt,
  }),
};

const keySchema = z.object({
  keyNumber: z.number().int(),
  verificationMethod: z.string(),
  publicKeyMultibase: z.string(),
  fingerprint: z.string(),
  createdAt: z.string(),
  retiredAt: z.string().nullable(),
  active: z.boolean(),
  state: z.enum(['active', 'retired', 'revoked']),
  revokedAt: z.string().nullable(),
  compromisedSince: z.string().nullable(),
  revokedReason: z.string().nullable(),
});

export const issuerKey = {
  schema: keySchema,
  present: (key: IssuerKeyView): z.infer<typeof keySchema> => ({
    keyNumber: key.keyNumber,
    verificationMethod: key.verificationMethod,
    publicKeyMultibase: key.publicKeyMultibase,
    fingerprint: key.fingerprint,
    createdAt: key.createdAt.toISOString(),
    retiredAt: key.retiredAt?.toISOString() ?? null,
    active: key.active,
    state: key.state,
    revokedAt: key.revokedAt?.toISOString() ?? null,
    compromisedSince: key.compromisedSince?.toISOString() ?? null,
    revokedReason: key.revokedReason,
  }),
};

export const keyRevocationBody = z.strictObject({
  reason: z.string().trim().min(1).max(1000),
  /** Defaults to the key's creation: nothing it signed is trusted. */
  compromisedSince: z.iso.datetime({ offset: true }).optional(),
});

export const keyRevocationReply = z.object({
  revoked: keySchema,
  replacement: keySchema.nullable(),
  affectedCredentials: z.number().int(),
});
