// An assessment in the player: one small form per question with the input its kind needs. Each answer is
// saved and graded at once; a wrong one shows the author's feedback and may be tried again.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Status } from '../../components/Page.tsx';
import { describeProblem } from '../../forms.ts';
import {
  type AnswerOutcome,
  type Enrolment,
  type GivenAnswer,
  learningApi,
  learningKeys,
  type OpenedUnit,
  type PublicQuestion,
} from '../../learning.ts';

export function AssessmentUnit({ enrolment, opened }: { enrolment: Enrolment; opened: OpenedUnit }) {
  const { t } = useTranslation();
  if (opened.unit.kind !== 'assessment') return null;
  const { unit } = opened;
  return (
    <>
      <p>{t('player.assessmentIntro', { count: unit.questions.length })}</p>
      <ol className="questions">
        {unit.questions.map((question, i) => (
          <li key={question.id}>
            <QuestionForm
              enrolment={enrolment}
              unitId={unit.id}
              question={question}
              number={i + 1}
              previous={opened.answers.find((a) => a.questionId === question.id)}
            />
          </li>
        ))}
      </ol>
    </>
  );
}

type Draft = { optionIds: string[]; value: string; text: string };

function toAnswer(question: PublicQuestion, draft: Draft): GivenAnswer | string {
  switch (question.type) {
    case 'single-choice':
    case 'multiple-choice':
      return draft.optionIds.length > 0 ? { optionIds: draft.optionIds } : 'player.chooseOption';
    case 'true-false':
      return draft.value ? { value: draft.value === 'true' } : 'player.chooseOption';
    case 'numeric': {
      const number = Number(draft.text.trim().replace(',', '.'));
      return draft.text.trim() && Number.isFinite(number) ? { number } : 'player.enterNumber';
    }
    case 'short-text':
      return draft.text.trim() ? { text: draft.text } : 'player.enterAnswer';
  }
}

function QuestionForm({
  enrolment,
  unitId,
  question,
  number,
  previous,
}: {
  enrolment: Enrolment;
  unitId: string;
  question: PublicQuestion;
  number: number;
  previous: OpenedUnit['answers'][number] | undefined;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>({ optionIds: [], value: '', text: '' });
  const [problem, setProblem] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<AnswerOutcome | null>(null);
  const answer = useMutation({
    mutationFn: (given: GivenAnswer) =>
      learningApi.answer(enrolment.id, {
        unitId,
        questionId: question.id,
        answer: given,
        revision: enrolment.course.revision,
      }),
    onSuccess: async (result) => {
      setOutcome(result);
      if (result.correct) {
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: learningKeys.enrolment(enrolment.id), exact: true }),
          queryClient.invalidateQueries({ queryKey: learningKeys.enrolments, exact: true }),
        ]);
      }
    },
  });
  const id = `q-${question.id}`;
  const errorId = `${id}-error`;
  const resultId = `${id}-result`;
  const solved = outcome ? outcome.correct : previous?.correct === true;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const given = toAnswer(question, draft);
    if (typeof given === 'string') return setProblem(t(given));
    setProblem(null);
    setOutcome(null);
    answer.mutate(given);
  };

  const choice = (optionId: string, checked: boolean) =>
    setDraft((d) => ({
      ...d,
      optionIds:
        question.type === 'single-choice'
          ? [optionId]
          : checked
            ? [...d.optionIds, optionId]
            : d.optionIds.filter((o) => o !== optionId),
    }));
  const describedBy =
    [problem ? errorId : null, outcome ? resultId : null].filter(Boolean).join(' ') || undefined;
  const legend = t('player.questionLegend', { number, prompt: question.prompt });

  return (
    <form className="question" noValidate onSubmit={onSubmit}>
      <fieldset aria-describedby={describedBy}>
        <legend id={`${id}-prompt`}>{legend}</legend>
        {question.type === 'multiple-choice' && <p className="field__hint">{t('player.selectAll')}</p>}
        {problem && (
          <p id={errorId} className="field__error">
            {problem}
          </p>
        )}
        {(question.type === 'single-choice' || question.type === 'multiple-choice') &&
          question.options?.map((option) => (
            <div className="choice" key={option.id}>
              <input
                id={`${id}-${option.id}`}
                type={question.type === 'single-choice' ? 'radio' : 'checkbox'}
                name={id}
                checked={draft.optionIds.includes(option.id)}
                onChange={(event) => choice(option.id, event.target.checked)}
              />
              <label htmlFor={`${id}-${option.id}`}>{option.text}</label>
            </div>
          ))}
        {question.type === 'true-false' &&
          (['true', 'false'] as const).map((value) => (
            <div className="choice" key={value}>
              <input
                id={`${id}-${value}`}
                type="radio"
                name={id}
                checked={draft.value === value}
                onChange={() => setDraft((d) => ({ ...d, value }))}
              />
              <label htmlFor={`${id}-${value}`}>{t(`player.${value}`)}</label>
            </div>
          ))}
        {(question.type === 'numeric' || question.type === 'short-text') && (
          <div className="field">
            <label htmlFor={`${id}-text`}>{t('player.yourAnswer')}</label>
            <input
              id={`${id}-text`}
              type="text"
              inputMode={question.type === 'numeric' ? 'decimal' : 'text'}
              value={draft.text}
              onChange={(event) => setDraft((d) => ({ ...d, text: event.target.value }))}
            />
          </div>
        )}
      </fieldset>
      <button type="submit" disabled={answer.isPending}>
        {answer.isPending ? t('form.submitting') : solved ? t('player.answerAgain') : t('player.check')}
      </button>
      {!outcome && previous && (
        <p className="muted">
          {previous.correct ? t('player.previouslyRight') : t('player.previouslyWrong')}
        </p>
      )}
      {outcome && (
        <div
          id={resultId}
          role="status"
          className={`status status--${outcome.correct ? 'success' : 'error'}`}
        >
          <p>
            <strong>{outcome.correct ? t('player.right') : t('player.wrong')}</strong>
          </p>
          {outcome.feedback.map((line) => (
            <p key={line}>{line}</p>
          ))}
        </div>
      )}
      {answer.isError && <Status tone="error">{describeProblem(t, answer.error)}</Status>}
    </form>
  );
}
