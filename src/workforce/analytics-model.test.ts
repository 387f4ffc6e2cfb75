// The pure rules of employer analytics: periods, buckets, medians and the heat map's arithmetic.
import { describe, expect, it } from 'vitest';
import {
  bucketLabel,
  bucketLabels,
  cellGap,
  evidencedLevel,
  fillBuckets,
  median,
  rate,
  resolvePeriod,
  teamCell,
} from './analytics-model.ts';

const today = new Date('2026-12-06T15:30:00Z');

describe('analytics periods', () => {
  it('defaults to the twelve months up to today, monthly', () => {
    const { period, problems } = resolvePeriod({}, today);
    expect(problems).toEqual([]);
    expect(period).toEqual({ from: '2026-01-01', to: '2026-12-06', interval: 'month' });
    expect(bucketLabels(period)).toHaveLength(12);
  });

  it('names the parameter at fault: from after to, impossible days, more than five years', () => {
    expect(
      resolvePeriod({ from: '2026-03-02', to: '2026-03-01' }, today).problems.map((p) => p.path),
    ).toEqual(['from']);
    expect(resolvePeriod({ from: '2026-02-30' }, today).problems.map((p) => p.path)).toEqual(['from']);
    expect(resolvePeriod({ to: '2026-13-01' }, today).problems.map((p) => p.path)).toEqual(['to']);
    expect(
      resolvePeriod({ from: '2020-01-01', to: '2025-01-01' }, today).problems.map((p) => p.path),
    ).toEqual(['to']);
    expect(resolvePeriod({ from: '2020-01-02', to: '2025-01-01' }, today).problems).toEqual([]);
  });

  it('labels ISO weeks by the year of their Thursday', () => {
    expect(bucketLabel(new Date('2026-01-01T00:00:00Z'), 'week')).toBe('2026-W01');
    expect(bucketLabel(new Date('2025-12-29T00:00:00Z'), 'week')).toBe('2026-W01');
    expect(bucketLabel(new Date('2027-01-01T00:00:00Z'), 'week')).toBe('2026-W53');
    expect(bucketLabel(new Date('2026-01-31T23:59:59Z'), 'week')).toBe('2026-W05');
    expect(bucketLabel(new Date('2026-01-31T23:59:59Z'), 'month')).toBe('2026-01');
  });

  it('lists every bucket the period touches, zeros included', () => {
    const period = { from: '2026-01-01', to: '2026-03-31', interval: 'month' as const };
    expect(fillBuckets(period, new Map([['2026-03', 2]]))).toEqual([
      ['2026-01', 0],
      ['2026-02', 0],
      ['2026-03', 2],
    ]);
    const weeks = bucketLabels({ ...period, interval: 'week' });
    expect(weeks[0]).toBe('2026-W01');
    expect(weeks.at(-1)).toBe('2026-W14');
    expect(weeks).toHaveLength(14);
  });
});

describe('analytics arithmetic', () => {
  it('takes the median of odd and even counts, and none of nothing', () => {
    expect(median([9, 1, 5])).toBe(5);
    expect(median([4, 1, 10, 2])).toBe(3);
    expect(median([])).toBeNull();
    expect(rate(1, 3)).toBe(0.333);
    expect(rate(0, 0)).toBeNull();
  });

  it('computes a cell gap as required minus evidenced, never below zero, to one decimal', () => {
    expect(cellGap(4.9, 3)).toBe(1.9);
    expect(cellGap(3, 5)).toBe(0);
    expect(cellGap(3.25, null)).toBe(3.3);
    expect(cellGap(null, 2)).toBeNull();
  });

  it('counts a badge aligned without a level as meeting the level, as the learner gap does', () => {
    expect(evidencedLevel(null, true, 4.5)).toBe(4.5);
    expect(evidencedLevel(2, true, 4.5)).toBe(2);
    expect(evidencedLevel(null, false, 4.5)).toBeNull();
  });

  it('averages the gaps of the people a skill is required of', () => {
    expect(teamCell([2, 0, null, 4])).toEqual({ averageGap: 2, peopleWithGap: 2 });
    expect(teamCell([0, 4, 4])).toEqual({ averageGap: 2.7, peopleWithGap: 2 });
  });
});
