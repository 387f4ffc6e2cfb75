// Badge progress (/learn/badge-progress): each badge the learner works toward, each requirement's status
// (done, in progress, purchased, not started, not available) and the estimated time left, and what is
// still to buy (courses one by one or the bundle); badges held whose renewal window is open are listed too,
// and a badge earned but waiting for its issuance fee stays here, with the fee to pay, until it is issued.
// The issuer's first-badge issuance fee is announced on every card, free courses or not (BadgeFee).
// Grade requirements read as what they ask of which LMS activity, with the learner's grade; "all of" / "any
// of" groups as nested lists (GradeRequirementLines.tsx).
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { type BadgeProgress, badgeKeys, badgesApi, hoursAndMinutes } from '../../badges.ts';
import { commerceKeys, shopApi } from '../../commerce.ts';
import { Page, Status } from '../../components/Page.tsx';
import { RequireSession } from '../../components/RequireSession.tsx';
import { Skeleton } from '../../components/Skeleton.tsx';
import { describeProblem } from '../../forms.ts';
import { formatDate } from '../../learning.ts';
import { PayFeeButton } from '../shop/PayFee.tsx';
import { FeeNotice } from '../shop/PriceTerms.tsx';
import { PurchaseOptionsPanel } from '../shop/PurchaseOptions.tsx';
import { GradeRequirement, GroupRequirement, requirementKey } from './GradeRequirementLines.tsx';
import '../badges/badges.css';

export function BadgeProgressPage() {
  return <RequireSession>{() => <Progress />}</RequireSession>;
}

function Progress() {
  const { t } = useTranslation();
  const progress = useQuery({ queryKey: badgeKeys.progress, queryFn: badgesApi.progress });
  const items = progress.data?.items ?? [];
  return (
    <Page title={t('badgeProgress.title')}>
      <p>
        <Link to="/learn/badges">{t('badgeProgress.backpackLink')}</Link>
      </p>
      {progress.isPending && <Skeleton cards={3} />}
      {progress.isError && <Status tone="error">{describeProblem(t, progress.error)}</Status>}
      {progress.data && items.length === 0 && (
        <div className="empty-state">
          <p>
            <strong>{t('badgeProgress.none')}</strong>
          </p>
          <p>
            {t('badgeProgress.noneHint')} <Link to="/catalog">{t('myLearning.browse')}</Link>
          </p>
        </div>
      )}
      <ul className="cards">
        {items.map((item) => (
          <li key={item.badge.id}>
            <ProgressCard item={item} />
          </li>
        ))}
      </ul>
    </Page>
  );
}

function ProgressCard({ item }: { item: BadgeProgress }) {
  const { t, i18n } = useTranslation();
  const needed = item.needed;
  const done = Math.min(item.doneCount, needed);
  const progressId = `badge-progress-${item.badge.id}`;
  const left = hoursAndMinutes(item.minutesLeft);
  return (
    <article className="card badge-card" aria-labelledby={`${progressId}-name`}>
      <img src={item.badge.imageUrl} alt="" width={96} height={96} />
      <div>
        <h2 id={`${progressId}-name`}>{item.badge.name}</h2>
        <p>{t('backpack.issuedBy', { issuer: item.badge.issuer.name })}</p>
        {item.renewal && (
          <p className="status">
            {item.validUntil === null
              ? t('badgeProgress.renewal')
              : item.expired
                ? t('earner.renewExpired', { date: formatDate(item.validUntil, i18n.language) })
                : t('badgeProgress.renewBy', { date: formatDate(item.validUntil, i18n.language) })}
          </p>
        )}
        {item.awaitingFeeAwardId && <p className="status">{t('fee.awaiting')}</p>}
        <label htmlFor={progressId}>{t('badgeProgress.count', { done, needed })}</label>{' '}
        <progress id={progressId} max={needed || 1} value={done} />
        {/* Grades take no estimated time: "nothing left to do" only once every needed requirement is met. */}
        {item.minutesLeft > 0 ? (
          <p>{t('badgeProgress.timeLeft', left)}</p>
        ) : (
          done >= needed && <p>{t('badgeProgress.noTimeLeft')}</p>
        )}
        <ul className="requirement-list">
          {item.requirements.map((req) =>
            req.kind === 'group' || req.grade ? (
              <li key={requirementKey(req)}>
                {req.grade ? (
                  <GradeRequirement grade={req.grade} met={req.status === 'done'} />
                ) : (
                  <GroupRequirement req={req} />
                )}
              </li>
            ) : (
              <li key={`${req.kind}:${req.courseId ?? ''}:${req.unitId ?? ''}:${req.badgeId ?? ''}`}>
                {req.courseId && req.status !== 'done' && req.status !== 'not-available' ? (
                  <Link to={`/catalog/${req.courseId}`}>{req.title}</Link>
                ) : (
                  req.title
                )}
                {': '}
                <span className={`requirement-status requirement-status--${req.status}`}>
                  {t(`requirementStatus.${req.status}`)}
                </span>
                {req.status !== 'done' && req.minutes > 0 && (
                  <> ({t('badgeProgress.requirementTime', hoursAndMinutes(req.minutes))})</>
                )}
                {item.renewal && req.courseId && req.status !== 'done' && req.status !== 'not-available' && (
                  <>
                    {' '}
                    <RetakeButton badgeId={item.badge.id} courseId={req.courseId} title={req.title} />
                  </>
                )}
              </li>
            ),
          )}
        </ul>
        {item.awaitingFeeAwardId ? (
          <PayFeeButton awardId={item.awaitingFeeAwardId} badgeName={item.badge.name} />
        ) : (
          !item.renewal && (
            <>
              <BadgeFee badgeId={item.badge.id} />
              <PurchaseOptionsPanel badgeId={item.badge.id} />
            </>
          )
        )}
      </div>
    </article>
  );
}

/**
 * The issuance fee the learner will pay when the badge is earned, for a badge with nothing to buy (every course
 * free): the purchase panel, which announces it beside the prices, shows nothing then. Same query as the panel.
 */
function BadgeFee({ badgeId }: { badgeId: string }) {
  const options = useQuery({
    queryKey: commerceKeys.purchaseOptions(badgeId),
    queryFn: () => shopApi.purchaseOptions(badgeId),
  });
  if (!options.data || options.data.courses.some((course) => course.priceMinor)) return null;
  return <FeeNotice orgId={options.data.orgId} about="badge" />;
}

/** Renewal by retaking: re-enters the course (free when the badge allows it) and opens the player. */
function RetakeButton({ badgeId, courseId, title }: { badgeId: string; courseId: string; title: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const retake = useMutation({
    mutationFn: () => badgesApi.retakeForRenewal(badgeId, courseId),
    onSuccess: ({ enrolmentId }) => navigate(`/learn/${enrolmentId}`),
  });
  return (
    <>
      <button type="button" onClick={() => retake.mutate()} disabled={retake.isPending}>
        {t('badgeProgress.retake', { course: title })}
      </button>
      {retake.isError && <Status tone="error">{describeProblem(t, retake.error)}</Status>}
    </>
  );
}
