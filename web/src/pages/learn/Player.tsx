// The course player (/learn/:enrolmentId?unit=…): progress and outline, one unit at a time. Opening a unit
// saves the position on the server, so leaving and coming back (without ?unit) resumes where one left off.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiProblem } from '../../api.ts';
import { Page, Status } from '../../components/Page.tsx';
import { RequireSession } from '../../components/RequireSession.tsx';
import { PageSkeleton, Skeleton } from '../../components/Skeleton.tsx';
import { describeProblem } from '../../forms.ts';
import {
  certificateUrl,
  type Enrolment,
  formatDate,
  learningApi,
  learningKeys,
  type OpenedUnit,
} from '../../learning.ts';
import { AssessmentUnit } from './Assessment.tsx';
import { EvidenceUnit } from './Evidence.tsx';

export function PlayerPage() {
  return <RequireSession>{() => <Player />}</RequireSession>;
}

/** Where to open: the unit asked for, else the saved position, else the first unit not done. */
function unitToOpen(enrolment: Enrolment, asked: string | null): string | undefined {
  const reachable = enrolment.units.filter((u) => u.status !== 'locked');
  if (asked && reachable.some((u) => u.id === asked)) return asked;
  if (enrolment.position && reachable.some((u) => u.id === enrolment.position)) return enrolment.position;
  return (reachable.find((u) => u.status !== 'done') ?? reachable[0])?.id;
}

function Player() {
  const { t, i18n } = useTranslation();
  const { enrolmentId = '' } = useParams();
  const [params] = useSearchParams();
  const enrolment = useQuery({
    queryKey: learningKeys.enrolment(enrolmentId),
    queryFn: () => learningApi.enrolment(enrolmentId),
  });
  if (enrolment.isPending) return <PageSkeleton />;
  if (enrolment.isError) {
    return (
      <Page title={t('player.title')}>
        <Status tone="error">
          {enrolment.error instanceof ApiProblem && enrolment.error.status === 404
            ? t('player.notFound')
            : describeProblem(t, enrolment.error)}
        </Status>
        <p>
          <Link to="/learn">{t('player.backToLearning')}</Link>
        </p>
      </Page>
    );
  }
  const data = enrolment.data;
  if (data.expired) {
    return (
      <Page title={data.course.title}>
        <Status tone="error">
          {t('player.expired', { date: formatDate(data.accessUntil, i18n.language) })}
        </Status>
        <p>
          <Link className="button" to={`/catalog/${data.course.id}`}>
            {t('myLearning.enrolAgain', { course: data.course.title })}
          </Link>
        </p>
      </Page>
    );
  }
  const current = unitToOpen(data, params.get('unit'));
  return <PlayerView enrolment={data} current={current} />;
}

function PlayerView({ enrolment: data, current }: { enrolment: Enrolment; current: string | undefined }) {
  const { t, i18n } = useTranslation();
  // The first unit shown keeps the page's focus (on the page heading); moving to another takes it there.
  const firstUnit = useRef(current);
  const moved = useRef(false);
  if (current !== firstUnit.current) moved.current = true;
  return (
    <Page title={data.course.title}>
      <div className="player">
        <nav className="player__outline" aria-labelledby="outline-heading">
          <h2 id="outline-heading">{t('player.outline')}</h2>
          <label htmlFor="course-progress">
            {t('player.progress', { done: data.progress.done, total: data.progress.total })}
          </label>
          <progress id="course-progress" max={data.progress.total || 1} value={data.progress.done} />
          <ol>
            {data.units.map((unit) => (
              <li key={unit.id}>
                {unit.status === 'locked' ? (
                  <span className="muted">{unit.title}</span>
                ) : (
                  <Link
                    to={`?unit=${encodeURIComponent(unit.id)}`}
                    aria-current={unit.id === current ? 'step' : undefined}
                  >
                    {unit.title}
                  </Link>
                )}{' '}
                <span className="unit-status">({t(`unitStatus.${unit.status}`)})</span>
              </li>
            ))}
          </ol>
          <p>
            <Link to="/learn">{t('player.leave')}</Link>
          </p>
        </nav>
        <div className="player__unit">
          {data.completion && (
            <div className="status status--success" role="status">
              <p>
                {t('player.completed', {
                  date: formatDate(data.completion.completedAt, i18n.language),
                  code: data.completion.activityCode,
                })}
              </p>
              <a href={certificateUrl(data.completion.id)} download>
                {t('myLearning.certificate', { course: data.course.title })}
              </a>
            </div>
          )}
          {current ? (
            <UnitView key={current} enrolment={data} unitId={current} focusOnOpen={moved.current} />
          ) : (
            <p>{t('player.noUnits')}</p>
          )}
        </div>
      </div>
    </Page>
  );
}

function UnitView({
  enrolment,
  unitId,
  focusOnOpen,
}: {
  enrolment: Enrolment;
  unitId: string;
  focusOnOpen: boolean;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const opened = useQuery({
    queryKey: learningKeys.unit(enrolment.id, unitId),
    queryFn: () => learningApi.openUnit(enrolment.id, unitId),
    // Opening saves the position and may complete a lesson: the outline must show it.
    staleTime: 0,
  });
  const openedData = opened.data;
  useEffect(() => {
    if (openedData) queryClient.setQueryData(learningKeys.enrolment(enrolment.id), openedData.enrolment);
  }, [openedData, queryClient, enrolment.id]);

  // Moving between units keeps the page (and so RouteFocus) the same: take focus to the unit's heading.
  const heading = useRef<HTMLHeadingElement>(null);
  const loaded = Boolean(openedData);
  useEffect(() => {
    if (loaded && focusOnOpen) heading.current?.focus();
  }, [loaded, focusOnOpen]);

  if (opened.isPending) return <Skeleton lines={8} />;
  if (opened.isError) return <Status tone="error">{describeProblem(t, opened.error)}</Status>;
  const { unit } = opened.data;
  return (
    <section aria-labelledby="unit-title">
      <h2 id="unit-title" ref={heading} tabIndex={-1}>
        {unit.title}
      </h2>
      {unit.kind === 'lesson' && (
        <div
          className="lesson"
          // The server renders the author's Markdown and sanitizes it (scripts, iframes, javascript: links
          // removed; src/catalog/markdown.ts) before it is stored, so this HTML is safe to insert as is.
          // biome-ignore lint/security/noDangerouslySetInnerHtml: server-sanitized lesson HTML, see above
          dangerouslySetInnerHTML={{ __html: unit.html }}
        />
      )}
      {unit.kind === 'assessment' && <AssessmentUnit enrolment={enrolment} opened={opened.data} />}
      {unit.kind === 'evidence' && <EvidenceUnit enrolment={enrolment} opened={opened.data} />}
      <NextUnit enrolment={enrolment} opened={opened.data} />
    </section>
  );
}

/** "Continue" once the next unit is reachable (read, answered correctly, or handed in). */
function NextUnit({ enrolment, opened }: { enrolment: Enrolment; opened: OpenedUnit }) {
  const { t } = useTranslation();
  const index = enrolment.units.findIndex((u) => u.id === opened.unit.id);
  const next = enrolment.units[index + 1];
  if (!next || next.status === 'locked') return null;
  return (
    <p className="player__next">
      <Link className="button" to={`?unit=${encodeURIComponent(next.id)}`}>
        {t('player.next', { title: next.title })}
      </Link>
    </p>
  );
}
