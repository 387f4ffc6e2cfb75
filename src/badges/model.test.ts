import { describe, expect, it } from 'vitest';
import {
  createsCycle,
  estimatedMinutes,
  generatedCriteria,
  isRenewalOpen,
  isSatisfied,
  type LearnerRecord,
  type Requirements,
  reminderDue,
  requirementProblems,
  requirementStatus,
  validUntilOf,
} from './model.ts';

const day = 86_400_000;
const at = (iso: string) => new Date(iso);

function record(parts: Partial<LearnerRecord> = {}): LearnerRecord {
  return {
    completions: parts.completions ?? new Map(),
    acceptedEvidence: parts.acceptedEvidence ?? new Map(),
    heldBadges: parts.heldBadges ?? new Set(),
  };
}

const twoCourses: Requirements = {
  items: [
    { kind: 'course', courseId: 'c1' },
    { kind: 'course', courseId: 'c2' },
  ],
  required: null,
};

describe('badge requirements', () => {
  it('are satisfied only when every course of an "all" set is completed', () => {
    const one = record({ completions: new Map([['c1', [at('2026-01-01')]]]) });
    const both = record({
      completions: new Map([
        ['c1', [at('2026-01-01')]],
        ['c2', [at('2026-02-01')]],
      ]),
    });
    expect(isSatisfied(twoCourses, one)).toBe(false);
    expect(isSatisfied(twoCourses, both)).toBe(true);
  });

  it('count "n of m" sets as met once n items are done', () => {
    const reqs: Requirements = {
      items: [...twoCourses.items, { kind: 'badge', badgeId: 'b1' }],
      required: 2,
    };
    const courseAndBadge = record({
      completions: new Map([['c2', [at('2026-01-01')]]]),
      heldBadges: new Set(['b1']),
    });
    expect(isSatisfied(reqs, courseAndBadge)).toBe(true);
    expect(isSatisfied(reqs, record({ heldBadges: new Set(['b1']) }))).toBe(false);
  });

  it('never treat an empty set as satisfied', () => {
    expect(isSatisfied({ items: [], required: null }, record())).toBe(false);
  });

  it('accept an evidence task once the evidence is accepted or its course is completed', () => {
    const reqs: Requirements = {
      items: [{ kind: 'evidence', courseId: 'c1', unitId: 'essay' }],
      required: null,
    };
    expect(isSatisfied(reqs, record({ acceptedEvidence: new Map([['c1:essay', [at('2026-01-01')]]]) }))).toBe(
      true,
    );
    expect(isSatisfied(reqs, record({ acceptedEvidence: new Map([['c1:other', [at('2026-01-01')]]]) }))).toBe(
      false,
    );
    expect(isSatisfied(reqs, record({ completions: new Map([['c1', [at('2026-01-01')]]]) }))).toBe(true);
  });

  it('count only work done since the renewal window opened when renewing', () => {
    const old = record({
      completions: new Map([
        ['c1', [at('2024-01-01')]],
        ['c2', [at('2024-01-01'), at('2026-10-01')]],
      ]),
    });
    expect(isSatisfied(twoCourses, old, at('2026-09-01'))).toBe(false);
    const retaken = record({
      completions: new Map([
        ['c1', [at('2024-01-01'), at('2026-10-02')]],
        ['c2', [at('2026-10-01')]],
      ]),
    });
    expect(isSatisfied(twoCourses, retaken, at('2026-09-01'))).toBe(true);
  });

  it('report duplicates, self-reference and impossible counts', () => {
    const problems = requirementProblems(
      {
        items: [
          { kind: 'course', courseId: 'c1' },
          { kind: 'course', courseId: 'c1' },
          { kind: 'badge', badgeId: 'self' },
        ],
        required: 4,
      },
      'self',
    );
    expect(problems.map((p) => p.message)).toEqual([
      'is listed twice',
      'a badge cannot require itself',
      'must be between 1 and 3',
    ]);
  });

  it('find cycles through other badges', () => {
    const edges = new Map([
      ['b', ['c']],
      ['c', ['a']],
    ]);
    expect(createsCycle('a', ['b'], edges)).toBe(true);
    expect(createsCycle('x', ['b'], edges)).toBe(false);
  });
});

