// "Congratulate or endorse" for one badge a person shares (placed on the person's page, one per shared award):
// a small disclosure with the kind, a comment and send; below it what was already sent for this badge, each
// endorsement with a link to its verifiable credential and a way to withdraw it.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { TextArea } from '../../components/Inputs.tsx';
import { Status } from '../../components/Page.tsx';
import { describeProblem, useFormErrors } from '../../forms.ts';
import { formatDate } from '../../learning.ts';
import {
  type EndorsementKind,
  MAX_COMMENT,
  recognitionApi,
  recognitionKeys,
} from '../../workforce-recognition.ts';
import './endorse.css';

const KINDS: EndorsementKind[] = ['congratulation', 'endorsement'];

export function EndorseControl({
  orgId,
  employeeId,
  awardId,
}: {
  orgId: string;
  employeeId: string;
  awardId: string;
}) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const p = useId().replaceAll(':', '');
  const [kind, setKind] = useState<EndorsementKind>('congratulation');
  const [comment, setComment] = useState('');
  // One control per shared badge on a page: the comment's field name (and so its id) names the badge.
  const commentField = `endorse-comment-${awardId}`;
  const errors = useFormErrors([commentField]);
  const sent = useQuery({
    queryKey: recognitionKeys.sent(orgId, employeeId),
    queryFn: () => recognitionApi.sent(orgId, employeeId),
  });
  const refresh = () => client.invalidateQueries({ queryKey: recognitionKeys.sent(orgId, employeeId) });
  const send = useMutation({
    mutationFn: () => recognitionApi.send(orgId, employeeId, { awardId, kind, comment }),
    onSuccess: () => {
      setComment('');
      errors.clear();
      return refresh();
    },
    onError: (error) => errors.setFromProblem(t, error),
  });
  const withdraw = useMutation({
    mutationFn: (id: string) => recognitionApi.withdraw(orgId, employeeId, id),
    onSuccess: refresh,
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const text = comment.trim();
    if (!text || text.length > MAX_COMMENT) {
      errors.setFieldErrors({ [commentField]: t('endorse.control.commentProblem', { max: MAX_COMMENT }) });
      return;
    }
    send.mutate();
  };
  const mine = (sent.data ?? []).filter((item) => item.awardId === awardId);
  return (
    <div className="endorse-control">
      <details>
        <summary>{t('endorse.control.summary')}</summary>
        <form onSubmit={onSubmit} noValidate>
          <ErrorSummary problems={errors.problems} />
          <fieldset>
            <legend>{t('endorse.control.kindLegend')}</legend>
            {KINDS.map((option) => (
              <div className="choice" key={option}>
                <input
                  id={`${p}-${option}`}
                  type="radio"
                  name={`${p}-kind`}
                  checked={kind === option}
                  onChange={() => setKind(option)}
                />
                <label htmlFor={`${p}-${option}`}>{t(`endorse.kind.${option}`)}</label>
              </div>
            ))}
            <p className="field__hint">{t(`endorse.control.${kind}Hint`)}</p>
          </fieldset>
          <TextArea
            name={commentField}
            label={t('endorse.control.comment')}
            hint={t('endorse.control.commentHint', { max: MAX_COMMENT })}
            error={errors.fields[commentField]}
            value={comment}
            onChange={setComment}
            rows={3}
          />
          <button type="submit" disabled={send.isPending}>
            {t(
              kind === 'endorsement'
                ? 'endorse.control.sendEndorsement'
                : 'endorse.control.sendCongratulation',
            )}
          </button>
          {send.isSuccess && <Status tone="success">{t(`endorse.control.sent.${send.data.kind}`)}</Status>}
        </form>
      </details>
      {mine.length > 0 && (
        <ul className="endorse-sent" aria-label={t('endorse.control.sentLabel')}>
          {mine.map((item) => (
            <li key={item.id}>
              <strong>{t(`endorse.kind.${item.kind}`)}</strong> · {formatDate(item.createdAt, i18n.language)}
              {item.revokedAt && <> · {t('endorse.control.withdrawn')}</>}
              <p className="endorse-quote">{item.comment}</p>
              {item.credentialUrl && (
                <a href={item.credentialUrl} type="application/ld+json">
                  {t('endorse.credentialLink')}
                </a>
              )}{' '}
              {!item.revokedAt && (
                <button
                  type="button"
                  className="button--secondary"
                  disabled={withdraw.isPending}
                  onClick={() => withdraw.mutate(item.id)}
                >
                  {t('endorse.control.withdraw')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {withdraw.isError && <Status tone="error">{describeProblem(t, withdraw.error)}</Status>}
    </div>
  );
}
