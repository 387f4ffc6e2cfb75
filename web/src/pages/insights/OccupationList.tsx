// Related jobs as every learner page shows them (the badge page, /jobs, /learn/skills): each occupation with
// its Job Zone in words, other titles, why it was suggested, the skills that matched and those missing, hot
// technologies, its source with the attribution page, and "Set as my target" for a signed-in learner.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Status } from '../../components/Page.tsx';
import { describeProblem } from '../../forms.ts';
import {
  afterTargetChange,
  type Framework,
  insightsApi,
  insightsKeys,
  type OccupationRef,
  type OccupationsInput,
  publicPages,
  type RelatedOccupation,
  sourceFramework,
} from '../../insights.ts';
import { useSession } from '../../session.ts';
import './insights.css';
import { Skeleton } from '../../components/Skeleton.tsx';

type HeadingLevel = 2 | 3;
/** `learner`: the skills matched are the learner's, the others missing; `skill`: jobs for one skill (/jobs). */
export type Wording = 'learner' | 'skill';

/** Asks for the related occupations of `input` and shows them, a placeholder while loading, or the problem. */
export function RelatedJobs({
  input,
  headingLevel,
  noAlignedText,
}: {
  input: OccupationsInput;
  headingLevel: HeadingLevel;
  /** Said instead of the list when the badge(s) have no skill aligned to a framework. */
  noAlignedText: string;
}) {
  const { t } = useTranslation();
  const related = useQuery({
    queryKey: insightsKeys.occupations(input),
    queryFn: () => insightsApi.occupations(input),
  });
  if (related.isPending) return <JobsPlaceholder />;
  if (related.isError) return <Status tone="error">{describeProblem(t, related.error)}</Status>;
  if (related.data.reason === 'no-aligned-skills') return <p>{noAlignedText}</p>;
  if (related.data.items.length === 0) return <p>{t('insights.noJobs')}</p>;
  return <OccupationList items={related.data.items} headingLevel={headingLevel} />;
}

/** A few grey cards the size of the results, hidden from assistive technology, which hears the status. */
export function JobsPlaceholder() {
  const { t } = useTranslation();
  return (
    <div className="jobs-placeholder">
      <Skeleton rows={3} label={t('insights.loadingJobs')} />
      <ul className="cards" aria-hidden="true">
        {[0, 1, 2].map((n) => (
          <li key={n} className="card jobs-placeholder__card">
            <span className="jobs-placeholder__line jobs-placeholder__line--title" />
            <span className="jobs-placeholder__line" />
            <span className="jobs-placeholder__line jobs-placeholder__line--short" />
          </li>
        ))}
      </ul>
    </div>
  );
}

export function OccupationList({
  items,
  headingLevel,
  wording = 'learner',
}: {
  items: RelatedOccupation[];
  headingLevel: HeadingLevel;
  wording?: Wording;
}) {
  return (
    <ol className="cards occupation-list">
      {items.map((item) => (
        <li key={`${item.framework}:${item.code}`}>
          <OccupationCard item={item} headingLevel={headingLevel} wording={wording} />
        </li>
      ))}
    </ol>
  );
}

/** "Job Zone 3: medium preparation"; nothing for ESCO occupations, which have no Job Zone. */
export function JobZone({ zone }: { zone: number | null }) {
  const { t } = useTranslation();
  if (zone === null || zone < 1 || zone > 5) return null;
  return (
    <p className="occupation__zone">
      {t('insights.jobZone', { zone, words: t(`insights.jobZoneWords.${zone}`) })}
    </p>
  );
}

/** The source ("O*NET 29.3"), linked to the page with the attribution its licence requires. */
export function SourceLine({ source, framework }: { source: string; framework: Framework }) {
  const { t } = useTranslation();
  return (
    <p className="muted occupation__source">
      {t('insights.source')}{' '}
      <a href={publicPages.attribution(sourceFramework(source, framework))}>{source}</a>
    </p>
  );
}

