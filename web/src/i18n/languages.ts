// The app's languages, without side effects: the server renderer (entry-server.tsx) and the header import
// this; i18n/index.ts, which starts the browser's i18next, re-exports it.
export const languages = ['en', 'es'] as const;
export type Language = (typeof languages)[number];

export function isLanguage(value: string | null | undefined): value is Language {
  return (languages as readonly string[]).includes(value ?? '');
}
