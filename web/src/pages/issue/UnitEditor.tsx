// One unit of the course editor: a lesson (Markdown), an assessment (questions with options, correct flags
// and per-option feedback, and its pool: how many are drawn, shuffled or not) or an evidence task (instructions, review, rubric). Field names are the API's
// paths (units.0.title …), so the API's problems land on the right field.
import { useTranslation } from 'react-i18next';
import {
  newOption,
  newQuestion,
  type OptionDraft,
  type QuestionDraft,
  replaceAt,
  type UnitDraft,
} from '../../authoring.ts';
import { CheckboxField, InputField, SelectField, TextArea } from '../../components/Inputs.tsx';
import type { FieldErrors } from '../../forms.ts';
import type { QuestionType } from '../../learning.ts';
import { EvidenceEditor } from './EvidenceEditor.tsx';
import { LessonImageUpload } from './LessonImageUpload.tsx';
import { PoolFields } from './PoolFields.tsx';

const QUESTION_TYPES: QuestionType[] = [
  'single-choice',
  'multiple-choice',
  'true-false',
  'numeric',
  'short-text',
];

interface UnitEditorProps {
  /** Where lesson images are uploaded (the course being edited). */
  imageTarget?: { orgId: string; courseId: string };
  unit: UnitDraft;
  index: number;
  count: number;
  errors: FieldErrors;
  onChange: (unit: UnitDraft) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}

export function UnitEditor({
  unit,
  index,
  count,
  errors,
  onChange,
  onMove,
  onRemove,
  imageTarget,
}: UnitEditorProps) {
  const { t } = useTranslation();
  const path = `units.${index}`;
  const number = index + 1;
  return (
    <fieldset className="unit-editor">
      <legend>{t('authoring.unitLegend', { number, kind: t(`unitKind.${unit.kind}`) })}</legend>
      <div className="actions">
        <button
          type="button"
          className="button button--secondary"
          disabled={index === 0}
          onClick={() => onMove(-1)}
        >
          {t('authoring.moveUp', { number })}
        </button>
        <button
          type="button"
          className="button button--secondary"
          disabled={index === count - 1}
          onClick={() => onMove(1)}
        >
          {t('authoring.moveDown', { number })}
        </button>
        <button type="button" className="button button--secondary" onClick={onRemove}>
          {t('authoring.removeUnit', { number })}
        </button>
      </div>
      <InputField
        name={`${path}.title`}
        label={t('authoring.unitTitle')}
        value={unit.title}
        onChange={(title) => onChange({ ...unit, title })}
        error={errors[`${path}.title`]}
      />
      {unit.kind === 'lesson' && (
        <TextArea
          name={`${path}.markdown`}
          label={t('authoring.markdown')}
          hint={t('authoring.markdownHint')}
          rows={10}
          value={unit.markdown}
          onChange={(markdown) => onChange({ ...unit, markdown })}
          error={errors[`${path}.markdown`]}
        />
      )}
      {unit.kind === 'lesson' && imageTarget && (
        <LessonImageUpload
          {...imageTarget}
          onUploaded={(markdown) =>
            onChange({ ...unit, markdown: `${unit.markdown.trimEnd()}\n\n${markdown}\n` })
          }
        />
      )}
      {unit.kind === 'assessment' && (
        <>
          {unit.questions.map((question, q) => (
            <QuestionEditor
              key={question.key}
              path={`${path}.questions.${q}`}
              number={q + 1}
              question={question}
              errors={errors}
              onChange={(changed) => onChange({ ...unit, questions: replaceAt(unit.questions, q, changed) })}
              onRemove={() => onChange({ ...unit, questions: unit.questions.filter((_, i) => i !== q) })}
            />
          ))}
          {errors[`${path}.questions`] && <p className="field__error">{errors[`${path}.questions`]}</p>}
          <button
            type="button"
            className="button button--secondary"
            onClick={() => onChange({ ...unit, questions: [...unit.questions, newQuestion()] })}
          >
            {t('authoring.addQuestion', { number })}
          </button>
          <PoolFields unit={unit} path={path} errors={errors} onChange={onChange} />
        </>
      )}
      {unit.kind === 'evidence' && (
        <EvidenceEditor unit={unit} path={path} number={number} errors={errors} onChange={onChange} />
      )}
    </fieldset>
  );
}

