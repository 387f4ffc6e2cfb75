// "My learning" (/learn): the learner's enrolments with progress, Resume, access end, and completions with
// their certificates.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Page, Status } from '../../components/Page.tsx';
import { RequireSession } from '../../components/RequireSession.tsx';
import { Skeleton } from '../../components/Skeleton.tsx';
import { describeProblem } from '../../forms.ts';
import { certificateUrl, type Enrolment, formatDate, learningApi, learningKeys } from '../../learning.ts';
import type { Session } from '../../session.ts';
import { SeatsLink } from './Seats.tsx';

export function MyLearningPage() {
  return <RequireSession>{(session) => <MyLearning session={session} />}</RequireSession>;
}

function MyLearning({ session }: { session: Session }) {
  const { t } = useTranslation();
  const enrolments = useQuery({ queryKey: learningKeys.enrolments, queryFn: learningApi.enrolments });
  const items = enrolments.data?.items ?? [];
  const completed = items.filter((e) => e.completion);
  return (
    <Page title={t('dashboard.learner.title')}>
      <p className="lead">{t('dashboard.welcome', { name: session.user.name })}</p>
      <p>
        <Link to="/learn/orders">{t('myLearning.ordersLink')}</Link> ·{' '}
        <Link to="/learn/badge-progress">{t('backpack.progressLink')}</Link>
        <SeatsLink />
      </p>
      {enrolments.isPending && <Skeleton cards={3} />}
      {enrolments.isError && <Status tone="error">{describeProblem(t, enrolments.error)}</Status>}
      <section aria-labelledby="enrolments-title">
        <h2 id="enrolments-title">{t('myLearning.courses')}</h2>
        {enrolments.data && items.length === 0 && (
          <div className="empty-state">
            <p>
              <strong>{t('dashboard.nothingYet')}</strong>
            </p>
            <p>
              {t('myLearning.none')} <Link to="/catalog">{t('myLearning.browse')}</Link>
            </p>
          </div>
        )}
        <ul className="cards">
          {items.map((enrolment) => (
            <li key={enrolment.id}>
              <EnrolmentCard enrolment={enrolment} />
            </li>
          ))}
        </ul>
        {items.length > 0 && (
          <p>
            <Link to="/catalog">{t('myLearning.browse')}</Link>
          </p>
        )}
      </section>
      <section aria-labelledby="completions-title">
        <h2 id="completions-title">{t('myLearning.completions')}</h2>
        {completed.length === 0 ? (
          <p>{t('myLearning.noCompletions')}</p>
        ) : (
          <ul>
            {completed.map((e) => (
              <li key={e.id}>
                <CompletionLine enrolment={e} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </Page>
  );
}

function CompletionLine({ enrolment }: { enrolment: Enrolment }) {
  const { t, i18n } = useTranslation();
  const completion = enrolment.completion;
  if (!completion) return null;
  return (
    <>
      {t('myLearning.completedOn', {
        course: enrolment.course.title,
        date: formatDate(completion.completedAt, i18n.language),
        code: completion.activityCode,
      })}{' '}
      <a href={certificateUrl(completion.id)} download>
        {t('myLearning.certificate', { course: enrolment.course.title })}
      </a>
    </>
  );
}

function EnrolmentCard({ enrolment }: { enrolment: Enrolment }) {
  const { t, i18n } = useTranslation();
  const { done, total } = enrolment.progress;
  const progressId = `progress-${enrolment.id}`;
  return (
    <article className="card">
      <h3>{enrolment.course.title}</h3>
      <label htmlFor={progressId}>{t('player.progress', { done, total })}</label>{' '}
      <progress id={progressId} max={total || 1} value={done} />
      <p>
        {enrolment.expired
          ? t('myLearning.accessEnded', { date: formatDate(enrolment.accessUntil, i18n.language) })
          : t('myLearning.accessUntil', { date: formatDate(enrolment.accessUntil, i18n.language) })}
      </p>
      {enrolment.completion && <p className="status status--success">{t('myLearning.completed')}</p>}
      <p>
        {enrolment.expired ? (
          <Link className="button button--secondary" to={`/catalog/${enrolment.course.id}`}>
            {t('myLearning.enrolAgain', { course: enrolment.course.title })}
          </Link>
        ) : (
          <Link
            className="button"
            to={`/learn/${enrolment.id}`}
            aria-label={t(enrolment.firstOpenedAt ? 'myLearning.resumeCourse' : 'myLearning.startCourse', {
              course: enrolment.course.title,
            })}
          >
            {enrolment.firstOpenedAt ? t('myLearning.resume') : t('myLearning.start')}
          </Link>
        )}
      </p>
    </article>
  );
}
