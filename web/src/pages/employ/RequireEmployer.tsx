// The employer pages' door: an owner, admin or manager of the active employer organization gets in; anyone else
// goes to their own dashboard — except another role of an employer, whose dashboard is /employ itself, who is told
// instead (a redirect would come straight back here).
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { Status } from '../../components/Page.tsx';
import { RequireSession } from '../../components/RequireSession.tsx';
import { activeMembership, dashboardFor, dashboardPaths, type Session } from '../../session.ts';

const MANAGERS = ['owner', 'admin', 'manager'];

export function RequireEmployer({ children }: { children: (orgId: string, session: Session) => ReactNode }) {
  const { t } = useTranslation();
  return (
    <RequireSession>
      {(session) => {
        const membership = activeMembership(session);
        if (membership && membership.org.kind === 'employer' && MANAGERS.includes(membership.role))
          return children(membership.org.id, session);
        const home = dashboardPaths[dashboardFor(session)];
        if (home === '/employ') return <Status tone="error">{t('analytics.notAllowed')}</Status>;
        return <Navigate to={home} replace />;
      }}
    </RequireSession>
  );
}
