// A badge's public page before it is earned (/catalog/badges/:badgeId): what it asserts, its skills, what it
// takes (courses with price and time, evidence, other badges), how long it stays valid, what it costs and who
// issues it — and the way to get it: the courses or the bundle to buy, or "Open" / "Resume" / "Review" for
// what the learner already has.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiProblem, api } from '../../api.ts';
import type { BundleOffer } from '../../commerce.ts';
import { useMoney } from '../../components/Money.tsx';
import { Page, Status } from '../../components/Page.tsx';
import { describeProblem } from '../../forms.ts';
import {
  type BadgeRequirement,
  badgePagePath,
  holdingsKeys,
  type PublicBadge,
  publicBadgeApi,
  useHoldings,
  validityParts,
} from '../../holdings.ts';
import { jobsPath } from '../../insights.ts';
import { AddToCart } from './AddToCart.tsx';
import { BadgeAction, CourseAction } from './HoldingActions.tsx';
import { FeeNotice, Price, usePriceTerms, usePriceText } from './PriceTerms.tsx';
import '../badges/badges.css';
import './shop.css';
import './badge-public.css';
import { Skeleton } from '../../components/Skeleton.tsx';

export function BadgePublicPage() {
  const { t } = useTranslation();
  const { badgeId = '' } = useParams();
  const badge = useQuery({
    queryKey: holdingsKeys.badge(badgeId),
    queryFn: () => publicBadgeApi.badge(badgeId),
    retry: false,
  });
  if (badge.isPending) return <Skeleton lines={6} />;
  if (badge.isError) {
    const missing =
      badge.error instanceof ApiProblem && (badge.error.status === 404 || badge.error.status === 400);
    return (
      <Page title={missing ? t('badgePublic.notFound') : t('badgePublic.title')}>
        <Status tone="error">
          {missing ? t('badgePublic.notFoundText') : describeProblem(t, badge.error)}
        </Status>
        <p>
          <Link to="/catalog">{t('course.backToCatalog')}</Link>
        </p>
      </Page>
    );
  }
  return <BadgeView badge={badge.data} />;
}

function BadgeView({ badge }: { badge: PublicBadge }) {
  const { t } = useTranslation();
  const holdings = useHoldings();
  const bundle = useQuery({
    queryKey: ['bundle', badge.id],
    queryFn: () => api<BundleOffer>(`/api/v1/bundles/${badge.id}`),
    retry: false,
  });
  const offer = bundle.data;
  const courses = badge.requirements.items.flatMap((r) => (r.kind === 'course' ? [r] : []));
  const working =
    !holdings.badge(badge.id) &&
    badge.requirements.items.some((r) => r.kind !== 'badge' && holdings.course(r.courseId));
  return (
    <Page title={badge.name}>
      <meta name="description" content={badge.description.slice(0, 300)} />
      <article className="card badge-public" aria-labelledby="badge-facts-title">
        <img src={badge.imageUrl} alt="" width={160} height={160} className="badge-public__image" />
        <div>
          <h2 id="badge-facts-title" className="visually-hidden">
            {t('badgePublic.facts')}
          </h2>
          <IssuerLine badge={badge} />
          <p className="lead">{badge.description}</p>
          <Facts badge={badge} offer={offer} courses={courses} />
          <FeeNotice orgId={badge.issuer.id} about="badge" />
          <BadgeAction badgeId={badge.id} name={badge.name} holdings={holdings}>
            {working && (
              <p className="holding-action">
                <Link className="button" to="/learn/badge-progress">
                  {t('badgePublic.holdings.progress')}
                </Link>
              </p>
            )}
          </BadgeAction>
        </div>
      </article>
      {badge.skills.length > 0 && <Skills badge={badge} />}
      <section aria-labelledby="criteria-title">
        <h2 id="criteria-title">{t('badgePublic.criteria')}</h2>
        <div
          className="badge-public__criteria"
          // The server renders the criteria's Markdown and sanitizes it (src/catalog/markdown.ts allowlist).
          // biome-ignore lint/security/noDangerouslySetInnerHtml: server-sanitized criteria HTML, see above
          dangerouslySetInnerHTML={{ __html: badge.criteriaHtml }}
        />
        <Requirements badge={badge} holdings={holdings} />
      </section>
      {offer && !holdings.badge(badge.id) && (
        <BundleOfferPanel badge={badge} offer={offer} holdings={holdings} />
      )}
      <section aria-labelledby="issuer-title">
        <h2 id="issuer-title">{t('badgePublic.issuer')}</h2>
        <p>
          <strong>{badge.issuer.name}</strong>
          {badge.issuer.websiteUrl && (
            <>
              {' · '}
              <a href={badge.issuer.websiteUrl} rel="noopener">
                {t('badgePublic.website')}
              </a>
            </>
          )}
        </p>
        {badge.issuer.description && <p>{badge.issuer.description}</p>}
        <p>
          <a href={`/issuers/${encodeURIComponent(badge.issuer.slug)}`}>
            {t('badgePublic.issuerPage', { issuer: badge.issuer.name })}
          </a>
        </p>
      </section>
      <p>
        <Link to="/catalog">{t('course.backToCatalog')}</Link> ·{' '}
        <Link to="/bundles">{t('badgePublic.allBundles')}</Link>
      </p>
    </Page>
  );
}

