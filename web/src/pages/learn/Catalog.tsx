// The public catalog: search and filters kept in the address (so a search can be shared and reloaded), and
// the course page with its outline and the Enrol button.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiProblem } from '../../api.ts';
import { CheckboxField, InputField, SelectField } from '../../components/Inputs.tsx';
import { Page, Status } from '../../components/Page.tsx';
import { Skeleton } from '../../components/Skeleton.tsx';
import { describeProblem } from '../../forms.ts';
import { holdingsKeys, useHoldings } from '../../holdings.ts';
import {
  type CatalogEntry,
  catalogFiltersOf,
  catalogQuery,
  learningApi,
  learningKeys,
} from '../../learning.ts';
import { useSession } from '../../session.ts';
import type { Skill } from '../../skills.ts';
import { AddToCart } from '../shop/AddToCart.tsx';
import { CourseBadges } from '../shop/CourseBadges.tsx';
import { CourseCover } from '../shop/CourseCover.tsx';
import { CourseAction } from '../shop/HoldingActions.tsx';
import { FeeNotice, Price } from '../shop/PriceTerms.tsx';

const DURATIONS = ['30', '60', '120', '240'] as const;

export function CatalogPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters = catalogFiltersOf(params);
  const [draft, setDraft] = useState(filters);
  const results = useQuery(catalogQuery(filters));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const [key, value] of Object.entries(draft)) if (value?.trim()) next.set(key, value.trim());
    setParams(next);
  };

  return (
    <Page title={t('catalog.title')}>
      <p className="lead">{t('catalog.intro')}</p>
      <search>
        <form className="catalog-search" onSubmit={onSubmit} aria-label={t('catalog.searchLabel')}>
          <InputField
            name="q"
            type="search"
            label={t('catalog.query')}
            required={false}
            value={draft.q ?? ''}
            onChange={(q) => setDraft((d) => ({ ...d, q }))}
          />
          <InputField
            name="skill"
            label={t('catalog.skill')}
            hint={t('catalog.skillHint')}
            required={false}
            value={draft.skill ?? ''}
            onChange={(skill) => setDraft((d) => ({ ...d, skill }))}
          />
          <InputField
            name="issuer"
            label={t('catalog.issuer')}
            hint={t('catalog.issuerHint')}
            required={false}
            value={draft.issuer ?? ''}
            onChange={(issuer) => setDraft((d) => ({ ...d, issuer }))}
          />
          <SelectField
            name="maxMinutes"
            label={t('catalog.duration')}
            value={draft.maxMinutes ?? ''}
            onChange={(maxMinutes) => setDraft((d) => ({ ...d, maxMinutes }))}
          >
            <option value="">{t('catalog.anyDuration')}</option>
            {DURATIONS.map((minutes) => (
              <option key={minutes} value={minutes}>
                {t('catalog.upTo', { count: Number(minutes) })}
              </option>
            ))}
          </SelectField>
          <CheckboxField
            name="free"
            label={t('catalog.freeOnly')}
            checked={draft.free === 'true'}
            onChange={(free) => setDraft((d) => ({ ...d, free: free ? 'true' : '' }))}
          />
          <button type="submit">{t('catalog.search')}</button>
        </form>
      </search>
      {results.isPending && <Skeleton cards={6} />}
      {results.isError && <Status tone="error">{describeProblem(t, results.error)}</Status>}
      {results.data && (
        <section aria-labelledby="results-title">
          <h2 id="results-title">{t('catalog.results')}</h2>
          <p role="status">{t('catalog.found', { count: results.data.items.length })}</p>
          <ul className="cards">
            {results.data.items.map((course) => (
              <li key={course.id}>
                <CourseCard course={course} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </Page>
  );
}

/** A course's skill by name (a plain string in replies from before skills were objects). */
const skillName = (skill: Skill | string) => (typeof skill === 'string' ? skill : skill.name);

function CourseFacts({ course }: { course: CatalogEntry }) {
  const { t } = useTranslation();
  return (
    <dl className="facts">
      <dt>{t('catalog.issuer')}</dt>
      <dd>{course.issuer.name}</dd>
      <dt>{t('catalog.minutesLabel')}</dt>
      <dd>{t('catalog.minutes', { count: course.estimatedMinutes })}</dd>
      <dt>{t('catalog.price')}</dt>
      <dd>
        {course.price ? (
          <Price
            orgId={course.issuer.id}
            netMinor={course.price.amountMinor}
            currency={course.price.currency}
          />
        ) : (
          t('catalog.free')
        )}
      </dd>
      {course.skills.length > 0 && (
        <>
          <dt>{t('catalog.skills')}</dt>
          <dd>{course.skills.map(skillName).join(', ')}</dd>
        </>
      )}
    </dl>
  );
}

function CourseCard({ course }: { course: CatalogEntry }) {
  const { t } = useTranslation();
  // A course the learner has shows "Resume" / "Review" (or "In your cart") instead of "Add to cart".
  const holdings = useHoldings();
  return (
    <article className="card">
      <CourseCover courseId={course.id} title={course.title} image={course.image} />
      {/* Painting time reported to performance tools (bench/catalog-paint.ts). */}
      <h3 elementtiming="course-card">
        <Link to={`/catalog/${course.id}`}>{course.title}</Link>
      </h3>
      <p>{course.summary}</p>
      <CourseFacts course={course} />
      <CourseAction courseId={course.id} title={course.title} holdings={holdings}>
        {course.price && (
          <AddToCart
            orgId={course.issuer.id}
            entry={{ kind: 'course', courseId: course.id }}
            label={t('cart.add')}
            accessibleLabel={t('cart.addNamed', { title: course.title })}
            secondary
          />
        )}
      </CourseAction>
    </article>
  );
}

export function CoursePage() {
  const { t } = useTranslation();
  const { courseId = '' } = useParams();
  const course = useQuery({
    queryKey: learningKeys.course(courseId),
    queryFn: () => learningApi.course(courseId),
  });
  if (course.isPending) return <Skeleton lines={6} />;
  if (course.isError) {
    const missing = course.error instanceof ApiProblem && course.error.status === 404;
    return (
      <Page title={missing ? t('course.notFound') : t('course.title')}>
        <Status tone="error">{missing ? t('course.notFoundText') : describeProblem(t, course.error)}</Status>
        <p>
          <Link to="/catalog">{t('course.backToCatalog')}</Link>
        </p>
      </Page>
    );
  }
  const data = course.data;
  return (
    <Page title={data.title}>
      <CourseCover courseId={data.id} title={data.title} image={data.image} size="banner" />
      <p className="lead">{data.summary}</p>
      <CourseFacts course={data} />
      <FeeNotice orgId={data.issuer.id} about="course" />
      <Enrol course={data} />
      <CourseBadges badges={data.badges ?? []} />
      <section aria-labelledby="outline-title">
        <h2 id="outline-title">{t('course.outline')}</h2>
        <ol className="outline">
          {data.units.map((unit) => (
            <li key={unit.id}>
              {unit.title} <span className="muted">({t(`unitKind.${unit.kind}`)}</span>
              {unit.kind === 'assessment' && (
                <span className="muted">, {t('course.questions', { count: unit.questionCount })}</span>
              )}
              <span className="muted">)</span>
            </li>
          ))}
        </ol>
      </section>
      <p>
        <Link to="/catalog">{t('course.backToCatalog')}</Link>
      </p>
    </Page>
  );
}

/**
 * Enrol (free courses) or add to the cart (paid ones), or continue an enrolment still open; visitors log
 * in first and come back here.
 */
function Enrol({ course }: { course: CatalogEntry }) {
  const courseId = course.id;
  const accessDays = course.accessDays;
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const session = useSession();
  const mine = useQuery({
    queryKey: learningKeys.enrolments,
    queryFn: learningApi.enrolments,
    enabled: Boolean(session.data),
  });
  const enrol = useMutation({
    mutationFn: () => learningApi.enrol(courseId),
    onSuccess: async (enrolment) => {
      await queryClient.invalidateQueries({ queryKey: learningKeys.enrolments });
      await queryClient.invalidateQueries({ queryKey: holdingsKeys.mine });
      navigate(`/learn/${enrolment.id}`);
    },
  });
  const holdings = useHoldings();
  // Completed: "Review" (the holdings say so); still open: "Continue learning", as before.
  if (holdings.course(courseId)?.completed) {
    return <CourseAction courseId={courseId} title={course.title} holdings={holdings} />;
  }
  const open = mine.data?.items.find((e) => e.course.id === courseId && !e.expired);
  if (open) {
    return (
      <p>
        <Link className="button" to={`/learn/${open.id}`}>
          {t('course.continue')}
        </Link>
      </p>
    );
  }
  if (course.price) {
    return (
      <div className="enrol">
        <CourseAction courseId={courseId} title={course.title} holdings={holdings}>
          <p>{t('course.accessFromPurchase', { count: accessDays })}</p>
          <AddToCart orgId={course.issuer.id} entry={{ kind: 'course', courseId }} label={t('cart.add')} />
        </CourseAction>
      </div>
    );
  }
  return (
    <div className="enrol">
      <p>{t('course.accessFor', { count: accessDays })}</p>
      <button
        type="button"
        className="button"
        disabled={enrol.isPending}
        onClick={() => {
          if (!session.data) navigate(`/login?next=${encodeURIComponent(`/catalog/${courseId}`)}`);
          else enrol.mutate();
        }}
      >
        {enrol.isPending ? t('form.submitting') : t('course.enrol')}
      </button>
      {!session.data && !session.isPending && <p className="field__hint">{t('course.logInFirst')}</p>}
      {enrol.isError && <Status tone="error">{describeProblem(t, enrol.error)}</Status>}
    </div>
  );
}
