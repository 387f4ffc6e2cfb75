// The app's languages, without side effects: the server renderer (entry-server.tsx) and the header import
// this; i18n/index.ts, which starts the browser's i18next, re-exports it.
export const languages = ['en', 'es'] as const;
export type Language = (typeof languages)[number];

export function isLanguage(value: string | null | undefined): value is Language {
  return (languages as readonly string[]).includes(value ?? '');
}

/** The app's language for a reader's languages, best first (navigator.languages, Accept-Language); else English. */
export function languageFor(tags: readonly string[]): Language {
  return tags.map((tag) => tag.toLowerCase().split('-')[0]).find(isLanguage) ?? 'en';
}
