// Badges earned that wait for the issuer's one-time issuance fee (GET /me/fees): each with its amount and
// "Pay the issuance fee". Shown above the backpack, which lists a badge only once it is issued.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { commerceKeys, type FeeDue, shopApi } from '../../commerce.ts';
import { useMoney } from '../../components/Money.tsx';
import { Status } from '../../components/Page.tsx';
import { describeProblem } from '../../forms.ts';
import { PayFeeButton } from './PayFee.tsx';
import './shop.css';

export function FeesDue() {
  const { t } = useTranslation();
  const fees = useQuery({ queryKey: commerceKeys.feesDue, queryFn: shopApi.feesDue });
  if (fees.isError) return <Status tone="error">{describeProblem(t, fees.error)}</Status>;
  const items = fees.data?.fees ?? [];
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="fees-due-title">
      <h2 id="fees-due-title">{t('fee.dueTitle')}</h2>
      <ul className="cards">
        {items.map((fee) => (
          <li key={fee.awardId}>
            <FeeCard fee={fee} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function FeeCard({ fee }: { fee: FeeDue }) {
  const { t } = useTranslation();
  const money = useMoney(fee.currency);
  const headingId = `fee-${fee.awardId}`;
  return (
    <article className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>{fee.badgeName}</h3>
      <p>{t('backpack.issuedBy', { issuer: fee.issuer.name })}</p>
      <p className="status">{t('fee.awaiting')}</p>
      <p>{t('fee.amount', { amount: money(fee.amountMinor) })}</p>
      <PayFeeButton awardId={fee.awardId} badgeName={fee.badgeName} />
    </article>
  );
}
