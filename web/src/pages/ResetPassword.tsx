import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiProblem, api } from '../api.ts';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { Field } from '../components/Field.tsx';
import { Page, Status } from '../components/Page.tsx';
import { checkNewPassword, onlyErrors, useFormErrors } from '../forms.ts';

const FIELDS = ['password', 'confirm'] as const;

export function ResetPasswordPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token');
  const [values, setValues] = useState({ password: '', confirm: '' });
  const errors = useFormErrors(FIELDS);
  const [tokenRefused, setTokenRefused] = useState(false);
  const reset = useMutation({
    mutationFn: (password: string) =>
      api<void>('/api/v1/auth/password-reset/confirm', { method: 'POST', body: { token, password } }),
  });
  const set = (field: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [field]: value }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found = onlyErrors({
      password: checkNewPassword(t, values.password),
      confirm: values.confirm === values.password ? undefined : t('form.passwordsDiffer'),
    });
    if (Object.keys(found).length > 0) return errors.setFieldErrors(found);
    errors.clear();
    setTokenRefused(false);
    reset.mutate(values.password, {
      onError: (error) => {
        // A refused token is the link's fault, not the user's: say so and offer a new link.
        if (error instanceof ApiProblem && 'token' in error.fieldErrors()) {
          setTokenRefused(true);
          errors.setGeneral(t('reset.failed'));
        } else errors.setFromProblem(t, error);
      },
    });
  };

  if (!token) {
    return (
      <Page title={t('reset.title')} narrow>
        <Status tone="error">{t('reset.missingToken')}</Status>
        <p>
          <Link to="/forgot-password">{t('reset.requestNew')}</Link>
        </p>
      </Page>
    );
  }
  if (reset.isSuccess) {
    return (
      <Page title={t('reset.title')} narrow>
        <Status tone="success">{t('reset.done')}</Status>
        <p>
          <Link to="/login" className="button">
            {t('nav.logIn')}
          </Link>
        </p>
      </Page>
    );
  }
  return (
    <Page title={t('reset.title')} narrow>
      <ErrorSummary problems={errors.problems} />
      {tokenRefused && (
        <p>
          <Link to="/forgot-password">{t('reset.requestNew')}</Link>
        </p>
      )}
      <form noValidate onSubmit={onSubmit}>
        <Field
          name="password"
          type="password"
          label={t('fields.newPassword')}
          hint={t('fields.passwordHint')}
          autoComplete="new-password"
          value={values.password}
          onChange={set('password')}
          error={errors.fields.password}
        />
        <Field
          name="confirm"
          type="password"
          label={t('fields.confirmPassword')}
          autoComplete="new-password"
          value={values.confirm}
          onChange={set('confirm')}
          error={errors.fields.confirm}
        />
        <button type="submit" className="button" disabled={reset.isPending}>
          {reset.isPending ? t('form.submitting') : t('reset.submit')}
        </button>
      </form>
    </Page>
  );
}
