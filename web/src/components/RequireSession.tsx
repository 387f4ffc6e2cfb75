// Renders its children for a signed-in user; sends everyone else to the login page and back.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { describeProblem } from '../forms.ts';
import { type Session, useSession } from '../session.ts';
import { Status } from './Page.tsx';
import { PageSkeleton } from './Skeleton.tsx';

export function RequireSession({ children }: { children: (session: Session) => ReactNode }) {
  const { t } = useTranslation();
  const location = useLocation();
  const session = useSession();
  if (session.isPending) return <PageSkeleton />;
  if (session.isError) return <Status tone="error">{describeProblem(t, session.error)}</Status>;
  if (!session.data) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return children(session.data);
}
