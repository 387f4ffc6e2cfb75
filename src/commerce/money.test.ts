import { describe, expect, it } from 'vitest';
import { InvalidError } from '../errors.ts';
import {
  assertAmount,
  assertCurrency,
  decimalAmount,
  formatMoney,
  minorDigits,
  roundHalfUpDiv,
} from './money.ts';

describe('currencies and amounts', () => {
  it('accepts a three-letter currency code Intl knows', () => {
    expect(assertCurrency('EUR')).toBe('EUR');
    expect(assertCurrency('JPY')).toBe('JPY');
  });

  it('refuses a well-formed code that is no currency', () => {
    for (const made_up of ['ABC', 'XYZ', 'EUX']) expect(() => assertCurrency(made_up)).toThrow(InvalidError);
  });

  it('refuses a currency code that is not three upper-case letters, naming the field', () => {
    for (const bad of ['eur', 'EURO', 'E1R', '', 'US']) {
      expect(() => assertCurrency(bad)).toThrow(InvalidError);
    }
    try {
      assertCurrency('eur');
    } catch (error) {
      expect((error as InvalidError).fields[0]?.path).toBe('currency');
    }
  });

  it('accepts whole amounts from zero to one hundred million minor units', () => {
    expect(assertAmount(0, 'priceMinor')).toBe(0);
    expect(assertAmount(100_000_000, 'priceMinor')).toBe(100_000_000);
  });

  it('refuses negative, fractional, absurd and non-finite amounts with the field named', () => {
    for (const bad of [-1, 1.5, 100_000_001, Number.NaN, Number.POSITIVE_INFINITY]) {
      let caught: unknown;
      try {
        assertAmount(bad, 'priceMinor');
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(InvalidError);
      expect((caught as InvalidError).fields).toEqual([expect.objectContaining({ path: 'priceMinor' })]);
    }
  });

  it('knows how many minor digits each currency has', () => {
    expect(minorDigits('EUR')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
    expect(minorDigits('BHD')).toBe(3);
  });
});

describe('rounding half up', () => {
  it('rounds an exact half away from zero and everything else to the nearest', () => {
    expect(roundHalfUpDiv(5n, 2n)).toBe(3n);
    expect(roundHalfUpDiv(7n, 2n)).toBe(4n);
    expect(roundHalfUpDiv(149n, 100n)).toBe(1n);
    expect(roundHalfUpDiv(150n, 100n)).toBe(2n);
    expect(roundHalfUpDiv(10n, 5n)).toBe(2n);
    expect(roundHalfUpDiv(0n, 7n)).toBe(0n);
  });

  it('is symmetric for negative numbers', () => {
    expect(roundHalfUpDiv(-5n, 2n)).toBe(-3n);
    expect(roundHalfUpDiv(5n, -2n)).toBe(-3n);
    expect(roundHalfUpDiv(-149n, 100n)).toBe(-1n);
  });

  it('agrees with exact rational rounding for every numerator and small denominator', () => {
    for (let d = 1n; d <= 12n; d++) {
      for (let n = 0n; n <= 200n; n++) {
        const q = roundHalfUpDiv(n, d);
        // q is the nearest integer, and on an exact half the larger one: −d/2 ≤ n − q·d < d/2.
        const twiceError = 2n * (n - q * d);
        expect(twiceError >= -d && twiceError < d).toBe(true);
      }
    }
  });

  it('refuses to divide by zero', () => {
    expect(() => roundHalfUpDiv(1n, 0n)).toThrow(RangeError);
  });
});

describe('formatting money', () => {
  it('shows euros with the symbol, grouping and two decimals', () => {
    expect(formatMoney(123456, 'EUR')).toBe('€1,234.56');
    expect(formatMoney(5, 'EUR')).toBe('€0.05');
    expect(formatMoney(0, 'EUR')).toBe('€0.00');
  });

  it('shows yen without decimals', () => {
    expect(formatMoney(1235, 'JPY')).toBe('¥1,235');
  });

  it('shows three decimals for a currency that has them', () => {
    expect(formatMoney(1234, 'BHD').replace(/\s/g, ' ')).toBe('BHD 1.234');
  });

  it('follows the locale for separators and symbol position', () => {
    expect(formatMoney(123456, 'EUR', 'de').replace(/\s/g, ' ')).toBe('1.234,56 €');
  });

  it('shows a negative amount with a minus sign', () => {
    expect(formatMoney(-5, 'EUR')).toBe('-€0.05');
  });

  it('keeps every cent of amounts far beyond float-safe decimal fractions', () => {
    expect(formatMoney(9_007_199_254_740_991, 'EUR')).toBe('€90,071,992,547,409.91');
    expect(formatMoney(1_000_000_000_000_001, 'USD')).toBe('$10,000,000,000,000.01');
  });

  it('builds decimal strings for exports with integer arithmetic', () => {
    expect(decimalAmount(123456, 'EUR')).toBe('1234.56');
    expect(decimalAmount(7, 'EUR')).toBe('0.07');
    expect(decimalAmount(-1210, 'EUR')).toBe('-12.10');
    expect(decimalAmount(1235, 'JPY')).toBe('1235');
    expect(decimalAmount(1, 'BHD')).toBe('0.001');
  });
});
