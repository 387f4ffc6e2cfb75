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

/**
 * The supported language an Accept-Language header prefers most (q-values honoured, `es-MX` counts as `es`);
 * English when it names none of them or is absent.
 */
export function negotiateLocale(header: string | undefined | null): string {
  const ranked = (header ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = rest.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q ? Number(q.slice(2)) : 1;
      return {
        base: tag.toLowerCase().split(/[-_]/)[0] ?? '',
        weight: Number.isFinite(weight) ? weight : 0,
        index,
      };
    })
    .filter((entry) => entry.weight > 0 && catalogs[entry.base])
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  return ranked[0]?.base ?? 'en';
}

/** True when the English catalog (which has every key) defines this dotted key. */
export function hasTranslation(key: string): boolean {
  return lookup(catalogs.en, key) !== undefined;
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
