// Skills as badges and courses carry them (src/skills/alignment.ts): a name, optionally aligned to a
// framework concept picked from skill search (O*NET, ESCO) or by hand (framework, code, URL), and the level
// asserted on O*NET's 0–7 scale. Plus the search call and the editors' draft of a skill.
import { type ApiBody, type ApiResult, api, type Item } from './api.ts';

export type FrameworkId = ApiResult<'getSkillsSearch'>['items'][number]['framework'];

/** A skill as a badge's body takes it and replies give it back (src/skills/alignment.ts). */
type SkillShape = Item<NonNullable<ApiBody<'postOrgsByOrgIdBadges'>['skills']>>;

export type SkillConcept = NonNullable<SkillShape['concept']>;

export type Skill = SkillShape & {
  /**
   * The app's own: the concept's description from the search hit picked in an editor, shown beside the
   * skill there. Replies leave it out (the server keeps it with the stored concept) and skillInput drops it.
   */
  description?: string;
};

/** One hit of GET /api/v1/skills/search, as the server's schema says (web/src/api-types.ts). */
export type SkillSuggestion = Item<ApiResult<'getSkillsSearch'>['items']>;

export const SKILL_LEVELS = [0, 1, 2, 3, 4, 5, 6, 7] as const;

export const skillsApi = {
  search: (q: string, limit: number, signal?: AbortSignal) =>
    api<ApiResult<'getSkillsSearch'>>(
      `/api/v1/skills/search?${new URLSearchParams({ q, limit: String(limit) })}`,
      {
        signal,
      },
    ),
};

export const skillKeys = {
  search: (q: string) => ['skills', 'search', q] as const,
};

/** The search answers phrases with a letter or a digit in them; shorter ones are not worth a request. */
export function searchable(text: string): boolean {
  const trimmed = text.trim();
  return trimmed.length >= 2 && /[\p{L}\p{N}]/u.test(trimmed);
}

/** One skill as an editor holds it: strings as the inputs hold them ('' level: not stated). */
export interface SkillDraft {
  key: string;
  name: string;
  framework: string;
  code: string;
  url: string;
  concept: SkillConcept | null;
  level: string;
  description: string;
}

let nextKey = 0;
export const newSkillDraft = (change: Partial<Omit<SkillDraft, 'key'>> = {}): SkillDraft => ({
  key: `skill${++nextKey}`,
  name: '',
  framework: '',
  code: '',
  url: '',
  concept: null,
  level: '',
  description: '',
  ...change,
});

/** A stored skill in the editor (a plain string is a course skill from before skills were objects). */
export function skillDraft(skill: Skill | string): SkillDraft {
  if (typeof skill === 'string') return newSkillDraft({ name: skill });
  return newSkillDraft({
    name: skill.name,
    framework: skill.framework ?? '',
    code: skill.code ?? '',
    url: skill.url ?? '',
    concept: skill.concept ?? null,
    level: skill.level === undefined ? '' : String(skill.level),
    description: skill.description ?? '',
  });
}

const given = (key: 'framework' | 'code' | 'url', text: string) =>
  text.trim() ? { [key]: text.trim() } : {};

/** The skill as the API takes it (never the description: the server fills it). */
export function skillInput(draft: SkillDraft): Skill {
  return {
    name: draft.name.trim(),
    ...given('framework', draft.framework),
    ...given('code', draft.code),
    ...given('url', draft.url),
    ...(draft.concept ? { concept: draft.concept } : {}),
    ...(draft.level !== '' ? { level: Number(draft.level) } : {}),
  };
}

/** A draft worth sending: anything typed in it. */
export const filledIn = (s: SkillDraft) =>
  Boolean(s.name.trim() || s.framework.trim() || s.code.trim() || s.url.trim() || s.concept);

/** The same skill: the same concept, or (neither aligned to a concept) the same name ignoring case. */
export function sameSkill(a: Pick<Skill, 'name' | 'concept'>, b: Pick<Skill, 'name' | 'concept'>): boolean {
  if (a.concept && b.concept)
    return a.concept.framework === b.concept.framework && a.concept.code === b.concept.code;
  return a.name.trim().toLowerCase() === b.name.trim().toLowerCase();
}

/** ESCO codes are URIs: their last segment is what a person can read. */
export function shortCode(code: string): string {
  return /^https?:\/\//.test(code) ? (code.split('/').filter(Boolean).pop() ?? code) : code;
}
