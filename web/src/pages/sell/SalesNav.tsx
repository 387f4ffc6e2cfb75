// The issuer's sales pages and the way between them: orders, reports, bundles, coupons, settings.
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';

const PAGES = [
  { to: '/issue/sales', key: 'orders', end: true },
  { to: '/issue/sales/reports', key: 'reports', end: false },
  { to: '/issue/sales/bundles', key: 'bundles', end: false },
  { to: '/issue/sales/coupons', key: 'coupons', end: false },
  { to: '/issue/sales/settings', key: 'settings', end: false },
] as const;

export function SalesNav() {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('sell.navLabel')} className="sales-nav">
      <ul>
        {PAGES.map((page) => (
          <li key={page.key}>
            <NavLink to={page.to} end={page.end}>
              {t(`sell.nav.${page.key}`)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
