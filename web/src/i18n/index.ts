// i18next for the app: every user-facing string comes from these catalogs. The chosen language is
// remembered in localStorage and mirrored on <html lang> for assistive technology.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import es from './es.json';
import { featureCatalogs, withFeatures } from './features.ts';

export const languages = ['en', 'es'] as const;
export type Language = (typeof languages)[number];
const STORAGE_KEY = 'tessera.language';

export function isLanguage(value: string | null | undefined): value is Language {
  return (languages as readonly string[]).includes(value ?? '');
}

function initialLanguage(): Language {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (isLanguage(stored)) return stored;
  for (const tag of globalThis.navigator?.languages ?? []) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
  globalThis.localStorage?.setItem(STORAGE_KEY, language);
});

// With the resources bundled, init completes synchronously: the first render is already translated.
void i18n.use(initReactI18next).init({
  resources: {
    en: { translation: withFeatures(en, featureCatalogs.en) },
    es: { translation: withFeatures(es, featureCatalogs.es) },
  },
  lng: initialLanguage(),
  fallbackLng: 'en',
  supportedLngs: [...languages],
  interpolation: { escapeValue: false },
});

export { i18n };