function QuestionEditor({
  path,
  number,
  question,
  errors,
  onChange,
  onRemove,
}: {
  path: string;
  number: number;
  question: QuestionDraft;
  errors: FieldErrors;
  onChange: (question: QuestionDraft) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const set = (patch: Partial<QuestionDraft>) => onChange({ ...question, ...patch });
  const choice = question.type === 'single-choice' || question.type === 'multiple-choice';
  return (
    <fieldset className="question-editor">
      <legend>{t('authoring.questionLegend', { number })}</legend>
      <SelectField
        name={`${path}.type`}
        label={t('authoring.questionType')}
        value={question.type}
        onChange={(type) =>
          set({
            type: type as QuestionType,
            answer: type === 'true-false' ? 'true' : '',
            options: question.options.length >= 2 ? question.options : [newOption(), newOption()],
          })
        }
      >
        {QUESTION_TYPES.map((type) => (
          <option key={type} value={type}>
            {t(`questionType.${type}`)}
          </option>
        ))}
      </SelectField>
      <TextArea
        name={`${path}.prompt`}
        label={t('authoring.prompt')}
        rows={2}
        value={question.prompt}
        onChange={(prompt) => set({ prompt })}
        error={errors[`${path}.prompt`]}
      />
      {choice && (
        <>
          {errors[`${path}.options`] && <p className="field__error">{errors[`${path}.options`]}</p>}
          {question.options.map((option, o) => (
            <OptionEditor
              key={option.key}
              path={`${path}.options.${o}`}
              number={o + 1}
              option={option}
              errors={errors}
              canRemove={question.options.length > 2}
              onChange={(changed) =>
                set({
                  options: question.options.map((x, i) =>
                    i === o
                      ? changed
                      : question.type === 'single-choice' && changed.correct
                        ? { ...x, correct: false }
                        : x,
                  ),
                })
              }
              onRemove={() => set({ options: question.options.filter((_, i) => i !== o) })}
            />
          ))}
          <button
            type="button"
            className="button button--secondary"
            onClick={() => set({ options: [...question.options, newOption()] })}
          >
            {t('authoring.addOption', { number })}
          </button>
        </>
      )}
      {question.type === 'true-false' && (
        <SelectField
          name={`${path}.answer`}
          label={t('authoring.rightAnswer')}
          value={question.answer || 'true'}
          onChange={(answer) => set({ answer })}
        >
          <option value="true">{t('player.true')}</option>
          <option value="false">{t('player.false')}</option>
        </SelectField>
      )}
      {question.type === 'numeric' && (
        <>
          <InputField
            name={`${path}.answer`}
            label={t('authoring.rightAnswer')}
            inputMode="decimal"
            value={question.answer}
            onChange={(answer) => set({ answer })}
            error={errors[`${path}.answer`]}
          />
          <InputField
            name={`${path}.tolerance`}
            label={t('authoring.tolerance')}
            hint={t('authoring.toleranceHint')}
            inputMode="decimal"
            value={question.tolerance}
            onChange={(tolerance) => set({ tolerance })}
            error={errors[`${path}.tolerance`]}
          />
        </>
      )}
      {question.type === 'short-text' && (
        <TextArea
          name={`${path}.acceptedAnswers`}
          label={t('authoring.acceptedAnswers')}
          hint={t('authoring.acceptedAnswersHint')}
          rows={3}
          value={question.answer}
          onChange={(answer) => set({ answer })}
          error={errors[`${path}.acceptedAnswers`]}
        />
      )}
      {!choice && (
        <>
          <InputField
            name={`${path}.feedback.correct`}
            label={t('authoring.feedbackCorrect')}
            required={false}
            value={question.feedbackCorrect}
            onChange={(feedbackCorrect) => set({ feedbackCorrect })}
          />
          <InputField
            name={`${path}.feedback.incorrect`}
            label={t('authoring.feedbackIncorrect')}
            required={false}
            value={question.feedbackIncorrect}
            onChange={(feedbackIncorrect) => set({ feedbackIncorrect })}
          />
        </>
      )}
      <button type="button" className="button button--secondary" onClick={onRemove}>
        {t('authoring.removeQuestion', { number })}
      </button>
    </fieldset>
  );
}

function OptionEditor({
  path,
  number,
  option,
  errors,
  canRemove,
  onChange,
  onRemove,
}: {
  path: string;
  number: number;
  option: OptionDraft;
  errors: FieldErrors;
  canRemove: boolean;
  onChange: (option: OptionDraft) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="option-editor">
      <legend>{t('authoring.optionLegend', { number })}</legend>
      <InputField
        name={`${path}.text`}
        label={t('authoring.optionText')}
        value={option.text}
        onChange={(text) => onChange({ ...option, text })}
        error={errors[`${path}.text`]}
      />
      <CheckboxField
        name={`${path}.correct`}
        label={t('authoring.correct')}
        checked={option.correct}
        onChange={(correct) => onChange({ ...option, correct })}
      />
      <InputField
        name={`${path}.feedback`}
        label={t('authoring.optionFeedback')}
        hint={t('authoring.optionFeedbackHint')}
        required={false}
        value={option.feedback}
        onChange={(feedback) => onChange({ ...option, feedback })}
        error={errors[`${path}.feedback`]}
      />
      {canRemove && (
        <button type="button" className="button button--secondary" onClick={onRemove}>
          {t('authoring.removeOption', { number })}
        </button>
      )}
    </fieldset>
  );
}
