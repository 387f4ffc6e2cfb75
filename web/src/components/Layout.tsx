// The frame of every page: skip link, header, the main region the routes render into.
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useOutlet } from 'react-router';
import { Header } from './Header.tsx';
import { RouteFocus } from './RouteFocus.tsx';
import { PageSkeleton } from './Skeleton.tsx';

export function Layout() {
  const { t } = useTranslation();
  // Empty while the first page's chunk loads (routes.tsx `lazy`): the skeleton holds its place meanwhile.
  const outlet = useOutlet();
  return (
    <>
      <a href="#main" className="skip-link">
        {t('app.skipToContent')}
      </a>
      <Header />
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<PageSkeleton />}>{outlet ?? <PageSkeleton />}</Suspense>
      </main>
      <footer className="app-footer">
        <p>{t('app.footer')}</p>
      </footer>
      <RouteFocus />
    </>
  );
}
