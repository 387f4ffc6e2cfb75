/// <reference types="vite/client" />
// Feature catalogs: each feature keeps its strings in its own pair of files, features/<name>.en.json and
// features/<name>.es.json (one top-level key per feature, a key defined twice throws). Every file there is merged
// into its language's catalog (catalog-en.ts, catalog-es.ts): add the pair of files, there is nothing to register.
// The app downloads the active language's catalog only (index.ts); this module, holding both, is for checks.
import type { Catalog } from './merge.ts';

export { withFeatures } from './merge.ts';

/** Both languages' feature catalogs, for checks that compare them (test/i18n-catalogs.test.ts). */
export const featureCatalogs: { en: Catalog[]; es: Catalog[] } = {
  en: Object.values(import.meta.glob<Catalog>('./features/*.en.json', { eager: true, import: 'default' })),
  es: Object.values(import.meta.glob<Catalog>('./features/*.es.json', { eager: true, import: 'default' })),
};
