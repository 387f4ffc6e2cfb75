import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Page, Status } from '../components/Page.tsx';
import { describeProblem } from '../forms.ts';
import { useLogout } from '../session.ts';

export function LogOutPage() {
  const { t } = useTranslation();
  const logout = useLogout();
  const started = useRef(false);
  useEffect(() => {
    // Once per visit, even when React runs effects twice in development.
    if (started.current) return;
    started.current = true;
    logout.mutate();
  }, [logout]);
  return (
    <Page title={t('logout.title')} narrow>
      {logout.isPending || logout.isIdle ? <Status>{t('logout.working')}</Status> : null}
      {logout.isSuccess && <Status tone="success">{t('logout.done')}</Status>}
      {logout.isError && <Status tone="error">{describeProblem(t, logout.error)}</Status>}
      {!logout.isPending && !logout.isIdle && (
        <p>
          <Link to="/login">{t('logout.again')}</Link>
        </p>
      )}
    </Page>
  );
}
