// The card form of test mode, as pure rules: the number must pass the Luhn check, the expiry must be a month
// not yet over, the CVC 3 or 4 digits. Only the two published test numbers do anything (4242… is approved,
// 4000 0000 0000 0002 declined); any other number, real cards included, is refused: test mode takes no real
// card. Nothing here keeps the number: the caller stores the last four digits only.
import type { FieldProblem } from '../errors.ts';

export const APPROVED_TEST_CARD = '4242424242424242';
export const DECLINED_TEST_CARD = '4000000000000002';

export interface CardInput {
  number: string;
  /** MM/YY or MM/YYYY. */
  expiry: string;
  cvc: string;
}

export type CardCheck =
  | { ok: true; outcome: 'approved' | 'declined'; last4: string }
  | { ok: false; problems: FieldProblem[] };

/** Digits only: people type cards with spaces or dashes between the groups. */
export const cardDigits = (number: string) => number.replace(/[\s-]/g, '');

export function luhnValid(digits: string): boolean {
  if (!/^\d{12,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** The month a card's expiry names is over at the end of that month (UTC). */
export function expiryInFuture(expiry: string, now: Date): boolean | null {
  const match = /^\s*(\d{1,2})\s*\/\s*(\d{2}|\d{4})\s*$/.exec(expiry);
  if (!match) return null;
  const month = Number(match[1]);
  const year = match[2]?.length === 2 ? 2000 + Number(match[2]) : Number(match[2]);
  if (month < 1 || month > 12) return null;
  return Date.UTC(year, month, 1) > now.getTime();
}

export function checkTestCard(card: CardInput, now: Date): CardCheck {
  const problems: FieldProblem[] = [];
  const digits = cardDigits(card.number);
  if (!luhnValid(digits)) {
    problems.push({
      path: 'body.number',
      message: 'is not a valid card number (check the digits)',
      code: 'card-number-invalid',
    });
  } else if (digits !== APPROVED_TEST_CARD && digits !== DECLINED_TEST_CARD) {
    problems.push({
      path: 'body.number',
      message:
        'is not a test card: in test mode use 4242 4242 4242 4242 (or 4000 0000 0000 0002 to see a decline)',
      code: 'not-a-test-card',
    });
  }
  const future = expiryInFuture(card.expiry, now);
  if (future === null)
    problems.push({
      path: 'body.expiry',
      message: 'must be a month and year, MM/YY',
      code: 'card-expiry-format',
    });
  else if (!future)
    problems.push({
      path: 'body.expiry',
      message: 'is in the past: the card has expired',
      code: 'card-expired',
    });
  if (!/^\d{3,4}$/.test(card.cvc.trim()))
    problems.push({ path: 'body.cvc', message: 'must be 3 or 4 digits', code: 'card-cvc-format' });
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    outcome: digits === APPROVED_TEST_CARD ? 'approved' : 'declined',
    last4: digits.slice(-4),
  };
}
