// The employer's overview (/employ): what the people in scope share over a period — figure cards, badges
// and skills gained over time, badges per person, sponsored learning per course and the badges about to
// expire — each chart followed by the same figures as a table and their CSV and JSON downloads. The period,
// interval and team live in the address, so a view can be shared and reloaded. Counts only what each active
// person shares now (the API decides; docs/employer-analytics.md).
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { fieldId } from '../../components/Field.tsx';
import { SelectField } from '../../components/Inputs.tsx';
import { Page, Status } from '../../components/Page.tsx';
import { describeProblem } from '../../forms.ts';
import { publicPages } from '../../insights.ts';
import { activeMembership, type Session } from '../../session.ts';
import {
  type Analytics,
  type AnalyticsQuery,
  type AnalyticsTable,
  figuresDownload,
  type Interval,
  type TeamOption,
  useAnalytics,
  useTeams,
} from '../../workforce-analytics.ts';
import { ChartPanel, EmptyState, PeriodPanel, RankingChart, SERIES_COLOURS, useDay } from './charts.tsx';
import { EmployNav } from './EmployNav.tsx';
import { RequireEmployer } from './RequireEmployer.tsx';
import '../shop/shop.css';
import './analytics.css';
import { DataTable } from '../../components/DataTable.tsx';
import { Skeleton } from '../../components/Skeleton.tsx';
import { Expiring, Learning } from './OverviewSections.tsx';

/** The ranking chart names this many people; the table under it lists everyone. */
export const TOP_PEOPLE = 15;

export function OverviewPage() {
  return (
    <RequireEmployer>{(orgId, session) => <Overview orgId={orgId} session={session} />}</RequireEmployer>
  );
}

function queryOf(params: URLSearchParams): AnalyticsQuery {
  const q: AnalyticsQuery = {};
  for (const key of ['from', 'to', 'teamId'] as const) {
    const value = params.get(key);
    if (value) q[key] = value;
  }
  const interval = params.get('interval');
  if (interval === 'month' || interval === 'week') q.interval = interval;
  return q;
}

function Overview({ orgId, session }: { orgId: string; session: Session }) {
  const { t } = useTranslation();
  const membership = activeMembership(session);
  const [params, setParams] = useSearchParams();
  const q = queryOf(params);
  const figures = useAnalytics(orgId, q);
  const teams = useTeams(orgId);
  return (
    // The employer's home page: it keeps the dashboard's heading and says which organization is active.
    <Page title={t('dashboard.employer.title')}>
      <EmployNav />
      {membership && (
        <p>
          {t('dashboard.inOrg', { org: membership.org.name, role: t(`orgSwitcher.role.${membership.role}`) })}
        </p>
      )}
      <PeriodForm
        key={JSON.stringify(q)}
        q={q}
        reply={figures.data}
        teams={teams.data?.items ?? []}
        onChange={(next) =>
          setParams(Object.fromEntries(Object.entries(next).filter(([, v]) => v)) as Record<string, string>)
        }
      />
      {figures.isPending && <Skeleton lines={2} cards={3} />}
      {figures.isError && <Status tone="error">{describeProblem(t, figures.error)}</Status>}
      {figures.data && <Figures orgId={orgId} data={figures.data} />}
    </Page>
  );
}

function PeriodForm({
  q,
  reply,
  teams,
  onChange,
}: {
  q: AnalyticsQuery;
  reply: Analytics | undefined;
  teams: TeamOption[];
  onChange: (q: AnalyticsQuery) => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<AnalyticsQuery>(q);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    onChange({
      ...draft,
      from: draft.from ?? reply?.period.from,
      to: draft.to ?? reply?.period.to,
    });
  };
  const dateInput = (key: 'from' | 'to') => (
    <div className="field">
      <label htmlFor={fieldId(key)}>{t(`analytics.filters.${key}`)}</label>
      <input
        id={fieldId(key)}
        name={key}
        type="date"
        value={draft[key] ?? reply?.period[key] ?? ''}
        onChange={(event) => setDraft((d) => ({ ...d, [key]: event.target.value }))}
      />
    </div>
  );
  return (
    <form className="filter-row" aria-label={t('analytics.filters.label')} onSubmit={onSubmit}>
      {dateInput('from')}
      {dateInput('to')}
      <SelectField
        name="interval"
        label={t('analytics.filters.interval')}
        value={draft.interval ?? reply?.period.interval ?? 'month'}
        onChange={(interval) => setDraft((d) => ({ ...d, interval: interval as Interval }))}
      >
        <option value="month">{t('analytics.filters.month')}</option>
        <option value="week">{t('analytics.filters.week')}</option>
      </SelectField>
      <SelectField
        name="teamId"
        label={t('analytics.filters.team')}
        value={draft.teamId ?? ''}
        onChange={(teamId) => setDraft((d) => ({ ...d, teamId }))}
      >
        <option value="">{t('analytics.filters.everyone')}</option>
        {teams.map((team) => (
          <option key={team.id} value={team.id}>
            {team.name}
          </option>
        ))}
      </SelectField>
      <button type="submit">{t('analytics.filters.show')}</button>
    </form>
  );
}

