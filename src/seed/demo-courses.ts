// Two published demo courses of Northwind Academy, so a fresh install shows a real catalog: one with a
// lesson and a two-question assessment, one with an essay an assessor reviews.
import { createCourse, publishCourse, type UnitInput } from '../catalog/index.ts';
import type { Deps } from '../deps.ts';
import { DEMO_SKILLS, demoSkills } from './demo-skills.ts';

const payrollUnits: UnitInput[] = [
  {
    id: 'gross-to-net',
    kind: 'lesson',
    title: 'From gross to net pay',
    markdown: [
      '# From gross to net pay',
      '',
      'Every payroll run starts from **gross pay**: salary or hours × rate, plus overtime and bonuses.',
      '',
      'Then come the deductions, in this order:',
      '',
      '1. pre-tax deductions (pension, some benefits)',
      '2. taxes withheld',
      '3. after-tax deductions (union dues, garnishments)',
      '',
      'What is left is **net pay**, the amount on the payslip.',
    ].join('\n'),
  },
  {
    id: 'check',
    kind: 'assessment',
    title: 'Check your understanding',
    questions: [
      {
        id: 'first-step',
        type: 'single-choice',
        prompt: 'Which amount does a payroll run start from?',
        options: [
          {
            id: 'gross',
            text: 'Gross pay',
            correct: true,
            feedback: 'Right: deductions are taken from gross pay.',
          },
          {
            id: 'net',
            text: 'Net pay',
            correct: false,
            feedback: 'Net pay is the result, after every deduction.',
          },
          {
            id: 'tax',
            text: 'Taxes withheld',
            correct: false,
            feedback: 'Taxes are one of the deductions from gross pay.',
          },
        ],
      },
      {
        id: 'pay-periods',
        type: 'numeric',
        prompt: 'How many pay periods does a biweekly payroll have in a (non-leap) year?',
        answer: 26,
        tolerance: 0,
        feedback: {
          correct: '52 weeks ÷ 2 = 26.',
          incorrect: 'Biweekly means every two weeks: count the weeks of a year.',
        },
      },
    ],
  },
];

const interviewingUnits: UnitInput[] = [
  {
    id: 'structure',
    kind: 'lesson',
    title: 'Why structure interviews',
    markdown:
      'Structured interviews ask every candidate the **same questions** and score the answers against the same scale. They predict job performance better and are fairer.',
  },
  {
    id: 'reflection',
    kind: 'evidence',
    title: 'Reflect on an interview you ran',
    task: 'essay',
    instructions:
      'Describe an interview you ran or attended (300–500 words): which questions were asked, how answers were scored, and what you would structure differently.',
    needsReview: true,
    attendanceCode: null,
    upload: null,
    rubric: [
      {
        criterion: 'Uses the structure',
        levels: [
          { label: 'not yet', points: 0 },
          { label: 'partly', points: 1 },
          { label: 'fully', points: 2 },
        ],
      },
      {
        criterion: 'Concrete improvement',
        levels: [
          { label: 'missing', points: 0 },
          { label: 'present', points: 2 },
        ],
      },
    ],
  },
];

/** Returns the ids of the published courses, in the order above. */
export async function seedDemoCourses(deps: Deps, issuerOrgId: string): Promise<string[]> {
  const courses = [
    {
      title: 'Payroll essentials: gross to net',
      summary: 'How a payroll run turns gross pay into net pay, and the order deductions come in.',
      estimatedMinutes: 45,
      skills: [{ name: 'Payroll' }, DEMO_SKILLS.mathematics, DEMO_SKILLS.accounting],
      activityCodePrefix: 'NW-PAY',
      units: payrollUnits,
    },
    {
      title: 'Structured interviewing',
      summary: 'Ask the same questions, score against the same scale: fairer and more predictive hiring.',
      estimatedMinutes: 60,
      skills: [
        { name: 'Interviewing' },
        DEMO_SKILLS.activeListening,
        DEMO_SKILLS.socialPerceptiveness,
        DEMO_SKILLS.personnel,
      ],
      activityCodePrefix: 'NW-INT',
      units: interviewingUnits,
    },
  ];
  const ids: string[] = [];
  for (const course of courses) {
    const { course: created } = await createCourse(deps, 'system', issuerOrgId, {
      ...course,
      skills: await demoSkills(deps, course.skills),
      accessDays: 365,
      price: null,
    });
    await publishCourse(deps, 'system', issuerOrgId, created.id);
    ids.push(created.id);
  }
  return ids;
}
