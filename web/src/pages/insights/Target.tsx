// "Your target" on /learn/skills: pick an occupation by a title ("payroll clerk"), keep it as the learner's
// target, and see the gap to it: coverage, the skills lacking (most important first) with the badges and
// courses that would close each, and what the learner already shows.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { badgeKeys, badgesApi } from '../../badges.ts';
import { InputField } from '../../components/Inputs.tsx';
import { Status } from '../../components/Page.tsx';
import { Skeleton } from '../../components/Skeleton.tsx';
import { describeProblem } from '../../forms.ts';
import {
  afterTargetChange,
  type Gap,
  type GapSkill,
  insightsApi,
  insightsKeys,
  type OccupationHit,
  publicPages,
  type TargetOccupation,
} from '../../insights.ts';
import { JobZone, SourceLine } from './OccupationList.tsx';

export function TargetSection() {
  const { t } = useTranslation();
  const target = useQuery({ queryKey: insightsKeys.target, queryFn: insightsApi.target });
  const [changing, setChanging] = useState(false);
  return (
    <section aria-labelledby="target-title">
      <h2 id="target-title">{t('insights.targetTitle')}</h2>
      {target.isPending && <Skeleton lines={4} />}
      {target.isError && <Status tone="error">{describeProblem(t, target.error)}</Status>}
      {target.isSuccess && (target.data === null || changing) && (
        <>
          <p>{target.data === null ? t('insights.targetNone') : t('insights.targetChangeIntro')}</p>
          <TargetSearch
            onChosen={() => setChanging(false)}
            onCancel={target.data === null ? undefined : () => setChanging(false)}
          />
        </>
      )}
      {target.isSuccess && target.data !== null && !changing && (
        <CurrentTarget target={target.data} onChange={() => setChanging(true)} />
      )}
    </section>
  );
}