describe('estimates, criteria and progress', () => {
  it('estimate "n of m" badges from the quickest n requirements', () => {
    const minutes = new Map([
      ['c1', 90],
      ['c2', 30],
      ['c3', 60],
    ]);
    const reqs: Requirements = {
      items: ['c1', 'c2', 'c3'].map((courseId) => ({ kind: 'course' as const, courseId })),
      required: 2,
    };
    const of = (r: Requirements['items'][number]) =>
      r.kind === 'course' ? (minutes.get(r.courseId) ?? 0) : 0;
    expect(estimatedMinutes(reqs, of)).toBe(90);
    expect(estimatedMinutes({ ...reqs, required: null }, of)).toBe(180);
  });

  it('write the criteria narrative from the requirements', () => {
    const text = generatedCriteria(
      { items: [...twoCourses.items, { kind: 'badge', badgeId: 'b1' }], required: 2 },
      { course: (id) => `Course ${id}`, unit: (_c, u) => u, badge: () => 'Payroll basics' },
    );
    expect(text).toContain('meet 2 of the following 3');
    expect(text).toContain('- Complete the course "Course c1".');
    expect(text).toContain('- Earn the badge "Payroll basics".');
  });

  it('tell done, in progress, purchased, not started and not available apart', () => {
    const r = record({ completions: new Map([['done', [at('2026-01-01')]]]) });
    const access = (courseId: string) => ({
      enrolled: courseId === 'opened' || courseId === 'bought',
      opened: courseId === 'opened',
      available: courseId !== 'archived',
    });
    const status = (courseId: string) => requirementStatus({ kind: 'course', courseId }, r, access);
    expect(['done', 'opened', 'bought', 'fresh', 'archived'].map(status)).toEqual([
      'done',
      'in-progress',
      'purchased',
      'not-started',
      'not-available',
    ]);
  });
});

describe('validity and renewal', () => {
  it('expires after the validity period, or never', () => {
    expect(validUntilOf(at('2026-01-01T00:00:00Z'), 1095)?.toISOString()).toBe('2029-01-01T00:00:00.000Z');
    expect(validUntilOf(at('2026-01-01T00:00:00Z'), 100)?.toISOString()).toBe('2026-04-11T00:00:00.000Z');
    expect(validUntilOf(at('2026-01-01T00:00:00Z'), null)).toBeNull();
  });

  it('reads whole years as calendar years: earned on 5 Dec 2026 for 3 years is valid until 5 Dec 2029', () => {
    expect(validUntilOf(at('2026-12-05T09:30:00Z'), 1095)?.toISOString()).toBe('2029-12-05T09:30:00.000Z');
    expect(validUntilOf(at('2027-03-01T00:00:00Z'), 365)?.toISOString()).toBe('2028-03-01T00:00:00.000Z');
    expect(validUntilOf(at('2028-02-29T12:00:00Z'), 365)?.toISOString()).toBe('2029-02-28T12:00:00.000Z');
    expect(validUntilOf(at('2028-02-29T12:00:00Z'), 1460)?.toISOString()).toBe('2032-02-29T12:00:00.000Z');
  });

  it('opens renewal 90 days before expiry and keeps it open after', () => {
    const until = at('2027-01-01T00:00:00Z');
    expect(isRenewalOpen(until, new Date(until.getTime() - 91 * day))).toBe(false);
    expect(isRenewalOpen(until, new Date(until.getTime() - 89 * day))).toBe(true);
    expect(isRenewalOpen(until, new Date(until.getTime() + 10 * day))).toBe(true);
    expect(isRenewalOpen(null, until)).toBe(false);
  });

  it('sends the most urgent reminder due, and none after expiry', () => {
    const until = at('2027-01-01T00:00:00Z');
    const daysBefore = (days: number) => new Date(until.getTime() - days * day);
    expect(reminderDue(until, daysBefore(120))).toBeNull();
    expect(reminderDue(until, daysBefore(90))).toBe(90);
    expect(reminderDue(until, daysBefore(45))).toBe(90);
    expect(reminderDue(until, daysBefore(20))).toBe(30);
    expect(reminderDue(until, daysBefore(-1))).toBeNull();
  });
});
