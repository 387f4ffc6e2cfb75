// `tessera data import onet <dir>`: the O*NET text release (tab-separated files) into the skills tables.
// Occupations with their Job Zone, skills and knowledge with their importance (IM) and level (LV) ratings,
// alternate and reported titles, and technology skills with their Hot Technology / In Demand flags.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database, Executor } from '../db/database.ts';
import { Batch, eachRow, type FileStep, runImport } from './import-run.ts';
import {
  decimal,
  fileError,
  flag,
  type ImportOptions,
  type ImportSummary,
  onetText,
  onetVersion,
  type SourceRow,
} from './model.ts';
import { tsvRows } from './sources.ts';
import {
  type RelationRow,
  upsertConcepts,
  upsertOccupations,
  upsertRelations,
  upsertTechnologies,
  upsertTitles,
} from './store.ts';

const CODE = 'O*NET-SOC Code';

export function readOnetVersion(dir: string): string {
  const path = join(dir, 'Read Me.txt');
  if (!existsSync(path))
    throw fileError('Read Me.txt', null, `not found in ${dir}; is this the O*NET text release?`);
  const version = onetVersion(readFileSync(path, 'utf8'));
  if (!version) throw fileError('Read Me.txt', 1, 'does not name the O*NET release ("O*NET 29.3 Database")');
  return version;
}

async function jobZones(dir: string): Promise<Map<string, number>> {
  const zones = new Map<string, number>();
  for await (const row of tsvRows(dir, 'Job Zones.txt', [CODE, 'Job Zone'])) {
    const zone = decimal('Job Zones.txt', row, 'Job Zone');
    if (!Number.isInteger(zone) || zone < 1 || zone > 5)
      throw fileError('Job Zones.txt', row.line, `"Job Zone" must be 1 to 5, not ${zone}`);
    zones.set(row.values[CODE] ?? '', zone);
  }
  return zones;
}

async function elementDescriptions(dir: string): Promise<Map<string, string>> {
  const descriptions = new Map<string, string>();
  const file = 'Content Model Reference.txt';
  for await (const row of tsvRows(dir, file, ['Element ID', 'Description']))
    descriptions.set(row.values['Element ID'] ?? '', row.values.Description ?? '');
  return descriptions;
}

function occupationsStep(dir: string): FileStep {
  const file = 'Occupation Data.txt';
  return {
    file,
    async load(db, progress) {
      const zones = await jobZones(dir);
      const batch = new Batch(db, upsertOccupations);
      const count = await eachRow(
        tsvRows(dir, file, [CODE, 'Title', 'Description']),
        progress,
        async (row) => {
          const code = row.values[CODE] ?? '';
          await batch.add(code, {
            framework: 'onet',
            code,
            title: row.values.Title ?? '',
            description: onetText(row.values.Description ?? '') ?? '',
            jobZone: zones.get(code) ?? null,
            iscoGroup: null,
            notation: null,
          });
        },
      );
      await batch.flush();
      return count;
    },
  };
}

const RATING_COLUMNS = [CODE, 'Element ID', 'Element Name', 'Scale ID', 'Data Value'];

function rating(file: string, row: SourceRow): Pick<RelationRow, 'importance' | 'level'> {
  const scale = row.values['Scale ID'];
  const value = decimal(file, row, 'Data Value');
  if (scale === 'IM') {
    if (value < 1 || value > 5)
      throw fileError(file, row.line, `an importance (IM) must be 1 to 5, not ${value}`);
    return { importance: value, level: null };
  }
  if (scale === 'LV') {
    if (value < 0 || value > 7) throw fileError(file, row.line, `a level (LV) must be 0 to 7, not ${value}`);
    return { importance: null, level: value };
  }
  throw fileError(file, row.line, `"Scale ID" must be IM or LV, not "${scale ?? ''}"`);
}

function ratingsStep(dir: string, file: 'Skills.txt' | 'Knowledge.txt'): FileStep {
  const kind = file === 'Skills.txt' ? 'skill' : 'knowledge';
  return {
    file,
    async load(db: Executor, progress) {
      const descriptions = await elementDescriptions(dir);
      const concepts = new Batch(db, upsertConcepts);
      const relations = new Batch<RelationRow>(db, upsertRelations, (a, b) => ({
        ...a,
        importance: b.importance ?? a.importance,
        level: b.level ?? a.level,
      }));
      const count = await eachRow(tsvRows(dir, file, RATING_COLUMNS), progress, async (row) => {
        const code = row.values['Element ID'] ?? '';
        const occupation = row.values[CODE] ?? '';
        const label = row.values['Element Name'] ?? '';
        await concepts.add(code, {
          framework: 'onet',
          code,
          kind,
          label,
          description: descriptions.get(code) ?? '',
          altLabels: [],
          reuseLevel: null,
        });
        await relations.add(`${occupation}\t${code}`, {
          framework: 'onet',
          occupationCode: occupation,
          conceptCode: code,
          relation: null,
          ...rating(file, row),
        });
      });
      await concepts.flush();
      await relations.flush();
      return count;
    },
  };
}

function titlesStep(dir: string, file: string, column: string, kind: 'alternate' | 'reported'): FileStep {
  return {
    file,
    async load(db, progress) {
      const batch = new Batch(db, upsertTitles);
      const count = await eachRow(tsvRows(dir, file, [CODE, column]), progress, async (row) => {
        const title = (row.values[column] ?? '').trim();
        if (!title) throw fileError(file, row.line, `"${column}" is empty`);
        const occupationCode = row.values[CODE] ?? '';
        await batch.add(`${occupationCode}\t${title}`, { framework: 'onet', occupationCode, kind, title });
      });
      await batch.flush();
      return count;
    },
  };
}

function technologiesStep(dir: string): FileStep {
  const file = 'Technology Skills.txt';
  const columns = [CODE, 'Example', 'Commodity Code', 'Commodity Title', 'Hot Technology', 'In Demand'];
  return {
    file,
    async load(db, progress) {
      const batch = new Batch(db, upsertTechnologies);
      const count = await eachRow(tsvRows(dir, file, columns), progress, async (row) => {
        const v = row.values;
        const key = `${v[CODE]}\t${v.Example}\t${v['Commodity Code']}`;
        await batch.add(key, {
          framework: 'onet',
          occupationCode: v[CODE] ?? '',
          example: v.Example ?? '',
          commodityCode: v['Commodity Code'] ?? '',
          commodityTitle: v['Commodity Title'] ?? '',
          hot: flag(file, row, 'Hot Technology'),
          inDemand: flag(file, row, 'In Demand'),
        });
      });
      await batch.flush();
      return count;
    },
  };
}

export async function importOnet(
  db: Kysely<Database>,
  dir: string,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const version = readOnetVersion(dir);
  const steps = [
    occupationsStep(dir),
    ratingsStep(dir, 'Skills.txt'),
    ratingsStep(dir, 'Knowledge.txt'),
    titlesStep(dir, 'Alternate Titles.txt', 'Alternate Title', 'alternate'),
    titlesStep(dir, 'Sample of Reported Titles.txt', 'Reported Job Title', 'reported'),
    technologiesStep(dir),
  ];
  return runImport(db, { id: 'onet', name: 'O*NET', version }, steps, options);
}
