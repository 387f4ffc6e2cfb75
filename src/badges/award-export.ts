// The issuer's awards: list and search with filters, and the same selection as a CSV file. The CSV is
// written a page at a time (memory stays flat) and is safe to open in a spreadsheet: a cell that would
// start a formula is prefixed with a quote (OWASP "CSV injection").
import { csvRow } from '../csv/index.ts';
import type { Deps } from '../deps.ts';
import type { Actor } from '../identity/actor.ts';
import { requireScope } from '../identity/index.ts';
import { requireMembership } from '../orgs/index.ts';
import { type AwardView, allOrgAwards, type OrgAwardFilter, orgAwards } from './award-queries.ts';

export const AWARD_READERS = ['owner', 'admin', 'staff'] as const;

function authorize(actor: Actor | null, orgId: string): void {
  requireScope(actor, 'read');
  requireMembership(actor, orgId, AWARD_READERS);
}

export async function listOrgAwards(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  filter: OrgAwardFilter,
  page: { limit: number; offset: number },
): Promise<{ items: AwardView[]; total: number }> {
  authorize(actor, orgId);
  return orgAwards(deps.db, orgId, filter, page);
}

export const AWARD_CSV_HEADER = [
  'award_id',
  'badge_id',
  'badge_name',
  'badge_version',
  'recipient_email',
  'recipient_name',
  'state',
  'credential_state',
  'source',
  'cycle',
  'issued_at',
  'awarded_date',
  'valid_until',
  'superseded',
  'evidence_url',
  'credential_id',
];

function awardCsvRow(a: AwardView): string {
  return csvRow([
    a.id,
    a.badgeId,
    a.badgeName,
    a.versionNumber,
    a.recipientEmail,
    a.recipientName,
    a.state,
    a.credentialState,
    a.source,
    a.cycle,
    a.issuedAt.toISOString(),
    a.awardedDate.toISOString(),
    a.validUntil?.toISOString() ?? null,
    a.supersededAt !== null,
    a.evidenceUrl,
    a.credentialId,
  ]);
}

/**
 * Authorizes at once (so a refusal is a problem+json, not a half-written file), then yields the CSV:
 * a header row and one row per award, in chunks of many rows.
 */
export function exportOrgAwards(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  filter: OrgAwardFilter,
): AsyncGenerator<string> {
  authorize(actor, orgId);
  return (async function* () {
    yield csvRow(AWARD_CSV_HEADER);
    let chunk = '';
    for await (const award of allOrgAwards(deps.db, orgId, filter)) {
      chunk += awardCsvRow(award);
      if (chunk.length > 64_000) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  })();
}