function IssuerLine({ badge }: { badge: PublicBadge }) {
  const { t } = useTranslation();
  return (
    <p className="badge-public__issuer">
      {badge.issuer.logoUrl && <img src={badge.issuer.logoUrl} alt="" height={32} className="issuer-logo" />}
      <span>{t('backpack.issuedBy', { issuer: badge.issuer.name })}</span>
    </p>
  );
}

function Facts({
  badge,
  offer,
  courses,
}: {
  badge: PublicBadge;
  offer: BundleOffer | undefined;
  courses: Array<Extract<BadgeRequirement, { kind: 'course' }>>;
}) {
  const { t } = useTranslation();
  const priced = courses.filter((c) => c.price);
  const currency = priced[0]?.price?.currency;
  const sum = priced.reduce((total, c) => total + (c.price?.amountMinor ?? 0), 0);
  const validity = badge.validityDays === null ? null : validityParts(badge.validityDays);
  return (
    <dl className="facts">
      {badge.level && (
        <>
          <dt>{t('badgePublic.level')}</dt>
          <dd>{badge.level}</dd>
        </>
      )}
      <dt>{t('catalog.minutesLabel')}</dt>
      <dd>{t('catalog.minutes', { count: badge.estimatedMinutes })}</dd>
      <dt>{t('badgePublic.validity')}</dt>
      <dd>
        {validity
          ? t(`badgePublic.validFor_${validity.unit}`, { count: validity.count })
          : t('badgePublic.neverExpires')}
      </dd>
      <dt>{t('catalog.price')}</dt>
      <dd>
        {offer ? (
          <Price orgId={badge.issuer.id} netMinor={offer.priceMinor} currency={offer.currency} />
        ) : currency ? (
          <Price orgId={badge.issuer.id} netMinor={sum} currency={currency} />
        ) : (
          t('catalog.free')
        )}
        {offer && <span className="muted"> {t('badgePublic.asBundle')}</span>}
      </dd>
    </dl>
  );
}

