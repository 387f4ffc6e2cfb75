// The platform operator's dashboard figures (/operate): organizations, users (new ones over time), the job
// queue and its last failures, mail delivery over time, storage and versions. Charts as titled images with
// their tables behind "Show the data" and CSV/JSON downloads; the period lives in the address.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Status } from '../../components/Page.tsx';
import { TableRegion } from '../../components/TableRegion.tsx';
import { describeProblem } from '../../forms.ts';
import {
  ChartPanel,
  ColumnChart,
  Downloads,
  PeriodPanel,
  SERIES_COLOURS,
  useDay,
  usePeriodLabels,
} from '../employ/charts.tsx';
import { type OperatorFigures, operatorDownloads, useOperatorFigures } from './figures-api.ts';
import { PeriodForm, Tiles, useFormats, usePeriodParams } from './parts.tsx';
import '../employ/analytics.css';
import './dashboards.css';
import { DataTable, None } from '../../components/DataTable.tsx';
import { Skeleton } from '../../components/Skeleton.tsx';

export function OperatorDashboardFigures() {
  const { t } = useTranslation();
  const [q, setQ] = usePeriodParams();
  const figures = useOperatorFigures(q);
  return (
    <section aria-labelledby="operator-figures-title" className="dashboard-figures">
      <h2 id="operator-figures-title">{t('figures.operator.title')}</h2>
      <PeriodForm key={JSON.stringify(q)} q={q} period={figures.data?.period} onChange={setQ} />
      {figures.isPending && <Skeleton cards={6} />}
      {figures.isError && <Status tone="error">{describeProblem(t, figures.error)}</Status>}
      {figures.data && <Figures data={figures.data} />}
    </section>
  );
}

