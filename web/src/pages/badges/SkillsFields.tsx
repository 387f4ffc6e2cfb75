// The skills a badge stands for: a name each, and optionally a framework, code and URL (with a URL the
// skill becomes an Open Badges alignment in the credential).
import { useTranslation } from 'react-i18next';
import { fieldId, InputField } from '../../components/Inputs.tsx';
import type { FieldErrors } from '../../forms.ts';
import { newSkill, type SkillDraft } from './badge-draft.ts';

interface SkillsFieldsProps {
  skills: SkillDraft[];
  errors: FieldErrors;
  onChange: (skills: SkillDraft[]) => void;
}

export function SkillsFields({ skills, errors, onChange }: SkillsFieldsProps) {
  const { t } = useTranslation();
  const update = (index: number, change: Partial<SkillDraft>) =>
    onChange(skills.map((s, i) => (i === index ? { ...s, ...change } : s)));
  return (
    <section aria-labelledby="skills-title">
      <h2 id="skills-title">{t('badgeEditor.skills')}</h2>
      <p className="field__hint">{t('badgeEditor.skillsHint')}</p>
      {skills.length === 0 && <p>{t('badgeEditor.noSkills')}</p>}
      {skills.map((skill, index) => {
        const number = index + 1;
        const path = (field: string) => `skills.${index}.${field}`;
        return (
          <fieldset key={skill.key} className="unit-editor">
            <legend>{t('badgeEditor.skillLegend', { number })}</legend>
            <InputField
              id={fieldId(path('name'))}
              name="skill-name"
              label={t('badgeEditor.skillName')}
              value={skill.name}
              onChange={(name) => update(index, { name })}
              error={errors[path('name')]}
            />
            <InputField
              id={fieldId(path('framework'))}
              name="skill-framework"
              label={t('badgeEditor.skillFramework')}
              hint={t('badgeEditor.skillFrameworkHint')}
              required={false}
              value={skill.framework}
              onChange={(framework) => update(index, { framework })}
              error={errors[path('framework')]}
            />
            <InputField
              id={fieldId(path('code'))}
              name="skill-code"
              label={t('badgeEditor.skillCode')}
              required={false}
              value={skill.code}
              onChange={(code) => update(index, { code })}
              error={errors[path('code')]}
            />
            <InputField
              id={fieldId(path('url'))}
              name="skill-url"
              type="url"
              label={t('badgeEditor.skillUrl')}
              required={false}
              value={skill.url}
              onChange={(url) => update(index, { url })}
              error={errors[path('url')]}
            />
            <button
              type="button"
              className="button button--secondary"
              onClick={() => onChange(skills.filter((_, i) => i !== index))}
            >
              {t('badgeEditor.removeSkill', { number })}
            </button>
          </fieldset>
        );
      })}
      <p>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => onChange([...skills, newSkill()])}
        >
          {t('badgeEditor.addSkill')}
        </button>
      </p>
    </section>
  );
}
