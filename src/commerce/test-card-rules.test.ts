// The test card form's rules, as pure functions: Luhn, expiry month, CVC, and which numbers do what.
import { describe, expect, it } from 'vitest';
import { checkTestCard, expiryInFuture, luhnValid } from './test-card-rules.ts';

const now = new Date('2026-12-06T09:00:00Z');

describe('test card rules', () => {
  it('accepts numbers that pass the Luhn check and refuses a changed digit', () => {
    expect(luhnValid('4242424242424242')).toBe(true);
    expect(luhnValid('4000000000000002')).toBe(true);
    expect(luhnValid('5555555555554444')).toBe(true);
    expect(luhnValid('4242424242424241')).toBe(false);
    expect(luhnValid('42424242')).toBe(false);
    expect(luhnValid('4242x42424242424')).toBe(false);
  });

  it('counts a card valid until the end of its expiry month', () => {
    expect(expiryInFuture('12/26', now)).toBe(true);
    expect(expiryInFuture('11/26', now)).toBe(false);
    expect(expiryInFuture('01/2027', now)).toBe(true);
    expect(expiryInFuture('13/27', now)).toBeNull();
    expect(expiryInFuture('1227', now)).toBeNull();
  });

  it('approves 4242…, declines 4000 0000 0000 0002, keeping only the last four digits', () => {
    expect(checkTestCard({ number: '4242 4242 4242 4242', expiry: '12/30', cvc: '123' }, now)).toEqual({
      ok: true,
      outcome: 'approved',
      last4: '4242',
    });
    expect(checkTestCard({ number: '4000-0000-0000-0002', expiry: '12/30', cvc: '1234' }, now)).toEqual({
      ok: true,
      outcome: 'declined',
      last4: '0002',
    });
  });

  it('names every wrong field at once', () => {
    const check = checkTestCard({ number: '1234', expiry: '10/26', cvc: 'abc' }, now);
    expect(check.ok).toBe(false);
    if (!check.ok)
      expect(check.problems.map((p) => p.path)).toEqual(['body.number', 'body.expiry', 'body.cvc']);
  });
});
