// What is wrong with an amount an issuer typed, in their language.
import type { TFunction } from 'i18next';
import { currencyDigits, decimalText, MAX_AMOUNT_MINOR, type ParsedAmount } from '../../money.ts';

export function amountProblem(
  t: TFunction,
  problem: Extract<ParsedAmount, { ok: false }>['problem'],
  currency: string,
): string {
  if (problem === 'decimals') return t('sell.amountDecimals', { count: currencyDigits(currency), currency });
  if (problem === 'too-large')
    return t('sell.amountTooLarge', { max: decimalText(MAX_AMOUNT_MINOR, currency) });
  return t('sell.amountInvalid');
}
