// My email addresses: which are verified (the ones badges, invitations and claim links can be matched to), which
// wait for their confirmation link, which is primary; add one (a link is mailed to it), remove one, make a
// verified one primary.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AccountEmail, accountApi, accountKeys } from '../../account.ts';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { InputField } from '../../components/Inputs.tsx';
import { Status } from '../../components/Page.tsx';
import { Skeleton } from '../../components/Skeleton.tsx';
import { checkEmail, describeProblem, problemToForm, summaryOf } from '../../forms.ts';
import { sessionKey } from '../../session.ts';

const FIELDS = ['email'] as const;

export function EmailsSection() {
  const { t } = useTranslation();
  const emails = useQuery({ queryKey: accountKeys.emails, queryFn: accountApi.emails });
  return (
    <section aria-labelledby="emails-title">
      <h2 id="emails-title">{t('account.emails.title')}</h2>
      <p>{t('account.emails.intro')}</p>
      {emails.isPending && <Skeleton lines={2} />}
      {emails.isError && <Status tone="error">{describeProblem(t, emails.error)}</Status>}
      {emails.data && (
        <ul className="account-list">
          {emails.data.items.map((item) => (
            <EmailRow key={item.id} item={item} />
          ))}
        </ul>
      )}
      <AddEmailForm />
    </section>
  );
}

function useRefresh() {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: accountKeys.emails });
    await queryClient.invalidateQueries({ queryKey: sessionKey });
  };
}

function EmailRow({ item }: { item: AccountEmail }) {
  const { t } = useTranslation();
  const refresh = useRefresh();
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation({ mutationFn: () => accountApi.removeEmail(item.id), onSuccess: refresh });
  const primary = useMutation({ mutationFn: () => accountApi.makePrimary(item.id), onSuccess: refresh });
  const state = item.primary ? 'primary' : item.verified ? 'verified' : 'pending';
  return (
    <li className="account-list__item">
      <p>
        <strong className="break-anywhere">{item.email}</strong>{' '}
        <span className="muted">{t(`account.emails.state.${state}`)}</span>
      </p>
      {!item.verified && <p className="field__hint">{t('account.emails.pendingHint')}</p>}
      {(remove.isError || primary.isError) && (
        <Status tone="error">{describeProblem(t, remove.error ?? primary.error)}</Status>
      )}
      {!item.primary && (
        <div className="actions">
          {item.verified && (
            <button
              type="button"
              className="button button--secondary"
              disabled={primary.isPending}
              onClick={() => primary.mutate()}
            >
              {t('account.emails.makePrimary', { email: item.email })}
            </button>
          )}
          {confirming ? (
            <>
              <button
                type="button"
                className="button"
                disabled={remove.isPending}
                onClick={() => remove.mutate()}
              >
                {t('account.emails.confirmRemove', { email: item.email })}
              </button>
              <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
                {t('account.keep')}
              </button>
            </>
          ) : (
            <button type="button" className="button button--secondary" onClick={() => setConfirming(true)}>
              {item.verified
                ? t('account.emails.remove', { email: item.email })
                : t('account.emails.withdraw', { email: item.email })}
            </button>
          )}
        </div>
      )}
    </li>
  );
}

function AddEmailForm() {
  const { t } = useTranslation();
  const refresh = useRefresh();
  const [email, setEmail] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string[]>([]);
  const add = useMutation({
    mutationFn: (address: string) => accountApi.addEmail(address),
    onSuccess: async () => {
      setEmail('');
      await refresh();
    },
    onError: (error) => {
      const form = problemToForm(t, error, FIELDS);
      setErrors(form.fields);
      setGeneral(form.general);
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const problem = checkEmail(t, email);
    setErrors(problem ? { email: problem } : {});
    setGeneral([]);
    if (!problem) add.mutate(email.trim());
  };
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="add-email-title">
      <h3 id="add-email-title">{t('account.emails.addTitle')}</h3>
      <ErrorSummary problems={summaryOf(FIELDS, errors, general)} />
      <InputField
        name="email"
        type="email"
        autoComplete="email"
        label={t('account.emails.address')}
        hint={t('account.emails.addHint')}
        value={email}
        error={errors.email}
        onChange={setEmail}
      />
      <button type="submit" disabled={add.isPending}>
        {add.isPending ? t('form.submitting') : t('account.emails.add')}
      </button>
      <div aria-live="polite">
        {add.data && <Status tone="success">{t('account.emails.added', { email: add.data.email })}</Status>}
      </div>
    </form>
  );
}
