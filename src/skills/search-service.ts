// One search index per process, built from the concepts in the database and rebuilt when an import has
// changed them: each query first reads the frameworks' rows (two rows, cheap) and compares their import
// state with the one the index was built from. A query never reads the concepts table.
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import {
  DEFAULT_SEARCH_OPTIONS,
  type SearchableConcept,
  type SearchHit,
  type SearchOptions,
  type SearchQuery,
  SkillSearchIndex,
} from './search.ts';

export async function loadSearchableConcepts(db: Kysely<Database>): Promise<SearchableConcept[]> {
  return db
    .selectFrom('skillConcepts')
    .select(['framework', 'code', 'kind', 'label', 'description', 'altLabels'])
    .execute();
}

/** What the index depends on: each framework's import state. */
async function importState(db: Kysely<Database>): Promise<string> {
  const rows = await db
    .selectFrom('skillFrameworks')
    .select(['id', 'status', 'importedAt', 'version'])
    .orderBy('id')
    .execute();
  return rows.map((r) => `${r.id}:${r.version}:${r.status}:${r.importedAt?.toISOString() ?? ''}`).join('|');
}

export class SkillSearch {
  private built: { state: string; index: SkillSearchIndex } | null = null;
  private building: { state: string; index: Promise<SkillSearchIndex> } | null = null;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly options: SearchOptions = DEFAULT_SEARCH_OPTIONS,
  ) {}

  async search(query: SearchQuery): Promise<SearchHit[]> {
    return (await this.index()).search(query);
  }

  /** The current index, rebuilt once (even under concurrent queries) when the import state has changed. */
  async index(): Promise<SkillSearchIndex> {
    const state = await importState(this.db);
    if (this.built?.state === state) return this.built.index;
    if (this.building?.state !== state) {
      const index = loadSearchableConcepts(this.db).then((concepts) => {
        const built = new SkillSearchIndex(concepts, this.options);
        if (this.building?.state === state) {
          this.built = { state, index: built };
          this.building = null;
        }
        return built;
      });
      index.catch(() => {
        if (this.building?.state === state) this.building = null;
      });
      this.building = { state, index };
    }
    return this.building.index;
  }
}
