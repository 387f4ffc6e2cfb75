// The skills a badge stands for or a course teaches (both editors use this section): one card per skill,
// added with the skill picker (a framework concept, or the author's own words), with the level asserted on
// O*NET's 0–7 scale. Free-text skills keep a framework, code and URL typed by hand ("Align by hand"), so
// nothing of older badges is lost. A badge also offers the skills of its required courses.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldId, InputField, SelectField } from '../../components/Inputs.tsx';
import { SkillPicker } from '../../components/SkillPicker.tsx';
import type { FieldErrors } from '../../forms.ts';
import { SKILL_LEVELS, type Skill, type SkillDraft, sameSkill, shortCode, skillDraft } from '../../skills.ts';

interface SkillsFieldsProps {
  skills: SkillDraft[];
  errors: FieldErrors;
  onChange: (skills: SkillDraft[]) => void;
  /** What the skills mean here (a badge's, a course's). */
  hint: string;
  /** Skills offered with one "Add" each: a badge's courses' skills. Left out: no such list. */
  offered?: Skill[] | undefined;
}

const asSkill = (s: SkillDraft): Pick<Skill, 'name' | 'concept'> => ({
  name: s.name,
  ...(s.concept ? { concept: s.concept } : {}),
});

export function SkillsFields({ skills, errors, onChange, hint, offered }: SkillsFieldsProps) {
  const { t } = useTranslation();
  const update = (index: number, change: Partial<SkillDraft>) =>
    onChange(skills.map((s, i) => (i === index ? { ...s, ...change } : s)));
  const add = (added: Skill[]) => {
    const fresh = added.filter((a) => !skills.some((s) => sameSkill(a, asSkill(s))));
    if (fresh.length > 0) onChange([...skills, ...fresh.map(skillDraft)]);
  };
  return (
    <section aria-labelledby="skills-title">
      <h2 id="skills-title">{t('skillFields.title')}</h2>
      <p className="field__hint">{hint}</p>
      {errors.skills && <p className="field__error">{errors.skills}</p>}
      {skills.length === 0 ? (
        <p>{t('skillFields.none')}</p>
      ) : (
        <ol className="skill-cards">
          {skills.map((skill, index) => (
            <li key={skill.key}>
              <SkillCard
                skill={skill}
                index={index}
                errors={errors}
                onChange={(change) => update(index, change)}
                onRemove={() => onChange(skills.filter((_, i) => i !== index))}
              />
            </li>
          ))}
        </ol>
      )}
      <SkillPicker
        id={fieldId('skills')}
        label={t('skillFields.add')}
        hint={t('skillFields.addHint')}
        onPick={(skill) => add([skill])}
      />
      {offered && (
        <OfferedSkills
          offered={offered.filter((o) => !skills.some((s) => sameSkill(o, asSkill(s))))}
          onAdd={add}
        />
      )}
    </section>
  );
}