function OccupationCard({
  item,
  headingLevel,
  wording,
}: {
  item: RelatedOccupation;
  headingLevel: HeadingLevel;
  wording: Wording;
}) {
  const { t } = useTranslation();
  const id = useId();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const alsoCalled = otherTitles(item, 3);
  const hot = item.technologies.filter((tech) => tech.hot).slice(0, 6);
  return (
    <article className="card occupation" aria-labelledby={`${id}-title`}>
      <Heading id={`${id}-title`} className="occupation__title">
        {item.title}
      </Heading>
      <JobZone zone={item.jobZone} />
      {alsoCalled.length > 0 && <p>{t('insights.alsoCalled', { titles: alsoCalled.join(', ') })}</p>}
      <p className="occupation__because">{item.because}</p>
      {wording === 'learner' && item.matched.length > 0 && (
        <>
          <p id={`${id}-matched`} className="occupation__label">
            {t('insights.matched')}
          </p>
          <ul className="insight-tags" aria-labelledby={`${id}-matched`}>
            {item.matched.map((skill) => (
              <li key={skill.code} className="insight-tag insight-tag--have">
                <span aria-hidden="true">✓ </span>
                {skill.label}
              </li>
            ))}
          </ul>
        </>
      )}
      {item.missing.length > 0 && (
        <>
          <p id={`${id}-missing`} className="occupation__label">
            {wording === 'learner' ? t('insights.missing') : t('insights.otherSkills')}
          </p>
          <ul className="insight-tags" aria-labelledby={`${id}-missing`}>
            {item.missing.map((skill) =>
              wording === 'learner' ? (
                <li key={skill.code} className="insight-tag insight-tag--missing">
                  {t('insights.missingSkill', { label: skill.label })}
                </li>
              ) : (
                <li key={skill.code} className="insight-tag">
                  {skill.label}
                </li>
              ),
            )}
          </ul>
        </>
      )}
      {hot.length > 0 && (
        <p>
          {t('insights.hotTechnologies')}{' '}
          {hot
            .map((tech) => (tech.inDemand ? t('insights.inDemand', { name: tech.name }) : tech.name))
            .join(', ')}
        </p>
      )}
      <SourceLine source={item.source} framework={item.framework} />
      <div className="occupation__actions">
        <a href={publicPages.occupation(item)}>{t('insights.aboutOccupation', { title: item.title })}</a>
        <SetTargetButton occupation={item} title={item.title} />
      </div>
    </article>
  );
}

/** Up to `count` alternate and reported titles, without repeating the occupation's own title. */
function otherTitles(item: RelatedOccupation, count: number): string[] {
  const own = item.title.toLowerCase();
  const seen = new Set<string>([own]);
  const titles: string[] = [];
  for (const title of [...item.titles.reported, ...item.titles.alternate]) {
    const key = title.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    titles.push(title);
    if (titles.length === count) break;
  }
  return titles;
}

/** Stores the occupation as the learner's target, then opens "Where my skills lead" to show the gap. */
export function SetTargetButton({ occupation, title }: { occupation: OccupationRef; title: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const setTarget = useMutation({
    mutationFn: () => insightsApi.setTarget({ framework: occupation.framework, code: occupation.code }),
    onSuccess: async () => {
      await afterTargetChange(queryClient);
      navigate('/learn/skills');
    },
  });
  if (!session.data) return null;
  return (
    <span className="occupation__target">
      <button
        type="button"
        className="button button--secondary"
        aria-label={t('insights.setTargetNamed', { title })}
        disabled={setTarget.isPending}
        onClick={() => setTarget.mutate()}
      >
        {setTarget.isPending ? t('form.submitting') : t('insights.setTarget')}
      </button>
      {setTarget.isError && <Status tone="error">{describeProblem(t, setTarget.error)}</Status>}
    </span>
  );
}
