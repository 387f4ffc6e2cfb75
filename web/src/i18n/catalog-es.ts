/// <reference types="vite/client" />
// The whole Spanish catalog (app strings and every feature catalog): one chunk, loaded when Spanish is in use.
import es from './es.json';
import { type Catalog, withFeatures } from './merge.ts';

export const catalog: Catalog = withFeatures(
  es,
  Object.values(import.meta.glob<Catalog>('./features/*.es.json', { eager: true, import: 'default' })),
);
