// Requests and replies of the imported-badges API (zod: validation and the OpenAPI description), and
// the presenters that build replies from rows with explicit fields (the payload is never echoed).
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { notABadgeReply, verifyReply } from '../verification/index.ts';
import { MAX_PAYLOAD_CHARS, MAX_URL_CHARS } from './model.ts';
import type { ImportedBadge } from './store.ts';

export const importBody = z
  .object({
    url: z
      .string()
      .max(MAX_URL_CHARS)
      .optional()
      .describe('An OB 2.0 hosted assertion URL or an OB 3.0 credential URL'),
    credential: z
      .union([z.record(z.string(), z.unknown()), z.string().max(MAX_PAYLOAD_CHARS)])
      .optional()
      .describe('An OB 3.0 credential (JSON object or text), a VC-JWT, or an OB 2.0 assertion'),
  })
  .strict();
export type ImportBody = z.infer<typeof importBody>;

export const importedParams = z.object({ id: z.uuid() });
export const sharingBody = z.object({ visibility: z.enum(['private', 'public']) }).strict();

const verdict = z.enum(['verified', 'not-verified', 'could-not-check']);

export const importedItem = z.object({
  id: z.uuid(),
  source: z.enum(['baked-image', 'url', 'json', 'jwt']).describe('How the badge was brought'),
  format: verifyReply.shape.format,
  badgeName: z.string(),
  issuerName: z.string().nullable(),
  issuerId: z.string().nullable(),
  imageUrl: z
    .string()
    .nullable()
    .describe('https only; a link to the issuer’s image, not fetched by Tessera'),
  validFrom: z.string().nullable(),
  validUntil: z.string().nullable(),
  verdict,
  checkedAt: z.string(),
  visibility: z.enum(['private', 'public']),
  pageUrl: z.string().describe('The public page; 404 to others while private'),
  createdAt: z.string(),
  issues: z
    .array(verifyReply.shape.checks.element)
    .describe('The checks of the last verification that did not pass (failed or could not check)'),
});

export const importedDetail = importedItem.extend({
  report: verifyReply.describe('The last verification, check by check'),
});

export const importProblems = { 413: notABadgeReply, 422: notABadgeReply };

export function presentImported(deps: Deps, row: ImportedBadge): z.infer<typeof importedItem> {
  return {
    id: row.id,
    source: row.source,
    format: row.format,
    badgeName: row.badgeName,
    issuerName: row.issuerName,
    issuerId: row.issuerId,
    imageUrl: row.imageUrl,
    validFrom: row.validFrom,
    validUntil: row.validUntil,
    verdict: row.verdict,
    checkedAt: row.checkedAt.toISOString(),
    visibility: row.visibility,
    pageUrl: `${deps.config.publicUrl}/imported/${row.id}`,
    createdAt: row.createdAt.toISOString(),
    issues: row.report.checks
      .filter((c) => c.status !== 'passed')
      .map(({ code, status, message }) => ({ code, status, message })),
  };
}

export function presentImportedDetail(deps: Deps, row: ImportedBadge): z.infer<typeof importedDetail> {
  const { verdict, format, checks, claims } = row.report;
  return { ...presentImported(deps, row), report: { verdict, format, checks, claims } };
}
