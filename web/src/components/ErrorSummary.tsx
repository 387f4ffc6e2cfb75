// Lists every problem of a form at its top and takes focus, so a keyboard or screen-reader user hears
// what went wrong and can jump to each field.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldId } from './Field.tsx';

export interface FormProblem {
  /** The field's name, when the problem belongs to one. */
  field?: string;
  message: string;
}

/** `takeFocus` false: problems found by an autosave are listed without taking the author's caret away. */
export function ErrorSummary({
  problems,
  takeFocus = true,
}: {
  problems: FormProblem[];
  takeFocus?: boolean;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (problems.length > 0 && takeFocus) ref.current?.focus();
  }, [problems, takeFocus]);
  if (problems.length === 0) return null;
  return (
    <div ref={ref} className="error-summary" tabIndex={-1} role="alert" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{t('form.summaryTitle')}</h2>
      <ul>
        {problems.map((problem) => (
          <li key={`${problem.field ?? ''}:${problem.message}`}>
            {problem.field ? (
              <a
                href={`#${fieldId(problem.field)}`}
                onClick={(event) => {
                  const input = document.getElementById(fieldId(problem.field ?? ''));
                  if (!input) return;
                  event.preventDefault();
                  input.focus();
                }}
              >
                {problem.message}
              </a>
            ) : (
              problem.message
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