function SkillCard({
  skill,
  index,
  errors,
  onChange,
  onRemove,
}: {
  skill: SkillDraft;
  index: number;
  errors: FieldErrors;
  onChange: (change: Partial<SkillDraft>) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const number = index + 1;
  const path = (field: string) => `skills.${index}.${field}`;
  return (
    <fieldset className="skill-card">
      <legend>{t('skillFields.legend', { number })}</legend>
      {skill.concept ? (
        <>
          <p className="skill-card__name">{skill.name}</p>
          <AlignmentLine skill={skill} />
          {skill.description && <p className="skill-card__description">{skill.description}</p>}
          {errors[path('concept')] && (
            <p id={fieldId(path('concept'))} tabIndex={-1} className="field__error">
              {errors[path('concept')]}
            </p>
          )}
        </>
      ) : (
        <>
          <InputField
            id={fieldId(path('name'))}
            name="skill-name"
            label={t('skillFields.name')}
            value={skill.name}
            onChange={(name) => onChange({ name })}
            error={errors[path('name')]}
          />
          <AlignmentLine skill={skill} />
          <HandAlignment skill={skill} path={path} errors={errors} onChange={onChange} />
        </>
      )}
      <SelectField
        id={fieldId(path('level'))}
        name="skill-level"
        label={t('skillFields.level')}
        hint={t('skillFields.levelHint')}
        value={skill.level}
        onChange={(level) => onChange({ level })}
        error={errors[path('level')]}
      >
        <option value="">{t('skillFields.levelNotStated')}</option>
        {SKILL_LEVELS.map((level) => (
          <option key={level} value={String(level)}>
            {t(`skillFields.levelName.${level}`)}
          </option>
        ))}
      </SelectField>
      <button type="button" className="button button--secondary" onClick={onRemove}>
        {t('skillFields.remove', { number })}
      </button>
    </fieldset>
  );
}

/** "O*NET 29.3 · 2.A.1.b", linked to the concept's page once the server has given its URL. */
function AlignmentLine({
  skill,
}: {
  skill: Pick<Skill, 'framework' | 'code' | 'url'> & { concept?: Skill['concept'] | null };
}) {
  const { t } = useTranslation();
  const framework =
    skill.framework?.trim() || (skill.concept ? t(`skillPicker.framework.${skill.concept.framework}`) : '');
  const code = skill.code?.trim() || skill.concept?.code || '';
  if (!framework && !code) return null;
  const text = [framework, shortCode(code)].filter(Boolean).join(' · ');
  const url = skill.url?.trim();
  return (
    <p className="skill-card__alignment">
      <span className="skill-card__aligned">{t('skillFields.aligned')}</span>{' '}
      {url && /^https?:\/\//.test(url) ? (
        <a href={url} target="_blank" rel="noopener noreferrer">
          {text}
          <span className="visually-hidden"> {t('skillFields.newTab')}</span>
        </a>
      ) : (
        text
      )}
    </p>
  );
}

/** Framework, code and URL typed by hand: folded away unless the skill already has one of them. */
function HandAlignment({
  skill,
  path,
  errors,
  onChange,
}: {
  skill: SkillDraft;
  path: (field: string) => string;
  errors: FieldErrors;
  onChange: (change: Partial<SkillDraft>) => void;
}) {
  const { t } = useTranslation();
  const problem = Boolean(errors[path('framework')] || errors[path('code')] || errors[path('url')]);
  const [open, setOpen] = useState(() => Boolean(skill.framework || skill.code || skill.url) || problem);
  useEffect(() => {
    if (problem) setOpen(true);
  }, [problem]);
  return (
    <details
      className="skill-card__by-hand"
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary>{t('skillFields.byHand')}</summary>
      <InputField
        id={fieldId(path('framework'))}
        name="skill-framework"
        label={t('skillFields.framework')}
        hint={t('skillFields.frameworkHint')}
        required={false}
        value={skill.framework}
        onChange={(framework) => onChange({ framework })}
        error={errors[path('framework')]}
      />
      <InputField
        id={fieldId(path('code'))}
        name="skill-code"
        label={t('skillFields.code')}
        required={false}
        value={skill.code}
        onChange={(code) => onChange({ code })}
        error={errors[path('code')]}
      />
      <InputField
        id={fieldId(path('url'))}
        name="skill-url"
        type="url"
        label={t('skillFields.url')}
        hint={t('skillFields.urlHint')}
        required={false}
        value={skill.url}
        onChange={(url) => onChange({ url })}
        error={errors[path('url')]}
      />
    </details>
  );
}

function OfferedSkills({ offered, onAdd }: { offered: Skill[]; onAdd: (skills: Skill[]) => void }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="offered-skills-title" className="skill-offers">
      <h3 id="offered-skills-title">{t('skillFields.offeredTitle')}</h3>
      {offered.length === 0 ? (
        <p>{t('skillFields.offeredNone')}</p>
      ) : (
        <>
          <ul className="skill-offers__list">
            {offered.map((skill) => (
              <li key={skill.concept ? `${skill.concept.framework}:${skill.concept.code}` : skill.name}>
                <span className="skill-card__name">{skill.name}</span>
                <AlignmentLine skill={skill} />
                <button type="button" className="button button--secondary" onClick={() => onAdd([skill])}>
                  {t('skillFields.addOffered')}
                  <span className="visually-hidden"> {skill.name}</span>
                </button>
              </li>
            ))}
          </ul>
          <button type="button" className="button button--secondary" onClick={() => onAdd(offered)}>
            {t('skillFields.addAllOffered')}
          </button>
        </>
      )}
    </section>
  );
}
