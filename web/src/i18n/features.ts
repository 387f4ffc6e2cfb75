// Feature catalogs: each feature keeps its strings in its own pair of files (one top-level key per feature),
// merged into the app's catalog at start-up. Keeps large features from all editing one file.
import accountEn from './features/account.en.json';
import accountEs from './features/account.es.json';
import analyticsEn from './features/analytics.en.json';
import analyticsEs from './features/analytics.es.json';
import checkoutEn from './features/checkout.en.json';
import checkoutEs from './features/checkout.es.json';
import employeeEn from './features/employee.en.json';
import employeeEs from './features/employee.es.json';
import employerEn from './features/employer.en.json';
import employerEs from './features/employer.es.json';
import endorseEn from './features/endorse.en.json';
import endorseEs from './features/endorse.es.json';
import landingEn from './features/landing.en.json';
import landingEs from './features/landing.es.json';
import openRolesEn from './features/openRoles.en.json';
import openRolesEs from './features/openRoles.es.json';
import orgEn from './features/org.en.json';
import orgEs from './features/org.es.json';
import sponsorEn from './features/sponsor.en.json';
import sponsorEs from './features/sponsor.es.json';

type Catalog = Record<string, unknown>;

export const featureCatalogs: { en: Catalog[]; es: Catalog[] } = {
  en: [
    accountEn,
    analyticsEn,
    checkoutEn,
    employeeEn,
    employerEn,
    endorseEn,
    landingEn,
    openRolesEn,
    orgEn,
    sponsorEn,
  ],
  es: [
    accountEs,
    analyticsEs,
    checkoutEs,
    employeeEs,
    employerEs,
    endorseEs,
    landingEs,
    openRolesEs,
    orgEs,
    sponsorEs,
  ],
};

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
