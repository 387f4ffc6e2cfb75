// The dashboards' figures as the app sees them: the issuer's (GET /orgs/{orgId}/figures) and the platform
// operator's (GET /operate/figures). Shapes follow src/reports/schemas.ts (docs/dashboards.md).
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api.ts';

export type Interval = 'month' | 'week';

export interface PeriodQuery {
  from?: string;
  to?: string;
  interval?: Interval;
}

export interface Period {
  from: string;
  to: string;
  interval: Interval;
}

export interface AwardCounts {
  issued: number;
  offered: number;
  accepted: number;
  declined: number;
  awaitingFee: number;
  sharedPublicly: number;
}

export interface IssuerFigures {
  period: Period;
  awards: {
    totals: AwardCounts;
    overTime: Array<AwardCounts & { period: string }>;
    expiringSoon: {
      days: number;
      total: number;
      first: Array<{ awardId: string; badgeName: string; recipient: string; validUntil: string }>;
    };
  };
  learning: {
    enrolments: number;
    completions: number;
    medianDaysToComplete: number | null;
    overTime: Array<{ period: string; enrolments: number; completions: number }>;
    perCourse: Array<{
      courseId: string;
      title: string;
      enrolments: number;
      completions: number;
      medianDaysToComplete: number | null;
    }>;
  };
  badges: Array<
    Omit<AwardCounts, 'sharedPublicly'> & { badgeId: string; name: string; acceptanceRate: number | null }
  >;
  reviewQueue: {
    pending: number;
    oldestAgeDays: number | null;
    medianAgeDays: number | null;
    overTime: Array<{ period: string; submitted: number; reviewed: number }>;
  };
}

export interface OperatorFigures {
  period: Period;
  organizations: { total: number; issuers: number; employers: number };
  users: {
    total: number;
    verified: number;
    operators: number;
    overTime: Array<{ period: string; users: number }>;
  };
  jobs: {
    queued: number;
    running: number;
    completedLastDay: number;
    failedLastDay: number;
    failedLastWeek: number;
    lastFailures: Array<{ name: string; failedAt: string; attempts: number; message: string | null }>;
  };
  mail: {
    transport: 'smtp' | 'outbox';
    queued: number;
    sent: number;
    failed: number;
    sentLastDay: number;
    failedLastWeek: number;
    inOutbox: number;
    bounced: null;
    overTime: Array<{ period: string; sent: number; failed: number; queued: number }>;
  };
  storage: {
    kind: 'local' | 's3';
    fileBytes: number | null;
    files: number | null;
    filesComplete: boolean;
    databaseBytes: number | null;
  };
  versions: {
    app: string;
    node: string;
    database: { engine: 'pglite' | 'postgresql'; version: string };
    migrations: { applied: number; latest: string | null };
  };
}

export type IssuerTable =
  | 'awardsOverTime'
  | 'expiringSoon'
  | 'learningOverTime'
  | 'courses'
  | 'badges'
  | 'reviewsOverTime';
export type OperatorTable = 'usersOverTime' | 'mailOverTime' | 'jobFailures';

function query(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : '';
}

const issuerPath = (orgId: string) => `/api/v1/orgs/${orgId}/figures`;
const operatorPath = '/api/v1/operate/figures';

/** The CSV and JSON download addresses of one table (plain links, followed with the session cookie). */
export function issuerDownloads(orgId: string, q: PeriodQuery, table: IssuerTable) {
  return {
    csv: `${issuerPath(orgId)}${query({ ...q, format: 'csv', table })}`,
    json: `${issuerPath(orgId)}${query({ ...q, format: 'json' })}`,
  };
}

export function operatorDownloads(q: PeriodQuery, table: OperatorTable) {
  return {
    csv: `${operatorPath}${query({ ...q, format: 'csv', table })}`,
    json: `${operatorPath}${query({ ...q, format: 'json' })}`,
  };
}

export function useIssuerFigures(orgId: string, q: PeriodQuery) {
  return useQuery({
    queryKey: ['figures', 'issuer', orgId, q],
    queryFn: () => api<IssuerFigures>(`${issuerPath(orgId)}${query({ ...q })}`),
  });
}

export function useOperatorFigures(q: PeriodQuery) {
  return useQuery({
    queryKey: ['figures', 'operator', q],
    queryFn: () => api<OperatorFigures>(`${operatorPath}${query({ ...q })}`),
  });
}

/** The period in the address (`?from&to&interval`), so a view can be shared and reloaded. */
export function periodOfParams(params: URLSearchParams): PeriodQuery {
  const q: PeriodQuery = {};
  for (const key of ['from', 'to'] as const) {
    const value = params.get(key);
    if (value) q[key] = value;
  }
  const interval = params.get('interval');
  if (interval === 'month' || interval === 'week') q.interval = interval;
  return q;
}
