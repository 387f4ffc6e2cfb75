// A credential pushed into a learner's backpack by another platform or wallet (the OB 3.0 API's
// upsertCredential): verified on arrival with the same verifier as an import, then kept as an imported badge.
// The same credential (by id) arriving again replaces the kept one when it differs, and changes nothing when
// it is the same: the caller learns which (created, replaced, unchanged).
import type { Deps } from '../deps.ts';
import { RuleError } from '../errors.ts';
import { NotABadgeError, verifyBadge, withVerificationSlot } from '../verification/index.ts';
import {
  badgeInputOf,
  dedupeKeyOf,
  imageUrlOf,
  MAX_IMPORTS_PER_USER,
  MAX_PAYLOAD_CHARS,
  summaryOf,
  unreadableReason,
} from './model.ts';
import { countImported, type ImportedBadge, insertImported } from './store.ts';
import type { PayloadKind } from './tables.ts';

export type UpsertOutcome = 'created' | 'replaced' | 'unchanged';

/** Refused: not an OB 3.0 credential, or one that did not verify (the reason is the verifier's). */
export class CredentialRefusedError extends Error {
  override name = 'CredentialRefusedError';
}

/**
 * Verifies an OB 3.0 credential (JSON with an embedded proof, or a compact JWS) and keeps it in the user's
 * backpack. Only a credential that verifies is kept.
 */
export async function upsertPushedCredential(
  deps: Deps,
  userId: string,
  credential: Record<string, unknown> | string,
): Promise<{ outcome: UpsertOutcome; badge: ImportedBadge }> {
  const payloadKind: PayloadKind = typeof credential === 'string' ? 'jwt' : 'json';
  const payload = typeof credential === 'string' ? credential.trim() : JSON.stringify(credential);
  if (payload.length > MAX_PAYLOAD_CHARS) throw new CredentialRefusedError('The credential is too large.');
  const dedupeKey = dedupeKeyOf(payloadKind, payload);
  const existing = await deps.db
    .selectFrom('importedBadges')
    .selectAll()
    .where('userId', '=', userId)
    .where('dedupeKey', '=', dedupeKey)
    .executeTakeFirst();
  if (existing && existing.payloadKind === payloadKind && existing.payload === payload)
    return { outcome: 'unchanged', badge: existing };

  let report: Awaited<ReturnType<typeof verifyBadge>>;
  try {
    report = await withVerificationSlot(deps, () => verifyBadge(deps, badgeInputOf(payloadKind, payload)));
  } catch (error) {
    if (error instanceof NotABadgeError) throw new CredentialRefusedError(error.message);
    throw error;
  }
  if (report.format !== 'ob3-json' && report.format !== 'ob3-jwt')
    throw new CredentialRefusedError('Only Open Badges 3.0 credentials can be pushed here.');
  const summary = summaryOf(report);
  if (report.verdict !== 'verified' || !summary)
    throw new CredentialRefusedError(`The credential did not verify: ${unreadableReason(report)}`);

  const row = {
    source: payloadKind,
    payloadKind,
    payload,
    format: report.format,
    ...summary,
    imageUrl: imageUrlOf(payloadKind, payload),
    report: JSON.stringify(report),
    verdict: report.verdict,
    checkedAt: deps.now(),
  } as const;
  if (existing) {
    const badge = await deps.db
      .updateTable('importedBadges')
      .set(row)
      .where('id', '=', existing.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return { outcome: 'replaced', badge };
  }
  if ((await countImported(deps.db, userId)) >= MAX_IMPORTS_PER_USER)
    throw new RuleError('import-limit', `A backpack holds at most ${MAX_IMPORTS_PER_USER} imported badges.`);
  const badge = await insertImported(deps.db, { ...row, userId, dedupeKey, report });
  return { outcome: 'created', badge };
}
