// Every page's heading and document title. The heading takes focus after client-side navigation
// (see RouteFocus), so screen readers announce the new page.
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';

export function Page({
  title,
  children,
  narrow = false,
}: {
  title: string;
  children?: ReactNode;
  narrow?: boolean;
}) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);
  return (
    <div className={narrow ? 'page page--narrow' : 'page'}>
      <h1 tabIndex={-1}>{title}</h1>
      {children}
    </div>
  );
}

/** A polite live status line (loading, done) for results that appear without a page change. */
export function Status({
  children,
  tone = 'info',
}: {
  children: ReactNode;
  tone?: 'info' | 'success' | 'error';
}) {
  return (
    <p className={`status status--${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {children}
    </p>
  );
}
