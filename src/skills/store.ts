// SQL of the skills context: upserts by natural key (a re-run writes the same rows) and the framework row
// that records the version and the files an import has finished.
import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import type {
  FrameworkId,
  SkillConceptsTable,
  SkillIscoGroupsTable,
  SkillOccupationConceptsTable,
  SkillOccupationsTable,
  SkillOccupationTitlesTable,
  SkillTechnologiesTable,
} from './tables.ts';

export type OccupationRow = SkillOccupationsTable;
export type ConceptRow = Omit<SkillConceptsTable, 'altLabels'> & { altLabels: string[] };
export type RelationRow = SkillOccupationConceptsTable;
export type TitleRow = SkillOccupationTitlesTable;
export type TechnologyRow = SkillTechnologiesTable;
export type IscoGroupRow = SkillIscoGroupsTable;

export interface FrameworkState {
  version: string;
  status: 'importing' | 'complete';
  completedFiles: string[];
}

export async function frameworkState(db: Executor, id: FrameworkId): Promise<FrameworkState | null> {
  const row = await db
    .selectFrom('skillFrameworks')
    .select(['version', 'status', 'completedFiles'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row ?? null;
}

/** Starts (or restarts) an import: the finished files are forgotten unless `keepFiles`. */
export async function startFramework(
  db: Executor,
  framework: { id: FrameworkId; name: string; version: string; keepFiles: boolean; now: Date },
): Promise<void> {
  await db
    .insertInto('skillFrameworks')
    .values({
      id: framework.id,
      name: framework.name,
      version: framework.version,
      status: 'importing',
      completedFiles: '[]',
      importedAt: null,
      updatedAt: framework.now,
    })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({
        name: framework.name,
        version: framework.version,
        status: 'importing',
        updatedAt: framework.now,
        ...(framework.keepFiles ? {} : { completedFiles: '[]' }),
      }),
    )
    .execute();
}

export async function markFileDone(db: Executor, id: FrameworkId, file: string, now: Date): Promise<void> {
  await db
    .updateTable('skillFrameworks')
    .set({ completedFiles: sql`completed_files || ${JSON.stringify([file])}::jsonb`, updatedAt: now })
    .where('id', '=', id)
    .execute();
}

export async function finishFramework(db: Executor, id: FrameworkId, now: Date): Promise<void> {
  await db
    .updateTable('skillFrameworks')
    .set({ status: 'complete', importedAt: now, updatedAt: now })
    .where('id', '=', id)
    .execute();
}

export async function upsertOccupations(db: Executor, rows: OccupationRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('skillOccupations')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['framework', 'code']).doUpdateSet((eb) => ({
        title: eb.ref('excluded.title'),
        description: eb.ref('excluded.description'),
        jobZone: eb.ref('excluded.jobZone'),
        iscoGroup: eb.ref('excluded.iscoGroup'),
        notation: eb.ref('excluded.notation'),
      })),
    )
    .execute();
}

export async function upsertConcepts(db: Executor, rows: ConceptRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('skillConcepts')
    .values(rows.map((r) => ({ ...r, altLabels: JSON.stringify(r.altLabels) })))
    .onConflict((oc) =>
      oc.columns(['framework', 'code']).doUpdateSet((eb) => ({
        kind: eb.ref('excluded.kind'),
        label: eb.ref('excluded.label'),
        description: eb.ref('excluded.description'),
        altLabels: eb.ref('excluded.altLabels'),
        reuseLevel: eb.ref('excluded.reuseLevel'),
      })),
    )
    .execute();
}

/** A rating already stored is kept when the new row does not carry it (O*NET gives IM and LV on two rows). */
export async function upsertRelations(db: Executor, rows: RelationRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('skillOccupationConcepts')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['framework', 'occupationCode', 'conceptCode']).doUpdateSet({
        importance: sql`coalesce(excluded.importance, skill_occupation_concepts.importance)`,
        level: sql`coalesce(excluded.level, skill_occupation_concepts.level)`,
        relation: sql`coalesce(excluded.relation, skill_occupation_concepts.relation)`,
      }),
    )
    .execute();
}

export async function upsertTitles(db: Executor, rows: TitleRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('skillOccupationTitles')
    .values(rows)
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function upsertTechnologies(db: Executor, rows: TechnologyRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('skillTechnologies')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['framework', 'occupationCode', 'example', 'commodityCode']).doUpdateSet((eb) => ({
        commodityTitle: eb.ref('excluded.commodityTitle'),
        hot: eb.ref('excluded.hot'),
        inDemand: eb.ref('excluded.inDemand'),
      })),
    )
    .execute();
}

export async function upsertIscoGroups(db: Executor, rows: IscoGroupRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('skillIscoGroups')
    .values(rows)
    .onConflict((oc) =>
      oc.column('code').doUpdateSet((eb) => ({
        uri: eb.ref('excluded.uri'),
        label: eb.ref('excluded.label'),
        description: eb.ref('excluded.description'),
      })),
    )
    .execute();
}

export interface FrameworkCounts {
  occupations: number;
  concepts: number;
  relations: number;
  titles: number;
  technologies: number;
}

export async function frameworkCounts(db: Executor, id: FrameworkId): Promise<FrameworkCounts> {
  const count = async (
    table:
      | 'skillOccupations'
      | 'skillConcepts'
      | 'skillOccupationConcepts'
      | 'skillOccupationTitles'
      | 'skillTechnologies',
  ) =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('framework', '=', id)
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    occupations: await count('skillOccupations'),
    concepts: await count('skillConcepts'),
    relations: await count('skillOccupationConcepts'),
    titles: await count('skillOccupationTitles'),
    technologies: await count('skillTechnologies'),
  };
}

export async function iscoGroupCount(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('skillIscoGroups')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
