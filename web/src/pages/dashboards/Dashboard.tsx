// One dashboard per role (learners and assessors have their own pages now). The issuer's (/issue) and the
// platform operator's (/operate) show their figures; the rest say what each will hold.
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { Page } from '../../components/Page.tsx';
import { RequireSession } from '../../components/RequireSession.tsx';
import {
  activeMembership,
  type DashboardKind,
  dashboardFor,
  dashboardPaths,
  type Session,
} from '../../session.ts';
import { IssuerDashboardFigures } from './IssuerFigures.tsx';
import { OperatorDashboardFigures } from './OperatorFigures.tsx';

/** The roles that may read an issuer's figures (the API's FIGURE_READERS). */
const FIGURE_READERS = ['owner', 'admin', 'staff'];

/** Everyone is a learner; the other dashboards need a membership (or operator rights) that leads there. */
export function mayOpen(kind: DashboardKind, session: Session): boolean {
  if (kind === 'learner') return true;
  if (kind === 'operator') return session.user.isOperator === true;
  return dashboardFor(session) === kind;
}

export function DashboardPage({ kind }: { kind: DashboardKind }) {
  return (
    <RequireSession>
      {(session) =>
        mayOpen(kind, session) ? (
          <Dashboard kind={kind} session={session} />
        ) : (
          <Navigate to={dashboardPaths[dashboardFor(session)]} replace />
        )
      }
    </RequireSession>
  );
}

function Dashboard({ kind, session }: { kind: DashboardKind; session: Session }) {
  const { t } = useTranslation();
  const membership = activeMembership(session);
  const coming = t(`dashboard.${kind}.coming`, { returnObjects: true }) as unknown;
  return (
    <Page title={t(`dashboard.${kind}.title`)}>
      <p className="lead">{t('dashboard.welcome', { name: session.user.name })}</p>
      {membership && kind !== 'learner' && (
        <p>
          {t('dashboard.inOrg', { org: membership.org.name, role: t(`orgSwitcher.role.${membership.role}`) })}
        </p>
      )}
      {kind === 'issuer' && (
        <ul className="dashboard-links">
          <li>
            <Link to="/issue/courses">{t('authoring.title')}</Link>
          </li>
          <li>
            <Link to="/issue/badges">{t('badges.title')}</Link>
          </li>
          <li>
            <Link to="/issue/awards">{t('awards.title')}</Link>
          </li>
          <li>
            <Link to="/issue/sales">{t('sell.orders.title')}</Link>
          </li>
          <li>
            <Link to="/issue/sales/reports">{t('sell.reports.title')}</Link>
          </li>
          {membership && (membership.role === 'owner' || membership.role === 'admin') && (
            <li>
              <Link to="/assess">{t('review.queue')}</Link>
            </li>
          )}
        </ul>
      )}
      {kind === 'issuer' && membership && FIGURE_READERS.includes(membership.role) ? (
        <IssuerDashboardFigures orgId={membership.org.id} />
      ) : kind === 'operator' ? (
        <OperatorDashboardFigures />
      ) : (
        <section className="empty-state" aria-labelledby="coming-title">
          <p>
            <strong>{t('dashboard.nothingYet')}</strong>
          </p>
          <h2 id="coming-title">{t('dashboard.comingTitle')}</h2>
          <ul>
            {(Array.isArray(coming) ? (coming as string[]) : []).map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </section>
      )}
    </Page>
  );
}
