// Server-side translation for mails and server-rendered pages. The catalogs are the same JSON files
// the web app loads with i18next, so a string is translated once for both.
import en from './locales/en.json' with { type: 'json' };
import es from './locales/es.json' with { type: 'json' };

export { decimalAmount, formatMoney, isKnownCurrency, minorDigits } from './money.ts';

export type Catalog = { [key: string]: string | Catalog };
const catalogs: Record<string, Catalog> = { en, es };
export const supportedLocales = Object.keys(catalogs);

export function pickLocale(requested: string | undefined | null): string {
  const base = (requested ?? 'en').toLowerCase().split(/[-_]/)[0] ?? 'en';
  return catalogs[base] ? base : 'en';
}

/** Looks up a dotted key; `{{name}}` placeholders are filled from vars (i18next's syntax). */
export function translate(locale: string, key: string, vars: Record<string, string | number> = {}): string {
  const found = lookup(catalogs[pickLocale(locale)], key) ?? lookup(catalogs.en, key);
  if (found === undefined) throw new Error(`Missing translation key ${key}`);
  return found.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(vars[name] ?? ''));
}

function lookup(catalog: Catalog | undefined, key: string): string | undefined {
  let node: string | Catalog | undefined = catalog;
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}
