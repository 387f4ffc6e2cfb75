// Grade requirements and all/any groups, as pure rules over a learner's record.
import { describe, expect, it } from 'vitest';
import { barProblems, barText, type LearnerGrade, reachesBar } from './grade-rules.ts';
import {
  generatedCriteria,
  isRequirementMet,
  isSatisfied,
  type LearnerRecord,
  type Requirement,
  requirementProblems,
} from './model.ts';

const ITEM = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';
const COURSE = '33333333-3333-4333-8333-333333333333';
const SCALE = [
  { letter: 'A', minPercent: 90 },
  { letter: 'B', minPercent: 80 },
  { letter: 'C', minPercent: 70 },
];

const grade = (
  scoreGiven: number | null,
  scoreMaximum = 100,
  extra: Partial<LearnerGrade> = {},
): LearnerGrade => ({
  scoreGiven,
  scoreMaximum,
  letterGrade: null,
  gradedAt: new Date('2026-11-01T00:00:00Z'),
  ...extra,
});

function recordWith(grades: Record<string, LearnerGrade>, completed: string[] = []): LearnerRecord {
  return {
    completions: new Map(completed.map((id) => [id, [new Date('2026-10-01T00:00:00Z')]])),
    acceptedEvidence: new Map(),
    heldBadges: new Set(),
    grades: new Map(Object.entries(grades)),
  };
}

describe('grade requirements', () => {
  it('meets a points bar when the score given reaches it', () => {
    const req: Requirement = { kind: 'grade', lineItemId: ITEM, min: { points: 40 } };
    expect(isRequirementMet(req, recordWith({ [ITEM]: grade(40, 50) }))).toBe(true);
    expect(isRequirementMet(req, recordWith({ [ITEM]: grade(39.5, 50) }))).toBe(false);
  });

  it('meets a percent bar by the score over the maximum', () => {
    const req: Requirement = { kind: 'grade', lineItemId: ITEM, min: { percent: 75 } };
    expect(isRequirementMet(req, recordWith({ [ITEM]: grade(15, 20) }))).toBe(true);
    expect(isRequirementMet(req, recordWith({ [ITEM]: grade(14, 20) }))).toBe(false);
  });

  it('meets a letter bar with a better or equal letter, derived from the percent when the LMS gives none', () => {
    const req: Requirement = { kind: 'grade', lineItemId: ITEM, min: { letter: 'B', scale: SCALE } };
    expect(isRequirementMet(req, recordWith({ [ITEM]: grade(92) }))).toBe(true);
    expect(isRequirementMet(req, recordWith({ [ITEM]: grade(80) }))).toBe(true);
    expect(isRequirementMet(req, recordWith({ [ITEM]: grade(79.9) }))).toBe(false);
    expect(isRequirementMet(req, recordWith({ [ITEM]: grade(50) }))).toBe(false);
  });

  it('prefers the letter the LMS gave when the scale knows it (in any case)', () => {
    const req: Requirement = { kind: 'grade', lineItemId: ITEM, min: { letter: 'B', scale: SCALE } };
    expect(isRequirementMet(req, recordWith({ [ITEM]: grade(null, 100, { letterGrade: 'a' }) }))).toBe(true);
    expect(isRequirementMet(req, recordWith({ [ITEM]: grade(95, 100, { letterGrade: 'C' }) }))).toBe(false);
    // A letter the scale does not know falls back to the score.
    expect(isRequirementMet(req, recordWith({ [ITEM]: grade(85, 100, { letterGrade: 'Pass' }) }))).toBe(true);
  });

  it('is not met without a grade on the line item, or with a result that has no score', () => {
    const req: Requirement = { kind: 'grade', lineItemId: ITEM, min: { percent: 10 } };
    expect(isRequirementMet(req, recordWith({ [OTHER]: grade(100) }))).toBe(false);
    expect(isRequirementMet(req, recordWith({ [ITEM]: grade(null) }))).toBe(false);
    expect(isRequirementMet(req, { ...recordWith({}), grades: undefined })).toBe(false);
  });

  it('counts for a renewal only a grade given since the renewal window opened', () => {
    const req: Requirement = { kind: 'grade', lineItemId: ITEM, min: { points: 1 } };
    const record = recordWith({ [ITEM]: grade(5) });
    expect(isRequirementMet(req, record, new Date('2026-10-01T00:00:00Z'))).toBe(true);
    expect(isRequirementMet(req, record, new Date('2026-12-01T00:00:00Z'))).toBe(false);
  });
});

