// What a buyer should know before buying from an issuer (issue #18 item 9), from its price terms
// (GET /api/v1/issuers/{orgId}/price-terms): prices with tax as the buyer's locale expects them
// (tax-display.ts) and the first-badge issuance fee, shown on the course, bundle, cart and progress pages.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { useBuyerLanguages } from '../../buyer-languages.ts';
import { formatMoney } from '../../money.ts';
import { useSession } from '../../session.ts';
import { buyerLocale, shownPrice, taxStyleFor } from '../../tax-display.ts';

export interface PriceTerms {
  orgId: string;
  issuer: { name: string };
  taxRateBp: number;
  taxLabel: string;
  issuanceFee: { amountMinor: number; currency: string } | null;
  /** null for a visitor; false without a fee or when the learner already holds a badge of this issuer. */
  feeAppliesToMe: boolean | null;
  testCardPayments: boolean;
}

/** The issuer's terms, for the signed-in learner or a visitor (the fee's applicability differs). */
export function usePriceTerms(orgId: string | null | undefined) {
  const session = useSession();
  return useQuery({
    ...priceTermsQuery(orgId ?? '', session.data?.user.id ?? null),
    enabled: Boolean(orgId) && !session.isPending,
  });
}

/** The query of an issuer's terms for a learner (null: a visitor); the server renderer asks it too. */
export function priceTermsQuery(orgId: string, userId: string | null) {
  return {
    queryKey: ['price-terms', orgId, userId ?? 'visitor'],
    queryFn: () => api<PriceTerms>(`/api/v1/issuers/${orgId}/price-terms`),
    staleTime: 60_000,
  };
}

/** Formats a net amount with the tax shown (or said to be added) as the reader's locale expects. */
export function usePriceText(terms: PriceTerms | undefined): (netMinor: number, currency: string) => string {
  const { t, i18n } = useTranslation();
  const locale = buyerLocale(i18n.language, useBuyerLanguages());
  const style = taxStyleFor(locale);
  return (netMinor, currency) => {
    if (!terms) return formatMoney(netMinor, currency, i18n.language);
    const shown = shownPrice(netMinor, terms.taxRateBp, style);
    const amount = formatMoney(shown.amountMinor, currency, i18n.language);
    if (shown.tax === 'none') return amount;
    return t(shown.tax === 'included' ? 'checkout.priceIncl' : 'checkout.pricePlus', {
      amount,
      label: terms.taxLabel,
    });
  };
}

/** A price of this issuer, with tax as the buyer's locale expects it. */
export function Price({ orgId, netMinor, currency }: { orgId: string; netMinor: number; currency: string }) {
  const terms = usePriceTerms(orgId);
  const text = usePriceText(terms.data);
  return <>{text(netMinor, currency)}</>;
}

/**
 * "Issuing this badge costs €18.00 once, paid when you earn it": shown when the issuer charges a first-badge
 * fee, unless the learner already holds one of its badges (then it says there is no fee for them).
 */
export function FeeNotice({ orgId, about }: { orgId: string; about: 'course' | 'badge' }) {
  const { t } = useTranslation();
  const terms = usePriceTerms(orgId);
  const text = usePriceText(terms.data);
  const fee = terms.data?.issuanceFee;
  if (!terms.data || !fee) return null;
  const issuer = terms.data.issuer.name;
  if (terms.data.feeAppliesToMe === false)
    return <p className="fee-notice muted">{t('checkout.feeHeld', { issuer })}</p>;
  return (
    <p className="fee-notice">
      {t(about === 'badge' ? 'checkout.feeBadge' : 'checkout.feeCourse', {
        issuer,
        amount: text(fee.amountMinor, fee.currency),
      })}
    </p>
  );
}

/** "Northwind Academy takes payments in test mode …", before the learner places an order. */
export function TestModeNote({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const terms = usePriceTerms(orgId);
  if (!terms.data?.testCardPayments) return null;
  return (
    <p className="test-mode-note">
      <strong>{t('checkout.testModeTag')}:</strong>{' '}
      {t('checkout.cartTestMode', { issuer: terms.data.issuer.name })}
    </p>
  );
}
