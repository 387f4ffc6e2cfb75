// The demo storefront of Northwind Academy: three priced short courses, each with a lesson and a check,
// and the "HR Generalist Starter" badge that requires all three — sold one by one or as a bundle at the
// default 10 % discount. The issuer charges a one-time issuance fee for a learner's first badge and
// adds 20 % VAT; payments use the embedded default (manual invoices the issuer marks paid).
import { createBadge, DEFAULT_VALIDITY_DAYS, publishBadge } from '../badges/index.ts';
import { createCourse, publishCourse, type UnitInput } from '../catalog/index.ts';
import { updateCommerceSettings } from '../commerce/index.ts';
import type { Deps } from '../deps.ts';
import type { SkillInput } from '../skills/index.ts';
import { DEMO_SKILLS, demoSkills } from './demo-skills.ts';

interface ShopCourse {
  title: string;
  summary: string;
  minutes: number;
  priceMinor: number;
  skills: SkillInput[];
  lesson: string[];
  question: { prompt: string; right: string; wrong: string[] };
}

const shopCourses: ShopCourse[] = [
  {
    title: 'Employment law basics',
    summary: 'Contracts, working time and the rules every people team applies daily.',
    minutes: 50,
    priceMinor: 4500,
    skills: [{ ...DEMO_SKILLS.lawAndGovernment, name: 'Employment law' }, { name: 'Compliance' }],
    lesson: [
      '# Employment law basics',
      '',
      'A **contract of employment** exists as soon as both sides agree on work for pay — in writing or not.',
      '',
      'Written terms still matter: they settle hours, pay, leave and notice before anyone needs them.',
    ],
    question: {
      prompt: 'When does a contract of employment exist?',
      right: 'As soon as both sides agree on work for pay',
      wrong: ['Only once it is signed', 'After the probation period'],
    },
  },
  {
    title: 'Onboarding that sticks',
    summary: 'Plan the first ninety days so new hires stay, learn fast and feel welcome.',
    minutes: 40,
    priceMinor: 3500,
    skills: [{ name: 'Onboarding' }, { name: 'Employee retention' }, DEMO_SKILLS.instructing],
    lesson: [
      '# Onboarding that sticks',
      '',
      'Good onboarding starts **before day one**: equipment, accounts and a named buddy are ready.',
      '',
      'Then plan 30, 60 and 90 days with goals the new hire can see.',
    ],
    question: {
      prompt: 'When does good onboarding start?',
      right: 'Before the first day',
      wrong: ['On the first day', 'After the probation period'],
    },
  },
  {
    title: 'Performance conversations',
    summary: 'Give feedback that is specific, timely and about behaviour — and agree on next steps.',
    minutes: 45,
    priceMinor: 4000,
    skills: [
      { ...DEMO_SKILLS.managingPeople, name: 'Performance management' },
      { name: 'Feedback' },
      DEMO_SKILLS.speaking,
    ],
    lesson: [
      '# Performance conversations',
      '',
      'Useful feedback names a **specific behaviour**, its effect, and what to do next.',
      '',
      'Give it close to the moment, in private, and end with an agreed step.',
    ],
    question: {
      prompt: 'What does useful feedback name?',
      right: 'A specific behaviour and its effect',
      wrong: ["The person's character", 'A general impression'],
    },
  },
];

function unitsOf(course: ShopCourse): UnitInput[] {
  return [
    { id: 'lesson', kind: 'lesson', title: course.title, markdown: course.lesson.join('\n') },
    {
      id: 'check',
      kind: 'assessment',
      title: 'Check your understanding',
      questions: [
        {
          id: 'q1',
          type: 'single-choice',
          prompt: course.question.prompt,
          options: [
            { id: 'right', text: course.question.right, correct: true, feedback: 'Right.' },
            ...course.question.wrong.map((text, i) => ({
              id: `wrong-${i + 1}`,
              text,
              correct: false,
              feedback: 'Not quite: read the lesson again.',
            })),
          ],
        },
      ],
    },
  ];
}

/** Creates the priced courses, the bundle badge and the shop's settings. */
export async function seedDemoShop(
  deps: Deps,
  issuerOrgId: string,
): Promise<{ badgeId: string; courseIds: string[] }> {
  const courseIds: string[] = [];
  for (const course of shopCourses) {
    const { course: created } = await createCourse(deps, 'system', issuerOrgId, {
      title: course.title,
      summary: course.summary,
      estimatedMinutes: course.minutes,
      skills: await demoSkills(deps, course.skills),
      activityCodePrefix: null,
      accessDays: 365,
      price: { amountMinor: course.priceMinor, currency: 'EUR' },
      units: unitsOf(course),
    });
    await publishCourse(deps, 'system', issuerOrgId, created.id);
    courseIds.push(created.id);
  }
  const { badge } = await createBadge(deps, 'system', issuerOrgId, {
    name: 'HR Generalist Starter',
    description:
      'Applies the basics of employment law, onboards new hires and holds performance conversations.',
    skills: await demoSkills(deps, [
      { ...DEMO_SKILLS.personnel, name: 'Human resources', level: 3 },
      { ...DEMO_SKILLS.lawAndGovernment, name: 'Employment law' },
    ]),
    level: 'Foundation',
    criteriaNarrative: null,
    validityDays: DEFAULT_VALIDITY_DAYS,
    colors: null,
    renewAfterAccessEnded: true,
    requirements: {
      items: courseIds.map((courseId) => ({ kind: 'course' as const, courseId })),
      required: null,
    },
  });
  await publishBadge(deps, 'system', issuerOrgId, badge.id);
  await updateCommerceSettings(deps, 'system', issuerOrgId, {
    taxRateBp: 2000,
    taxLabel: 'VAT',
    bundleDiscountBp: 1000,
    sellerDetails: 'Northwind Academy Ltd\n1 Harbour Street, Portsmouth\nVAT no. GB 000 0000 00 (demo)',
    issuanceFee: { amountMinor: 1500, currency: 'EUR' },
    // The demo learner pays alone, by test card (no money moves); PAYMENTS_TEST_MODE=off turns it off.
    testCardPayments: true,
  });
  return { badgeId: badge.id, courseIds };
}
