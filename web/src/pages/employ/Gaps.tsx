// The skill-gap heat map (/employ/gaps): people against the skills their role profiles need, each cell the
// required level minus the level their shared badges show, as a number on a colour scale (the number
// carries it; colour only repeats it), the average gap of everyone shown, and for each skill with a gap the
// courses and badges that close it with a "Sponsor" link for the people who have that gap. Team and role live
// in the address.
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { SelectField } from '../../components/Inputs.tsx';
import { useMoney } from '../../components/Money.tsx';
import { Page, Status } from '../../components/Page.tsx';
import { TableRegion } from '../../components/TableRegion.tsx';
import { describeProblem } from '../../forms.ts';
import {
  type Closer,
  type GapMap,
  type GapQuery,
  type GapSkill,
  gapDownload,
  type RoleOption,
  type TeamOption,
  useGapMap,
  useRoles,
  useTeams,
} from '../../workforce-analytics.ts';
import { Downloads, EmptyState } from './charts.tsx';
import { EmployNav } from './EmployNav.tsx';
import { RequireEmployer } from './RequireEmployer.tsx';
import '../shop/shop.css';
import './analytics.css';
import { Skeleton } from '../../components/Skeleton.tsx';

/** Upper bounds of the colour steps (a gap above the last is the darkest step). */
const STEPS = [0, 1, 2, 3, 4] as const;

/** The colour step of a gap: 0 none, 1 up to one level, … 5 more than four levels. */
export function heatStep(gap: number): number {
  const step = STEPS.findIndex((bound) => gap <= bound);
  return step === -1 ? STEPS.length : step;
}

export function GapsPage() {
  return <RequireEmployer>{(orgId) => <Gaps orgId={orgId} />}</RequireEmployer>;
}

function queryOf(params: URLSearchParams): GapQuery {
  const q: GapQuery = {};
  for (const key of ['teamId', 'roleId'] as const) {
    const value = params.get(key);
    if (value) q[key] = value;
  }
  return q;
}

