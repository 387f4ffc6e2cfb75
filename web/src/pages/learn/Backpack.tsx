// "My badges" (/learn/badges): every badge awarded to the learner, with its issuer, dates, expiry and
// state said plainly (revoked, suspended, replaced by a renewal, waiting for its issuance fee or to be
// accepted), and below them the badges imported from other issuers (ImportBadge.tsx).
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type BackpackBadge, badgeKeys, badgesApi } from '../../badges.ts';
import { commerceKeys, shopApi } from '../../commerce.ts';
import { Page, Status } from '../../components/Page.tsx';
import { RequireSession } from '../../components/RequireSession.tsx';
import { describeProblem } from '../../forms.ts';
import { formatDate } from '../../learning.ts';
import { FeesDue } from '../shop/FeesDue.tsx';
import { PayFeeButton } from '../shop/PayFee.tsx';
import { ImportedBadges } from './ImportBadge.tsx';
import '../badges/badges.css';
import { Skeleton } from '../../components/Skeleton.tsx';

export function BackpackPage() {
  return <RequireSession>{() => <Backpack />}</RequireSession>;
}

function Backpack() {
  const { t } = useTranslation();
  const badges = useQuery({ queryKey: badgeKeys.backpack, queryFn: badgesApi.backpack });
  const fees = useQuery({ queryKey: commerceKeys.feesDue, queryFn: shopApi.feesDue });
  const items = badges.data?.items ?? [];
  const feesDue = fees.data?.fees.length ?? 0;
  return (
    <Page title={t('backpack.title')}>
      <p>
        <Link to="/learn/badge-progress">{t('backpack.progressLink')}</Link>
      </p>
      <FeesDue />
      {badges.isPending && <Skeleton cards={3} />}
      {badges.isError && <Status tone="error">{describeProblem(t, badges.error)}</Status>}
      {badges.data && items.length === 0 && fees.isSuccess && feesDue === 0 && (
        <div className="empty-state">
          <p>
            <strong>{t('backpack.none')}</strong>
          </p>
          <p>
            {t('backpack.noneHint')} <Link to="/catalog">{t('myLearning.browse')}</Link>
          </p>
        </div>
      )}
      <ul className="cards badge-cards">
        {items.map((item) => (
          <li key={item.awardId}>
            <BackpackCard item={item} />
          </li>
        ))}
      </ul>
      <ImportedBadges />
    </Page>
  );
}

/** The lines every view of a held badge shares: issuer, dates, expiry and state. */
export function BadgeFacts({ item }: { item: BackpackBadge }) {
  const { t, i18n } = useTranslation();
  const date = (iso: string) => formatDate(iso, i18n.language);
  return (
    <>
      <p>{t('backpack.issuedBy', { issuer: item.badge.issuer.name })}</p>
      {item.state === 'awaiting-fee' ? (
        // Not issued yet: it is dated, and its validity starts, when the fee is paid.
        <>
          <p>{t('earner.earnedOn', { date: date(item.awardedDate) })}</p>
          {item.validUntil !== null && <p>{t('earner.validityStarts')}</p>}
        </>
      ) : (
        <>
          <p>{t('backpack.issuedOn', { date: date(item.issuedAt) })}</p>
          {item.awardedDate.slice(0, 10) !== item.issuedAt.slice(0, 10) && (
            <p>{t('backpack.firstAwarded', { date: date(item.awardedDate) })}</p>
          )}
        </>
      )}
      {item.state !== 'awaiting-fee' && (
        <p>
          {item.validUntil === null
            ? t('backpack.neverExpires')
            : item.expired
              ? t('backpack.expiredOn', { date: date(item.validUntil) })
              : t('backpack.expiresOn', { date: date(item.validUntil) })}
        </p>
      )}
      {item.credentialState === 'revoked' && <p className="status status--error">{t('backpack.revoked')}</p>}
      {item.credentialState === 'suspended' && (
        <p className="status status--error">{t('backpack.suspended')}</p>
      )}
      {item.superseded && <p className="muted">{t('backpack.superseded')}</p>}
      {item.state === 'awaiting-fee' && <p className="status">{t('fee.awaiting')}</p>}
      {item.state === 'offered' && <p className="status">{t('backpack.offered')}</p>}
      {item.state === 'declined' && <p className="muted">{t('backpack.declinedLine')}</p>}
      {item.state === 'accepted' && <p className="muted">{t(`backpack.visibility.${item.visibility}`)}</p>}
    </>
  );
}

function BackpackCard({ item }: { item: BackpackBadge }) {
  const { t } = useTranslation();
  return (
    <article className="card badge-card">
      <img src={item.badge.imageUrl} alt="" width={96} height={96} />
      <div>
        <h2>
          <Link to={`/learn/badges/${item.awardId}`}>{item.badge.name}</Link>
        </h2>
        <BadgeFacts item={item} />
        {item.state === 'awaiting-fee' && <PayFeeButton awardId={item.awardId} badgeName={item.badge.name} />}
        {item.state === 'accepted' && item.expired && (
          <p>
            <Link to="/learn/badge-progress">{t('backpack.renew')}</Link>
          </p>
        )}
      </div>
    </article>
  );
}
