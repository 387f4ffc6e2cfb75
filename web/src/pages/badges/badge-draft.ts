// The badge editor's draft (strings as the inputs hold them) and the conversions to and from the API's badge.
import type { TFunction } from 'i18next';
import {
  type Badge,
  type BadgeInput,
  DEFAULT_VALIDITY_DAYS,
  daysOfYears,
  type Requirement,
  requirementKey,
  yearsOf,
} from '../../badges.ts';
import type { FieldErrors } from '../../forms.ts';

export interface SkillDraft {
  key: string;
  name: string;
  framework: string;
  code: string;
  url: string;
}

export interface BadgeDraft {
  name: string;
  description: string;
  criteriaNarrative: string;
  skills: SkillDraft[];
  level: string;
  expires: boolean;
  validityYears: string;
  items: Requirement[];
  allRequired: boolean;
  requiredCount: string;
  /** false: the organization's colours (colors null); the pickers then show the defaults. */
  customColors: boolean;
  primary: string;
  secondary: string;
  renewAfterAccessEnded: boolean;
}

export const DEFAULT_COLORS = { primary: '#1d4ed8', secondary: '#f59e0b' };

let nextKey = 0;
export const newSkill = (): SkillDraft => ({
  key: `s${++nextKey}`,
  name: '',
  framework: '',
  code: '',
  url: '',
});

export function toDraft(badge: Badge): BadgeDraft {
  return {
    name: badge.name,
    description: badge.description,
    criteriaNarrative: badge.criteriaNarrative ?? '',
    skills: badge.skills.map((s) => ({
      ...newSkill(),
      name: s.name,
      framework: s.framework ?? '',
      code: s.code ?? '',
      url: s.url ?? '',
    })),
    level: badge.level ?? '',
    expires: badge.validityDays !== null,
    validityYears: yearsOf(badge.validityDays ?? DEFAULT_VALIDITY_DAYS),
    items: badge.requirements.items,
    allRequired: badge.requirements.required === null,
    requiredCount: String(badge.requirements.required ?? badge.requirements.items.length),
    customColors: badge.colors !== null,
    primary: badge.colors?.primary ?? DEFAULT_COLORS.primary,
    secondary: badge.colors?.secondary ?? DEFAULT_COLORS.secondary,
    renewAfterAccessEnded: badge.renewAfterAccessEnded,
  };
}

const orNull = (text: string) => (text.trim() ? text.trim() : null);
const optional = (text: string) => (text.trim() ? text.trim() : undefined);

export function toInput(draft: BadgeDraft): BadgeInput {
  return {
    name: draft.name.trim(),
    description: draft.description.trim(),
    criteriaNarrative: orNull(draft.criteriaNarrative),
    skills: draft.skills
      .filter((s) => s.name.trim() || s.framework.trim() || s.code.trim() || s.url.trim())
      .map((s) => ({
        name: s.name.trim(),
        ...(optional(s.framework) ? { framework: s.framework.trim() } : {}),
        ...(optional(s.code) ? { code: s.code.trim() } : {}),
        ...(optional(s.url) ? { url: s.url.trim() } : {}),
      })),
    level: orNull(draft.level),
    validityDays: draft.expires ? daysOfYears(draft.validityYears) : null,
    requirements: {
      items: draft.items,
      required: draft.allRequired ? null : Number(draft.requiredCount.trim()),
    },
    colors: draft.customColors ? { primary: draft.primary, secondary: draft.secondary } : null,
    renewAfterAccessEnded: draft.renewAfterAccessEnded,
  };
}

/** The checks the browser can make before sending, keyed by the API's own field paths. */
export function draftProblems(t: TFunction, draft: BadgeDraft): FieldErrors {
  const problems: FieldErrors = {};
  if (!draft.name.trim()) problems.name = t('form.required', { field: t('badges.name').toLowerCase() });
  if (!draft.description.trim())
    problems.description = t('form.required', { field: t('badges.description').toLowerCase() });
  const years = Number(draft.validityYears.trim().replace(',', '.'));
  if (draft.expires && !(Number.isFinite(years) && years > 0 && daysOfYears(draft.validityYears) >= 1))
    problems.validityDays = t('badgeEditor.yearsInvalid');
  const count = Number(draft.requiredCount.trim());
  if (!draft.allRequired && !(Number.isInteger(count) && count >= 1 && count <= draft.items.length))
    problems['requirements.required'] = t('badgeEditor.requiredInvalid', { count: draft.items.length });
  draft.skills.forEach((s, i) => {
    if (!s.name.trim() && (s.framework.trim() || s.code.trim() || s.url.trim()))
      problems[`skills.${i}.name`] = t('badgeEditor.skillNameMissing');
  });
  return problems;
}

/** Adds the requirement, or removes it when it is already there (a checkbox's toggle). */
export function toggleRequirement(items: Requirement[], req: Requirement, on: boolean): Requirement[] {
  const key = requirementKey(req);
  const without = items.filter((item) => requirementKey(item) !== key);
  return on ? [...without, req] : without;
}
