// The employer invitation page (/join/employer/:token), opened from the mailed link. Who invites is only
// told to someone signed in (the API needs a session), so a visitor first gets log-in and sign-up links
// that come back here. Accepting needs a verified address equal to the invited one; afterwards the person
// goes straight to choosing what that employer sees (nothing is shared until they do).
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiProblem } from '../../api.ts';
import { ErrorSummary, type FormProblem } from '../../components/ErrorSummary.tsx';
import { Page, Status } from '../../components/Page.tsx';
import { PageSkeleton, Skeleton } from '../../components/Skeleton.tsx';
import { describeProblem } from '../../forms.ts';
import { useSession } from '../../session.ts';
import { type EmployerInvitation, useAcceptInvitation, useEmployerInvitation } from '../../workforce-me.ts';

/** An unknown, used or malformed token: the API answers 404 (or 400 for a token of the wrong shape). */
const isInvalidLink = (error: unknown) =>
  error instanceof ApiProblem && (error.status === 404 || error.status === 400);

export function JoinEmployerPage() {
  const { token = '' } = useParams();
  const { t } = useTranslation();
  const session = useSession();
  const signedIn = Boolean(session.data);
  const invitation = useEmployerInvitation(token, signedIn);
  const title = t('employee.join.title');

  if (session.isPending) return <PageSkeleton />;
  if (session.isError) return <Status tone="error">{describeProblem(t, session.error)}</Status>;
  if (!signedIn) return <SignedOut token={token} />;
  if (invitation.isPending) return <Skeleton lines={4} />;
  if (invitation.isError) {
    return (
      <Page title={title} narrow>
        <ErrorSummary
          problems={[
            {
              message: isInvalidLink(invitation.error)
                ? t('employee.join.invalid')
                : describeProblem(t, invitation.error),
            },
          ]}
        />
        <p>
          <Link to="/learn/employers">{t('employee.join.toEmployers')}</Link>
        </p>
      </Page>
    );
  }
  return <Invitation token={token} invitation={invitation.data} />;
}

function SignedOut({ token }: { token: string }) {
  const { t } = useTranslation();
  const next = encodeURIComponent(`/join/employer/${token}`);
  return (
    <Page title={t('employee.join.title')} narrow>
      <p>{t('employee.join.signedOut')}</p>
      <div className="actions">
        <Link className="button" to={`/login?next=${next}`}>
          {t('employee.join.logIn')}
        </Link>
        <Link className="button button--secondary" to={`/signup?next=${next}`}>
          {t('employee.join.signUp')}
        </Link>
      </div>
    </Page>
  );
}

function Invitation({ token, invitation }: { token: string; invitation: EmployerInvitation }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const accept = useAcceptInvitation(token);
  // A second click lands before React re-renders the disabled button: accept once.
  const sent = useRef(false);
  const org = invitation.orgName;

  const onAccept = () => {
    if (sent.current) return;
    sent.current = true;
    accept.mutate(undefined, {
      onSettled: () => {
        sent.current = false;
      },
      onSuccess: (entry) => navigate(`/learn/employers?joined=${encodeURIComponent(entry.org.id)}`),
    });
  };

  const problems: FormProblem[] = accept.isError ? [{ message: acceptProblem(t, accept.error, org) }] : [];
  return (
    <Page title={t('employee.join.title')} narrow>
      <ErrorSummary problems={problems} />
      <p className="join-employer__org">
        <strong>{t('employee.join.invites', { org })}</strong>
      </p>
      <p>{t('employee.join.sentTo', { email: invitation.maskedEmail })}</p>
      {invitation.emailVerified ? (
        <>
          <p>{t('employee.join.whatAccepting', { org })}</p>
          <div className="actions">
            <button type="button" className="button" disabled={accept.isPending} onClick={onAccept}>
              {accept.isPending ? t('form.submitting') : t('employee.join.accept')}
            </button>
          </div>
        </>
      ) : (
        <div className="status" role="note">
          <p>
            <strong>{t('employee.join.notVerifiedTitle')}</strong>
          </p>
          <p>{t('employee.join.notVerified', { email: invitation.maskedEmail })}</p>
          <p>
            <Link to="/account">{t('employee.join.toProfile')}</Link>
          </p>
        </div>
      )}
    </Page>
  );
}

/** Each refusal of accepting in plain words; the API's own text for the address rule, which it words. */
function acceptProblem(t: ReturnType<typeof useTranslation>['t'], error: unknown, org: string): string {
  if (error instanceof ApiProblem) {
    if (error.is('already-employee')) return t('employee.join.alreadyEmployee', { org });
    if (error.status === 404) return t('employee.join.invalid');
    if (error.status === 403) return error.detail ?? t('employee.join.notVerifiedTitle');
  }
  return describeProblem(t, error);
}
