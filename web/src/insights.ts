// Insights in the app: related occupations (for skills, one award, or the whole backpack), occupations by
// title, the learner's target occupation and the gap to it. Shapes follow src/insights (docs/insights.md).
import type { QueryClient } from '@tanstack/react-query';
import { ApiProblem, api } from './api.ts';

export type Framework = 'onet' | 'esco';

export interface SkillQuery {
  framework: Framework;
  code: string;
  level?: number;
}

/** Exactly one input: framework concepts, one award's badge, or the learner's whole backpack. */
export type OccupationsInput = ({ skills: SkillQuery[] } | { awardId: string } | { backpack: true }) & {
  framework?: Framework;
  limit?: number;
};

export interface BadgeRef {
  awardId: string;
  name: string;
}

export interface MatchedSkill {
  code: string;
  label: string;
  importance: number | null;
  level: number | null;
  relation: 'essential' | 'optional' | null;
  badges?: BadgeRef[];
}

export interface MissingSkill {
  code: string;
  label: string;
  importance: number | null;
  relation: 'essential' | 'optional' | null;
}

export interface Technology {
  name: string;
  hot: boolean;
  inDemand: boolean;
}

export interface RelatedOccupation {
  framework: Framework;
  code: string;
  title: string;
  score: number;
  matched: MatchedSkill[];
  missing: MissingSkill[];
  titles: { alternate: string[]; reported: string[] };
  jobZone: number | null;
  iscoGroup: string | null;
  technologies: Technology[];
  source: string;
  because: string;
}

export interface RelatedOccupations {
  items: RelatedOccupation[];
  reason?: 'no-aligned-skills';
}

export interface OccupationHit {
  framework: Framework;
  code: string;
  title: string;
  matchedTitle: string;
  jobZone: number | null;
  source: string;
}

export interface OccupationRef {
  framework: Framework;
  code: string;
}

export interface TargetOccupation extends OccupationRef {
  title: string;
  source: string;
}

export interface Closers {
  badges: Array<{ id: string; name: string; issuer: string; url: string }>;
  courses: Array<{ id: string; title: string; url: string }>;
}

export interface HeldSkill {
  code: string;
  label: string;
  importance: number | null;
  needed: number | null;
  shown: number | null;
  badges: BadgeRef[];
}

export interface GapSkill {
  code: string;
  label: string;
  importance: number | null;
  relation: 'essential' | 'optional' | null;
  needed: number | null;
  shown: number | null;
  closers: Closers;
}

export interface Gap {
  occupation: OccupationRef & { title: string; jobZone: number | null; source: string };
  have: HeldSkill[];
  gaps: GapSkill[];
  /** 0..1: the importance-weighted share of core skills held at the needed level. */
  coverage: number;
}

export const insightsApi = {
  occupations: (input: OccupationsInput) =>
    api<RelatedOccupations>('/api/v1/insights/occupations', { method: 'POST', body: input }),
  searchOccupations: (q: string, limit = 10) =>
    api<{ items: OccupationHit[] }>(
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
