// Every string exists in every language: the app's catalog (with its feature catalogs) and the server's mails and
// pages. A key missing in Spanish would show the English text (or the key itself) to a Spanish reader.
import { describe, expect, it } from 'vitest';
import serverEn from '../src/i18n/locales/en.json' with { type: 'json' };
import serverEs from '../src/i18n/locales/es.json' with { type: 'json' };
import appEn from '../web/src/i18n/en.json' with { type: 'json' };
import appEs from '../web/src/i18n/es.json' with { type: 'json' };
import { featureCatalogs, withFeatures } from '../web/src/i18n/features.ts';

/** The dotted path of every string in a catalog (plural forms such as `_one`/`_other` included as they are). */
function keysOf(node: unknown, prefix = ''): string[] {
  if (typeof node === 'string') return [prefix];
  if (Array.isArray(node)) return [prefix];
  if (node === null || typeof node !== 'object') return [`${prefix} (not a string)`];
  return Object.entries(node).flatMap(([key, value]) => keysOf(value, prefix ? `${prefix}.${key}` : key));
}

function missing(from: string[], in_: string[]): string[] {
  const present = new Set(in_);
  return from.filter((key) => !present.has(key));
}

describe('the translation catalogs', () => {
  it('give the app the same keys in English and Spanish, feature catalogs included', () => {
    const en = keysOf(withFeatures(appEn, featureCatalogs.en));
    const es = keysOf(withFeatures(appEs, featureCatalogs.es));
    expect({ missingInSpanish: missing(en, es), missingInEnglish: missing(es, en) }).toEqual({
      missingInSpanish: [],
      missingInEnglish: [],
    });
  });

  it('give mails and server pages the same keys in English and Spanish', () => {
    const en = keysOf(serverEn);
    const es = keysOf(serverEs);
    expect({ missingInSpanish: missing(en, es), missingInEnglish: missing(es, en) }).toEqual({
      missingInSpanish: [],
      missingInEnglish: [],
    });
  });

  it('refuse a feature catalog that defines a key the app already has', () => {
    expect(() => withFeatures({ nav: {} }, [{ nav: { home: 'Home' } }])).toThrow('nav is defined twice');
  });
});
