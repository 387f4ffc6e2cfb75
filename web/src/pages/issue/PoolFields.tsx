// An assessment's question pool and order: how many questions each attempt draws ("Draw 5 of 12
// questions"), and whether questions and answer choices come in a new order for each learner.
import { useTranslation } from 'react-i18next';
import type { UnitDraft } from '../../authoring.ts';
import { CheckboxField, InputField } from '../../components/Inputs.tsx';
import type { FieldErrors } from '../../forms.ts';

export function PoolFields({
  unit,
  path,
  errors,
  onChange,
}: {
  unit: UnitDraft;
  path: string;
  errors: FieldErrors;
  onChange: (unit: UnitDraft) => void;
}) {
  const { t } = useTranslation();
  const total = unit.questions.length;
  const draw = Number(unit.draw.trim());
  const summary =
    unit.draw.trim() === ''
      ? t('courseEditor.pool.askAll', { count: total })
      : Number.isInteger(draw) && draw >= 1
        ? t('courseEditor.pool.drawOf', { draw, count: total })
        : null;
  return (
    <fieldset className="pool-fields">
      <legend>{t('courseEditor.pool.legend')}</legend>
      <InputField
        name={`${path}.draw`}
        label={t('courseEditor.pool.draw')}
        hint={t('courseEditor.pool.drawHint')}
        inputMode="numeric"
        required={false}
        value={unit.draw}
        onChange={(value) => onChange({ ...unit, draw: value })}
        error={errors[`${path}.draw`]}
      />
      {summary && <p className="pool-fields__summary">{summary}</p>}
      <CheckboxField
        name={`${path}.shuffleQuestions`}
        label={t('courseEditor.pool.shuffleQuestions')}
        checked={unit.shuffleQuestions}
        onChange={(shuffleQuestions) => onChange({ ...unit, shuffleQuestions })}
      />
      <CheckboxField
        name={`${path}.shuffleOptions`}
        label={t('courseEditor.pool.shuffleOptions')}
        checked={unit.shuffleOptions}
        onChange={(shuffleOptions) => onChange({ ...unit, shuffleOptions })}
      />
    </fieldset>
  );
}
