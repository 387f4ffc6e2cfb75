import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api.ts';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { Field } from '../components/Field.tsx';
import { Page, Status } from '../components/Page.tsx';
import { checkEmail, checkNewPassword, checkRequired, onlyErrors, useFormErrors } from '../forms.ts';
import { rememberNext, safeNext } from '../next.ts';

const FIELDS = ['name', 'email', 'password'] as const;

export function SignUpPage() {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [values, setValues] = useState({ name: '', email: '', password: '' });
  const errors = useFormErrors(FIELDS);
  const signup = useMutation({
    mutationFn: (input: typeof values) =>
      api<unknown>('/api/v1/auth/signup', {
        method: 'POST',
        body: { ...input, locale: i18n.resolvedLanguage },
      }),
  });
  const set = (field: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [field]: value }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found = onlyErrors({
      name: checkRequired(t, values.name, t('fields.name')),
      email: checkEmail(t, values.email),
      password: checkNewPassword(t, values.password),
    });
    if (Object.keys(found).length > 0) return errors.setFieldErrors(found);
    errors.clear();
    signup.mutate(
      { ...values, email: values.email.trim(), name: values.name.trim() },
      {
        // After verifying the address (from the mail), the log-in link leads back here (e.g. to a badge claim).
        onSuccess: () => rememberNext(next),
        onError: (error) => errors.setFromProblem(t, error),
      },
    );
  };

  if (signup.isSuccess) {
    return (
      <Page title={t('signup.doneTitle')} narrow>
        <Status tone="success">{t('signup.done', { email: values.email.trim() })}</Status>
        <p>{t('signup.outboxHint')}</p>
      </Page>
    );
  }
  return (
    <Page title={t('signup.title')} narrow>
      <p>{t('signup.intro')}</p>
      <ErrorSummary problems={errors.problems} />
      <form noValidate onSubmit={onSubmit}>
        <Field
          name="name"
          label={t('fields.name')}
          autoComplete="name"
          value={values.name}
          onChange={set('name')}
          error={errors.fields.name}
        />
        <Field
          name="email"
          type="email"
          label={t('fields.email')}
          autoComplete="email"
          value={values.email}
          onChange={set('email')}
          error={errors.fields.email}
        />
        <Field
          name="password"
          type="password"
          label={t('fields.password')}
          hint={t('fields.passwordHint')}
          autoComplete="new-password"
          value={values.password}
          onChange={set('password')}
          error={errors.fields.password}
        />
        <button type="submit" className="button" disabled={signup.isPending}>
          {signup.isPending ? t('form.submitting') : t('signup.submit')}
        </button>
      </form>
      <p>
        {t('signup.haveAccount')}{' '}
        <Link to={next ? `/login?next=${encodeURIComponent(next)}` : '/login'}>{t('nav.logIn')}</Link>
      </p>
    </Page>
  );
}
