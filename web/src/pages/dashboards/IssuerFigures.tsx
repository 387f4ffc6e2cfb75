// The issuer dashboard's figures (/issue): awards by state over the period, badges about to expire, the
// acceptance rate per badge, enrolments, completions and the median days to complete per course, and the
// review queue. Each chart is one titled image followed by the same figures as a table behind "Show the
// data", with CSV and JSON downloads (the API's own, formula-safe). The period lives in the address.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Status } from '../../components/Page.tsx';
import { TableRegion } from '../../components/TableRegion.tsx';
import { describeProblem } from '../../forms.ts';
import {
  ChartPanel,
  ColumnChart,
  Downloads,
  EmptyState,
  RankingChart,
  SERIES_COLOURS,
  TrendChart,
  useDay,
  usePeriodLabels,
} from '../employ/charts.tsx';
import { type IssuerFigures, type IssuerTable, issuerDownloads, useIssuerFigures } from './figures-api.ts';
import { MORE_COLOURS, PeriodForm, Tiles, useFormats, usePeriodParams } from './parts.tsx';
import '../employ/analytics.css';
import './dashboards.css';
import { DataTable, None } from '../../components/DataTable.tsx';
import { Skeleton } from '../../components/Skeleton.tsx';

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

type Files = { csv: string; json: string };

function AwardsOverTime({ data, file }: { data: IssuerFigures; file: Files }) {
  const { t } = useTranslation();
  const periods = usePeriodLabels();
  const title = t('figures.awards.overTime');
  const series = [
    { key: 'offered', label: t('figures.awards.offered'), colour: SERIES_COLOURS.blue },
    { key: 'accepted', label: t('figures.awards.accepted'), colour: SERIES_COLOURS.green },
    { key: 'declined', label: t('figures.awards.declined'), colour: SERIES_COLOURS.amber },
    { key: 'awaitingFee', label: t('figures.awards.awaitingFee'), colour: MORE_COLOURS.purple },
  ];
  const { totals } = data.awards;
  return (
    <ChartPanel
      title={title}
      lead={
        totals.issued === 0 ? (
          <p>
            {t('figures.awards.none')} <Link to="/issue/awards">{t('figures.awards.toAwards')}</Link>
          </p>
        ) : (
          <p>{t('figures.awards.lead')}</p>
        )
      }
      chart={
        <ColumnChart
          title={title}
          description={t('figures.awards.desc', { ...totals })}
          data={data.awards.overTime.map((row) => ({ ...row }))}
          categoryKey="period"
          formatCategory={periods.short}
          series={series}
        />
      }
      caption={t('figures.awards.caption')}
      table={
        <DataTable
          header={[
            t(`analytics.charts.${data.period.interval}`),
            t('figures.awards.issued'),
            ...series.map((s) => s.label),
            t('figures.awards.sharedPublicly'),
          ]}
          rows={data.awards.overTime.map((row) => [
            periods.long(row.period),
            row.issued,
            row.offered,
            row.accepted,
            row.declined,
            row.awaitingFee,
            row.sharedPublicly,
          ])}
        />
      }
      {...file}
    />
  );
}

function Acceptance({ data, file }: { data: IssuerFigures; file: Files }) {
  const { t } = useTranslation();
  const f = useFormats();
  const title = t('figures.badges.title');
  if (data.badges.length === 0)
    return (
      <section className="chart-panel" aria-labelledby="acceptance-title">
        <h2 id="acceptance-title">{title}</h2>
        <p>
          {t('figures.badges.none')} <Link to="/issue/badges">{t('figures.issuer.toBadges')}</Link>
        </p>
      </section>
    );
  return (
    <ChartPanel
      title={title}
      lead={<p>{t('figures.badges.lead')}</p>}
      chart={
        <RankingChart
          title={title}
          description={t('figures.badges.desc', {
            list: data.badges
              .map(
                (b) =>
                  `${b.name}: ${b.acceptanceRate === null ? t('figures.none') : f.percent(b.acceptanceRate)}`,
              )
              .join('; '),
          })}
          data={data.badges.map((row) => ({
            name: row.name,
            accepted: row.accepted,
            declined: row.declined,
            offered: row.offered,
          }))}
          categoryKey="name"
          series={[
            { key: 'accepted', label: t('figures.awards.accepted'), colour: SERIES_COLOURS.green },
            { key: 'declined', label: t('figures.awards.declined'), colour: SERIES_COLOURS.amber },
            { key: 'offered', label: t('figures.awards.offered'), colour: SERIES_COLOURS.blue },
          ]}
        />
      }
      caption={t('figures.badges.caption')}
      table={
        <DataTable
          header={[
            t('figures.badges.badge'),
            t('figures.awards.issued'),
            t('figures.awards.accepted'),
            t('figures.awards.declined'),
            t('figures.awards.offered'),
            t('figures.awards.awaitingFee'),
            t('figures.badges.rate'),
          ]}
          rows={data.badges.map((b) => [
            b.name,
            b.issued,
            b.accepted,
            b.declined,
            b.offered,
            b.awaitingFee,
            b.acceptanceRate === null ? null : f.percent(b.acceptanceRate),
          ])}
        />
      }
      {...file}
    />
  );
}