function Figures({ orgId, data }: { orgId: string; data: Analytics }) {
  const { t } = useTranslation();
  const day = useDay();
  const scope: AnalyticsQuery = {
    from: data.period.from,
    to: data.period.to,
    interval: data.period.interval,
    ...(data.team ? { teamId: data.team.id } : {}),
  };
  const file = (table: AnalyticsTable) => ({
    csv: figuresDownload(orgId, scope, table, 'csv'),
    json: figuresDownload(orgId, scope, table, 'json'),
  });
  return (
    <>
      <p className="analytics-scope">
        {t(data.team ? 'analytics.overview.scopeTeam' : 'analytics.overview.scopeAll', {
          from: day(data.period.from),
          to: day(data.period.to),
          team: data.team?.name,
        })}
      </p>
      <OverviewFigures data={data} />
      {data.people === 0 ? (
        <EmptyState title={t('analytics.empty.noPeople')} text={t('analytics.empty.noPeopleText')}>
          {data.team ? (
            <Link to="/employ/teams">{t('analytics.empty.toTeams')}</Link>
          ) : (
            <Link to="/employ/people">{t('analytics.empty.invite')}</Link>
          )}
        </EmptyState>
      ) : data.sharingPeople === 0 ? (
        <EmptyState title={t('analytics.empty.noSharing')} text={t('analytics.empty.noSharingText')}>
          <Link to="/employ/people">{t('analytics.empty.invite')}</Link>
        </EmptyState>
      ) : (
        <>
          <PeriodPanel
            kind="columns"
            title={t('analytics.badgesOverTime.title')}
            description={t('analytics.badgesOverTime.desc', { total: data.badges.total })}
            caption={t('analytics.badgesOverTime.caption')}
            interval={data.period.interval}
            series={{ label: t('analytics.badgesOverTime.count'), colour: SERIES_COLOURS.blue }}
            points={data.badges.overTime.map((row) => ({ period: row.period, value: row.count }))}
            {...file('badgesOverTime')}
          />
          <PeriodPanel
            kind="line"
            title={t('analytics.skillsOverTime.title')}
            lead={<p>{t('analytics.skillsOverTime.lead')}</p>}
            description={t('analytics.skillsOverTime.desc')}
            caption={t('analytics.skillsOverTime.caption')}
            interval={data.period.interval}
            series={{ label: t('analytics.skillsOverTime.gained'), colour: SERIES_COLOURS.green }}
            points={data.skills.overTime.map((row) => ({ period: row.period, value: row.gained }))}
            {...file('skillsOverTime')}
          />
          <ChartPanel
            title={t('analytics.perEmployee.title')}
            lead={
              data.people > data.badges.perEmployee.length ? (
                <p>
                  {t('analytics.perEmployee.leadTop', {
                    count: TOP_PEOPLE,
                    listed: data.badges.perEmployee.length,
                    people: data.people,
                  })}
                </p>
              ) : data.badges.perEmployee.length > TOP_PEOPLE ? (
                <p>{t('analytics.perEmployee.lead', { count: TOP_PEOPLE })}</p>
              ) : undefined
            }
            chart={
              <RankingChart
                title={t('analytics.perEmployee.title')}
                description={t('analytics.perEmployee.desc')}
                data={data.badges.perEmployee.slice(0, TOP_PEOPLE).map((row) => ({ ...row }))}
                categoryKey="name"
                series={[
                  { key: 'count', label: t('analytics.perEmployee.count'), colour: SERIES_COLOURS.blue },
                ]}
              />
            }
            caption={t('analytics.perEmployee.caption')}
            table={
              <DataTable
                header={[t('analytics.perEmployee.person'), t('analytics.perEmployee.count')]}
                rows={data.badges.perEmployee.map((row) => [row.name, row.count])}
              />
            }
            {...file('badgesPerEmployee')}
          />
          <TopSkills data={data} />
        </>
      )}
      <Learning data={data} file={file('learning')} />
      <Expiring data={data} file={file('expiringSoon')} />
    </>
  );
}

/** The figure cards: who is in scope, what they earned, how sponsored learning went, what expires. */
function OverviewFigures({ data }: { data: Analytics }) {
  const { t, i18n } = useTranslation();
  const { completionRate, medianDaysToComplete } = data.learning;
  const percent = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 0 });
  const none = (
    <>
      <span aria-hidden="true">—</span>
      <span className="visually-hidden">{t('analytics.figures.none')}</span>
    </>
  );
  const cards: Array<{ key: string; value: ReactNode; note?: string }> = [
    { key: 'people', value: data.people },
    { key: 'sharing', value: data.sharingPeople },
    { key: 'badges', value: data.badges.total },
    {
      key: 'completionRate',
      value: completionRate === null ? none : percent.format(completionRate),
      note: t('analytics.figures.completionNote', {
        completed: data.learning.completed,
        started: data.learning.started,
      }),
    },
    {
      key: 'medianDays',
      value: medianDaysToComplete === null ? none : medianDaysToComplete,
    },
    {
      key: 'expiring',
      value: data.renewals.expiringSoonTotal,
      note: t('analytics.figures.expiredNote', { count: data.renewals.expired }),
    },
  ];
  return (
    <dl className="analytics-figures">
      {cards.map((card) => (
        <div key={card.key} className="analytics-figure" data-figure={card.key}>
          <dt>{t(`analytics.figures.${card.key}`)}</dt>
          <dd className="analytics-figure__value">{card.value}</dd>
          {card.note && <dd className="analytics-figure__note">{card.note}</dd>}
        </div>
      ))}
    </dl>
  );
}

function TopSkills({ data }: { data: Analytics }) {
  const { t } = useTranslation();
  if (data.skills.top.length === 0) return null;
  return (
    <section className="chart-panel" aria-labelledby="top-skills-title">
      <h2 id="top-skills-title">{t('analytics.topSkills.title')}</h2>
      <ol className="top-skills">
        {data.skills.top.map((skill) => (
          <li key={`${skill.framework}:${skill.code}`}>
            <a href={publicPages.skill(skill)}>{skill.label}</a>{' '}
            <span className="muted">{t('analytics.topSkills.people', { count: skill.people })}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
