// The first-badge issuance fee is the organization's policy: commerce sets it, the badges context
// reads it when a learner earns their first badge from this issuer.
import type { Executor } from '../db/database.ts';

export interface IssuanceFee {
  amountMinor: number;
  currency: string;
}

/** null: this organization charges no issuance fee. */
export async function issuanceFeeOf(executor: Executor, orgId: string): Promise<IssuanceFee | null> {
  const row = await executor
    .selectFrom('organizations')
    .select(['issuanceFeeMinor', 'issuanceFeeCurrency'])
    .where('id', '=', orgId)
    .executeTakeFirst();
  if (!row?.issuanceFeeMinor || !row.issuanceFeeCurrency) return null;
  return { amountMinor: row.issuanceFeeMinor, currency: row.issuanceFeeCurrency };
}

/** The caller checks who may set it (commerce settings: owners and admins). */
export async function setIssuanceFee(
  executor: Executor,
  orgId: string,
  fee: IssuanceFee | null,
): Promise<void> {
  await executor
    .updateTable('organizations')
    .set({ issuanceFeeMinor: fee?.amountMinor ?? null, issuanceFeeCurrency: fee?.currency ?? null })
    .where('id', '=', orgId)
    .execute();
}