function Expiring({ data, file }: { data: IssuerFigures; file: Files }) {
  const { t } = useTranslation();
  const day = useDay();
  const { expiringSoon } = data.awards;
  const title = t('figures.expiring.title', { days: expiringSoon.days });
  return (
    <section className="chart-panel" aria-labelledby="expiring-title">
      <h2 id="expiring-title">{title}</h2>
      {expiringSoon.total === 0 ? (
        <p>{t('figures.expiring.none', { days: expiringSoon.days })}</p>
      ) : (
        <>
          {expiringSoon.total > expiringSoon.first.length && (
            <p>
              {t('figures.expiring.first', { count: expiringSoon.first.length, total: expiringSoon.total })}
            </p>
          )}
          <TableRegion caption={t('figures.expiring.caption')} captionHidden stack>
            <thead>
              <tr>
                <th scope="col">{t('figures.expiring.recipient')}</th>
                <th scope="col">{t('figures.badges.badge')}</th>
                <th scope="col">{t('figures.expiring.validUntil')}</th>
              </tr>
            </thead>
            <tbody>
              {expiringSoon.first.map((row) => (
                <tr key={row.awardId}>
                  <th scope="row">{row.recipient}</th>
                  <td data-label={t('figures.badges.badge')}>{row.badgeName}</td>
                  <td data-label={t('figures.expiring.validUntil')}>{day(row.validUntil)}</td>
                </tr>
              ))}
            </tbody>
          </TableRegion>
          <Downloads {...file} what={title} />
        </>
      )}
    </section>
  );
}

function LearningOverTime({ data, file }: { data: IssuerFigures; file: Files }) {
  const { t } = useTranslation();
  const periods = usePeriodLabels();
  const title = t('figures.learning.overTime');
  const series = [
    { key: 'enrolments', label: t('figures.learning.enrolments'), colour: SERIES_COLOURS.blue },
    { key: 'completions', label: t('figures.learning.completions'), colour: SERIES_COLOURS.green },
  ];
  return (
    <ChartPanel
      title={title}
      chart={
        <TrendChart
          title={title}
          description={t('figures.learning.desc', {
            enrolments: data.learning.enrolments,
            completions: data.learning.completions,
          })}
          data={data.learning.overTime.map((row) => ({ ...row }))}
          categoryKey="period"
          formatCategory={periods.short}
          series={series}
        />
      }
      caption={t('figures.learning.caption')}
      table={
        <DataTable
          header={[t(`analytics.charts.${data.period.interval}`), ...series.map((s) => s.label)]}
          rows={data.learning.overTime.map((row) => [
            periods.long(row.period),
            row.enrolments,
            row.completions,
          ])}
        />
      }
      {...file}
    />
  );
}

function Courses({ data, file }: { data: IssuerFigures; file: Files }) {
  const { t } = useTranslation();
  const f = useFormats();
  const title = t('figures.courses.title');
  const courses = data.learning.perCourse;
  if (courses.length === 0)
    return (
      <section className="chart-panel" aria-labelledby="courses-title">
        <h2 id="courses-title">{title}</h2>
        <p>
          {t('figures.courses.none')} <Link to="/issue/courses">{t('figures.issuer.toCourses')}</Link>
        </p>
      </section>
    );
  return (
    <ChartPanel
      title={title}
      chart={
        <RankingChart
          title={title}
          description={t('figures.courses.desc')}
          data={courses.map((row) => ({
            title: row.title,
            enrolments: row.enrolments,
            completions: row.completions,
          }))}
          categoryKey="title"
          series={[
            { key: 'enrolments', label: t('figures.learning.enrolments'), colour: SERIES_COLOURS.blue },
            { key: 'completions', label: t('figures.learning.completions'), colour: SERIES_COLOURS.green },
          ]}
        />
      }
      caption={t('figures.courses.caption')}
      table={
        <DataTable
          header={[
            t('figures.courses.course'),
            t('figures.learning.enrolments'),
            t('figures.learning.completions'),
            t('figures.learning.medianDays'),
          ]}
          rows={courses.map((c) => [
            c.title,
            c.enrolments,
            c.completions,
            c.medianDaysToComplete === null ? null : f.decimal(c.medianDaysToComplete),
          ])}
        />
      }
      {...file}
    />
  );
}

function ReviewQueue({ data, file }: { data: IssuerFigures; file: Files }) {
  const { t } = useTranslation();
  const f = useFormats();
  const periods = usePeriodLabels();
  const title = t('figures.reviews.title');
  const q = data.reviewQueue;
  const series = [
    { key: 'submitted', label: t('figures.reviews.submitted'), colour: SERIES_COLOURS.blue },
    { key: 'reviewed', label: t('figures.reviews.reviewed'), colour: MORE_COLOURS.teal },
  ];
  return (
    <ChartPanel
      title={title}
      lead={
        <p>
          {q.pending === 0
            ? t('figures.reviews.empty')
            : t('figures.reviews.lead', {
                count: q.pending,
                oldest: f.decimal(q.oldestAgeDays ?? 0),
                median: f.decimal(q.medianAgeDays ?? 0),
              })}{' '}
          {q.pending > 0 && <Link to="/assess">{t('figures.reviews.toQueue')}</Link>}
        </p>
      }
      chart={
        <ColumnChart
          title={title}
          description={t('figures.reviews.desc')}
          data={q.overTime.map((row) => ({ ...row }))}
          categoryKey="period"
          formatCategory={periods.short}
          series={series}
        />
      }
      caption={t('figures.reviews.caption')}
      table={
        <DataTable
          header={[t(`analytics.charts.${data.period.interval}`), ...series.map((s) => s.label)]}
          rows={q.overTime.map((row) => [periods.long(row.period), row.submitted, row.reviewed])}
        />
      }
      {...file}
    />
  );
}
