// The issuer dashboard's learning sections: enrolments and completions over the period, per course, and the
// review queue (see IssuerFigures.tsx).
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  ChartPanel,
  ColumnChart,
  RankingChart,
  SERIES_COLOURS,
  TrendChart,
  usePeriodLabels,
} from '../employ/charts.tsx';
import type { IssuerFigures } from './figures-api.ts';
import { MORE_COLOURS, useFormats } from './parts.tsx';
import '../employ/analytics.css';
import './dashboards.css';
import { DataTable } from '../../components/DataTable.tsx';
import type { Files } from './IssuerFigures.tsx';

export function LearningOverTime({ data, file }: { data: IssuerFigures; file: Files }) {
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

export function Courses({ data, file }: { data: IssuerFigures; file: Files }) {
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

export function ReviewQueue({ data, file }: { data: IssuerFigures; file: Files }) {
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