function Figures({ data }: { data: OperatorFigures }) {
  const { t } = useTranslation();
  const day = useDay();
  const f = useFormats();
  const periods = usePeriodLabels();
  const scope = { from: data.period.from, to: data.period.to, interval: data.period.interval };
  const { organizations: orgs, users, jobs, mail, storage, versions } = data;
  const size = (bytes: number | null) =>
    bytes === null ? t('figures.operator.notAvailable') : f.bytes(bytes);
  const mailSeries = [
    { key: 'sent', label: t('figures.mail.sent'), colour: SERIES_COLOURS.green },
    { key: 'failed', label: t('figures.mail.failed'), colour: SERIES_COLOURS.amber },
    { key: 'queued', label: t('figures.mail.queued'), colour: SERIES_COLOURS.blue },
  ];
  const mailTitle = t('figures.mail.overTime');
  const failuresTitle = t('figures.jobs.failuresTitle');
  return (
    <>
      <p className="analytics-scope">
        {t('figures.scope', { from: day(data.period.from), to: day(data.period.to) })}
      </p>
      <Tiles
        label={t('figures.operator.tiles')}
        tiles={[
          {
            key: 'organizations',
            label: t('figures.operator.organizations'),
            value: orgs.total,
            note: t('figures.operator.orgKinds', { issuers: orgs.issuers, employers: orgs.employers }),
          },
          {
            key: 'users',
            label: t('figures.operator.users'),
            value: users.total,
            note: t('figures.operator.usersNote', { verified: users.verified, operators: users.operators }),
          },
          {
            key: 'jobs',
            label: t('figures.jobs.waiting'),
            value: jobs.queued,
            note: t('figures.jobs.runningNote', { count: jobs.running }),
          },
          {
            key: 'jobFailures',
            label: t('figures.jobs.failedLastDay'),
            value: jobs.failedLastDay,
            note: t('figures.jobs.failedWeekNote', { count: jobs.failedLastWeek }),
          },
          {
            key: 'mailSent',
            label: t('figures.mail.sentTotal'),
            value: mail.sent,
            note: t('figures.mail.sentNote', {
              day: mail.sentLastDay,
              failed: mail.failed,
              queued: mail.queued,
            }),
          },
          {
            key: 'database',
            label: t('figures.storage.database'),
            value: size(storage.databaseBytes),
          },
        ]}
      />
      <PeriodPanel
        kind="columns"
        title={t('figures.operator.newUsers')}
        description={t('figures.operator.newUsersDesc', {
          count: users.overTime.reduce((sum, row) => sum + row.users, 0),
        })}
        caption={t('figures.operator.newUsersCaption')}
        interval={data.period.interval}
        series={{ label: t('figures.operator.newUsersCount'), colour: SERIES_COLOURS.blue }}
        points={users.overTime.map((row) => ({ period: row.period, value: row.users }))}
        {...operatorDownloads(scope, 'usersOverTime')}
      />
      <ChartPanel
        title={mailTitle}
        lead={
          <p>
            {t(mail.transport === 'smtp' ? 'figures.mail.viaSmtp' : 'figures.mail.viaOutbox')}{' '}
            {mail.transport === 'outbox' && <Link to="/outbox">{t('figures.mail.toOutbox')}</Link>}{' '}
            {t('figures.mail.bounced')}
          </p>
        }
        chart={
          <ColumnChart
            title={mailTitle}
            description={t('figures.mail.desc', {
              sent: mail.sent,
              failed: mail.failed,
              queued: mail.queued,
            })}
            data={mail.overTime.map((row) => ({ ...row }))}
            categoryKey="period"
            formatCategory={periods.short}
            series={mailSeries}
          />
        }
        caption={t('figures.mail.caption')}
        table={
          <DataTable
            header={[t(`analytics.charts.${data.period.interval}`), ...mailSeries.map((s) => s.label)]}
            rows={mail.overTime.map((row) => [periods.long(row.period), row.sent, row.failed, row.queued])}
          />
        }
        {...operatorDownloads(scope, 'mailOverTime')}
      />
      <section className="chart-panel" aria-labelledby="job-failures-title">
        <h2 id="job-failures-title">{failuresTitle}</h2>
        <p>
          {t('figures.jobs.summary', {
            queued: jobs.queued,
            running: jobs.running,
            completed: jobs.completedLastDay,
            day: jobs.failedLastDay,
            week: jobs.failedLastWeek,
          })}
        </p>
        {jobs.lastFailures.length === 0 ? (
          <p>{t('figures.jobs.noFailures')}</p>
        ) : (
          <>
            <TableRegion caption={t('figures.jobs.caption')} captionHidden stack>
              <thead>
                <tr>
                  <th scope="col">{t('figures.jobs.kind')}</th>
                  <th scope="col">{t('figures.jobs.failedAt')}</th>
                  <th scope="col">{t('figures.jobs.attempts')}</th>
                  <th scope="col">{t('figures.jobs.message')}</th>
                </tr>
              </thead>
              <tbody>
                {jobs.lastFailures.map((job, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: failures never reorder within one reply
                  <tr key={i}>
                    <th scope="row">{job.name}</th>
                    <td data-label={t('figures.jobs.failedAt')}>{day(job.failedAt)}</td>
                    <td data-label={t('figures.jobs.attempts')}>{job.attempts}</td>
                    <td data-label={t('figures.jobs.message')} className="figures-message">
                      {job.message ?? <None />}
                    </td>
                  </tr>
                ))}
              </tbody>
            </TableRegion>
            <Downloads {...operatorDownloads(scope, 'jobFailures')} what={failuresTitle} />
          </>
        )}
      </section>
      <section className="chart-panel" aria-labelledby="storage-title">
        <h2 id="storage-title">{t('figures.storage.title')}</h2>
        <dl className="figures-facts">
          <div>
            <dt>{t('figures.storage.kind')}</dt>
            <dd>{t(`figures.storage.${storage.kind}`)}</dd>
          </div>
          <div>
            <dt>{t('figures.storage.files')}</dt>
            <dd>
              {storage.fileBytes === null
                ? t('figures.operator.notAvailable')
                : t(storage.filesComplete ? 'figures.storage.filesValue' : 'figures.storage.filesAtLeast', {
                    size: f.bytes(storage.fileBytes),
                    count: storage.files ?? 0,
                  })}
            </dd>
          </div>
          <div>
            <dt>{t('figures.storage.database')}</dt>
            <dd>{size(storage.databaseBytes)}</dd>
          </div>
        </dl>
      </section>
      <section className="chart-panel" aria-labelledby="versions-title">
        <h2 id="versions-title">{t('figures.versions.title')}</h2>
        <dl className="figures-facts">
          <div>
            <dt>{t('figures.versions.app')}</dt>
            <dd>{versions.app}</dd>
          </div>
          <div>
            <dt>{t('figures.versions.node')}</dt>
            <dd>{versions.node}</dd>
          </div>
          <div>
            <dt>{t('figures.versions.database')}</dt>
            <dd>
              {t(`figures.versions.${versions.database.engine}`)} {versions.database.version}
            </dd>
          </div>
          <div>
            <dt>{t('figures.versions.migrations')}</dt>
            <dd>
              {t('figures.versions.migrationsValue', {
                count: versions.migrations.applied,
                latest: versions.migrations.latest ?? '—',
              })}
            </dd>
          </div>
        </dl>
      </section>
    </>
  );
}
