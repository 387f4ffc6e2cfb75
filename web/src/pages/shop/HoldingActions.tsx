// What the storefront offers instead of "Add to cart" when the learner already has something: "Resume" or
// "Review" for a course they are enrolled in or completed, "Open" for a badge they hold, "In your cart" for
// what waits in a cart. Anything else falls back to the page's own button (`children`).
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { useHoldings } from '../../holdings.ts';

type HoldingsView = ReturnType<typeof useHoldings>;

export function CourseAction({
  courseId,
  title,
  holdings,
  children,
}: {
  courseId: string;
  title: string;
  holdings: HoldingsView;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const held = holdings.course(courseId);
  if (held && (held.open || held.completed)) {
    const key = held.open && !held.completed ? 'resume' : 'review';
    return (
      <p className="holding-action">
        <Link
          className="button button--secondary"
          to={`/learn/${held.enrolmentId}`}
          aria-label={t(`badgePublic.holdings.${key}Named`, { title })}
        >
          {t(`badgePublic.holdings.${key}`)}
        </Link>
      </p>
    );
  }
  if (holdings.courseInCart(courseId)) return <InCart name={title} />;
  return <>{children}</>;
}

export function BadgeAction({
  badgeId,
  name,
  holdings,
  children,
}: {
  badgeId: string;
  name: string;
  holdings: HoldingsView;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const held = holdings.badge(badgeId);
  if (held) {
    return (
      <p className="holding-action">
        <Link
          className="button"
          to={`/learn/badges/${held.awardId}`}
          aria-label={t('badgePublic.holdings.openNamed', { name })}
        >
          {t(held.accepted ? 'badgePublic.holdings.open' : 'badgePublic.holdings.openOffered')}
        </Link>{' '}
        {held.expired && <span className="muted">{t('badgePublic.holdings.expired')}</span>}
      </p>
    );
  }
  if (holdings.bundleInCart(badgeId)) return <InCart name={name} />;
  return <>{children}</>;
}

/** A status region: when "Add to cart" turns into this, assistive technology hears that it was added. */
function InCart({ name }: { name: string }) {
  const { t } = useTranslation();
  return (
    <p className="holding-action" role="status">
      <span className="muted">{t('badgePublic.holdings.inCart')}</span>{' '}
      <Link to="/cart" aria-label={t('badgePublic.holdings.inCartNamed', { name })}>
        {t('cart.goToCart')}
      </Link>
    </p>
  );
}
