// Insights in the app: related occupations (for skills, one award, or the whole backpack), occupations by
// title, the learner's target occupation and the gap to it. Shapes come from the OpenAPI description
// (src/insights, docs/insights.md).
import type { QueryClient } from '@tanstack/react-query';
import { type ApiBody, ApiProblem, type ApiResult, api, type Item } from './api.ts';

export type OccupationRef = ApiBody<'putMeTargetOccupation'>;
export type Framework = OccupationRef['framework'];
export type SkillQuery = Item<NonNullable<ApiBody<'postInsightsOccupations'>['skills']>>;

/**
 * Exactly one input: framework concepts, one award's badge, or the learner's whole backpack. The server
 * refuses any other mix, which its description cannot say: the union narrows the generated body.
 */
export type OccupationsInput = ApiBody<'postInsightsOccupations'> &
  ({ skills: SkillQuery[] } | { awardId: string } | { backpack: true });

export type RelatedOccupations = ApiResult<'postInsightsOccupations'>;
export type RelatedOccupation = Item<RelatedOccupations['items']>;
export type MatchedSkill = Item<RelatedOccupation['matched']>;
export type MissingSkill = Item<RelatedOccupation['missing']>;
export type Technology = Item<RelatedOccupation['technologies']>;
export type BadgeRef = Item<NonNullable<MatchedSkill['badges']>>;

export type OccupationHit = Item<ApiResult<'getInsightsOccupationsSearch'>['items']>;
export type TargetOccupation = ApiResult<'getMeTargetOccupation'>;

export type Gap = ApiResult<'postInsightsGap'>;
export type HeldSkill = Item<Gap['have']>;
export type GapSkill = Item<Gap['gaps']>;
export type Closers = GapSkill['closers'];

export const insightsApi = {
  occupations: (input: OccupationsInput) =>
    api<RelatedOccupations>('/api/v1/insights/occupations', { method: 'POST', body: input }),
  searchOccupations: (q: string, limit = 10) =>
    api<ApiResult<'getInsightsOccupationsSearch'>>(
      `/api/v1/insights/occupations/search?${new URLSearchParams({ q, limit: String(limit) })}`,
    ),
  /** The learner's target occupation, or null when none is set (the API answers 404). */
  target: async (): Promise<TargetOccupation | null> => {
    try {
      return await api<TargetOccupation>('/api/v1/me/target-occupation');
    } catch (error) {
      if (error instanceof ApiProblem && error.status === 404) return null;
      throw error;
    }
  },
  setTarget: (occupation: OccupationRef) =>
    api<TargetOccupation>('/api/v1/me/target-occupation', { method: 'PUT', body: occupation }),
  clearTarget: () => api<void>('/api/v1/me/target-occupation', { method: 'DELETE' }),
  gap: (occupation: OccupationRef) =>
    api<Gap>('/api/v1/insights/gap', { method: 'POST', body: { occupation, backpack: true } }),
};

/** What a change of target makes stale: the target and every gap. */
export async function afterTargetChange(queryClient: QueryClient): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: insightsKeys.target }),
    queryClient.invalidateQueries({ queryKey: insightsKeys.gaps }),
  ]);
}

export const insightsKeys = {
  occupations: (input: OccupationsInput) => ['insights', 'occupations', input] as const,
  search: (q: string) => ['insights', 'occupation-search', q] as const,
  target: ['insights', 'target'] as const,
  gaps: ['insights', 'gap'] as const,
  gap: (occupation: OccupationRef) => ['insights', 'gap', occupation.framework, occupation.code] as const,
};

/** A skill reference in the /jobs page's query: `onet:2.A.1.b` (ESCO codes are URIs, so split at the first colon). */
export function parseSkillParam(value: string | null): OccupationRef | null {
  if (!value) return null;
  const at = value.indexOf(':');
  const framework = value.slice(0, at);
  const code = value.slice(at + 1).trim();
  if (at < 0 || (framework !== 'onet' && framework !== 'esco') || code === '') return null;
  return { framework, code };
}

export function skillParam(ref: OccupationRef): string {
  return `${ref.framework}:${ref.code}`;
}

/** The app page of the jobs where one skill matters: `/jobs?skill=onet:2.A.1.b` (":" and "/" stay readable). */
export function jobsPath(ref: OccupationRef): string {
  return `/jobs?skill=${encodeURIComponent(skillParam(ref)).replace(/%3A/gi, ':').replace(/%2F/gi, '/')}`;
}

/** The public (server-rendered) pages of a skill and an occupation, and the data attribution pages. */
export const publicPages = {
  skill: (ref: OccupationRef) => `/skills/${ref.framework}/${encodeURIComponent(ref.code)}`,
  occupation: (ref: OccupationRef) => `/occupations/${ref.framework}/${encodeURIComponent(ref.code)}`,
  attribution: (framework: Framework) => `/about/data/${framework}`,
};

/** "O*NET 29.3" → onet, "ESCO 1.1.1" → esco: which attribution page a source calls for. */
export function sourceFramework(source: string, fallback: Framework): Framework {
  if (/^o\*?net/i.test(source)) return 'onet';
  if (/^esco/i.test(source)) return 'esco';
  return fallback;
}
