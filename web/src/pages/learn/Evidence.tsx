// An evidence task in the player: its instructions, the status of what was handed in (with the assessor's
// feedback), and the form its kind needs: essay, URL, attendance code, supervisor attestation or a file.
// An essay shows a live word count against the limits its instructions state; an essay or link still waiting
// for review can be changed.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../api.ts';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { fieldId } from '../../components/Field.tsx';
import { InputField, TextArea } from '../../components/Inputs.tsx';
import { Status } from '../../components/Page.tsx';
import { checkEmail, checkRequired, onlyErrors, useFormErrors } from '../../forms.ts';
import {
  type Enrolment,
  type EvidenceResponse,
  learningApi,
  learningKeys,
  type OpenedUnit,
  type Submission,
} from '../../learning.ts';

const FIELDS = ['text', 'url', 'code', 'statement', 'supervisorName', 'supervisorEmail', 'file'] as const;

/** Words as the server counts them (src/learning/word-limits.ts). */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}

type WordLimits = { min: number | null; max: number | null };

function wordsFit(count: number, limits: WordLimits): boolean {
  return (limits.min === null || count >= limits.min) && (limits.max === null || count <= limits.max);
}

function limitsText(t: (key: string, vars?: Record<string, unknown>) => string, limits: WordLimits): string {
  if (limits.min !== null && limits.max !== null)
    return t('earner.wordRange', { min: limits.min, max: limits.max });
  return limits.min !== null
    ? t('earner.wordMin', { min: limits.min })
    : t('earner.wordMax', { max: limits.max });
}

export function EvidenceUnit({ enrolment, opened }: { enrolment: Enrolment; opened: OpenedUnit }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  if (opened.unit.kind !== 'evidence') return null;
  const { unit, submission } = opened;
  const canSubmit = !submission || submission.status === 'returned';
  const canEdit = submission?.status === 'pending' && (unit.task === 'essay' || unit.task === 'url');
  return (
    <>
      <div className="instructions">
        <h3>{t('player.instructions')}</h3>
        <p className="pre-wrap">{unit.instructions}</p>
        {unit.needsReview && <p className="muted">{t('player.reviewed')}</p>}
      </div>
      {submission && <SubmissionStatus submission={submission} />}
      {canSubmit && <EvidenceForm enrolment={enrolment} opened={opened} />}
      {canEdit && !editing && (
        <p>
          <button type="button" className="button button--secondary" onClick={() => setEditing(true)}>
            {t('earner.changeWork')}
          </button>
        </p>
      )}
      {canEdit && editing && (
        <EvidenceForm
          enrolment={enrolment}
          opened={opened}
          editing={submission}
          onDone={() => setEditing(false)}
        />
      )}
    </>
  );
}

function SubmissionStatus({ submission }: { submission: Submission }) {
  const { t } = useTranslation();
  const tone =
    submission.status === 'accepted' ? 'success' : submission.status === 'returned' ? 'error' : 'info';
  return (
    <div className={`status status--${tone}`}>
      <p>
        <strong>{t(`submissionStatus.${submission.status}`)}</strong>
      </p>
      {submission.task !== 'file-upload' && (
        <>
          <h3>{t('player.yourSubmission')}</h3>
          <p className="pre-wrap">{submission.response}</p>
        </>
      )}
      {submission.feedback && (
        <>
          <h3>{t('player.feedback')}</h3>
          <p className="pre-wrap">{submission.feedback}</p>
        </>
      )}
    </div>
  );
}