function Gaps({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = queryOf(params);
  const map = useGapMap(orgId, q);
  const teams = useTeams(orgId);
  const roles = useRoles(orgId);
  return (
    <Page title={t('analytics.gaps.title')}>
      <EmployNav />
      <p className="lead">{t('analytics.gaps.lead')}</p>
      <ScopeForm
        key={JSON.stringify(q)}
        q={q}
        teams={teams.data?.items ?? []}
        roles={roles.data?.items ?? []}
        onChange={(next) =>
          setParams(Object.fromEntries(Object.entries(next).filter(([, v]) => v)) as Record<string, string>)
        }
      />
      {map.isPending && <Skeleton rows={5} />}
      {map.isError && <Status tone="error">{describeProblem(t, map.error)}</Status>}
      {map.data &&
        (map.data.people.length === 0 || map.data.skills.length === 0 ? (
          <EmptyState title={t('analytics.gaps.emptyTitle')} text={t('analytics.gaps.emptyText')}>
            <Link to="/employ/roles">{t('analytics.gaps.toRoles')}</Link>
          </EmptyState>
        ) : (
          <>
            <HeatMap map={map.data} />
            <Downloads
              csv={gapDownload(orgId, q, 'csv')}
              json={gapDownload(orgId, q, 'json')}
              what={t('analytics.gaps.mapTitle')}
            />
            <ClosersList map={map.data} />
          </>
        ))}
    </Page>
  );
}

function ScopeForm({
  q,
  teams,
  roles,
  onChange,
}: {
  q: GapQuery;
  teams: TeamOption[];
  roles: RoleOption[];
  onChange: (q: GapQuery) => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<GapQuery>(q);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    onChange(draft);
  };
  return (
    <form className="filter-row" aria-label={t('analytics.gaps.scopeLabel')} onSubmit={onSubmit}>
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
      <SelectField
        name="roleId"
        label={t('analytics.gaps.role')}
        value={draft.roleId ?? ''}
        onChange={(roleId) => setDraft((d) => ({ ...d, roleId }))}
      >
        <option value="">{t('analytics.gaps.allRoles')}</option>
        {roles.map((role) => (
          <option key={role.id} value={role.id}>
            {role.name}
          </option>
        ))}
      </SelectField>
      <button type="submit">{t('analytics.filters.show')}</button>
    </form>
  );
}

/** Skills most important first, then the higher required level (the API's order, kept if it ever varies). */
function ordered(skills: GapSkill[]): GapSkill[] {
  return [...skills].sort((a, b) => b.importance - a.importance || b.requiredLevel - a.requiredLevel);
}

function useLevel(): (value: number) => string {
  const { i18n } = useTranslation();
  const format = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  return (value) => format.format(value);
}

function HeatMap({ map }: { map: GapMap }) {
  const { t } = useTranslation();
  const level = useLevel();
  const skills = ordered(map.skills);
  const team = new Map(map.team.map((entry) => [entry.code, entry]));
  const notRequired = (
    <>
      <span aria-hidden="true">—</span>
      <span className="visually-hidden">{t('analytics.gaps.notRequired')}</span>
    </>
  );
  return (
    <section aria-labelledby="heatmap-title">
      <h2 id="heatmap-title">{t('analytics.gaps.mapTitle')}</h2>
      <p>{t('analytics.gaps.explain')}</p>
      {/* The caption's words stay in view above the scroll container (a caption inside it scrolls sideways
          with the skills on a phone); the table keeps its caption for assistive technology. */}
      <p className="heatmap__caption" aria-hidden="true">
        {t('analytics.gaps.caption')}
      </p>
      <TableRegion caption={t('analytics.gaps.caption')} captionHidden tableClassName="heatmap">
        <thead>
          <tr>
            <th scope="col">{t('analytics.gaps.person')}</th>
            {skills.map((skill) => (
              <th key={skill.code} scope="col" className="heatmap__skill">
                {skill.label}
                <span className="heatmap__meta">
                  {t('analytics.gaps.skillMeta', {
                    importance: level(skill.importance),
                    level: level(skill.requiredLevel),
                  })}
                </span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {map.people.map((person) => {
            const cells = new Map(person.cells.map((cell) => [cell.code, cell]));
            return (
              <tr key={person.employeeId}>
                <th scope="row">
                  {person.name}
                  <span className="heatmap__meta">{person.roles.map((role) => role.name).join(', ')}</span>
                </th>
                {skills.map((skill) => {
                  const cell = cells.get(skill.code);
                  if (!cell || cell.gap === null || cell.required === null)
                    return (
                      <td key={skill.code} className="num heat heat--none">
                        {notRequired}
                      </td>
                    );
                  return (
                    <td
                      key={skill.code}
                      className={`num heat heat--${heatStep(cell.gap)}`}
                      data-skill={skill.code}
                      title={t('analytics.gaps.cellTitle', {
                        required: level(cell.required),
                        evidenced: level(cell.evidenced ?? 0),
                      })}
                    >
                      {level(cell.gap)}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('analytics.gaps.average')}</th>
            {skills.map((skill) => {
              const entry = team.get(skill.code);
              if (!entry)
                return (
                  <td key={skill.code} className="num heat heat--none">
                    {notRequired}
                  </td>
                );
              return (
                <td key={skill.code} className={`num heat heat--${heatStep(entry.averageGap)}`}>
                  {level(entry.averageGap)}
                  <span className="heatmap__meta">
                    {t('analytics.gaps.peopleWithGap', { count: entry.peopleWithGap })}
                  </span>
                </td>
              );
            })}
          </tr>
        </tfoot>
      </TableRegion>
      <HeatLegend />
    </section>
  );
}

function HeatLegend() {
  const { t } = useTranslation();
  return (
    <ul className="heat-legend" aria-label={t('analytics.gaps.legend')}>
      {[0, 1, 2, 3, 4, 5].map((step) => (
        <li key={step}>
          <span className={`heat-legend__swatch heat heat--${step}`} aria-hidden="true" />
          {t(`analytics.gaps.step${step}`)}
        </li>
      ))}
    </ul>
  );
}

/** For each skill someone lacks: what closes it, with a Sponsor link for exactly the people who lack it. */
function ClosersList({ map }: { map: GapMap }) {
  const { t } = useTranslation();
  const withItems = map.closers.filter((entry) => entry.items.length > 0);
  const labels = new Map(map.skills.map((skill) => [skill.code, skill.label]));
  return (
    <section aria-labelledby="closers-title">
      <h2 id="closers-title">{t('analytics.gaps.closersTitle')}</h2>
      {withItems.length === 0 ? (
        <p>{t('analytics.gaps.noClosers')}</p>
      ) : (
        withItems.map((entry) => {
          const people = map.people.filter((person) =>
            person.cells.some((cell) => cell.code === entry.code && (cell.gap ?? 0) > 0),
          );
          const skill = labels.get(entry.code) ?? entry.code;
          return (
            <article key={`${entry.framework}:${entry.code}`} className="closer">
              <h3>{skill}</h3>
              <p className="muted">
                {t('analytics.gaps.whoLacks', {
                  count: people.length,
                  names: people.map((person) => person.name).join(', '),
                })}
              </p>
              <ul className="closer__items">
                {entry.items.map((item) => (
                  <CloserItem
                    key={`${item.kind}:${item.id}`}
                    item={item}
                    employeeIds={people.map((p) => p.employeeId)}
                  />
                ))}
              </ul>
            </article>
          );
        })
      )}
    </section>
  );
}

/** The sponsor page's address: a bundle by its badge, or a course, for these people. */
export function sponsorHref(item: Closer, employeeIds: string[]): string | null {
  const search = new URLSearchParams();
  if (item.kind === 'course') search.set('course', item.id);
  else if (item.bundle) search.set('badge', item.bundle.badgeId);
  else return null;
  for (const id of employeeIds) search.append('employee', id);
  return `/employ/sponsor?${search.toString()}`;
}

function CloserItem({ item, employeeIds }: { item: Closer; employeeIds: string[] }) {
  const { t } = useTranslation();
  const money = useMoney(item.bundle?.currency);
  const href = sponsorHref(item, employeeIds);
  return (
    <li>
      <span className="closer__kind">{t(`analytics.gaps.kind.${item.kind}`)}</span>{' '}
      <strong>{item.name}</strong>{' '}
      <span className="muted">
        {t('analytics.gaps.by', { issuer: item.issuer })}
        {item.level !== undefined && ` · ${t('analytics.gaps.level', { level: item.level })}`}
        {` · ${t(item.closes ? 'analytics.gaps.closes' : 'analytics.gaps.narrows')}`}
        {item.bundle && ` · ${t('analytics.gaps.bundlePrice', { price: money(item.bundle.priceMinor) })}`}
        {!href && ` · ${t('analytics.gaps.notForSale')}`}
      </span>
      {href && (
        <>
          {' · '}
          <Link to={href} className="closer__sponsor">
            {t('analytics.gaps.sponsor')}
            <span className="visually-hidden">
              {t('analytics.gaps.sponsorFor', { name: item.name, count: employeeIds.length })}
            </span>
          </Link>
        </>
      )}
    </li>
  );
}
