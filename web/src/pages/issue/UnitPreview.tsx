// One unit as a learner will see it, from the server's preview of the saved draft (the same publicUnit
// shape the player gets: lessons rendered and sanitized, questions without answers). Questions are shown
// with the player's inputs, disabled: the preview never records an answer.
import { useTranslation } from 'react-i18next';
import type { PreviewUnit, UnitDraft } from '../../authoring.ts';
import type { PublicQuestion } from '../../learning.ts';

export function UnitPreview({ unit, settings }: { unit: PreviewUnit; settings: UnitDraft | undefined }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="preview-title" className="preview">
      <h2 id="preview-title">{t('authoring.previewTitle')}</h2>
      <p className="muted">{t('courseEditor.preview.lead')}</p>
      <h3>{unit.title}</h3>
      {unit.kind === 'lesson' && (
        <div
          className="lesson"
          // Lesson HTML is rendered from Markdown and sanitized by the server (src/catalog/markdown.ts).
          // biome-ignore lint/security/noDangerouslySetInnerHtml: server-sanitized lesson HTML, see above
          dangerouslySetInnerHTML={{ __html: unit.html }}
        />
      )}
      {unit.kind === 'assessment' && <QuestionsPreview questions={unit.questions} settings={settings} />}
      {unit.kind === 'evidence' && <p className="preview__instructions">{unit.instructions}</p>}
    </section>
  );
}

function QuestionsPreview({
  questions,
  settings,
}: {
  questions: PublicQuestion[];
  settings: UnitDraft | undefined;
}) {
  const { t } = useTranslation();
  const draw = Number(settings?.draw ?? '');
  const pooled = Number.isInteger(draw) && draw >= 1 && draw < questions.length;
  return (
    <>
      <ul className="preview__notes">
        {pooled && <li>{t('courseEditor.preview.pool', { draw, count: questions.length })}</li>}
        {settings?.shuffleQuestions && <li>{t('courseEditor.preview.shuffleQuestions')}</li>}
        {settings?.shuffleOptions && <li>{t('courseEditor.preview.shuffleOptions')}</li>}
        <li>{t('courseEditor.preview.notAnswerable')}</li>
      </ul>
      <p>{t('player.assessmentIntro', { count: pooled ? draw : questions.length })}</p>
      <ol className="questions">
        {questions.map((question, i) => (
          <li key={question.id}>
            <QuestionPreview question={question} number={i + 1} />
          </li>
        ))}
      </ol>
    </>
  );
}

function QuestionPreview({ question, number }: { question: PublicQuestion; number: number }) {
  const { t } = useTranslation();
  const id = `preview-${question.id}`;
  return (
    <div className="question">
      <fieldset disabled>
        <legend>{t('player.questionLegend', { number, prompt: question.prompt })}</legend>
        {question.type === 'multiple-choice' && <p className="field__hint">{t('player.selectAll')}</p>}
        {('options' in question ? question.options : []).map((option) => (
          <div className="choice" key={option.id}>
            <input
              id={`${id}-${option.id}`}
              type={question.type === 'single-choice' ? 'radio' : 'checkbox'}
              name={id}
            />
            <label htmlFor={`${id}-${option.id}`}>{option.text}</label>
          </div>
        ))}
        {question.type === 'true-false' &&
          (['true', 'false'] as const).map((value) => (
            <div className="choice" key={value}>
              <input id={`${id}-${value}`} type="radio" name={id} />
              <label htmlFor={`${id}-${value}`}>{t(`player.${value}`)}</label>
            </div>
          ))}
        {(question.type === 'numeric' || question.type === 'short-text') && (
          <div className="field">
            <label htmlFor={`${id}-text`}>{t('player.yourAnswer')}</label>
            <input id={`${id}-text`} type="text" />
          </div>
        )}
      </fieldset>
    </div>
  );
}
