import { describe, expect, it } from 'vitest';
import {
  policyRefundDecision,
  REFUND_WINDOW_DAYS,
  type RefundPolicyInput,
  refundWindowEnd,
} from './refund-policy.ts';

const paidAt = new Date('2026-11-01T10:00:00Z');
const day = 86_400_000;
const later = (days: number, ms = 0) => new Date(paidAt.getTime() + days * day + ms);

const unopenedCourse = (overrides: Partial<RefundPolicyInput> = {}): RefundPolicyInput => ({
  kind: 'course',
  paidAt,
  now: later(1),
  firstOpenedAt: null,
  refunded: false,
  ...overrides,
});

describe('the learner refund policy', () => {
  it('has a 30-day window', () => {
    expect(REFUND_WINDOW_DAYS).toBe(30);
    expect(refundWindowEnd(paidAt).toISOString()).toBe('2026-12-01T10:00:00.000Z');
  });

  it('refunds an unopened course bought within the window', () => {
    expect(policyRefundDecision(unopenedCourse())).toEqual({ ok: true });
    expect(policyRefundDecision(unopenedCourse({ kind: 'bundle-course' }))).toEqual({ ok: true });
  });

  it('still refunds at the last moment of the thirtieth day', () => {
    expect(policyRefundDecision(unopenedCourse({ now: later(30) }))).toEqual({ ok: true });
  });

  it('refuses once thirty days have passed', () => {
    expect(policyRefundDecision(unopenedCourse({ now: later(30, 1) }))).toMatchObject({
      ok: false,
      code: 'refund-window-closed',
    });
  });

  it('refuses a refund once the course was opened', () => {
    expect(policyRefundDecision(unopenedCourse({ firstOpenedAt: later(0, 60_000) }))).toMatchObject({
      ok: false,
      code: 'course-opened',
    });
  });

  it('never refunds the issuance fee by policy', () => {
    expect(policyRefundDecision(unopenedCourse({ kind: 'issuance-fee' }))).toMatchObject({
      ok: false,
      code: 'fee-not-refundable',
    });
  });

  it('refuses a line of an order that was never paid', () => {
    expect(policyRefundDecision(unopenedCourse({ paidAt: null }))).toMatchObject({
      ok: false,
      code: 'not-paid',
    });
  });

  it('refuses a line that has already been refunded, before any other reason', () => {
    const decision = policyRefundDecision(
      unopenedCourse({ refunded: true, now: later(90), firstOpenedAt: later(2) }),
    );
    expect(decision).toMatchObject({ ok: false, code: 'already-refunded' });
  });

  it('explains every refusal in words', () => {
    const refusals = [
      unopenedCourse({ refunded: true }),
      unopenedCourse({ paidAt: null }),
      unopenedCourse({ kind: 'issuance-fee' }),
      unopenedCourse({ now: later(31) }),
      unopenedCourse({ firstOpenedAt: later(1) }),
    ].map(policyRefundDecision);
    expect(refusals.map((decision) => (decision.ok ? null : decision.code))).toEqual([
      'already-refunded',
      'not-paid',
      'fee-not-refundable',
      'refund-window-closed',
      'course-opened',
    ]);
    for (const decision of refusals) {
      if (!decision.ok) expect(decision.reason).toMatch(/\w+ \w+/);
    }
  });
});
