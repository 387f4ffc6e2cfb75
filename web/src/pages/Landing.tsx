// `/`: signed-in people go to their dashboard; everyone else gets the front door — what this server offers
// (a few courses from the catalog), a way to check a badge someone showed them, and how to start.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { Page, Status } from '../components/Page.tsx';
import { PageSkeleton, Skeleton } from '../components/Skeleton.tsx';
import { describeProblem } from '../forms.ts';
import { catalogQuery, formatPrice } from '../learning.ts';
import { dashboardFor, dashboardPaths, useSession } from '../session.ts';

const FEATURED = 6;

export function LandingPage() {
  const session = useSession();
  if (session.isPending) return <PageSkeleton />;
  if (session.data) return <Navigate to={dashboardPaths[dashboardFor(session.data)]} replace />;
  return <FrontDoor />;
}

function FrontDoor() {
  const { t, i18n } = useTranslation();
  const courses = useQuery(catalogQuery({}));
  return (
    <Page title={t('landing.title')}>
      <p className="lead">{t('landing.lead')}</p>
      <p className="landing__actions">
        <Link to="/signup" className="button">
          {t('landing.start')}
        </Link>
        <Link to="/catalog" className="button button--secondary">
          {t('landing.browse')}
        </Link>
      </p>

      <section aria-labelledby="verify-title" className="landing__verify card">
        <h2 id="verify-title">{t('landing.verifyTitle')}</h2>
        <p>{t('landing.verifyText')}</p>
        {/* A server page, outside the app: a plain link. */}
        <a href="/verify" className="button button--secondary">
          {t('landing.verifyAction')}
        </a>
      </section>

      <section aria-labelledby="featured-title">
        <h2 id="featured-title">{t('landing.featuredTitle')}</h2>
        {courses.isPending && <Skeleton lines={0} cards={3} />}
        {courses.isError && <Status tone="error">{describeProblem(t, courses.error)}</Status>}
        {courses.data && courses.data.items.length === 0 && <p>{t('landing.noCourses')}</p>}
        {courses.data && courses.data.items.length > 0 && (
          <>
            <ul className="cards landing__courses">
              {courses.data.items.slice(0, FEATURED).map((course) => (
                <li key={course.id} className="card">
                  <h3 elementtiming="course-card">
                    <Link to={`/catalog/${course.id}`}>{course.title}</Link>
                  </h3>
                  <p>{course.summary}</p>
                  <p className="muted">
                    {course.issuer.name} ·{' '}
                    {course.price ? formatPrice(course.price, i18n.language) : t('catalog.free')}
                  </p>
                </li>
              ))}
            </ul>
            <p>
              <Link to="/catalog">{t('landing.allCourses', { count: courses.data.items.length })}</Link>
              {' · '}
              <Link to="/bundles">{t('landing.bundles')}</Link>
            </p>
          </>
        )}
      </section>

      <section aria-labelledby="how-title">
        <h2 id="how-title">{t('landing.howTitle')}</h2>
        <ol className="landing__steps">
          <li>{t('landing.stepLearn')}</li>
          <li>{t('landing.stepEarn')}</li>
          <li>{t('landing.stepShare')}</li>
        </ol>
        <p>
          {t('landing.haveAccount')} <Link to="/login">{t('nav.logIn')}</Link>
        </p>
      </section>
    </Page>
  );
}
