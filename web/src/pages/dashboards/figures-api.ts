// The dashboards' figures as the app sees them: the issuer's (GET /orgs/{orgId}/figures) and the platform
// operator's (GET /operate/figures). Shapes are generated from the API description (api-types.ts; the
// server's src/reports/schemas.ts, docs/dashboards.md).
import { useQuery } from '@tanstack/react-query';
import { type ApiQuery, type ApiResult, api } from '../../api.ts';

export type IssuerFigures = ApiResult<'getOrgsByOrgIdFigures'>;
export type OperatorFigures = ApiResult<'getOperateFigures'>;
export type Period = IssuerFigures['period'];
export type Interval = Period['interval'];
export type PeriodQuery = Pick<ApiQuery<'getOrgsByOrgIdFigures'>, 'from' | 'to' | 'interval'>;
export type IssuerTable = NonNullable<ApiQuery<'getOrgsByOrgIdFigures'>['table']>;
export type OperatorTable = NonNullable<ApiQuery<'getOperateFigures'>['table']>;

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
