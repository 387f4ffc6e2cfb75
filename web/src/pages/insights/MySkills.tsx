// "Where my skills lead" (/learn/skills): the aligned skills of the learner's badges in one list, the
// learner's target occupation with the gap to it, and the jobs the whole backpack points to.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type BackpackBadge, badgeKeys, badgesApi } from '../../badges.ts';
import { Page, Status } from '../../components/Page.tsx';
import { RequireSession } from '../../components/RequireSession.tsx';
import { describeProblem } from '../../forms.ts';
import { jobsPath, type OccupationRef } from '../../insights.ts';
import { useSkillLabel } from './BadgeInsights.tsx';
import { RelatedJobs } from './OccupationList.tsx';
import { OpenRolesSection } from './OpenRoles.tsx';
import { TargetSection } from './Target.tsx';
import './insights.css';
import { Skeleton } from '../../components/Skeleton.tsx';

export function MySkillsPage() {
  return <RequireSession>{() => <MySkills />}</RequireSession>;
}

function MySkills() {
  const { t } = useTranslation();
  return (
    <Page title={t('insights.mySkillsTitle')}>
      <p className="lead">{t('insights.mySkillsIntro')}</p>
      <AlignedSkills />
      <TargetSection />
      <section aria-labelledby="lead-title">
        <h2 id="lead-title">{t('insights.leadTitle')}</h2>
        <RelatedJobs
          input={{ backpack: true, limit: 10 }}
          headingLevel={3}
          noAlignedText={t('insights.backpackNotAligned')}
        />
      </section>
      <OpenRolesSection />
    </Page>
  );
}

interface AlignedSkill {
  concept: OccupationRef;
  name: string;
  level: number | null;
  badges: string[];
}

/** The badges that count: accepted, still valid, not revoked and not replaced by a renewal. */
function counts(item: BackpackBadge): boolean {
  return item.state === 'accepted' && !item.expired && !item.superseded && item.credentialState !== 'revoked';
}

/** One entry per concept across the badges, at the highest level any of them asserts. */
export function alignedSkillsOf(items: BackpackBadge[]): AlignedSkill[] {
  const byConcept = new Map<string, AlignedSkill>();
  for (const item of items.filter(counts)) {
    for (const skill of item.badge.skills) {
      if (!skill.concept) continue;
      const key = `${skill.concept.framework}:${skill.concept.code}`;
      const entry = byConcept.get(key) ?? {
        concept: skill.concept,
        name: skill.name,
        level: null,
        badges: [],
      };
      if (typeof skill.level === 'number' && (entry.level === null || skill.level > entry.level))
        entry.level = skill.level;
      if (!entry.badges.includes(item.badge.name)) entry.badges.push(item.badge.name);
      byConcept.set(key, entry);
    }
  }
  return [...byConcept.values()].sort((a, b) => a.name.localeCompare(b.name));
}

function AlignedSkills() {
  const { t } = useTranslation();
  const label = useSkillLabel();
  const badges = useQuery({ queryKey: badgeKeys.backpack, queryFn: badgesApi.backpack });
  const skills = badges.data ? alignedSkillsOf(badges.data.items) : [];
  return (
    <section aria-labelledby="aligned-title">
      <h2 id="aligned-title">{t('insights.alignedTitle')}</h2>
      {badges.isPending && <Skeleton rows={4} />}
      {badges.isError && <Status tone="error">{describeProblem(t, badges.error)}</Status>}
      {badges.data && skills.length === 0 && (
        <p>
          {t('insights.alignedNone')} <Link to="/catalog">{t('myLearning.browse')}</Link>
        </p>
      )}
      {skills.length > 0 && (
        <>
          <p className="muted">{t('insights.skillTagHint')}</p>
          <ul className="gap-list">
            {skills.map((skill) => (
              <li key={`${skill.concept.framework}:${skill.concept.code}`}>
                <Link to={jobsPath(skill.concept)}>{label(skill)}</Link>{' '}
                <span className="muted">
                  · {t('insights.fromBadges', { names: skill.badges.join(', ') })}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
