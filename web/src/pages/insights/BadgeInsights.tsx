// What a held badge says about work: its skills as tags (an aligned one leads to the jobs where it matters)
// and the "Related jobs" panel for the badge as a whole. Shown on the learner's badge page.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { BackpackSkill } from '../../badges.ts';
import { jobsPath } from '../../insights.ts';
import { RelatedJobs } from './OccupationList.tsx';
import './insights.css';

/** "Active listening · level 4 of 7", or the name alone when the badge asserts no level. */
export function useSkillLabel(): (skill: { name: string; level?: number | null }) => string {
  const { t } = useTranslation();
  return (skill) =>
    typeof skill.level === 'number'
      ? t('insights.skillWithLevel', { name: skill.name, level: Math.round(skill.level * 10) / 10 })
      : skill.name;
}

export function BadgeSkillTags({ skills }: { skills: BackpackSkill[] }) {
  const { t } = useTranslation();
  const label = useSkillLabel();
  if (skills.length === 0) return null;
  const aligned = skills.some((skill) => skill.concept);
  return (
    <section aria-labelledby="badge-skills-title">
      <h2 id="badge-skills-title">{t('insights.badgeSkills')}</h2>
      {aligned && <p className="muted">{t('insights.skillTagHint')}</p>}
      <ul className="insight-tags">
        {skills.map((skill) => (
          <li
            key={skill.concept ? `${skill.concept.framework}:${skill.concept.code}` : skill.name}
            className="insight-tag"
          >
            {skill.concept ? <Link to={jobsPath(skill.concept)}>{label(skill)}</Link> : label(skill)}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function RelatedJobsPanel({ awardId }: { awardId: string }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="related-jobs-title" className="related-jobs">
      <h2 id="related-jobs-title">{t('insights.relatedJobs')}</h2>
      <RelatedJobs
        input={{ awardId, limit: 5 }}
        headingLevel={3}
        noAlignedText={t('insights.badgeNotAligned')}
      />
    </section>
  );
}
