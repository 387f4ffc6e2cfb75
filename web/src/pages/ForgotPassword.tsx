import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { Field } from '../components/Field.tsx';
import { Page, Status } from '../components/Page.tsx';
import { checkEmail, onlyErrors, useFormErrors } from '../forms.ts';

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const errors = useFormErrors(['email']);
  const request = useMutation({
    mutationFn: (address: string) =>
      api<unknown>('/api/v1/auth/password-reset', { method: 'POST', body: { email: address } }),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found = onlyErrors({ email: checkEmail(t, email) });
    if (Object.keys(found).length > 0) return errors.setFieldErrors(found);
    errors.clear();
    request.mutate(email.trim(), { onError: (error) => errors.setFromProblem(t, error) });
  };
  return (
    <Page title={t('forgot.title')} narrow>
      {request.isSuccess ? (
        <>
          <Status tone="success">{t('forgot.sent', { email: email.trim() })}</Status>
          <p>{t('signup.outboxHint')}</p>
        </>
      ) : (
        <>
          <p>{t('forgot.intro')}</p>
          <ErrorSummary problems={errors.problems} />
          <form noValidate onSubmit={onSubmit}>
            <Field
              name="email"
              type="email"
              label={t('fields.email')}
              autoComplete="email"
              value={email}
              onChange={setEmail}
              error={errors.fields.email}
            />
            <button type="submit" className="button" disabled={request.isPending}>
              {request.isPending ? t('form.submitting') : t('forgot.submit')}
            </button>
          </form>
        </>
      )}
    </Page>
  );
}