function EvidenceForm({
  enrolment,
  opened,
  editing,
  onDone,
}: {
  enrolment: Enrolment;
  opened: OpenedUnit;
  /** The submission waiting for review that this form changes (else it hands in new work). */
  editing?: Submission;
  onDone?: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const errors = useFormErrors(FIELDS);
  const [values, setValues] = useState({
    text: editing?.task === 'essay' ? editing.response : '',
    url: editing?.task === 'url' ? editing.response : '',
    code: '',
    statement: '',
    supervisorName: '',
    supervisorEmail: '',
  });
  const [file, setFile] = useState<File | null>(null);
  const set = (field: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [field]: value }));
  const unit = opened.unit.kind === 'evidence' ? opened.unit : null;
  const limits = unit?.wordLimits ?? null;
  const words = countWords(values.text);
  const submit = useMutation({
    mutationFn: (response: EvidenceResponse | File) =>
      response instanceof File
        ? learningApi.uploadEvidence(enrolment.id, opened.unit.id, response)
        : editing
          ? learningApi.editEvidence(enrolment.id, opened.unit.id, response)
          : learningApi.submitEvidence(enrolment.id, opened.unit.id, response),
    onSuccess: async () => {
      onDone?.();
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: learningKeys.unit(enrolment.id, opened.unit.id) }),
        queryClient.invalidateQueries({ queryKey: learningKeys.enrolment(enrolment.id), exact: true }),
        queryClient.invalidateQueries({ queryKey: learningKeys.enrolments, exact: true }),
      ]);
    },
    onError: (error) => {
      if (error instanceof ApiProblem && error.is('wrong-attendance-code'))
        errors.setFieldErrors({ code: t('player.wrongCode') });
      // A rule the server names in its own words (a file too large or of the wrong type) is shown as such.
      else if (
        error instanceof ApiProblem &&
        error.status >= 400 &&
        error.status < 500 &&
        error.errors.length === 0
      )
        errors.setGeneral(error.detail ?? error.title);
      else errors.setFromProblem(t, error);
    },
  });
  if (!unit) return null;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const checks: Record<string, string | undefined> = {};
    let response: EvidenceResponse | File | null = null;
    switch (unit.task) {
      case 'essay':
        checks.text = !values.text.trim()
          ? t('player.enterAnswer')
          : limits && !wordsFit(words, limits)
            ? t('earner.wordsOutOfRange', { count: words, limits: limitsText(t, limits) })
            : undefined;
        response = { text: values.text };
        break;
      case 'url':
        checks.url = /^https?:\/\/\S+$/.test(values.url.trim()) ? undefined : t('player.invalidUrl');
        response = { url: values.url.trim() };
        break;
      case 'attendance-code':
        checks.code = checkRequired(t, values.code, t('player.code'));
        response = { code: values.code };
        break;
      case 'supervisor-attestation':
        checks.statement = values.statement.trim() ? undefined : t('player.enterStatement');
        checks.supervisorName = checkRequired(t, values.supervisorName, t('player.supervisorName'));
        checks.supervisorEmail = checkEmail(t, values.supervisorEmail);
        response = {
          statement: values.statement,
          supervisorName: values.supervisorName,
          supervisorEmail: values.supervisorEmail.trim(),
        };
        break;
      case 'file-upload':
        checks.file = file ? undefined : t('player.chooseFile');
        response = file;
        break;
    }
    const found = onlyErrors(checks);
    if (Object.keys(found).length > 0 || !response) return errors.setFieldErrors(found);
    errors.clear();
    submit.mutate(response);
  };

  return (
    <form noValidate onSubmit={onSubmit}>
      <ErrorSummary problems={errors.problems} />
      {unit.task === 'essay' && (
        <>
          <TextArea
            name="text"
            label={t('player.essay')}
            hint={limits ? limitsText(t, limits) : undefined}
            rows={10}
            value={values.text}
            onChange={set('text')}
            error={errors.fields.text}
          />
          <p
            className={limits && !wordsFit(words, limits) ? 'field__hint' : 'field__hint muted'}
            aria-live="polite"
          >
            {t('earner.wordCount', { count: words })}
          </p>
        </>
      )}
      {unit.task === 'url' && (
        <InputField
          name="url"
          type="url"
          label={t('player.url')}
          hint={t('player.urlHint')}
          value={values.url}
          onChange={set('url')}
          error={errors.fields.url}
        />
      )}
      {unit.task === 'attendance-code' && (
        <InputField
          name="code"
          label={t('player.code')}
          hint={t('player.codeHint')}
          value={values.code}
          onChange={set('code')}
          error={errors.fields.code}
        />
      )}
      {unit.task === 'supervisor-attestation' && (
        <>
          <TextArea
            name="statement"
            label={t('player.statement')}
            value={values.statement}
            onChange={set('statement')}
            error={errors.fields.statement}
          />
          <InputField
            name="supervisorName"
            label={t('player.supervisorName')}
            value={values.supervisorName}
            onChange={set('supervisorName')}
            error={errors.fields.supervisorName}
          />
          <InputField
            name="supervisorEmail"
            type="email"
            label={t('player.supervisorEmail')}
            value={values.supervisorEmail}
            onChange={set('supervisorEmail')}
            error={errors.fields.supervisorEmail}
          />
        </>
      )}
      {unit.task === 'file-upload' && unit.upload && (
        <div className={errors.fields.file ? 'field field--invalid' : 'field'}>
          <label htmlFor={fieldId('file')}>{t('player.file')}</label>
          <p id={`${fieldId('file')}-hint`} className="field__hint">
            {t('player.fileHint', {
              types: unit.upload.types.join(', ').toUpperCase(),
              size: unit.upload.maxMegabytes,
            })}
          </p>
          {errors.fields.file && (
            <p id={`${fieldId('file')}-error`} className="field__error">
              {errors.fields.file}
            </p>
          )}
          <input
            id={fieldId('file')}
            name="file"
            type="file"
            aria-describedby={[
              `${fieldId('file')}-hint`,
              errors.fields.file ? `${fieldId('file')}-error` : '',
            ]
              .join(' ')
              .trim()}
            aria-invalid={errors.fields.file ? true : undefined}
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
          />
        </div>
      )}
      <button type="submit" disabled={submit.isPending}>
        {submit.isPending ? t('form.submitting') : editing ? t('earner.saveChange') : t('player.handIn')}
      </button>
      {editing && (
        <button type="button" className="button--link" onClick={onDone}>
          {t('earner.keepAsIs')}
        </button>
      )}
      {submit.isSuccess && <Status tone="success">{t('player.handedIn')}</Status>}
    </form>
  );
}
