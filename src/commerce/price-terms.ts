// An issuer's terms of sale as a buyer needs them before buying anything (issue #18 item 9): the tax added
// to its prices (the app shows prices with tax where the buyer's locale expects it), the first-badge
// issuance fee and whether it would apply to me, and whether it takes test-mode card payments.
// The fee applies as the award engine charges it (src/badges/fee.ts): to a learner's first badge earned
// from this issuer, so not to a learner who already holds (or was offered) one of its badges.
import { learnerOfUser } from '../badges/index.ts';
import type { Deps } from '../deps.ts';
import { NotFoundError } from '../errors.ts';
import type { Actor } from '../identity/actor.ts';
import type { IssuanceFee } from '../orgs/index.ts';
import { organizationById } from '../orgs/index.ts';
import { commerceSettingsOf } from './settings.ts';
import { testCardsOn } from './test-card.ts';

export interface PriceTerms {
  orgId: string;
  issuerName: string;
  taxRateBp: number;
  taxLabel: string;
  issuanceFee: IssuanceFee | null;
  /** null for a visitor; false when there is no fee or I already hold a badge of this issuer. */
  feeAppliesToMe: boolean | null;
  testCardPayments: boolean;
}

export async function priceTerms(deps: Deps, actor: Actor | null, orgId: string): Promise<PriceTerms> {
  const org = await organizationById(deps.db, orgId);
  if (org?.kind !== 'issuer') throw new NotFoundError('issuer');
  const settings = await commerceSettingsOf(deps.db, orgId);
  const fee = settings.issuanceFee;
  return {
    orgId,
    issuerName: org.name,
    taxRateBp: settings.taxRateBp,
    taxLabel: settings.taxLabel,
    issuanceFee: fee,
    feeAppliesToMe: actor ? fee !== null && !(await holdsBadgeOf(deps, actor.user.id, orgId)) : null,
    testCardPayments: await testCardsOn(deps, deps.db, orgId),
  };
}

/** An award of this issuer to me (by account or a verified address) other than one waiting for the fee. */
async function holdsBadgeOf(deps: Deps, userId: string, orgId: string): Promise<boolean> {
  const learner = await learnerOfUser(deps.db, userId);
  const emails = learner?.emails.map((e) => e.toLowerCase()) ?? [];
  const held = await deps.db
    .selectFrom('awards')
    .select('id')
    .where('orgId', '=', orgId)
    .where('state', '!=', 'awaiting-fee')
    .where((eb) =>
      eb.or([eb('userId', '=', userId), ...(emails.length > 0 ? [eb('recipientEmail', 'in', emails)] : [])]),
    )
    .limit(1)
    .executeTakeFirst();
  return held !== undefined;
}
