// i18next for the app: every user-facing string comes from these catalogs. The chosen language is
// remembered in localStorage and mirrored on <html lang> for assistive technology.
// Only the active language's catalog is downloaded (catalog-en.ts or catalog-es.ts, each its own chunk): the
// other one is fetched when the reader switches (i18n.changeLanguage loads it before switching, so the page
// never shows keys), and main.tsx waits for `i18nReady` before the first render.
import i18n, { type BackendModule } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { isLanguage, type Language, languageFor, languages } from './languages.ts';
import type { Catalog } from './merge.ts';

export { isLanguage, type Language, languages };

const STORAGE_KEY = 'tessera.language';

/**
 * The language the server rendered the page in (entry-server.tsx), when it did: <html lang> says it, read
 * before i18next mirrors its own language there.
 */
export const renderedLanguage: Language | null = (() => {
  const lang = globalThis.document?.documentElement.lang;
  return globalThis.document?.getElementById('tessera-state') && isLanguage(lang) ? lang : null;
})();

function initialLanguage(): Language {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (isLanguage(stored)) return stored;
  if (renderedLanguage) return renderedLanguage;
  return languageFor(globalThis.navigator?.languages ?? []);
}

const catalogs: Record<Language, () => Promise<Catalog>> = {
  en: async () => (await import('./catalog-en.ts')).catalog,
  es: async () => (await import('./catalog-es.ts')).catalog,
};

/** Hands i18next a language's catalog from its chunk, when that language is first needed. */
const catalogChunks: BackendModule = {
  type: 'backend',
  init() {},
  read(language, _namespace, callback) {
    if (!isLanguage(language)) return callback(null, {});
    catalogs[language]().then(
      (catalog) => callback(null, catalog),
      (error: Error) => callback(error, null),
    );
  },
};

i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
  globalThis.localStorage?.setItem(STORAGE_KEY, language);
});

/** Resolves once the active language's catalog is in: render nothing translated before. */
export const i18nReady: Promise<unknown> = i18n
  .use(catalogChunks)
  .use(initReactI18next)
  .init({
    lng: initialLanguage(),
    // Both catalogs have every key (test/i18n-catalogs.test.ts): no fallback language to download as well.
    fallbackLng: false,
    supportedLngs: [...languages],
    interpolation: { escapeValue: false },
  });

export { i18n };
