// Requests and replies of the recognition routes (docs/endorsements.md), built by a presenter with
// explicit fields.
import { z } from 'zod';
import type { EndorsementView } from './endorse-service.ts';

export const MAX_COMMENT = 1000;

export const endorseBody = z
  .strictObject({
    awardId: z.uuid().describe('A badge (award) the employer sees for this person now'),
    kind: z
      .enum(['congratulation', 'endorsement'])
      .describe('congratulation: a message to the person; endorsement: an OB 3.0 EndorsementCredential'),
    comment: z.string().trim().min(1).max(MAX_COMMENT).describe(`Plain text, 1–${MAX_COMMENT} characters`),
  })
  .meta({
    examples: [
      {
        awardId: '0b9f3c52-6c1e-4a53-9a3e-2f3c1d7e8a10',
        kind: 'endorsement',
        comment: 'Maria led our forklift safety drills all spring.',
      },
    ],
  });

export const endorsementParams = z.strictObject({
  orgId: z.uuid(),
  employeeId: z.uuid(),
  endorsementId: z.uuid(),
});
export const myEndorsementsQuery = z.strictObject({
  awardId: z.uuid().optional().describe('Only those of this badge of mine'),
});
export const hostedParams = z.strictObject({ id: z.uuid() });

const endorsementSchema = z
  .object({
    id: z.uuid(),
    org: z.object({ id: z.uuid(), name: z.string() }),
    employeeId: z.uuid(),
    awardId: z.uuid(),
    badgeName: z.string(),
    kind: z.enum(['congratulation', 'endorsement']),
    comment: z.string(),
    authorName: z.string(),
    credentialUrl: z
      .string()
      .nullable()
      .describe('Endorsements: where anyone fetches the signed credential to verify it'),
    createdAt: z.string(),
    revokedAt: z.string().nullable().describe('When the employer withdrew it (endorsements: revoked)'),
  })
  .meta({
    examples: [
      {
        id: '5d1f1f0e-3f5c-4c55-9d1b-2a3f4e5d6c7b',
        org: { id: '7f0c2b7e-1b55-4a40-8a55-3c0d2b7e9a11', name: 'Northwind Logistics' },
        employeeId: '2e4a6c8e-0a2c-4e6a-8c0e-2a4c6e8a0c2e',
        awardId: '0b9f3c52-6c1e-4a53-9a3e-2f3c1d7e8a10',
        badgeName: 'Safe lifting',
        kind: 'endorsement',
        comment: 'Maria led our forklift safety drills all spring.',
        authorName: 'Sam Okafor',
        credentialUrl: 'https://tessera.example.org/endorsements/5d1f1f0e-3f5c-4c55-9d1b-2a3f4e5d6c7b',
        createdAt: '2026-03-02T09:30:00.000Z',
        revokedAt: null,
      },
    ],
  });

export const endorsement = {
  schema: endorsementSchema,
  present: (row: EndorsementView): z.infer<typeof endorsementSchema> => ({
    id: row.id,
    org: { id: row.orgId, name: row.orgName },
    employeeId: row.employeeId,
    awardId: row.awardId,
    badgeName: row.badgeName,
    kind: row.kind,
    comment: row.comment,
    authorName: row.authorName,
    credentialUrl: row.credentialUrl,
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
  }),
};

export const endorsements = {
  schema: z.object({ items: z.array(endorsementSchema) }),
  present: (rows: EndorsementView[]) => ({ items: rows.map(endorsement.present) }),
};
