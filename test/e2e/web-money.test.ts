// The web app's money helpers (web/src/money.ts): amounts shown and typed without floating point.
// Runs in Node; the commerce browser journey covers them on real pages.
import { describe, expect, it } from 'vitest';
import {
  currencyDigits,
  decimalText,
  formatMoney,
  MAX_AMOUNT_MINOR,
  parseAmount,
  parsePercent,
  percentText,
} from '../../web/src/money.ts';

describe('formatMoney', () => {
  it('shows minor units with the currency’s own decimals, as each language writes them', () => {
    expect(formatMoney(4500, 'EUR', 'en')).toBe('€45.00');
    expect(formatMoney(4500, 'EUR', 'es')).toBe('45,00\u00a0€');
    expect(formatMoney(1235, 'JPY', 'en')).toBe('¥1,235');
    expect(formatMoney(1234, 'BHD', 'en')).toBe('BHD\u00a01.234');
  });

  it('keeps every cent of amounts a float would round', () => {
    expect(formatMoney(100_000_001, 'EUR', 'en')).toBe('€1,000,000.01');
    expect(formatMoney(9_007_199_254_740_991, 'EUR', 'en')).toBe('€90,071,992,547,409.91');
    expect(formatMoney(-5, 'EUR', 'en')).toBe('-€0.05');
  });
});

describe('decimalText', () => {
  it('writes minor units as the decimal an issuer would type', () => {
    expect(decimalText(4500, 'EUR')).toBe('45.00');
    expect(decimalText(5, 'EUR')).toBe('0.05');
    expect(decimalText(1235, 'JPY')).toBe('1235');
    expect(currencyDigits('BHD')).toBe(3);
  });
});

describe('parseAmount', () => {
  it('reads whole and decimal amounts, with a decimal point or comma, into minor units', () => {
    expect(parseAmount('45', 'EUR')).toEqual({ ok: true, minor: 4500 });
    expect(parseAmount('45.5', 'EUR')).toEqual({ ok: true, minor: 4550 });
    expect(parseAmount(' 45,00 ', 'EUR')).toEqual({ ok: true, minor: 4500 });
    expect(parseAmount('0.29', 'EUR')).toEqual({ ok: true, minor: 29 });
    expect(parseAmount('1235', 'JPY')).toEqual({ ok: true, minor: 1235 });
  });

  it('refuses more decimals than the currency has instead of rounding them', () => {
    expect(parseAmount('45.001', 'EUR')).toEqual({ ok: false, problem: 'decimals' });
    expect(parseAmount('12.5', 'JPY')).toEqual({ ok: false, problem: 'decimals' });
  });

  it('refuses negative, malformed and absurd amounts', () => {
    expect(parseAmount('-5', 'EUR')).toEqual({ ok: false, problem: 'format' });
    expect(parseAmount('1,000.00', 'EUR')).toEqual({ ok: false, problem: 'format' });
    expect(parseAmount('4e3', 'EUR')).toEqual({ ok: false, problem: 'format' });
    expect(parseAmount('', 'EUR')).toEqual({ ok: false, problem: 'format' });
    expect(parseAmount(decimalText(MAX_AMOUNT_MINOR + 1, 'EUR'), 'EUR')).toEqual({
      ok: false,
      problem: 'too-large',
    });
  });
});

describe('percentages', () => {
  it('turns basis points into the percentage shown, and back', () => {
    expect([1000, 1250, 5, 0, 10_000].map(percentText)).toEqual(['10', '12.5', '0.05', '0', '100']);
    expect(['10', '12.5', '0,05', '21 %', '100'].map(parsePercent)).toEqual([1000, 1250, 5, 2100, 10_000]);
  });

  it('refuses percentages above 100 or with more than two decimals', () => {
    expect(['100.01', '12.345', 'ten', '-5'].map(parsePercent)).toEqual([null, null, null, null]);
  });
});
