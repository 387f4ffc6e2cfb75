// The sample of O*NET and ESCO that ships with Tessera (vendor/skills-sample/, made by
// scripts/make-skills-sample.ts): loaded at start when no framework has been imported yet, so that skill
// search and insights work on a fresh install. `tessera data import` loads the full sets over it.
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { importEsco } from './import-esco.ts';
import { importOnet } from './import-onet.ts';
import type { ImportSummary } from './model.ts';
import { frameworkState } from './store.ts';

const SAMPLE_DIR = new URL('../../vendor/skills-sample/', import.meta.url);
/** The ESCO release the sample was cut from (its files do not say). */
const SAMPLE_ESCO_VERSION = '1.1.1';

export const sampleDirectory = (framework: 'onet' | 'esco'): string =>
  fileURLToPath(new URL(`${framework}/`, SAMPLE_DIR));

/** Imports the shipped sample of each framework that has never been imported; returns what it loaded. */
export async function importSampleWhereMissing(db: Kysely<Database>): Promise<ImportSummary[]> {
  const loaded: ImportSummary[] = [];
  if (!(await frameworkState(db, 'onet'))) loaded.push(await importOnet(db, sampleDirectory('onet')));
  if (!(await frameworkState(db, 'esco')))
    loaded.push(await importEsco(db, sampleDirectory('esco'), { version: SAMPLE_ESCO_VERSION }));
  return loaded;
}
