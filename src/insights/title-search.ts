// Occupations by title: the skills context's BM25F engine (src/skills/search.ts) over one document per title
// (an occupation's own title, each alternate and each reported title), so that "payroll clerk" finds the
// occupation one of whose alternate titles is "Payroll Clerk", and says which title matched. An occupation's
// score is that of its best title (a short title that is all query words beats a long one that holds them
// too: BM25's length normalisation). Pure: the rows come from store.ts.
import { type FrameworkId, type SearchableConcept, SkillSearchIndex } from '../skills/index.ts';
import type { TitleRows } from './store.ts';

export interface OccupationHit {
  framework: FrameworkId;
  code: string;
  title: string;
  /** The title that matched best: the occupation's own, an alternate or a reported one. */
  matchedTitle: string;
  jobZone: number | null;
  source: string;
  score: number;
}

interface Occupation {
  framework: FrameworkId;
  code: string;
  title: string;
  jobZone: number | null;
}

const SEARCH_OPTIONS = {
  k1: 1.2,
  // One field: the title (a document is one title; the occupation's own or one of its other titles).
  fields: { label: { weight: 1, b: 0.75 }, alt: { weight: 0, b: 0 }, description: { weight: 0, b: 0 } },
  perField: true,
  stemming: 'light' as const,
};

/** How many title documents are read to find `limit` distinct occupations (titles of one occupation repeat). */
const WIDEN = 8;

export class OccupationTitleIndex {
  private readonly index: SkillSearchIndex;
  private readonly documents = new Map<string, { occupation: Occupation; title: string; own: boolean }>();
  private readonly sources: Map<FrameworkId, string>;

  constructor(rows: TitleRows) {
    this.sources = rows.sources;
    const occupations = new Map<string, Occupation>();
    const docs: SearchableConcept[] = [];
    const add = (occupation: Occupation, title: string, own: boolean) => {
      const id = `${occupation.code}\u0000${this.documents.size}`;
      this.documents.set(`${occupation.framework}\u0000${id}`, { occupation, title, own });
      docs.push({
        framework: occupation.framework,
        code: id,
        kind: 'skill',
        label: title,
        altLabels: [],
        description: '',
      });
    };
    for (const o of rows.occupations) {
      occupations.set(`${o.framework}\u0000${o.code}`, o);
      add(o, o.title, true);
    }
    const seen = new Set<string>();
    for (const t of rows.titles) {
      const occupation = occupations.get(`${t.framework}\u0000${t.occupationCode}`);
      const k = `${t.framework}\u0000${t.occupationCode}\u0000${t.title.toLowerCase()}`;
      if (!occupation || seen.has(k) || t.title.toLowerCase() === occupation.title.toLowerCase()) continue;
      seen.add(k);
      add(occupation, t.title, false);
    }
    this.index = new SkillSearchIndex(docs, SEARCH_OPTIONS);
  }

  search(query: { q: string; framework?: FrameworkId; limit: number }): OccupationHit[] {
    const hits = this.index.search({ q: query.q, framework: query.framework, limit: query.limit * WIDEN });
    const best = new Map<string, OccupationHit>();
    for (const hit of hits) {
      const doc = this.documents.get(`${hit.concept.framework}\u0000${hit.concept.code}`);
      if (!doc) continue;
      const { occupation } = doc;
      const k = `${occupation.framework}\u0000${occupation.code}`;
      // Hits come best first: the first title of an occupation is its best; on a tie, its own title.
      const earlier = best.get(k);
      if (earlier) {
        if (doc.own && hit.score === earlier.score) earlier.matchedTitle = doc.title;
        continue;
      }
      best.set(k, {
        framework: occupation.framework,
        code: occupation.code,
        title: occupation.title,
        matchedTitle: doc.title,
        jobZone: occupation.jobZone,
        source: this.sources.get(occupation.framework) ?? occupation.framework,
        score: hit.score,
      });
    }
    return [...best.values()].slice(0, query.limit);
  }
}
