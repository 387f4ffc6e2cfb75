// The badge editor's draft (strings as the inputs hold them) and the conversions to and from the API's badge.
import type { TFunction } from 'i18next';
import {
  type Badge,
  type BadgeInput,
  DEFAULT_DISCLOSE,
  DEFAULT_VALIDITY_DAYS,
  type Disclose,
  daysOfYears,
  type Requirement,
  requirementKey,
  yearsOf,
} from '../../badges.ts';
import type { FieldErrors } from '../../forms.ts';
import { filledIn, type SkillDraft, skillDraft, skillInput } from '../../skills.ts';

export type { SkillDraft };

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
  disclose: Disclose;
}

export const DEFAULT_COLORS = { primary: '#1d4ed8', secondary: '#f59e0b' };

export function toDraft(badge: Badge): BadgeDraft {
  return {
    name: badge.name,
    description: badge.description,
    criteriaNarrative: badge.criteriaNarrative ?? '',
    skills: badge.skills.map(skillDraft),
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
    // Older replies have no disclose: the API's default for new badges.
    disclose: { ...(badge.disclose ?? DEFAULT_DISCLOSE) },
  };
}

const orNull = (text: string) => (text.trim() ? text.trim() : null);

export function toInput(draft: BadgeDraft): BadgeInput {
  return {
    name: draft.name.trim(),
    description: draft.description.trim(),
    criteriaNarrative: orNull(draft.criteriaNarrative),
    skills: draft.skills.filter(filledIn).map(skillInput),
    level: orNull(draft.level),
    validityDays: draft.expires ? daysOfYears(draft.validityYears) : null,
    requirements: {
      items: draft.items,
      required: draft.allRequired ? null : Number(draft.requiredCount.trim()),
    },
    colors: draft.customColors ? { primary: draft.primary, secondary: draft.secondary } : null,
    renewAfterAccessEnded: draft.renewAfterAccessEnded,
    disclose: draft.disclose,
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
    if (!s.name.trim() && filledIn(s)) problems[`skills.${i}.name`] = t('skillFields.nameMissing');
  });
  return problems;
}

/** Adds the requirement, or removes it when it is already there (a checkbox's toggle). */
export function toggleRequirement(items: Requirement[], req: Requirement, on: boolean): Requirement[] {
  const key = requirementKey(req);
  const without = items.filter((item) => requirementKey(item) !== key);
  return on ? [...without, req] : without;
}