describe('all/any groups', () => {
  const gradeReq: Requirement = { kind: 'grade', lineItemId: ITEM, min: { percent: 60 } };
  const courseReq: Requirement = { kind: 'course', courseId: COURSE };

  it('needs every item of an "all of" group', () => {
    const group: Requirement = { kind: 'group', mode: 'all', items: [gradeReq, courseReq] };
    expect(isRequirementMet(group, recordWith({ [ITEM]: grade(70) }))).toBe(false);
    expect(isRequirementMet(group, recordWith({ [ITEM]: grade(70) }, [COURSE]))).toBe(true);
  });

  it('needs one item of an "any of" group', () => {
    const group: Requirement = { kind: 'group', mode: 'any', items: [gradeReq, courseReq] };
    expect(isRequirementMet(group, recordWith({}))).toBe(false);
    expect(isRequirementMet(group, recordWith({}, [COURSE]))).toBe(true);
    expect(isRequirementMet(group, recordWith({ [ITEM]: grade(60) }))).toBe(true);
  });

  it('counts a group as one item of the badge\'s "n of m"', () => {
    const reqs = {
      items: [
        { kind: 'group', mode: 'any', items: [gradeReq] },
        { kind: 'badge', badgeId: OTHER },
      ] as Requirement[],
      required: 1,
    };
    expect(isSatisfied(reqs, recordWith({ [ITEM]: grade(61) }))).toBe(true);
    expect(isSatisfied({ ...reqs, required: null }, recordWith({ [ITEM]: grade(61) }))).toBe(false);
  });

  it('reports a requirement listed twice inside a group and a letter missing from its scale', () => {
    const problems = requirementProblems({
      items: [
        {
          kind: 'group',
          mode: 'all',
          items: [
            courseReq,
            courseReq,
            { kind: 'grade', lineItemId: ITEM, min: { letter: 'D', scale: SCALE } },
          ],
        },
      ],
      required: null,
    });
    expect(problems).toEqual([
      { path: 'requirements.items.0.items.1', message: 'is listed twice', code: 'listed-twice' },
      {
        path: 'requirements.items.0.items.2.min',
        message: 'the letter "D" is not on the scale',
        code: 'letter-not-on-scale',
        params: { letter: 'D' },
      },
    ]);
  });
});

describe('grade bars in words', () => {
  it('names points, percent and letters readably in the generated criteria', () => {
    const criteria = generatedCriteria(
      {
        items: [
          { kind: 'grade', lineItemId: ITEM, min: { points: 40 } },
          {
            kind: 'group',
            mode: 'any',
            items: [
              { kind: 'grade', lineItemId: OTHER, min: { percent: 82.5 } },
              { kind: 'grade', lineItemId: OTHER, min: { letter: 'B', scale: SCALE } },
            ],
          },
        ],
        required: null,
      },
      {
        course: () => 'Course',
        unit: () => 'Unit',
        badge: () => 'Badge',
        lineItem: (id) => (id === ITEM ? 'Final exam' : 'Project'),
      },
    );
    expect(criteria).toBe(
      [
        'To earn this badge, meet all of the following:',
        '',
        '- Reach at least 40 points in "Final exam" (graded in your learning platform).',
        '- Meet at least one of these:',
        '  - Reach at least 82.5% in "Project" (graded in your learning platform).',
        '  - Reach a grade of B or better (80% or more) in "Project" (graded in your learning platform).',
      ].join('\n'),
    );
  });

  it('refuses a scale that is not listed best first', () => {
    expect(
      barProblems({
        letter: 'A',
        scale: [
          { letter: 'B', minPercent: 80 },
          { letter: 'A', minPercent: 90 },
        ],
      }).map((problem) => problem.message),
    ).toEqual([
      'the scale must list the best letter first, each with a lower minimum percent than the one before',
    ]);
    expect(barText({ letter: 'A', scale: SCALE })).toBe('a grade of A (90% or more)');
    expect(reachesBar(grade(0.1 + 0.2, 1), { points: 0.3 })).toBe(true);
  });
});
