import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiProblem, api } from '../api.ts';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { Field } from '../components/Field.tsx';
import { Page, Status } from '../components/Page.tsx';
import { checkEmail, checkRequired, describeProblem, onlyErrors, useFormErrors } from '../forms.ts';
import { isServerPage, rememberNext, safeNext } from '../next.ts';
import { dashboardFor, dashboardPaths, type Session, useLogin, useSession } from '../session.ts';

const FIELDS = ['email', 'password'] as const;

/** Only same-app paths, so a crafted link cannot send someone elsewhere after login. */

export function LogInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const session = useSession();
  const [values, setValues] = useState({ email: '', password: '' });
  const [notVerified, setNotVerified] = useState(false);
  const errors = useFormErrors(FIELDS);
  const login = useLogin();
  const resend = useMutation({
    mutationFn: (email: string) =>
      api<unknown>('/api/v1/auth/verify-email/resend', { method: 'POST', body: { email } }),
  });
  const set = (field: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [field]: value }));
  const destination = (s: Session) => next ?? dashboardPaths[dashboardFor(s)];

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setNotVerified(false);
    const found = onlyErrors({
      email: checkEmail(t, values.email),
      password: checkRequired(t, values.password, t('fields.password')),
    });
    if (Object.keys(found).length > 0) return errors.setFieldErrors(found);
    errors.clear();
    login.mutate(
      { email: values.email.trim(), password: values.password },
      {
        onSuccess: (s) => {
          rememberNext(null);
          const to = destination(s);
          if (isServerPage(to)) window.location.replace(to);
          else navigate(to, { replace: true });
        },
        onError: (error) => {
          if (error instanceof ApiProblem && error.is('email-not-verified')) {
            setNotVerified(true);
            errors.setGeneral(t('login.notVerified'));
          } else if (error instanceof ApiProblem && error.status === 401)
            errors.setGeneral(t('login.wrongCredentials'));
          else errors.setFromProblem(t, error);
        },
      },
    );
  };

  if (session.data && !login.isPending && !login.isSuccess) {
    const to = destination(session.data);
    return isServerPage(to) ? <LeaveApp to={to} /> : <Navigate to={to} replace />;
  }
  return (
    <Page title={t('login.title')} narrow>
      <ErrorSummary problems={errors.problems} />
      {notVerified &&
        (resend.isSuccess ? (
          <Status tone="success">{t('login.resent', { email: values.email.trim() })}</Status>
        ) : (
          <p>
            <button
              type="button"
              className="button button--secondary"
              disabled={resend.isPending}
              onClick={() => resend.mutate(values.email.trim())}
            >
              {t('login.resend')}
            </button>
            {resend.isError && <Status tone="error">{describeProblem(t, resend.error)}</Status>}
          </p>
        ))}
      <form noValidate onSubmit={onSubmit}>
        <Field
          name="email"
          type="email"
          label={t('fields.email')}
          autoComplete="username"
          value={values.email}
          onChange={set('email')}
          error={errors.fields.email}
        />
        <Field
          name="password"
          type="password"
          label={t('fields.password')}
          autoComplete="current-password"
          value={values.password}
          onChange={set('password')}
          error={errors.fields.password}
        />
        <button type="submit" className="button" disabled={login.isPending}>
          {login.isPending ? t('form.submitting') : t('login.submit')}
        </button>
      </form>
      <p>
        <Link to="/forgot-password">{t('login.forgot')}</Link>
      </p>
      <p>
        {t('login.noAccount')} <Link to="/signup">{t('nav.signUp')}</Link>
      </p>
    </Page>
  );
}

/** Goes on to a page the server renders (a full page load); nothing to show meanwhile. */
function LeaveApp({ to }: { to: string }) {
  useEffect(() => window.location.replace(to), [to]);
  return null;
}
