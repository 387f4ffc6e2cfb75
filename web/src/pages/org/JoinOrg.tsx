// The organization invitation page (/join/org/:token), opened from the mailed link. Anyone holding the
// link sees who invites and with which role. A visitor signs up right here — the address pre-filled from
// the link's fragment (#email=…, which browsers never send to a server) — or logs in; both come back here
// after confirming the address. Accepting needs a verified address equal to the invited one.
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { ApiProblem, api } from '../../api.ts';
import { ErrorSummary, type FormProblem } from '../../components/ErrorSummary.tsx';
import { Field } from '../../components/Field.tsx';
import { Page, Status } from '../../components/Page.tsx';
import { Skeleton } from '../../components/Skeleton.tsx';
import {
  checkEmail,
  checkNewPassword,
  checkRequired,
  describeProblem,
  onlyErrors,
  useFormErrors,
} from '../../forms.ts';
import { rememberNext } from '../../next.ts';
import {
  type AcceptedInvitation,
  type InvitationLanding,
  useAcceptOrgInvitation,
  useInvitationLanding,
} from '../../orgs.ts';
import { useSession } from '../../session.ts';

type TFunction = ReturnType<typeof useTranslation>['t'];

/** Why a link does not work, in plain words: unknown or withdrawn (404, 400), used or expired (410). */
function linkProblem(t: TFunction, error: unknown): string {
  if (error instanceof ApiProblem) {
    if (error.reason === 'invitation-used') return t('orgConsole.join.used');
    if (error.reason === 'invitation-expired') return t('orgConsole.join.expired');
    if (error.status === 404 || error.status === 400) return t('orgConsole.join.invalid');
  }
  return describeProblem(t, error);
}

export function JoinOrgPage() {
  const { token = '' } = useParams();
  const { t } = useTranslation();
  const session = useSession();
  const landing = useInvitationLanding(token);
  const title = t('orgConsole.join.title');

  if (session.isPending || landing.isPending) return <Skeleton lines={3} />;
  if (landing.isError) {
    return (
      <Page title={title} narrow>
        <ErrorSummary problems={[{ message: linkProblem(t, landing.error) }]} />
      </Page>
    );
  }
  const invitation = landing.data;
  const role = t(`orgConsole.roles.${invitation.role}`);
  return (
    <Page title={title} narrow>
      <p>
        <strong>{t('orgConsole.join.invites', { org: invitation.orgName, role })}</strong>
      </p>
      <p>{t('orgConsole.join.sentTo', { email: invitation.maskedEmail })}</p>
      {session.data ? <SignedIn token={token} invitation={invitation} /> : <SignedOut token={token} />}
    </Page>
  );
}

function SignedIn({ token, invitation }: { token: string; invitation: InvitationLanding }) {
  const { t } = useTranslation();
  const accept = useAcceptOrgInvitation(token);
  // A second click lands before React re-renders the disabled button: accept once.
  const sent = useRef(false);
  if (accept.isSuccess) return <Joined accepted={accept.data} />;
  if (!invitation.emailVerified) {
    return (
      <div className="status" role="note">
        <p>
          <strong>{t('orgConsole.join.notVerifiedTitle')}</strong>
        </p>
        <p>{t('orgConsole.join.notVerified', { email: invitation.maskedEmail })}</p>
        <p>
          <Link to="/account">{t('orgConsole.join.toAccount')}</Link>
        </p>
      </div>
    );
  }
  const onAccept = () => {
    if (sent.current) return;
    sent.current = true;
    accept.mutate(undefined, {
      onSettled: () => {
        sent.current = false;
      },
    });
  };
  const problems: FormProblem[] = accept.isError
    ? [{ message: acceptProblem(t, accept.error, invitation.orgName) }]
    : [];
  return (
    <>
      <ErrorSummary problems={problems} />
      <div className="actions">
        <button type="button" className="button" disabled={accept.isPending} onClick={onAccept}>
          {accept.isPending ? t('form.submitting') : t('orgConsole.join.accept')}
        </button>
      </div>
    </>
  );
}

function acceptProblem(t: TFunction, error: unknown, org: string): string {
  if (error instanceof ApiProblem) {
    if (error.is('already-member')) return t('orgConsole.join.alreadyMember', { org });
    // The API words the address rule itself (it names the masked address).
    if (error.status === 403) return error.detail ?? t('orgConsole.join.notVerifiedTitle');
  }
  return linkProblem(t, error);
}

function Joined({ accepted }: { accepted: AcceptedInvitation }) {
  const { t } = useTranslation();
  const role = t(`orgConsole.roles.${accepted.role}`);
  const to =
    accepted.role === 'assessor'
      ? { path: '/assess', label: t('orgConsole.join.toReviews') }
      : {
          path: accepted.org.kind === 'employer' ? '/employ' : '/issue',
          label: t('orgConsole.join.toDashboard'),
        };
  return (
    <>
      <Status tone="success">{t('orgConsole.join.joined', { org: accepted.org.name, role })}</Status>
      <p>
        <Link className="button" to={to.path}>
          {to.label}
        </Link>
      </p>
    </>
  );
}

const FIELDS = ['name', 'email', 'password'] as const;

/** The invited address from the link's fragment, when the mail's link carried it. */
function emailFromFragment(hash: string): string {
  const value = new URLSearchParams(hash.replace(/^#/, '')).get('email') ?? '';
  return value.includes('@') ? value : '';
}

function SignedOut({ token }: { token: string }) {
  const { t, i18n } = useTranslation();
  const { hash } = useLocation();
  const here = `/join/org/${token}`;
  const [values, setValues] = useState(() => ({ name: '', email: emailFromFragment(hash), password: '' }));
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
        // The confirmation link's page offers a log-in that leads back here.
        onSuccess: () => rememberNext(here),
        onError: (error) => errors.setFromProblem(t, error),
      },
    );
  };

  if (signup.isSuccess) {
    return <Status tone="success">{t('orgConsole.join.signUpDone', { email: values.email.trim() })}</Status>;
  }
  return (
    <>
      <p>{t('orgConsole.join.signedOut')}</p>
      <h2>{t('orgConsole.join.signUpTitle')}</h2>
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
          {signup.isPending ? t('form.submitting') : t('orgConsole.join.signUp')}
        </button>
      </form>
      <p>
        {t('orgConsole.join.haveAccount')}{' '}
        <Link to={`/login?next=${encodeURIComponent(here)}`}>{t('orgConsole.join.logIn')}</Link>
      </p>
    </>
  );
}
