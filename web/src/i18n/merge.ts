// Merges the feature catalogs (web/src/i18n/features/<name>.<language>.json) into a language's app catalog.
export type Catalog = Record<string, unknown>;

/** The app catalog with every feature catalog's top-level keys added; a key defined twice is an error. */
export function withFeatures(base: Catalog, features: Catalog[]): Catalog {
  const merged: Catalog = { ...base };
  for (const feature of features) {
    for (const [key, value] of Object.entries(feature)) {
      if (key in merged) throw new Error(`Translation key ${key} is defined twice`);
      merged[key] = value;
    }
  }
  return merged;
}
