// The issuer dashboard's award sections: awards by state over the period, acceptance per badge, badges about
// to expire (see IssuerFigures.tsx).
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { TableRegion } from '../../components/TableRegion.tsx';
import {
  ChartPanel,
  ColumnChart,
  Downloads,
  RankingChart,
  SERIES_COLOURS,
  useDay,
  usePeriodLabels,
} from '../employ/charts.tsx';
import type { IssuerFigures } from './figures-api.ts';
import { MORE_COLOURS, useFormats } from './parts.tsx';
import '../employ/analytics.css';
import './dashboards.css';
import { DataTable } from '../../components/DataTable.tsx';
import type { Files } from './IssuerFigures.tsx';

export function AwardsOverTime({ data, file }: { data: IssuerFigures; file: Files }) {
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

export function Acceptance({ data, file }: { data: IssuerFigures; file: Files }) {
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

export function Expiring({ data, file }: { data: IssuerFigures; file: Files }) {
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
