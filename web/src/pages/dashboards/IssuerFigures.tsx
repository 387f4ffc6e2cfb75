// The issuer dashboard's figures (/issue): awards by state over the period, badges about to expire, the
// acceptance rate per badge, enrolments, completions and the median days to complete per course, and the
// review queue. Each chart is one titled image followed by the same figures as a table behind "Show the
// data", with CSV and JSON downloads (the API's own, formula-safe). The period lives in the address.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Status } from '../../components/Page.tsx';
import { describeProblem } from '../../forms.ts';
import { EmptyState, useDay } from '../employ/charts.tsx';
import { type IssuerFigures, type IssuerTable, issuerDownloads, useIssuerFigures } from './figures-api.ts';
import { PeriodForm, Tiles, useFormats, usePeriodParams } from './parts.tsx';
import '../employ/analytics.css';
import './dashboards.css';
import { None } from '../../components/DataTable.tsx';
import { Skeleton } from '../../components/Skeleton.tsx';
import { Acceptance, AwardsOverTime, Expiring } from './IssuerAwardFigures.tsx';
import { Courses, LearningOverTime, ReviewQueue } from './IssuerLearningFigures.tsx';

export function IssuerDashboardFigures({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const [q, setQ] = usePeriodParams();
  const figures = useIssuerFigures(orgId, q);
  return (
    <section aria-labelledby="issuer-figures-title" className="dashboard-figures">
      <h2 id="issuer-figures-title">{t('figures.issuer.title')}</h2>
      <PeriodForm key={JSON.stringify(q)} q={q} period={figures.data?.period} onChange={setQ} />
      {figures.isPending && <Skeleton cards={6} />}
      {figures.isError && <Status tone="error">{describeProblem(t, figures.error)}</Status>}
      {figures.data && <Figures orgId={orgId} data={figures.data} />}
    </section>
  );
}

function Figures({ orgId, data }: { orgId: string; data: IssuerFigures }) {
  const { t } = useTranslation();
  const day = useDay();
  const file = (table: IssuerTable) =>
    issuerDownloads(
      orgId,
      { from: data.period.from, to: data.period.to, interval: data.period.interval },
      table,
    );
  const nothingYet =
    data.badges.length === 0 && data.learning.perCourse.length === 0 && data.awards.totals.issued === 0;
  return (
    <>
      <p className="analytics-scope">
        {t('figures.scope', { from: day(data.period.from), to: day(data.period.to) })}
      </p>
      {nothingYet ? (
        <EmptyState title={t('figures.issuer.empty')} text={t('figures.issuer.emptyText')}>
          <Link to="/issue/courses">{t('figures.issuer.toCourses')}</Link>{' '}
          <Link to="/issue/badges">{t('figures.issuer.toBadges')}</Link>
        </EmptyState>
      ) : (
        <>
          <IssuerTiles data={data} />
          <AwardsOverTime data={data} file={file('awardsOverTime')} />
          <Acceptance data={data} file={file('badges')} />
          <Expiring data={data} file={file('expiringSoon')} />
          <LearningOverTime data={data} file={file('learningOverTime')} />
          <Courses data={data} file={file('courses')} />
          <ReviewQueue data={data} file={file('reviewsOverTime')} />
        </>
      )}
    </>
  );
}

function IssuerTiles({ data }: { data: IssuerFigures }) {
  const { t } = useTranslation();
  const f = useFormats();
  const { totals } = data.awards;
  const days = (value: number | null) =>
    value === null ? <None /> : t('figures.days', { count: value, value: f.decimal(value) });
  return (
    <Tiles
      label={t('figures.issuer.tiles')}
      tiles={[
        {
          key: 'offered',
          label: t('figures.awards.offered'),
          value: totals.offered,
          note: t('figures.awards.offeredNote'),
        },
        { key: 'accepted', label: t('figures.awards.accepted'), value: totals.accepted },
        { key: 'declined', label: t('figures.awards.declined'), value: totals.declined },
        { key: 'awaitingFee', label: t('figures.awards.awaitingFee'), value: totals.awaitingFee },
        { key: 'sharedPublicly', label: t('figures.awards.sharedPublicly'), value: totals.sharedPublicly },
        {
          key: 'expiring',
          label: t('figures.awards.expiring', { days: data.awards.expiringSoon.days }),
          value: data.awards.expiringSoon.total,
        },
        { key: 'enrolments', label: t('figures.learning.enrolments'), value: data.learning.enrolments },
        { key: 'completions', label: t('figures.learning.completions'), value: data.learning.completions },
        {
          key: 'medianDays',
          label: t('figures.learning.medianDays'),
          value: days(data.learning.medianDaysToComplete),
        },
        {
          key: 'reviewQueue',
          label: t('figures.reviews.pending'),
          value: data.reviewQueue.pending,
          ...(data.reviewQueue.oldestAgeDays === null
            ? {}
            : {
                note: t('figures.reviews.oldestNote', { value: f.decimal(data.reviewQueue.oldestAgeDays) }),
              }),
        },
      ]}
    />
  );
}

export type Files = { csv: string; json: string };
