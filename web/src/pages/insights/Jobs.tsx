// "Jobs where <skill> matters" (/jobs?skill=onet:2.A.1.b): the occupations that rely most on one framework
// skill, for anyone, signed in or not. The skill's public page (/skills/…) describes the skill itself.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Page, Status } from '../../components/Page.tsx';
import { describeProblem } from '../../forms.ts';
import {
  insightsApi,
  insightsKeys,
  type OccupationRef,
  type OccupationsInput,
  parseSkillParam,
  publicPages,
} from '../../insights.ts';
import { JobsPlaceholder, OccupationList } from './OccupationList.tsx';

export function JobsPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const skill = parseSkillParam(params.get('skill'));
  if (!skill) {
    return (
      <Page title={t('insights.jobsTitleUnknown')}>
        <Status tone="error">{t('insights.jobsBadSkill')}</Status>
        <p>
          <Link to="/catalog">{t('nav.catalog')}</Link>
        </p>
      </Page>
    );
  }
  return <JobsForSkill skill={skill} />;
}

function JobsForSkill({ skill }: { skill: OccupationRef }) {
  const { t } = useTranslation();
  const input: OccupationsInput = { skills: [{ framework: skill.framework, code: skill.code }], limit: 10 };
  const jobs = useQuery({
    queryKey: insightsKeys.occupations(input),
    queryFn: () => insightsApi.occupations(input),
  });
  // The concept's label comes with the answer: every occupation matched the one skill asked about.
  const label = jobs.data?.items[0]?.matched.find((m) => m.code === skill.code)?.label;
  return (
    <Page title={label ? t('insights.jobsTitle', { skill: label }) : t('insights.jobsTitleUnknown')}>
      <p>
        {t('insights.jobsIntro')}{' '}
        <a href={publicPages.skill(skill)}>{t('insights.aboutSkill', { skill: label ?? skill.code })}</a>
      </p>
      {jobs.isPending && <JobsPlaceholder />}
      {jobs.isError && <Status tone="error">{describeProblem(t, jobs.error)}</Status>}
      {jobs.data && jobs.data.items.length === 0 && <p>{t('insights.noJobs')}</p>}
      {jobs.data && jobs.data.items.length > 0 && (
        <OccupationList items={jobs.data.items} headingLevel={2} wording="skill" />
      )}
    </Page>
  );
}