function CurrentTarget({ target, onChange }: { target: TargetOccupation; onChange: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const clear = useMutation({
    mutationFn: insightsApi.clearTarget,
    onSuccess: () => afterTargetChange(queryClient),
  });
  return (
    <>
      <p className="lead">
        {t('insights.targetIs')} <a href={publicPages.occupation(target)}>{target.title}</a>
      </p>
      <div className="target-actions">
        <button type="button" className="button button--secondary" onClick={onChange}>
          {t('insights.changeTarget')}
        </button>
        <button
          type="button"
          className="button button--secondary"
          disabled={clear.isPending}
          onClick={() => clear.mutate()}
        >
          {clear.isPending ? t('form.submitting') : t('insights.clearTarget')}
        </button>
      </div>
      {clear.isError && <Status tone="error">{describeProblem(t, clear.error)}</Status>}
      <GapView target={target} />
    </>
  );
}

/** A search form and its results: a list of occupations, each with a button that makes it the target. */
function TargetSearch({ onChosen, onCancel }: { onChosen: () => void; onCancel: (() => void) | undefined }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const [error, setError] = useState<string | undefined>();
  const hits = useQuery({
    queryKey: insightsKeys.search(q),
    queryFn: () => insightsApi.searchOccupations(q, 10),
    enabled: q !== '',
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const text = draft.trim();
    setError(text === '' ? t('insights.titleRequired') : undefined);
    setQ(text);
  };
  return (
    <>
      <search>
        <form className="target-search" onSubmit={onSubmit} aria-label={t('insights.targetSearchLabel')}>
          <InputField
            name="occupation-title"
            type="search"
            label={t('insights.jobTitle')}
            hint={t('insights.jobTitleHint')}
            required={false}
            error={error}
            value={draft}
            onChange={setDraft}
          />
          <button type="submit">{t('insights.search')}</button>
          {onCancel && (
            <button type="button" className="button button--secondary" onClick={onCancel}>
              {t('insights.keepTarget')}
            </button>
          )}
        </form>
      </search>
      <div aria-live="polite">
        {hits.isFetching && <Skeleton rows={3} />}
        {hits.isError && <Status tone="error">{describeProblem(t, hits.error)}</Status>}
        {hits.data && !hits.isFetching && (
          <p>{t('insights.titlesFound', { count: hits.data.items.length })}</p>
        )}
      </div>
      {hits.data && hits.data.items.length > 0 && (
        <ul className="target-hits" aria-label={t('insights.titleResults')}>
          {hits.data.items.map((hit) => (
            <li key={`${hit.framework}:${hit.code}`}>
              <TargetHit hit={hit} onChosen={onChosen} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function TargetHit({ hit, onChosen }: { hit: OccupationHit; onChosen: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const choose = useMutation({
    mutationFn: () => insightsApi.setTarget({ framework: hit.framework, code: hit.code }),
    onSuccess: async () => {
      await afterTargetChange(queryClient);
      onChosen();
    },
  });
  const aka = hit.matchedTitle.toLowerCase() !== hit.title.toLowerCase();
  return (
    <>
      <span>
        <strong>{hit.title}</strong>
        {aka && <> ({t('insights.matchedTitle', { title: hit.matchedTitle })})</>}
        <span className="muted"> · {hit.source}</span>
      </span>
      <button
        type="button"
        className="button button--secondary"
        aria-label={t('insights.setTargetNamed', { title: hit.title })}
        disabled={choose.isPending}
        onClick={() => choose.mutate()}
      >
        {t('insights.setTarget')}
      </button>
      {choose.isError && <Status tone="error">{describeProblem(t, choose.error)}</Status>}
    </>
  );
}

function GapView({ target }: { target: TargetOccupation }) {
  const { t } = useTranslation();
  const gap = useQuery({
    queryKey: insightsKeys.gap(target),
    queryFn: () => insightsApi.gap({ framework: target.framework, code: target.code }),
  });
  // A badge the learner already holds is no way to close a gap (it asserts the skill lower, or not at all).
  const backpack = useQuery({ queryKey: badgeKeys.backpack, queryFn: badgesApi.backpack });
  if (gap.isPending) return <Skeleton rows={3} label={t('insights.loadingGap')} />;
  if (gap.isError) return <Status tone="error">{describeProblem(t, gap.error)}</Status>;
  const held = new Set(
    (backpack.data?.items ?? []).filter((item) => item.state !== 'declined').map((item) => item.badge.id),
  );
  return <GapDetails gap={gap.data} held={held} />;
}

const level = (value: number) => Math.round(value * 10) / 10;

function GapDetails({ gap, held }: { gap: Gap; held: ReadonlySet<string> }) {
  const { t } = useTranslation();
  const percent = Math.round(Math.min(1, Math.max(0, gap.coverage)) * 100);
  return (
    <>
      <JobZone zone={gap.occupation.jobZone} />
      <figure className="coverage">
        <div className="coverage__bar" aria-hidden="true">
          <div className="coverage__fill" style={{ width: `${percent}%` }} />
        </div>
        <figcaption>{t('insights.coverage', { percent, title: gap.occupation.title })}</figcaption>
      </figure>
      <h3>{t('insights.gapsTitle')}</h3>
      {gap.gaps.length === 0 ? (
        <p>{t('insights.noGaps')}</p>
      ) : (
        <ol className="gap-list">
          {gap.gaps.map((skill) => (
            <GapItem key={skill.code} skill={skill} held={held} />
          ))}
        </ol>
      )}
      <h3>{t('insights.haveTitle')}</h3>
      {gap.have.length === 0 ? (
        <p>{t('insights.haveNone')}</p>
      ) : (
        <ul className="gap-list">
          {gap.have.map((skill) => (
            <li key={skill.code}>
              <strong>{skill.label}</strong>
              {skill.shown !== null && <> · {t('insights.yourLevel', { level: level(skill.shown) })}</>}
              {skill.badges.length > 0 && (
                <span className="muted">
                  {' '}
                  · {t('insights.fromBadges', { names: skill.badges.map((b) => b.name).join(', ') })}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      <SourceLine source={gap.occupation.source} framework={gap.occupation.framework} />
    </>
  );
}

function GapItem({ skill, held }: { skill: GapSkill; held: ReadonlySet<string> }) {
  const { t } = useTranslation();
  const badges = skill.closers.badges.filter((badge) => !held.has(badge.id));
  const { courses } = skill.closers;
  return (
    <li>
      <h4>{skill.label}</h4>
      <p>
        {skill.importance !== null && <>{t('insights.importance', { value: level(skill.importance) })} · </>}
        {skill.relation !== null && <>{t(`insights.relation.${skill.relation}`)} · </>}
        {skill.needed !== null && <>{t('insights.neededLevel', { level: level(skill.needed) })} · </>}
        {skill.shown === null
          ? t('insights.notShownYet')
          : t('insights.yourLevel', { level: level(skill.shown) })}
      </p>
      {badges.length + courses.length === 0 ? (
        <p className="muted">{t('insights.noClosers')}</p>
      ) : (
        <>
          <p>{t('insights.closeWith')}</p>
          <ul>
            {badges.map((badge) => (
              <li key={badge.id}>
                {t('insights.closerBadge')} <a href={badge.url}>{badge.name}</a>{' '}
                <span className="muted">({badge.issuer})</span>
              </li>
            ))}
            {courses.map((course) => (
              <li key={course.id}>
                {t('insights.closerCourse')} <a href={course.url}>{course.title}</a>
              </li>
            ))}
          </ul>
        </>
      )}
    </li>
  );
}
