// The evidence-task part of the course editor: kind, instructions, whether an assessor reviews it, and
// the rubric (criteria × levels). Field names are the API's paths, so its problems land on the right field.
import { useTranslation } from 'react-i18next';
import { type CriterionDraft, newCriterion, newLevel, replaceAt, type UnitDraft } from '../../authoring.ts';
import { CheckboxField, InputField, SelectField, TextArea } from '../../components/Inputs.tsx';
import type { FieldErrors } from '../../forms.ts';
import type { EvidenceTask } from '../../learning.ts';

const TASKS: EvidenceTask[] = ['essay', 'url', 'attendance-code', 'file-upload', 'supervisor-attestation'];

export function EvidenceEditor({
  unit,
  path,
  number,
  errors,
  onChange,
}: {
  unit: UnitDraft;
  path: string;
  number: number;
  errors: FieldErrors;
  onChange: (unit: UnitDraft) => void;
}) {
  const { t } = useTranslation();
  const setCriterion = (c: number, criterion: CriterionDraft) =>
    onChange({ ...unit, rubric: replaceAt(unit.rubric, c, criterion) });
  return (
    <>
      <SelectField
        name={`${path}.task`}
        label={t('authoring.task')}
        value={unit.task}
        onChange={(task) => onChange({ ...unit, task: task as EvidenceTask })}
      >
        {TASKS.map((task) => (
          <option key={task} value={task}>
            {t(`evidenceTask.${task}`)}
          </option>
        ))}
      </SelectField>
      <TextArea
        name={`${path}.instructions`}
        label={t('authoring.instructions')}
        rows={4}
        value={unit.instructions}
        onChange={(instructions) => onChange({ ...unit, instructions })}
        error={errors[`${path}.instructions`]}
      />
      {unit.task === 'attendance-code' && (
        <InputField
          name={`${path}.attendanceCode`}
          label={t('authoring.attendanceCode')}
          value={unit.attendanceCode}
          onChange={(attendanceCode) => onChange({ ...unit, attendanceCode })}
          error={errors[`${path}.attendanceCode`]}
        />
      )}
      <CheckboxField
        name={`${path}.needsReview`}
        label={t('authoring.needsReview')}
        hint={t('authoring.needsReviewHint')}
        checked={unit.needsReview}
        onChange={(needsReview) => onChange({ ...unit, needsReview })}
      />
      {unit.rubric.map((criterion, c) => (
        <fieldset key={criterion.key} className="criterion-editor">
          <legend>{t('authoring.criterionLegend', { number: c + 1 })}</legend>
          <InputField
            name={`${path}.rubric.${c}.criterion`}
            label={t('authoring.criterion')}
            value={criterion.criterion}
            onChange={(name) => setCriterion(c, { ...criterion, criterion: name })}
            error={errors[`${path}.rubric.${c}.criterion`]}
          />
          {criterion.levels.map((level, l) => (
            <div key={level.key} className="level-row">
              <InputField
                name={`${path}.rubric.${c}.levels.${l}.label`}
                label={t('authoring.levelLabel', { number: l + 1 })}
                value={level.label}
                onChange={(label) =>
                  setCriterion(c, {
                    ...criterion,
                    levels: replaceAt(criterion.levels, l, { ...level, label }),
                  })
                }
                error={errors[`${path}.rubric.${c}.levels.${l}.label`]}
              />
              <InputField
                name={`${path}.rubric.${c}.levels.${l}.points`}
                label={t('authoring.levelPoints', { number: l + 1 })}
                inputMode="numeric"
                value={level.points}
                onChange={(points) =>
                  setCriterion(c, {
                    ...criterion,
                    levels: replaceAt(criterion.levels, l, { ...level, points }),
                  })
                }
                error={errors[`${path}.rubric.${c}.levels.${l}.points`]}
              />
            </div>
          ))}
          <div className="actions">
            <button
              type="button"
              className="button button--secondary"
              onClick={() => setCriterion(c, { ...criterion, levels: [...criterion.levels, newLevel()] })}
            >
              {t('authoring.addLevel', { number: c + 1 })}
            </button>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => onChange({ ...unit, rubric: unit.rubric.filter((_, i) => i !== c) })}
            >
              {t('authoring.removeCriterion', { number: c + 1 })}
            </button>
          </div>
        </fieldset>
      ))}
      <button
        type="button"
        className="button button--secondary"
        onClick={() => onChange({ ...unit, rubric: [...unit.rubric, newCriterion()] })}
      >
        {t('authoring.addCriterion', { number })}
      </button>
    </>
  );
}
