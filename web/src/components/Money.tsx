// Amounts of money as the reader's language writes them ("€45.00", "45,00 €").
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../money.ts';

/** A formatter of minor units bound to the current language and one currency. */
export function useMoney(currency: string | null | undefined): (minor: number) => string {
  const { i18n } = useTranslation();
  return (minor) => formatMoney(minor, currency ?? 'EUR', i18n.language);
}
