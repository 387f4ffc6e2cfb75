// The claim page (/claim/:token), opened from the "Accept your badge" mail: shows the badge to anyone with
// the link; accepting or declining needs an account that verified the address the badge was sent to.
// Expired, used and other-address links each get their own plain message (never naming the address).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiProblem } from '../../api.ts';
import { badgeKeys, badgesApi, type Claim } from '../../badges.ts';
import { Page, Status } from '../../components/Page.tsx';
import { PageSkeleton } from '../../components/Skeleton.tsx';
import { describeProblem } from '../../forms.ts';
import { formatDate } from '../../learning.ts';
import { useSession } from '../../session.ts';
import { sharingApi } from '../../sharing.ts';
import '../badges/badges.css';
import { AddToWallet } from './AddToWallet.tsx';

type Outcome = 'accepted' | 'declined' | 'expired' | 'used';

export function ClaimPage() {
  const { token = '' } = useParams();
  const { t } = useTranslation();
  const claim = useQuery({
    queryKey: badgeKeys.claim(token),
    queryFn: () => badgesApi.claim(token),
    retry: false,
  });
  if (claim.isPending) return <PageSkeleton />;
  if (claim.isError) {
    const gone =
      claim.error instanceof ApiProblem && (claim.error.status === 404 || claim.error.status === 410);
    return (
      <Page title={t('claim.title')} narrow>
        <Status tone="error">
          {claim.error instanceof ApiProblem && claim.error.is('claim-expired')
            ? t('claim.expired')
            : gone
              ? t('claim.unknown')
              : describeProblem(t, claim.error)}
        </Status>
      </Page>
    );
  }
  return <ClaimView token={token} claim={claim.data} />;
}

function ClaimView({ token, claim }: { token: string; claim: Claim }) {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const queryClient = useQueryClient();
  const [outcome, setOutcome] = useState<Outcome | null>(
    claim.state === 'expired' ? 'expired' : claim.state === 'used' ? 'used' : null,
  );
  const [confirmDecline, setConfirmDecline] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const next = encodeURIComponent(`/claim/${token}`);
  // A second click lands before React re-renders the disabled button: send the decision once.
  const sent = useRef(false);
  const decide = useMutation({
    mutationFn: (decision: 'accept' | 'decline') => badgesApi.decide(token, decision),
    onSettled: () => {
      sent.current = false;
    },
    onSuccess: async (_, decision) => {
      setProblem(null);
      setOutcome(decision === 'accept' ? 'accepted' : 'declined');
      await queryClient.invalidateQueries({ queryKey: badgeKeys.backpack });
    },
    onError: (error) => {
      if (error instanceof ApiProblem && error.is('claim-expired')) setOutcome('expired');
      else if (error instanceof ApiProblem && error.is('claim-used')) setOutcome('used');
      // Another address: the API's own words say which account may accept, without naming the address.
      else if (error instanceof ApiProblem && error.status === 403)
        setProblem(error.detail ?? t('claim.otherEmail'));
      else setProblem(describeProblem(t, error));
    },
  });

  const decideOnce = (decision: 'accept' | 'decline') => {
    if (sent.current) return;
    sent.current = true;
    decide.mutate(decision);
  };

  return (
    <Page title={t('claim.title')} narrow>
      <article className="card badge-card" aria-labelledby="claim-badge-name">
        <img src={claim.badge.imageUrl} alt="" width={120} height={120} />
        {/* One content column beside the picture (.badge-card is a row of picture and column). */}
        <div>
          <h2 id="claim-badge-name">{claim.badge.name}</h2>
          <p>{t('claim.issuedBy', { issuer: claim.issuer.name })}</p>
          <p>{claim.badge.description}</p>
          <p>
            {claim.validUntil
              ? t('claim.validUntil', { date: formatDate(claim.validUntil, i18n.language) })
              : t('backpack.neverExpires')}
          </p>
        </div>
      </article>
      <div aria-live="polite">
        {outcome === 'accepted' && <AfterAccepting awardId={claim.awardId} badgeName={claim.badge.name} />}
        {outcome === 'declined' && <Status tone="success">{t('claim.declined')}</Status>}
        {outcome === 'expired' && <ExpiredLink token={token} offerFreshLink={claim.decision === 'offered'} />}
        {outcome === 'used' && <Status tone="error">{t('claim.used')}</Status>}
        {problem && (
          <div role="alert" className="error-summary">
            <h2>{t('claim.cannotTitle')}</h2>
            <p>{problem}</p>
            <p>
              {t('claim.otherEmailHint')} <Link to="/account">{t('claim.toAccount')}</Link>
            </p>
          </div>
        )}
      </div>
      {outcome === null && session.data === null && (
        <>
          <p>{t('claim.logInFirst')}</p>
          <div className="actions">
            <Link className="button" to={`/login?next=${next}`}>
              {t('claim.logIn')}
            </Link>
            <Link className="button button--secondary" to={`/signup?next=${next}`}>
              {t('claim.signUp')}
            </Link>
          </div>
        </>
      )}
      {outcome === null && session.data && (
        <>
          <p>{t('claim.signedInAs', { name: session.data.user.name })}</p>
          {confirmDecline ? (
            <div className="status" role="alert">
              <p>{t('claim.confirmDecline')}</p>
              <div className="actions">
                <button
                  type="button"
                  className="button"
                  disabled={decide.isPending}
                  onClick={() => decideOnce('decline')}
                >
                  {t('claim.yesDecline')}
                </button>
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => setConfirmDecline(false)}
                >
                  {t('claim.keep')}
                </button>
              </div>
            </div>
          ) : (
            <div className="actions">
              <button
                type="button"
                className="button"
                disabled={decide.isPending}
                onClick={() => decideOnce('accept')}
              >
                {decide.isPending ? t('form.submitting') : t('claim.accept')}
              </button>
              <button
                type="button"
                className="button button--secondary"
                disabled={decide.isPending}
                onClick={() => setConfirmDecline(true)}
              >
                {t('claim.decline')}
              </button>
            </div>
          )}
        </>
      )}
    </Page>
  );
}

