// The employer's pages and the way between them: overview, people, roles, teams, gaps, sponsored learning,
// open roles and settings. Uses the sales navigation's look.
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';

const PAGES = [
  { to: '/employ', key: 'overview', end: true },
  { to: '/employ/people', key: 'people', end: false },
  { to: '/employ/roles', key: 'roles', end: false },
  { to: '/employ/teams', key: 'teams', end: false },
  { to: '/employ/gaps', key: 'gaps', end: false },
  { to: '/employ/sponsor', key: 'sponsor', end: false },
  { to: '/employ/open-roles', key: 'openRoles', end: false },
  { to: '/employ/settings', key: 'settings', end: false },
] as const;

export function EmployNav() {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('employNav.label')} className="sales-nav">
      <ul>
        {PAGES.map((page) => (
          <li key={page.key}>
            <NavLink to={page.to} end={page.end}>
              {t(`employNav.${page.key}`)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
