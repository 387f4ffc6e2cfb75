// Demo badges of Northwind Academy: one per course and a stacked pathway badge requiring both, and the
// demo learner holding the payroll badge (accepted and public), so a fresh install shows a real badge
// page at /badges/<id> and a badge that verifies on /verify.
import {
  awardBadge,
  createBadge,
  DEFAULT_VALIDITY_DAYS,
  latestPublishedVersion,
  publishBadge,
  recordAcceptance,
} from '../badges/index.ts';
import type { Deps } from '../deps.ts';
import { DEMO_SKILLS, demoSkills } from './demo-skills.ts';

/** What the create form defaults to: generated criteria, three years of validity, the issuer's colours. */
const defaults = {
  criteriaNarrative: null,
  validityDays: DEFAULT_VALIDITY_DAYS,
  colors: null,
  renewAfterAccessEnded: true,
};

/** Returns the public badge page of the demo learner's badge. */
export async function seedDemoBadges(
  deps: Deps,
  issuerOrgId: string,
  courseIds: string[],
  learner: { userId: string; email: string; name: string },
): Promise<string> {
  const [payrollCourse, interviewingCourse] = courseIds as [string, string];
  const { badge: payroll } = await createBadge(deps, 'system', issuerOrgId, {
    ...defaults,
    name: 'Payroll Essentials',
    description: 'Runs a payroll from gross to net pay and applies deductions in the right order.',
    skills: await demoSkills(deps, [DEMO_SKILLS.accounting, { name: 'Compensation' }]),
    level: 'Foundation',
    requirements: { items: [{ kind: 'course', courseId: payrollCourse }], required: null },
  });
  const { badge: interviewing } = await createBadge(deps, 'system', issuerOrgId, {
    ...defaults,
    name: 'Structured Interviewer',
    description: 'Runs structured interviews: the same questions, scored against the same scale.',
    skills: await demoSkills(deps, [DEMO_SKILLS.activeListening, DEMO_SKILLS.socialPerceptiveness]),
    level: 'Foundation',
    requirements: { items: [{ kind: 'course', courseId: interviewingCourse }], required: null },
  });
  await publishBadge(deps, 'system', issuerOrgId, payroll.id);
  await publishBadge(deps, 'system', issuerOrgId, interviewing.id);
  const { badge: pathway } = await createBadge(deps, 'system', issuerOrgId, {
    ...defaults,
    name: 'People Operations Foundations',
    description: 'Holds both foundation badges of Northwind Academy: payroll and structured interviewing.',
    skills: await demoSkills(deps, [DEMO_SKILLS.personnel, DEMO_SKILLS.judgment]),
    level: 'Intermediate',
    requirements: {
      items: [
        { kind: 'badge', badgeId: payroll.id },
        { kind: 'badge', badgeId: interviewing.id },
      ],
      required: null,
    },
  });
  await publishBadge(deps, 'system', issuerOrgId, pathway.id);

  const awardId = await deps.db.transaction().execute(async (trx) => {
    const version = await latestPublishedVersion(trx, payroll.id);
    if (!version) throw new Error('the demo badge did not publish');
    const { award } = await awardBadge(deps, trx, {
      version,
      email: learner.email,
      name: learner.name,
      userId: learner.userId,
      source: 'manual',
    });
    await recordAcceptance(deps, trx, award.id, learner.userId);
    await trx.updateTable('awards').set({ visibility: 'public' }).where('id', '=', award.id).execute();
    return award.id;
  });
  return `${deps.config.publicUrl}/badges/${awardId}`;
}