/**
 * Asked once, right after accepting: make the badge public and go share it, or keep it private; and the
 * badge can go to a wallet app at once (the "Accept your badge" mail says so).
 */
function AfterAccepting({ awardId, badgeName }: { awardId: string; badgeName: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [kept, setKept] = useState(false);
  const publish = useMutation({
    mutationFn: () => sharingApi.change(awardId, { visibility: 'public' }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: badgeKeys.backpack });
      navigate(`/learn/badges/${awardId}#sharing`);
    },
  });
  return (
    <>
      <Status tone="success">{t('claim.accepted')}</Status>
      {kept ? (
        <p>
          <Link to="/learn/badges">{t('claim.seeBadges')}</Link>
        </p>
      ) : (
        <section aria-labelledby="share-now-title" className="card">
          <h2 id="share-now-title">{t('claim.shareNowTitle')}</h2>
          <p>{t('claim.shareNowText')}</p>
          {publish.isError && <Status tone="error">{describeProblem(t, publish.error)}</Status>}
          <div className="actions">
            <button
              type="button"
              className="button"
              disabled={publish.isPending}
              onClick={() => publish.mutate()}
            >
              {publish.isPending ? t('form.submitting') : t('claim.makePublic')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setKept(true)}>
              {t('claim.keepPrivate')}
            </button>
          </div>
        </section>
      )}
      <div className="card">
        <AddToWallet awardId={awardId} badgeName={badgeName} intro={t('wallet.afterAccepting')} />
      </div>
    </>
  );
}

/** An expired link: a new one can be sent to the address the badge went to (shown masked once sent). */
function ExpiredLink({ token, offerFreshLink }: { token: string; offerFreshLink: boolean }) {
  const { t } = useTranslation();
  const fresh = useMutation({ mutationFn: () => badgesApi.freshClaimLink(token) });
  if (fresh.data)
    return <Status tone="success">{t('claim.freshSent', { address: fresh.data.sentTo })}</Status>;
  return (
    <>
      <Status tone="error">{offerFreshLink ? t('claim.expiredFresh') : t('claim.expired')}</Status>
      {fresh.isError && <Status tone="error">{describeProblem(t, fresh.error)}</Status>}
      {offerFreshLink && (
        <button type="button" className="button" disabled={fresh.isPending} onClick={() => fresh.mutate()}>
          {fresh.isPending ? t('form.submitting') : t('claim.sendFresh')}
        </button>
      )}
    </>
  );
}
