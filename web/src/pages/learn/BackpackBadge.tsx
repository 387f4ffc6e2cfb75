// One badge of the learner (/learn/badges/:awardId): its facts, the credential itself, and a check of it
// by the same verifier anyone can use (POST /api/v1/verify), so a revocation shows here too.
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { badgeKeys, badgesApi, type VerifyResult } from '../../badges.ts';
import { Page, Status } from '../../components/Page.tsx';
import { RequireSession } from '../../components/RequireSession.tsx';
import { describeProblem } from '../../forms.ts';
import { formatDate } from '../../learning.ts';
import { downloadUrl } from '../../sharing.ts';
import { BadgeSkillTags, RelatedJobsPanel } from '../insights/BadgeInsights.tsx';
import { PayFeeButton } from '../shop/PayFee.tsx';
import { AddToWallet } from './AddToWallet.tsx';
import { BadgeFacts } from './Backpack.tsx';
import { DownloadsPanel, MAIN_DOWNLOAD } from './DownloadsPanel.tsx';
import { Endorsements } from './Endorsements.tsx';
import { SharePanel } from './SharePanel.tsx';
import '../badges/badges.css';
import { Skeleton } from '../../components/Skeleton.tsx';

export function BackpackBadgePage() {
  const { awardId = '' } = useParams();
  return <RequireSession>{() => <BackpackBadge awardId={awardId} />}</RequireSession>;
}

function BackpackBadge({ awardId }: { awardId: string }) {
  const { t } = useTranslation();
  const detail = useQuery({
    queryKey: badgeKeys.backpackBadge(awardId),
    queryFn: () => badgesApi.backpackBadge(awardId),
  });
  const check = useMutation({
    mutationFn: (credential: Record<string, unknown>) => badgesApi.verify(credential),
  });
  if (detail.isPending) return <Skeleton lines={6} />;
  if (detail.isError) {
    return (
      <Page title={t('backpack.title')}>
        <Status tone="error">{describeProblem(t, detail.error)}</Status>
        <p>
          <Link to="/learn/badges">{t('backpack.back')}</Link>
        </p>
      </Page>
    );
  }
  const item = detail.data;
  const credential = item.credential;
  return (
    <Page title={item.badge.name}>
      <p>
        <Link to="/learn/badges">{t('backpack.back')}</Link>
      </p>
      <article className="card badge-card">
        <img
          src={item.badge.imageUrl}
          alt={t('backpack.imageAlt', { name: item.badge.name })}
          width={160}
          height={160}
        />
        <div>
          <p>{item.badge.description}</p>
          <BadgeFacts item={item} />
          {item.state === 'awaiting-fee' && <PayFeeButton awardId={awardId} badgeName={item.badge.name} />}
          {item.state === 'accepted' && (
            // The two things most earners come for; the panels below hold the choices and other formats.
            <p className="actions">
              <a className="button" href="#sharing">
                {t('backpack.shareAction')}
              </a>
              <a className="button button--secondary" href={downloadUrl(awardId, MAIN_DOWNLOAD)} download>
                {t('backpack.downloadAction')}
              </a>
              <a className="button button--secondary" href="#wallet">
                {t('wallet.add')}
              </a>
            </p>
          )}
        </div>
      </article>
      <BadgeSkillTags skills={item.badge.skills} />
      {item.state === 'accepted' && <Endorsements awardId={awardId} />}
      <RelatedJobsPanel awardId={awardId} />
      {credential && (
        <section aria-labelledby="check-title">
          <h2 id="check-title">{t('backpack.checkTitle')}</h2>
          <p>{t('backpack.checkIntro')}</p>
          <button
            type="button"
            className="button"
            disabled={check.isPending}
            onClick={() => check.mutate(credential)}
          >
            {check.isPending ? t('form.submitting') : t('backpack.check')}
          </button>
          <div aria-live="polite">
            {check.isError && <Status tone="error">{describeProblem(t, check.error)}</Status>}
            {check.data && <CheckResult result={check.data} />}
          </div>
          <details>
            <summary>{t('backpack.showCredential')}</summary>
            <pre className="pre-wrap credential-json">{JSON.stringify(credential, null, 2)}</pre>
          </details>
        </section>
      )}
      {item.state === 'accepted' && (
        <>
          <SharePanel awardId={awardId} />
          <AddToWallet awardId={awardId} badgeName={item.badge.name} />
          <DownloadsPanel awardId={awardId} />
        </>
      )}
    </Page>
  );
}

/** The standing's headline and sentence (an expired badge is genuine, a revoked one no longer counts). */
function CheckResult({ result }: { result: VerifyResult }) {
  const { t, i18n } = useTranslation();
  const dates = {
    until: result.claims.validUntil ? formatDate(result.claims.validUntil, i18n.language) : '',
    from: result.claims.validFrom ? formatDate(result.claims.validFrom, i18n.language) : '',
  };
  return (
    <div className={`check-result check-result--${result.standing}`}>
      <h3>{t(`backpack.standing.${result.standing}`)}</h3>
      <p>{t(`backpack.standingText.${result.standing}`, dates)}</p>
      <ul className="checks">
        {result.checks.map((check) => (
          <li key={check.code}>
            <strong>{t(`backpack.checkStatus.${check.status}`)}</strong>: {check.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
