// The occupation index from the database: built once per process and rebuilt when an import completes
// (the key is each complete framework's version and import time, read on every call: two small rows).
// Titles and technology skills are read per answer, only for the occupations it returns.
import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import { buildOccupationIndex, type FrameworkData, type OccupationIndex } from './occupations.ts';
import type { FrameworkId } from './tables.ts';

interface CompleteFramework {
  id: FrameworkId;
  source: string;
  key: string;
}

async function completeFrameworks(db: Executor): Promise<CompleteFramework[]> {
  const rows = await db
    .selectFrom('skillFrameworks')
    .select(['id', 'name', 'version', 'importedAt'])
    .where('status', '=', 'complete')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    source: `${r.name} ${r.version}`,
    key: `${r.id}@${r.version}@${r.importedAt ? new Date(r.importedAt).toISOString() : ''}`,
  }));
}

export async function loadFrameworkData(db: Executor, framework: CompleteFramework): Promise<FrameworkData> {
  const [occupations, concepts, ratings] = await Promise.all([
    db
      .selectFrom('skillOccupations')
      .select(['code', 'title', 'jobZone', 'iscoGroup', 'notation'])
      .where('framework', '=', framework.id)
      .execute(),
    db.selectFrom('skillConcepts').select(['code', 'label']).where('framework', '=', framework.id).execute(),
    db
      .selectFrom('skillOccupationConcepts')
      .select(['occupationCode', 'conceptCode', 'importance', 'level', 'relation'])
      .where('framework', '=', framework.id)
      .execute(),
  ]);
  return {
    id: framework.id,
    source: framework.source,
    occupations,
    concepts,
    ratings: ratings.map((r) => ({
      ...r,
      importance: r.importance === null ? null : Number(r.importance),
      level: r.level === null ? null : Number(r.level),
    })),
  };
}

const cache = new WeakMap<object, { key: string; index: Promise<OccupationIndex> }>();

/** The index of every completely imported framework, rebuilt only when one was imported again. */
export async function occupationIndex(db: Executor): Promise<OccupationIndex> {
  const frameworks = await completeFrameworks(db);
  const key = frameworks.map((f) => f.key).join('|');
  const cached = cache.get(db);
  if (cached && cached.key === key) return cached.index;
  const index = Promise.all(frameworks.map((f) => loadFrameworkData(db, f))).then(buildOccupationIndex);
  cache.set(db, { key, index });
  index.catch(() => {
    if (cache.get(db)?.index === index) cache.delete(db);
  });
  return index;
}

export interface OccupationDetails {
  alternate: string[];
  reported: string[];
  technologies: { name: string; hot: boolean; inDemand: boolean }[];
}

/** A few titles and technology skills (hot and in-demand first) of each listed occupation. */
export async function occupationDetails(
  db: Executor,
  framework: FrameworkId,
  codes: string[],
  few: { titles: number; technologies: number },
): Promise<Map<string, OccupationDetails>> {
  const details = new Map<string, OccupationDetails>(
    codes.map((code) => [code, { alternate: [], reported: [], technologies: [] }]),
  );
  if (codes.length === 0) return details;
  // Only the first few rows per occupation leave the database (an O*NET occupation has ~60 titles and
  // up to a few hundred technology skills): ranked per occupation in SQL, cut there.
  const [titles, technologies] = await Promise.all([
    db
      .selectFrom((eb) =>
        eb
          .selectFrom('skillOccupationTitles')
          .select([
            'occupationCode',
            'kind',
            'title',
            sql<number>`row_number() over (partition by occupation_code, kind order by title)`.as('rank'),
          ])
          .where('framework', '=', framework)
          .where('occupationCode', 'in', codes)
          .as('ranked'),
      )
      .select(['occupationCode', 'kind', 'title'])
      .where('rank', '<=', few.titles * 2)
      .orderBy('title')
      .execute(),
    db
      .selectFrom((eb) =>
        eb
          .selectFrom('skillTechnologies')
          .select([
            'occupationCode',
            'example',
            'hot',
            'inDemand',
            sql<number>`row_number() over (partition by occupation_code order by in_demand desc, hot desc, example)`.as(
              'rank',
            ),
          ])
          .where('framework', '=', framework)
          .where('occupationCode', 'in', codes)
          .as('ranked'),
      )
      .select(['occupationCode', 'example', 'hot', 'inDemand'])
      .where('rank', '<=', few.technologies * 2)
      .orderBy('inDemand', 'desc')
      .orderBy('hot', 'desc')
      .orderBy('example')
      .execute(),
  ]);
  for (const t of titles) {
    const list = details.get(t.occupationCode)?.[t.kind];
    if (list && list.length < few.titles && !list.includes(t.title)) list.push(t.title);
  }
  for (const t of technologies) {
    const list = details.get(t.occupationCode)?.technologies;
    if (list && list.length < few.technologies && !list.some((x) => x.name === t.example))
      list.push({ name: t.example, hot: t.hot, inDemand: t.inDemand });
  }
  return details;
}
