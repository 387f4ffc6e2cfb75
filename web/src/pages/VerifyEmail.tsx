import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiProblem, api } from '../api.ts';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { Field } from '../components/Field.tsx';
import { Page, Status } from '../components/Page.tsx';
import { checkEmail, describeProblem, onlyErrors, useFormErrors } from '../forms.ts';
import { rememberedNext } from '../next.ts';

export function VerifyEmailPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token');
  const next = rememberedNext();
  const loginPath = next ? `/login?next=${encodeURIComponent(next)}` : '/login';
  // A query rather than a mutation: it runs once per token even when the page renders twice.
  const verification = useQuery({
    queryKey: ['verify-email', token],
    queryFn: () =>
      api<unknown>('/api/v1/auth/verify-email', { method: 'POST', body: { token } }).then(() => true),
    enabled: Boolean(token),
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: Number.POSITIVE_INFINITY,
  });

  return (
    <Page title={t('verify.title')} narrow>
      {!token && <Status tone="error">{t('verify.missingToken')}</Status>}
      {token && verification.isPending && <Status>{t('verify.verifying')}</Status>}
      {verification.isSuccess && (
        <>
          <Status tone="success">{t('verify.verified')}</Status>
          <p>
            <Link to={loginPath} className="button">
              {t('nav.logIn')}
            </Link>
          </p>
        </>
      )}
      {verification.isError && (
        <Status tone="error">
          {/* A refused link is explained in the reader's language; anything else is described as it is. */}
          {verification.error instanceof ApiProblem &&
          verification.error.status >= 400 &&
          verification.error.status < 500
            ? t('verify.failed')
            : describeProblem(t, verification.error)}
        </Status>
      )}
      {(!token || verification.isError) && <ResendVerification />}
    </Page>
  );
}

function ResendVerification() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const errors = useFormErrors(['email']);
  const resend = useMutation({
    mutationFn: (address: string) =>
      api<unknown>('/api/v1/auth/verify-email/resend', { method: 'POST', body: { email: address } }),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found = onlyErrors({ email: checkEmail(t, email) });
    if (Object.keys(found).length > 0) return errors.setFieldErrors(found);
    errors.clear();
    resend.mutate(email.trim(), { onError: (error) => errors.setFromProblem(t, error) });
  };
  return (
    <section aria-labelledby="resend-title">
      <h2 id="resend-title">{t('verify.resendTitle')}</h2>
      {resend.isSuccess ? (
        <Status tone="success">{t('verify.resent', { email: email.trim() })}</Status>
      ) : (
        <>
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
            <button type="submit" className="button" disabled={resend.isPending}>
              {resend.isPending ? t('form.submitting') : t('verify.resendSubmit')}
            </button>
          </form>
        </>
      )}
    </section>
  );
}
