// What earns the badge: the organization's published courses and other badges (stacking), all of them or
// "n of m". Requirements already chosen but no longer offered (a course archived since) stay listed, so
// they can be removed.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { authoringApi, authoringKeys } from '../../authoring.ts';
import { badgeKeys, badgesApi, type Requirement, requirementKey } from '../../badges.ts';
import { CheckboxField, fieldId, InputField } from '../../components/Inputs.tsx';
import { describeProblem, type FieldErrors } from '../../forms.ts';
import { type BadgeDraft, toggleRequirement } from './badge-draft.ts';
import { GradeRequirementsFields } from './GradeRequirementsFields.tsx';

interface RequirementsFieldsProps {
  orgId: string;
  badgeId: string;
  draft: BadgeDraft;
  names: Record<string, string>;
  errors: FieldErrors;
  onChange: (change: Partial<BadgeDraft>) => void;
}

interface Choice {
  req: Requirement;
  label: string;
}

export function RequirementsFields({
  orgId,
  badgeId,
  draft,
  names,
  errors,
  onChange,
}: RequirementsFieldsProps) {
  const { t } = useTranslation();
  const courses = useQuery({ queryKey: authoringKeys.list(orgId), queryFn: () => authoringApi.list(orgId) });
  const badges = useQuery({ queryKey: badgeKeys.list(orgId), queryFn: () => badgesApi.list(orgId) });
  const chosen = new Set(draft.items.map(requirementKey));
  const courseChoices: Choice[] = (courses.data?.items ?? [])
    .filter((c) => c.state === 'published')
    .map((c) => ({ req: { kind: 'course', courseId: c.id }, label: c.title }));
  const badgeChoices: Choice[] = (badges.data?.items ?? [])
    .filter((b) => b.state === 'published' && b.id !== badgeId)
    .map((b) => ({ req: { kind: 'badge', badgeId: b.id }, label: b.name }));
  const offered = new Set([...courseChoices, ...badgeChoices].map((c) => requirementKey(c.req)));
  const others: Choice[] = draft.items
    .filter((req) => req.kind !== 'grade' && req.kind !== 'group' && !offered.has(requirementKey(req)))
    .map((req) => ({
      req,
      label: t('badgeEditor.notOffered', { name: names[requirementKey(req)] ?? requirementKey(req) }),
    }));
  const itemErrors = Object.entries(errors).filter(([path]) => path.startsWith('requirements.items'));

  const box = (choice: Choice) => {
    const key = requirementKey(choice.req);
    return (
      <CheckboxField
        key={key}
        id={`requirement-${key.replaceAll(':', '-')}`}
        name="requirement"
        label={choice.label}
        checked={chosen.has(key)}
        onChange={(on) => onChange({ items: toggleRequirement(draft.items, choice.req, on) })}
      />
    );
  };

  return (
    <fieldset id={fieldId('requirements.items')} tabIndex={-1} aria-describedby="requirements-hint">
      <legend>{t('badgeEditor.requirements')}</legend>
      <p id="requirements-hint" className="field__hint">
        {t('badgeEditor.requirementsHint')}
      </p>
      {itemErrors.map(([path, message]) => (
        <p key={path} className="field__error">
          {message}
        </p>
      ))}
      {(courses.isError || badges.isError) && (
        <p className="field__error">{describeProblem(t, courses.error ?? badges.error)}</p>
      )}
      <fieldset>
        <legend>{t('badgeEditor.courses')}</legend>
        {courses.data && courseChoices.length === 0 && <p>{t('badgeEditor.noCourses')}</p>}
        {courseChoices.map(box)}
      </fieldset>
      <fieldset>
        <legend>{t('badgeEditor.otherBadges')}</legend>
        {badges.data && badgeChoices.length === 0 && <p>{t('badgeEditor.noBadges')}</p>}
        {badgeChoices.map(box)}
      </fieldset>
      <GradeRequirementsFields orgId={orgId} items={draft.items} onChange={(items) => onChange({ items })} />
      {others.length > 0 && (
        <fieldset>
          <legend>{t('badgeEditor.otherRequirements')}</legend>
          {others.map(box)}
        </fieldset>
      )}
      <fieldset>
        <legend>{t('badgeEditor.howMany')}</legend>
        <div className="choice">
          <input
            id="requirements-all"
            type="radio"
            name="requirements-all"
            checked={draft.allRequired}
            onChange={() => onChange({ allRequired: true })}
          />
          <label htmlFor="requirements-all">{t('badgeEditor.allOfThem')}</label>
        </div>
        <div className="choice">
          <input
            id="requirements-some"
            type="radio"
            name="requirements-all"
            checked={!draft.allRequired}
            onChange={() => onChange({ allRequired: false })}
          />
          <label htmlFor="requirements-some">{t('badgeEditor.someOfThem')}</label>
        </div>
        {!draft.allRequired && (
          <InputField
            name="requirements.required"
            type="number"
            inputMode="numeric"
            label={t('badgeEditor.requiredCount', { count: draft.items.length })}
            value={draft.requiredCount}
            onChange={(requiredCount) => onChange({ requiredCount })}
            error={errors['requirements.required']}
          />
        )}
      </fieldset>
    </fieldset>
  );
}
