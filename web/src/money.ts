// Money in the app: the API sends integer minor units and an ISO 4217 currency. Nothing here divides an
// amount as a binary float: minor units become a decimal string by integer arithmetic, Intl lays that
// exact string out (symbol, grouping, decimal mark), and what an issuer types is read back the same way.

/** The largest amount one price field may hold (the API's limit): 1,000,000.00 in a two-digit currency. */
export const MAX_AMOUNT_MINOR = 100_000_000;

// Building an Intl.NumberFormat costs far more than formatting with one (a catalog page formats dozens of
// prices while it first paints): each currency's digits and each (language, currency) format are made once.
const digitsOf = new Map<string, number>();
const formats = new Map<string, Intl.NumberFormat | null>();

/** Digits after the decimal mark of a currency: EUR 2, JPY 0, BHD 3 (2 for a code Intl does not know). */
export function currencyDigits(currency: string): number {
  let digits = digitsOf.get(currency);
  if (digits === undefined) {
    try {
      digits =
        new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
          .maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    digitsOf.set(currency, digits);
  }
  return digits;
}

/** The currency format of `language` for `currency`, made once; null when Intl refuses either. */
function moneyFormat(language: string, currency: string): Intl.NumberFormat | null {
  const key = `${language}\u0000${currency}`;
  let format = formats.get(key);
  if (format === undefined) {
    const digits = currencyDigits(currency);
    try {
      format = new Intl.NumberFormat(language, {
        style: 'currency',
        currency,
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      });
    } catch {
      format = null;
    }
    formats.set(key, format);
  }
  return format;
}

/** "1234.56" for (123456, EUR), "-0.05" for (-5, EUR), "1235" for (1235, JPY). */
export function decimalText(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  const sign = minor < 0 ? '-' : '';
  const magnitude = BigInt(Math.abs(Math.trunc(minor)));
  if (digits === 0) return `${sign}${magnitude}`;
  const scale = 10n ** BigInt(digits);
  const fraction = (magnitude % scale).toString().padStart(digits, '0');
  return `${sign}${magnitude / scale}.${fraction}`;
}

/** The amount as a reader of `language` writes it: formatMoney(4500, 'EUR', 'en') → "€45.00". */
export function formatMoney(minor: number, currency: string, language: string): string {
  const format = moneyFormat(language, currency);
  // A decimal string is formatted exactly (Intl.NumberFormat v3), never through a float.
  if (format) return format.format(decimalText(minor, currency) as Intl.StringNumericLiteral);
  return `${decimalText(minor, currency)} ${currency}`;
}

export type ParsedAmount =
  | { ok: true; minor: number }
  | { ok: false; problem: 'format' | 'decimals' | 'too-large' };

const AMOUNT = /^(\d{1,12})(?:[.,](\d*))?$/;

/**
 * Reads what an issuer typed ("45", "45.5", "45.00", or "45,00" with a decimal comma) as minor units of
 * `currency`; more decimals than the currency has ("45.001" in EUR) are refused, never rounded.
 */
export function parseAmount(text: string, currency: string): ParsedAmount {
  const match = AMOUNT.exec(text.trim().replace(/\s/g, ''));
  if (!match) return { ok: false, problem: 'format' };
  const digits = currencyDigits(currency);
  const whole = match[1] ?? '0';
  const fraction = match[2] ?? '';
  if (fraction.length > digits) return { ok: false, problem: 'decimals' };
  const minor = BigInt(whole) * 10n ** BigInt(digits) + BigInt(fraction.padEnd(digits, '0') || '0');
  if (minor > BigInt(MAX_AMOUNT_MINOR)) return { ok: false, problem: 'too-large' };
  return { ok: true, minor: Number(minor) };
}

/** Basis points as a percentage to show or edit: 1000 → "10", 1250 → "12.5", 5 → "0.05". */
export function percentText(basisPoints: number): string {
  const rest = Math.abs(basisPoints % 100);
  const whole = (basisPoints - (basisPoints % 100)) / 100;
  if (rest === 0) return String(whole);
  return `${whole}.${String(rest).padStart(2, '0').replace(/0$/, '')}`;
}

const PERCENT = /^(\d{1,3})(?:[.,](\d{0,2}))?$/;

/** "10" → 1000, "12.5" → 1250, "0,05" → 5 basis points; null for anything else or above 100 %. */
export function parsePercent(text: string): number | null {
  const match = PERCENT.exec(text.trim().replace(/\s|%/g, ''));
  if (!match) return null;
  const bp = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return bp <= 10_000 ? bp : null;
}
