// On a badge's progress card: what the learner still needs to buy, course by course (completed, purchased
// with its access window, available, free), what the missing courses cost one by one against the bundle,
// which is cheaper, and the buttons to buy either. Nothing shows for a badge with no priced course.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiProblem } from '../../api.ts';
import { commerceKeys, type PurchaseOptions, shopApi } from '../../commerce.ts';
import { useMoney } from '../../components/Money.tsx';
import { Status } from '../../components/Page.tsx';
import { TableRegion } from '../../components/TableRegion.tsx';
import { describeProblem } from '../../forms.ts';
import { formatDate } from '../../learning.ts';
import { AddToCart } from './AddToCart.tsx';
import { FeeNotice, usePriceTerms, usePriceText } from './PriceTerms.tsx';
import './shop.css';

export function PurchaseOptionsPanel({ badgeId }: { badgeId: string }) {
  const { t } = useTranslation();
  const options = useQuery({
    queryKey: commerceKeys.purchaseOptions(badgeId),
    queryFn: () => shopApi.purchaseOptions(badgeId),
  });
  if (options.isPending) return null;
  if (options.isError) {
    // A badge without priced courses has nothing to sell.
    if (options.error instanceof ApiProblem && options.error.status === 404) return null;
    return <Status tone="error">{describeProblem(t, options.error)}</Status>;
  }
  if (!options.data.courses.some((course) => course.priceMinor)) return null;
  return <Options options={options.data} />;
}

function Options({ options }: { options: PurchaseOptions }) {
  const { t, i18n } = useTranslation();
  const money = useMoney(options.currency);
  // Prices with tax as the learner's locale expects them (the cart and the order show the breakdown).
  const priceText = usePriceText(usePriceTerms(options.orgId).data);
  const price = (minor: number) => priceText(minor, options.currency ?? 'EUR');
  const headingId = `purchase-${options.badgeId}`;
  const available = options.courses.filter((course) => course.status === 'available');
  const bundle = options.bundle;
  const status = (course: PurchaseOptions['courses'][number]) => {
    if (course.status === 'purchased' && course.accessUntil)
      return t('purchase.purchasedUntil', { date: formatDate(course.accessUntil, i18n.language) });
    return t(`purchase.status.${course.status}`);
  };
  return (
    <section className="purchase-options" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('purchase.title')}</h3>
      <FeeNotice orgId={options.orgId} about="badge" />
      <TableRegion
        caption={t('purchase.caption', { badge: options.badgeName })}
        captionHidden
        tableClassName="money-table"
      >
        <thead>
          <tr>
            <th scope="col">{t('purchase.course')}</th>
            <th scope="col" className="num">
              {t('catalog.price')}
            </th>
            <th scope="col">{t('purchase.state')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('cart.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {options.courses.map((course) => (
            <tr key={course.courseId}>
              <th scope="row">
                <Link to={`/catalog/${course.courseId}`}>{course.title}</Link>
              </th>
              <td className="num">{course.priceMinor ? price(course.priceMinor) : t('catalog.free')}</td>
              <td>{status(course)}</td>
              <td>
                {course.status === 'available' && (
                  <AddToCart
                    orgId={options.orgId}
                    entry={{ kind: 'course', courseId: course.courseId }}
                    label={t('purchase.addCourse')}
                    accessibleLabel={t('purchase.addCourseNamed', { title: course.title })}
                    secondary
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </TableRegion>
      {available.length === 0 ? (
        <p>{t('purchase.nothingToBuy')}</p>
      ) : (
        <>
          <dl className="facts">
            {options.separatelyMinor !== null && (
              <>
                <dt>{t('purchase.separately')}</dt>
                <dd>{price(options.separatelyMinor)}</dd>
              </>
            )}
            {bundle?.onSale && (
              <>
                <dt>{t('purchase.bundle')}</dt>
                <dd>
                  {price(bundle.chargedMinor)}
                  {bundle.discountMinor > 0 && (
                    <> ({t('purchase.bundleDiscount', { amount: money(bundle.discountMinor) })})</>
                  )}
                </dd>
              </>
            )}
          </dl>
          {bundle?.onSale && options.cheaper && (
            <p className="cheaper">{t(`purchase.cheaper.${options.cheaper}`)}</p>
          )}
          {bundle?.onSale && (
            <AddToCart
              orgId={options.orgId}
              entry={{ kind: 'bundle', badgeId: options.badgeId }}
              label={t('purchase.buyBundle')}
              accessibleLabel={t('purchase.buyBundleNamed', { badge: options.badgeName })}
              goToCart
            />
          )}
        </>
      )}
    </section>
  );
}
