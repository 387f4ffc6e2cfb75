// The details section of the course editor: title, summary, minutes, access, price, activity code prefix
// and the skills the course teaches. Field names are the API's paths, so its problems land on them.
import { useTranslation } from 'react-i18next';
import type { CourseDraft } from '../../authoring.ts';
import { Field } from '../../components/Field.tsx';
import type { FieldErrors } from '../../forms.ts';
import { SkillsFields } from '../badges/SkillsFields.tsx';
import { CourseBasicsFields } from './CourseBasicsFields.tsx';

interface CourseDetailsFieldsProps {
  draft: CourseDraft;
  /** Published at least once: some fields apply at once (the editor says which). */
  published: boolean;
  errors: FieldErrors;
  set: (field: Exclude<keyof CourseDraft, 'units' | 'skills'>) => (value: string) => void;
  onSkills: (skills: CourseDraft['skills']) => void;
}

export function CourseDetailsFields({ draft, published, errors, set, onSkills }: CourseDetailsFieldsProps) {
  const { t } = useTranslation();
  return (
    <>
      {published && <p className="status">{t('authoring.liveOnSave')}</p>}
      <CourseBasicsFields values={draft} set={set} errors={errors} />
      <Field
        name="accessDays"
        label={t('authoring.accessDays')}
        hint={t('authoring.accessDaysHint')}
        value={draft.accessDays}
        onChange={set('accessDays')}
        error={errors.accessDays}
      />
      <fieldset>
        <legend>{t('authoring.priceLegend')}</legend>
        <Field
          name="price.amountMinor"
          label={t('authoring.price')}
          hint={t('authoring.priceHint')}
          required={false}
          value={draft.price}
          onChange={set('price')}
          error={errors['price.amountMinor'] ?? errors.price}
        />
        <Field
          name="price.currency"
          label={t('sell.currency')}
          hint={t('sell.currencyHint')}
          value={draft.currency}
          onChange={set('currency')}
          error={errors['price.currency']}
        />
      </fieldset>
      <Field
        name="activityCodePrefix"
        label={t('authoring.activityCodePrefix')}
        hint={t('authoring.activityCodePrefixHint')}
        required={false}
        value={draft.activityCodePrefix}
        onChange={set('activityCodePrefix')}
        error={errors.activityCodePrefix}
      />
      <SkillsFields
        skills={draft.skills}
        errors={errors}
        onChange={onSkills}
        hint={t('authoring.skillsHint')}
      />
    </>
  );
}
