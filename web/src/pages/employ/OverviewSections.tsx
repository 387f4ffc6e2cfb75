import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { TableRegion } from '../../components/TableRegion.tsx';
import type { Analytics } from '../../workforce-analytics.ts';
import { ChartPanel, Downloads, RankingChart, SERIES_COLOURS, useDay } from './charts.tsx';
import '../shop/shop.css';
import './analytics.css';
import { DataTable } from '../../components/DataTable.tsx';

export function Learning({ data, file }: { data: Analytics; file: { csv: string; json: string } }) {
  const { t } = useTranslation();
  const courses = data.learning.perCourse;
  if (courses.length === 0)
    return (
      <section className="chart-panel" aria-labelledby="learning-title">
        <h2 id="learning-title">{t('analytics.learning.title')}</h2>
        <p>
          {t('analytics.learning.none')} <Link to="/employ/sponsor">{t('analytics.learning.sponsor')}</Link>
        </p>
      </section>
    );
  const started = t('analytics.learning.started');
  const completed = t('analytics.learning.completed');
  return (
    <ChartPanel
      title={t('analytics.learning.title')}
      chart={
        <RankingChart
          title={t('analytics.learning.title')}
          description={t('analytics.learning.desc')}
          data={courses.map((row) => ({ ...row }))}
          categoryKey="title"
          series={[
            { key: 'started', label: started, colour: SERIES_COLOURS.blue },
            { key: 'completed', label: completed, colour: SERIES_COLOURS.green },
          ]}
        />
      }
      caption={t('analytics.learning.caption')}
      table={
        <DataTable
          header={[t('analytics.learning.course'), started, completed]}
          rows={courses.map((row) => [row.title, row.started, row.completed])}
        />
      }
      {...file}
    />
  );
}

export function Expiring({ data, file }: { data: Analytics; file: { csv: string; json: string } }) {
  const { t } = useTranslation();
  const day = useDay();
  const rows = data.renewals.expiringSoon;
  return (
    <section className="chart-panel" aria-labelledby="expiring-title">
      <h2 id="expiring-title">{t('analytics.expiring.title')}</h2>
      {rows.length === 0 && <p>{t('analytics.expiring.none')}</p>}
      {data.renewals.expiringSoonTotal > rows.length && (
        <p className="muted">
          {t('analytics.expiring.first', { shown: rows.length, total: data.renewals.expiringSoonTotal })}
        </p>
      )}
      {rows.length > 0 && (
        <TableRegion caption={t('analytics.expiring.caption')} captionHidden stack>
          <thead>
            <tr>
              <th scope="col">{t('analytics.expiring.person')}</th>
              <th scope="col">{t('analytics.expiring.badge')}</th>
              <th scope="col">{t('analytics.expiring.validUntil')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={`${row.employeeId}:${row.badgeName}:${row.validUntil}`}>
                <th scope="row">{row.name}</th>
                <td data-label={t('analytics.expiring.badge')}>{row.badgeName}</td>
                <td data-label={t('analytics.expiring.validUntil')}>{day(row.validUntil)}</td>
              </tr>
            ))}
          </tbody>
        </TableRegion>
      )}
      {rows.length > 0 && <Downloads {...file} what={t('analytics.expiring.title')} />}
    </section>
  );
}
