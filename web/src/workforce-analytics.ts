// Employer analytics as the app sees it: the figures of a period (badges, skills, learning, renewals) and
// the skill-gap heat map of people against their role profiles, plus the teams and role profiles to pick
// from. Shapes come from the OpenAPI description (src/workforce/analytics-routes.ts,
// docs/employer-analytics.md).
import { useQuery } from '@tanstack/react-query';
import { type ApiQuery, type ApiResult, api, type Item } from './api.ts';

export type Analytics = ApiResult<'getOrgsByOrgIdAnalytics'>;
export type Interval = Analytics['period']['interval'];
export type EmployeeCount = Item<Analytics['badges']['perEmployee']>;
/** `period`: `2026-01` (month) or `2026-W05` (ISO week). */
export type PeriodCount = Item<Analytics['badges']['overTime']>;
export type PeriodGained = Item<Analytics['skills']['overTime']>;
export type TopSkill = Item<Analytics['skills']['top']>;
export type Framework = TopSkill['framework'];
export type CourseProgress = Item<Analytics['learning']['perCourse']>;
export type ExpiringBadge = Item<Analytics['renewals']['expiringSoon']>;

export type GapMap = ApiResult<'getOrgsByOrgIdAnalyticsGap'>;
export type GapSkill = Item<GapMap['skills']>;
export type GapPerson = Item<GapMap['people']>;
export type GapCell = Item<GapPerson['cells']>;
export type TeamGap = Item<GapMap['team']>;
export type Closer = Item<Item<GapMap['closers']>['items']>;

/** The page's choice of period and team; the format and table of a download are added apart. */
export type AnalyticsQuery = Omit<ApiQuery<'getOrgsByOrgIdAnalytics'>, 'format' | 'table'>;
export type GapQuery = Omit<ApiQuery<'getOrgsByOrgIdAnalyticsGap'>, 'format' | 'table'>;
export type AnalyticsTable = NonNullable<ApiQuery<'getOrgsByOrgIdAnalytics'>['table']>;

/** The teams and role profiles the selectors list. */
export type TeamOption = Item<ApiResult<'getOrgsByOrgIdTeams'>['items']>;
export type RoleOption = Item<ApiResult<'getOrgsByOrgIdRoleProfiles'>['items']>;

const org = (orgId: string) => `/api/v1/orgs/${orgId}`;

function query(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : '';
}

export const analyticsApi = {
  figures: (orgId: string, q: AnalyticsQuery) => api<Analytics>(`${org(orgId)}/analytics${query({ ...q })}`),
  gap: (orgId: string, q: GapQuery) => api<GapMap>(`${org(orgId)}/analytics/gap${query({ ...q })}`),
  teams: (orgId: string) => api<ApiResult<'getOrgsByOrgIdTeams'>>(`${org(orgId)}/teams`),
  roles: (orgId: string) => api<ApiResult<'getOrgsByOrgIdRoleProfiles'>>(`${org(orgId)}/role-profiles`),
};

/**
 * Download addresses of one table: plain links the browser follows with the session cookie, so the file
 * is the API's own answer (CSV made safe for spreadsheets on the server).
 */
export function figuresDownload(
  orgId: string,
  q: AnalyticsQuery,
  table: AnalyticsTable,
  format: 'csv' | 'json',
) {
  return `${org(orgId)}/analytics${query({ ...q, format, table })}`;
}

export function gapDownload(orgId: string, q: GapQuery, format: 'csv' | 'json') {
  return `${org(orgId)}/analytics/gap${query({ ...q, format, table: 'heatmap' })}`;
}

export const analyticsKeys = {
  figures: (orgId: string, q: AnalyticsQuery) => ['analytics', orgId, 'figures', q] as const,
  gap: (orgId: string, q: GapQuery) => ['analytics', orgId, 'gap', q] as const,
  teams: (orgId: string) => ['analytics', orgId, 'teams'] as const,
  roles: (orgId: string) => ['analytics', orgId, 'roles'] as const,
};

export function useAnalytics(orgId: string, q: AnalyticsQuery) {
  return useQuery({
    queryKey: analyticsKeys.figures(orgId, q),
    queryFn: () => analyticsApi.figures(orgId, q),
  });
}

export function useGapMap(orgId: string, q: GapQuery) {
  return useQuery({ queryKey: analyticsKeys.gap(orgId, q), queryFn: () => analyticsApi.gap(orgId, q) });
}

export function useTeams(orgId: string) {
  return useQuery({ queryKey: analyticsKeys.teams(orgId), queryFn: () => analyticsApi.teams(orgId) });
}

export function useRoles(orgId: string) {
  return useQuery({ queryKey: analyticsKeys.roles(orgId), queryFn: () => analyticsApi.roles(orgId) });
}
