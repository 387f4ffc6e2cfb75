// Employer analytics as the app sees it: the figures of a period (badges, skills, learning, renewals) and
// the skill-gap heat map of people against their role profiles, plus the teams and role profiles to pick
// from. Shapes follow the analytics API (src/workforce/analytics-routes.ts, docs/employer-analytics.md).
import { useQuery } from '@tanstack/react-query';
import { api } from './api.ts';

export type Framework = 'onet' | 'esco';
export type Interval = 'month' | 'week';

export interface EmployeeCount {
  employeeId: string;
  name: string;
  count: number;
}

export interface PeriodCount {
  /** `2026-01` (month) or `2026-W05` (ISO week). */
  period: string;
  count: number;
}

export interface PeriodGained {
  period: string;
  gained: number;
}

export interface TopSkill {
  framework: Framework;
  code: string;
  label: string;
  people: number;
}

export interface CourseProgress {
  courseId: string;
  title: string;
  started: number;
  completed: number;
}

export interface ExpiringBadge {
  employeeId: string;
  name: string;
  badgeName: string;
  validUntil: string;
}

export interface Analytics {
  period: { from: string; to: string; interval: Interval };
  team: { id: string; name: string } | null;
  /** Active people in scope. */
  people: number;
  /** Of them, how many share anything. */
  sharingPeople: number;
  badges: {
    total: number;
    /** The people with most badges (at most 50; the CSV download lists everyone). */
    perEmployee: EmployeeCount[];
    /** How many people have each number of badges, fewest first. */
    distribution: Array<{ badges: number; people: number }>;
    overTime: PeriodCount[];
  };
  skills: { overTime: PeriodGained[]; top: TopSkill[] };
  learning: {
    started: number;
    completed: number;
    completionRate: number | null;
    medianDaysToComplete: number | null;
    perCourse: CourseProgress[];
  };
  /** expiringSoon: the soonest 50; expiringSoonTotal: how many in all (the CSV download lists them all). */
  renewals: { expiringSoon: ExpiringBadge[]; expiringSoonTotal: number; expired: number };
}

export interface GapSkill {
  framework: Framework;
  code: string;
  label: string;
  importance: number;
  requiredLevel: number;
}

export interface GapCell {
  code: string;
  required: number | null;
  evidenced: number | null;
  gap: number | null;
}

export interface GapPerson {
  employeeId: string;
  name: string;
  roles: Array<{ id: string; name: string }>;
  cells: GapCell[];
}

export interface TeamGap {
  code: string;
  averageGap: number;
  peopleWithGap: number;
}

export interface Closer {
  kind: 'course' | 'badge';
  id: string;
  name: string;
  issuer: string;
  level?: number;
  closes: boolean;
  bundle: { badgeId: string; priceMinor: number; currency: string } | null;
}

export interface GapMap {
  skills: GapSkill[];
  people: GapPerson[];
  team: TeamGap[];
  closers: Array<{ framework: Framework; code: string; items: Closer[] }>;
}

export interface AnalyticsQuery {
  from?: string;
  to?: string;
  teamId?: string;
  interval?: Interval;
}

export interface GapQuery {
  teamId?: string;
  roleId?: string;
}

export type AnalyticsTable =
  | 'badgesPerEmployee'
  | 'badgesOverTime'
  | 'skillsOverTime'
  | 'learning'
  | 'expiringSoon';

/** The teams and role profiles as the selectors need them (the API returns more). */
export interface TeamOption {
  id: string;
  name: string;
  members: Array<{ employeeId: string; name: string }>;
}

export interface RoleOption {
  id: string;
  name: string;
}

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
  teams: (orgId: string) => api<{ items: TeamOption[] }>(`${org(orgId)}/teams`),
  roles: (orgId: string) => api<{ items: RoleOption[] }>(`${org(orgId)}/role-profiles`),
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