function Skills({ badge }: { badge: PublicBadge }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="skills-title">
      <h2 id="skills-title">{t('badgePublic.skills')}</h2>
      <ul className="badge-public__skills">
        {badge.skills.map((skill) => (
          <li key={skill.concept ? `${skill.concept.framework}:${skill.concept.code}` : skill.name}>
            {skill.concept ? <Link to={jobsPath(skill.concept)}>{skill.name}</Link> : skill.name}
            {skill.framework && (
              <span className="muted">
                {' '}
                · {skill.framework}
                {skill.code ? ` ${skill.code}` : ''}
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Requirements({ badge, holdings }: { badge: PublicBadge; holdings: ReturnType<typeof useHoldings> }) {
  const { t } = useTranslation();
  const { items, required } = badge.requirements;
  return (
    <>
      <h3>
        {required === null || required >= items.length
          ? t('badgePublic.allOf')
          : t('badgePublic.someOf', { count: required, total: items.length })}
      </h3>
      <ul className="badge-public__requirements">
        {items.map((req) => (
          <li
            key={
              req.kind === 'badge'
                ? `badge:${req.badgeId}`
                : `${req.kind}:${req.courseId}:${req.kind === 'evidence' ? req.taskTitle : ''}`
            }
          >
            <Requirement badge={badge} req={req} holdings={holdings} />
          </li>
        ))}
      </ul>
    </>
  );
}

function Requirement({
  badge,
  req,
  holdings,
}: {
  badge: PublicBadge;
  req: BadgeRequirement;
  holdings: ReturnType<typeof useHoldings>;
}) {
  const { t } = useTranslation();
  if (req.kind === 'badge') {
    const name = req.name ?? t('badgePublic.unavailableBadge');
    return (
      <div className="requirement">
        <p>
          {t('badgePublic.holdBadge')}{' '}
          {req.available ? <Link to={badgePagePath(req.badgeId)}>{name}</Link> : name}
        </p>
        {req.available && <BadgeAction badgeId={req.badgeId} name={name} holdings={holdings} />}
      </div>
    );
  }
  if (req.kind === 'evidence') {
    return (
      <div className="requirement">
        <p>
          {t('badgePublic.evidence', { task: req.taskTitle })}{' '}
          {req.available ? <Link to={`/catalog/${req.courseId}`}>{req.courseTitle}</Link> : req.courseTitle}
        </p>
      </div>
    );
  }
  return (
    <div className="requirement">
      <p>
        {req.available ? <Link to={`/catalog/${req.courseId}`}>{req.title}</Link> : req.title}{' '}
        <span className="muted">
          · {t('catalog.minutes', { count: req.estimatedMinutes })} ·{' '}
          {req.price ? (
            <Price orgId={badge.issuer.id} netMinor={req.price.amountMinor} currency={req.price.currency} />
          ) : (
            t('catalog.free')
          )}
        </span>
      </p>
      {!req.available ? (
        <p className="muted">{t('badgePublic.unavailableCourse')}</p>
      ) : (
        <CourseAction courseId={req.courseId} title={req.title} holdings={holdings}>
          {req.price ? (
            <AddToCart
              orgId={badge.issuer.id}
              entry={{ kind: 'course', courseId: req.courseId }}
              label={t('cart.add')}
              accessibleLabel={t('cart.addNamed', { title: req.title })}
              secondary
            />
          ) : (
            <p className="holding-action">
              <Link
                className="button button--secondary"
                to={`/catalog/${req.courseId}`}
                aria-label={t('badgePublic.startNamed', { title: req.title })}
              >
                {t('badgePublic.start')}
              </Link>
            </p>
          )}
        </CourseAction>
      )}
    </div>
  );
}

function BundleOfferPanel({
  badge,
  offer,
  holdings,
}: {
  badge: PublicBadge;
  offer: BundleOffer;
  holdings: ReturnType<typeof useHoldings>;
}) {
  const { t } = useTranslation();
  const money = useMoney(offer.currency);
  const priceText = usePriceText(usePriceTerms(badge.issuer.id).data);
  const saving = offer.listSumMinor - offer.priceMinor;
  return (
    <section aria-labelledby="bundle-title" className="card">
      <h2 id="bundle-title">{t('badgePublic.bundle')}</h2>
      <p>
        {t('badgePublic.bundleText', { count: offer.courses.length })}{' '}
        <strong>{priceText(offer.priceMinor, offer.currency)}</strong>
        {saving > 0 && <> {t('storefront.saves', { amount: money(saving) })}</>}
      </p>
      <p className="muted">{t('storefront.heldNote')}</p>
      <BadgeAction badgeId={badge.id} name={badge.name} holdings={holdings}>
        <AddToCart
          orgId={badge.issuer.id}
          entry={{ kind: 'bundle', badgeId: badge.id }}
          label={t('storefront.add')}
          accessibleLabel={t('storefront.addNamed', { name: badge.name })}
        />
      </BadgeAction>
    </section>
  );
}
