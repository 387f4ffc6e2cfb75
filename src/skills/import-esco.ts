// `tessera data import esco <dir>`: the ESCO CSV download (English) into the skills tables: ISCO-08 groups,
// skills and knowledge with their alternative labels and reuse level, occupations with their ISCO group and
// alternative labels (as alternate titles), and the essential/optional occupation–skill relations.
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { Batch, eachRow, type FileStep, runImport } from './import-run.ts';
import {
  fileError,
  type ImportOptions,
  type ImportSummary,
  labelList,
  SkillImportError,
  versionInPath,
} from './model.ts';
import { csvRows } from './sources.ts';
import {
  upsertConcepts,
  upsertIscoGroups,
  upsertOccupations,
  upsertRelations,
  upsertTitles,
} from './store.ts';

function iscoStep(dir: string): FileStep {
  const file = 'ISCOGroups_en.csv';
  return {
    file,
    async load(db, progress) {
      const batch = new Batch(db, upsertIscoGroups);
      const columns = ['conceptUri', 'code', 'preferredLabel', 'description'];
      const count = await eachRow(csvRows(dir, file, columns), progress, async (row) => {
        const v = row.values;
        if (!v.code) throw fileError(file, row.line, '"code" is empty');
        await batch.add(v.code, {
          code: v.code,
          uri: v.conceptUri ?? '',
          label: v.preferredLabel ?? '',
          description: v.description ?? '',
        });
      });
      await batch.flush();
      return count;
    },
  };
}

function skillsStep(dir: string): FileStep {
  const file = 'skills_en.csv';
  return {
    file,
    async load(db, progress) {
      const batch = new Batch(db, upsertConcepts);
      const columns = ['conceptUri', 'skillType', 'reuseLevel', 'preferredLabel', 'altLabels', 'description'];
      const count = await eachRow(csvRows(dir, file, columns), progress, async (row) => {
        const v = row.values;
        if (!v.conceptUri) throw fileError(file, row.line, '"conceptUri" is empty');
        await batch.add(v.conceptUri, {
          framework: 'esco',
          code: v.conceptUri,
          kind: v.skillType === 'knowledge' ? 'knowledge' : 'skill',
          label: v.preferredLabel ?? '',
          description: v.description ?? '',
          altLabels: labelList(v.altLabels),
          reuseLevel: v.reuseLevel || null,
        });
      });
      await batch.flush();
      return count;
    },
  };
}

function occupationsStep(dir: string): FileStep {
  const file = 'occupations_en.csv';
  return {
    file,
    async load(db, progress) {
      const occupations = new Batch(db, upsertOccupations);
      const titles = new Batch(db, upsertTitles);
      const columns = ['conceptUri', 'iscoGroup', 'preferredLabel', 'altLabels', 'description', 'code'];
      const count = await eachRow(csvRows(dir, file, columns), progress, async (row) => {
        const v = row.values;
        if (!v.conceptUri) throw fileError(file, row.line, '"conceptUri" is empty');
        await occupations.add(v.conceptUri, {
          framework: 'esco',
          code: v.conceptUri,
          title: v.preferredLabel ?? '',
          description: v.description ?? '',
          jobZone: null,
          iscoGroup: v.iscoGroup || null,
          notation: v.code || null,
        });
        for (const title of labelList(v.altLabels))
          await titles.add(`${v.conceptUri}\t${title}`, {
            framework: 'esco',
            occupationCode: v.conceptUri,
            kind: 'alternate',
            title,
          });
      });
      await occupations.flush();
      await titles.flush();
      return count;
    },
  };
}

function relationsStep(dir: string): FileStep {
  const file = 'occupationSkillRelations.csv';
  return {
    file,
    async load(db, progress) {
      const batch = new Batch(db, upsertRelations);
      const columns = ['occupationUri', 'relationType', 'skillUri'];
      const count = await eachRow(csvRows(dir, file, columns), progress, async (row) => {
        const v = row.values;
        const relation = v.relationType;
        if (relation !== 'essential' && relation !== 'optional')
          throw fileError(
            file,
            row.line,
            `"relationType" must be essential or optional, not "${relation ?? ''}"`,
          );
        if (!v.occupationUri || !v.skillUri)
          throw fileError(file, row.line, 'an occupation or skill URI is empty');
        await batch.add(`${v.occupationUri}\t${v.skillUri}`, {
          framework: 'esco',
          occupationCode: v.occupationUri,
          conceptCode: v.skillUri,
          importance: null,
          level: null,
          relation,
        });
      });
      await batch.flush();
      return count;
    },
  };
}

/** The release imported: the --version given, else one in the directory's name (e.g. esco-v1.1.1). */
export function escoVersion(dir: string, given?: string): string {
  const version = given?.trim() || versionInPath(dir);
  if (!version)
    throw new SkillImportError(
      `The ESCO files do not state their release: give it with --version (e.g. --version 1.1.1).`,
    );
  return version;
}

export async function importEsco(
  db: Kysely<Database>,
  dir: string,
  options: ImportOptions & { version?: string } = {},
): Promise<ImportSummary> {
  const version = escoVersion(dir, options.version);
  const steps = [iscoStep(dir), skillsStep(dir), occupationsStep(dir), relationsStep(dir)];
  return runImport(db, { id: 'esco', name: 'ESCO', version }, steps, options);
}
