// Revoke, suspend or reinstate one award, with a reason and a second, explicit confirmation: a revocation is
// published in the status list and cannot be undone.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Award, type AwardAction, badgeKeys, badgesApi } from '../../badges.ts';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { TextArea } from '../../components/Inputs.tsx';
import { checkRequired, useFormErrors } from '../../forms.ts';

const FIELDS = ['reason'] as const;

export function actionsFor(award: Award): AwardAction[] {
  if (award.credentialState === 'revoked' || award.credentialState === null) return [];
  return award.credentialState === 'suspended' ? ['reinstate', 'revoke'] : ['revoke', 'suspend'];
}

export function AwardActions({
  orgId,
  award,
  onDone,
  onClose,
}: {
  orgId: string;
  award: Award;
  onDone: (message: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const heading = useRef<HTMLHeadingElement>(null);
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState<AwardAction | null>(null);
  const errors = useFormErrors(FIELDS);
  const who = award.recipientName ?? award.recipientEmail;
  useEffect(() => heading.current?.focus(), []);

  const change = useMutation({
    mutationFn: (action: AwardAction) => badgesApi.changeAward(orgId, award.id, action, reason.trim()),
    onSuccess: async (_, action) => {
      await queryClient.invalidateQueries({ queryKey: badgeKeys.allAwards(orgId) });
      onDone(t(`awards.done.${action}`, { name: who }));
    },
    onError: (error) => {
      setConfirming(null);
      errors.setFromProblem(t, error);
    },
  });
  const resend = useMutation({
    mutationFn: () => badgesApi.resendClaim(orgId, award.id),
    onSuccess: () => onDone(t('awards.resent', { name: who })),
    onError: (error) => errors.setFromProblem(t, error),
  });
  const ask = (action: AwardAction) => {
    const missing = action === 'reinstate' ? undefined : checkRequired(t, reason, t('awards.reason'));
    if (missing) return errors.setFieldErrors({ reason: missing });
    errors.clear();
    setConfirming(action);
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (confirming) change.mutate(confirming);
  };

  return (
    <section aria-labelledby="award-actions-title" className="card">
      <h2 id="award-actions-title" ref={heading} tabIndex={-1}>
        {t('awards.manageTitle', { name: who, badge: award.badge.name })}
      </h2>
      <form noValidate onSubmit={onSubmit}>
        <ErrorSummary problems={errors.problems} />
        <TextArea
          name="reason"
          label={t('awards.reason')}
          hint={t('awards.reasonHint')}
          rows={2}
          value={reason}
          onChange={setReason}
          error={errors.fields.reason}
        />
        {confirming ? (
          <div role="alert" className="status">
            <p>{t(`awards.confirm.${confirming}`, { name: who })}</p>
            <div className="actions">
              <button type="submit" disabled={change.isPending}>
                {change.isPending ? t('form.submitting') : t(`awards.yes.${confirming}`)}
              </button>
              <button type="button" className="button button--secondary" onClick={() => setConfirming(null)}>
                {t('awards.cancel')}
              </button>
            </div>
          </div>
        ) : (
          <div className="actions">
            {actionsFor(award).map((action) => (
              <button
                key={action}
                type="button"
                className="button button--secondary"
                onClick={() => ask(action)}
              >
                {t(`awards.action.${action}`)}
              </button>
            ))}
            {award.state === 'offered' && (
              <button
                type="button"
                className="button button--secondary"
                disabled={resend.isPending}
                onClick={() => resend.mutate()}
              >
                {t('awards.resend')}
              </button>
            )}
            <button type="button" className="button button--secondary" onClick={onClose}>
              {t('awards.close')}
            </button>
          </div>
        )}
      </form>
    </section>
  );
}
