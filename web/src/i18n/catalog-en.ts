/// <reference types="vite/client" />
// The whole English catalog (app strings and every feature catalog): one chunk, loaded when English is in use.
import en from './en.json';
import { type Catalog, withFeatures } from './merge.ts';

export const catalog: Catalog = withFeatures(
  en,
  Object.values(import.meta.glob<Catalog>('./features/*.en.json', { eager: true, import: 'default' })),
);
