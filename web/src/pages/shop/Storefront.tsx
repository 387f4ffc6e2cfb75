// Badge bundles on sale (/bundles): every course a badge needs, bought at once for less. The price shown
// is for all of them; a learner who already holds some is charged only for the rest (the cart says so).
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type BundleOffer, commerceKeys, shopApi } from '../../commerce.ts';
import { useMoney } from '../../components/Money.tsx';
import { Page, Status } from '../../components/Page.tsx';
import { describeProblem } from '../../forms.ts';
import { badgePagePath, useHoldings } from '../../holdings.ts';
import { AddToCart } from './AddToCart.tsx';
import { BadgeAction } from './HoldingActions.tsx';
import { FeeNotice, usePriceTerms, usePriceText } from './PriceTerms.tsx';
import '../badges/badges.css';
import './shop.css';
import { Skeleton } from '../../components/Skeleton.tsx';

export function StorefrontPage() {
  const { t } = useTranslation();
  const bundles = useQuery({ queryKey: commerceKeys.storefront, queryFn: shopApi.bundles });
  const items = bundles.data?.bundles ?? [];
  return (
    <Page title={t('storefront.title')}>
      <p className="lead">{t('storefront.intro')}</p>
      {bundles.isPending && <Skeleton cards={3} />}
      {bundles.isError && <Status tone="error">{describeProblem(t, bundles.error)}</Status>}
      {bundles.data && items.length === 0 && <p>{t('storefront.none')}</p>}
      <ul className="cards">
        {items.map((bundle) => (
          <li key={bundle.badgeId}>
            <BundleCard bundle={bundle} />
          </li>
        ))}
      </ul>
      <p>
        <Link to="/catalog">{t('storefront.catalogLink')}</Link>
      </p>
    </Page>
  );
}

function BundleCard({ bundle }: { bundle: BundleOffer }) {
  const { t } = useTranslation();
  const money = useMoney(bundle.currency);
  // Prices with tax as the buyer's locale expects them; the saving stays before tax.
  const priceText = usePriceText(usePriceTerms(bundle.issuer.id).data);
  const price = (minor: number) => priceText(minor, bundle.currency);
  const headingId = `bundle-${bundle.badgeId}`;
  // A badge the learner holds shows "Open my badge"; a bundle already in the cart says so.
  const holdings = useHoldings();
  const saving = bundle.listSumMinor - bundle.priceMinor;
  return (
    <article className="card badge-card" aria-labelledby={headingId}>
      <img src={bundle.imageUrl} alt="" width={96} height={96} />
      <div>
        <h2 id={headingId}>
          <Link to={badgePagePath(bundle.badgeId)}>{bundle.name}</Link>
        </h2>
        <p>{t('backpack.issuedBy', { issuer: bundle.issuer.name })}</p>
        <ul className="bundle-courses">
          {bundle.courses.map((course) => (
            <li key={course.courseId}>
              <Link to={`/catalog/${course.courseId}`}>{course.title}</Link>:{' '}
              {course.listMinor > 0 ? price(course.listMinor) : t('catalog.free')}
            </li>
          ))}
        </ul>
        <dl className="facts">
          <dt>{t('storefront.separately')}</dt>
          <dd>{price(bundle.listSumMinor)}</dd>
          <dt>{t('storefront.bundlePrice')}</dt>
          <dd>
            <strong>{price(bundle.priceMinor)}</strong>
            {saving > 0 && <> {t('storefront.saves', { amount: money(saving) })}</>}
          </dd>
        </dl>
        <p className="muted">{t('storefront.heldNote')}</p>
        <FeeNotice orgId={bundle.issuer.id} about="badge" />
        <BadgeAction badgeId={bundle.badgeId} name={bundle.name} holdings={holdings}>
          <AddToCart
            orgId={bundle.issuer.id}
            entry={{ kind: 'bundle', badgeId: bundle.badgeId }}
            label={t('storefront.add')}
            accessibleLabel={t('storefront.addNamed', { name: bundle.name })}
          />
        </BadgeAction>
      </div>
    </article>
  );
}
