// Lexical search over framework concepts: an in-memory BM25F index (Okapi BM25 with per-field weights and
// length normalisation) over each concept's label, alternative labels and description. Pure: built from
// the concepts given, no SQL; search-service.ts loads them and keeps one index per process.
import type { FrameworkId } from './tables.ts';

export type ConceptKind = 'skill' | 'knowledge';

/** A concept as the index sees it. */
export interface SearchableConcept {
  framework: FrameworkId;
  code: string;
  kind: ConceptKind;
  label: string;
  description: string;
  altLabels: string[];
}

export type Stemming = 'none' | 'plural' | 'light';

export interface SearchOptions {
  /** Term-frequency saturation. */
  k1: number;
  /** Per field: its weight and how much its length normalises (b, 0..1). Plain BM25 is one field. */
  fields: { label: FieldWeight; alt: FieldWeight; description: FieldWeight };
  /** `false`: the fields are pooled into one document (plain Okapi BM25); `true`: BM25F. */
  perField: boolean;
  stemming: Stemming;
}

export interface FieldWeight {
  weight: number;
  b: number;
}

/** Measured best on held-out ESCO alternative labels (docs/insights.md, "Skill search"). */
export const DEFAULT_SEARCH_OPTIONS: SearchOptions = {
  k1: 1.2,
  fields: {
    label: { weight: 2, b: 0.75 },
    alt: { weight: 1, b: 0.75 },
    description: { weight: 0.3, b: 0.75 },
  },
  perField: true,
  stemming: 'light',
};

export interface SearchQuery {
  q: string;
  framework?: FrameworkId;
  kind?: ConceptKind;
  limit: number;
}

export interface SearchHit {
  concept: SearchableConcept;
  score: number;
  /** The query's words (as typed, lower-cased) found in the concept. */
  matched: string[];
}

const FIELDS = ['label', 'alt', 'description'] as const;
type Field = (typeof FIELDS)[number];

/** Lower-cased runs of Unicode letters and digits. */
export function words(text: string): string[] {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/** A light English stemmer: plurals only, or plurals and the commonest verb/noun endings. */
export function stem(word: string, stemming: Stemming): string {
  if (stemming === 'none' || word.length <= 3 || /\d/.test(word)) return word;
  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1);
  if (stemming === 'plural') return w;
  for (const suffix of ['ing', 'ed', 'ment', 'ation', 'er']) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 4) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}

interface Posting {
  doc: number;
  /** Term frequency per field (label, alt, description). */
  tf: [number, number, number];
}

export class SkillSearchIndex {
  private readonly postings = new Map<string, Posting[]>();
  /** Length of each field of each document, in terms: [label, alt, description] × N. */
  private readonly lengths: Uint32Array;
  private readonly averages: [number, number, number] = [0, 0, 0];
  private readonly concepts: SearchableConcept[];

  constructor(
    concepts: readonly SearchableConcept[],
    readonly options: SearchOptions = DEFAULT_SEARCH_OPTIONS,
  ) {
    // A fixed order (framework, code) makes ties break the same way whatever order the rows came in.
    this.concepts = [...concepts].sort(
      (a, b) => compare(a.framework, b.framework) || compare(a.code, b.code),
    );
    this.lengths = new Uint32Array(this.concepts.length * 3);
    const totals = [0, 0, 0];
    for (const [doc, concept] of this.concepts.entries()) {
      const texts: Record<Field, string> = {
        label: concept.label,
        alt: concept.altLabels.join('\n'),
        description: concept.description,
      };
      const counts = new Map<string, [number, number, number]>();
      for (const [f, field] of FIELDS.entries()) {
        const slot = options.perField ? f : 0;
        const terms = this.terms(texts[field]);
        this.lengths[doc * 3 + slot] = (this.lengths[doc * 3 + slot] ?? 0) + terms.length;
        totals[slot] = (totals[slot] ?? 0) + terms.length;
        for (const term of terms) {
          const tf = counts.get(term) ?? [0, 0, 0];
          tf[slot] = (tf[slot] ?? 0) + 1;
          counts.set(term, tf);
        }
      }
      for (const [term, tf] of counts) {
        let list = this.postings.get(term);
        if (!list) {
          list = [];
          this.postings.set(term, list);
        }
        list.push({ doc, tf });
      }
    }
    const n = Math.max(1, this.concepts.length);
    for (const f of [0, 1, 2] as const) this.averages[f] = Math.max(1, (totals[f] ?? 0) / n);
  }

  get size(): number {
    return this.concepts.length;
  }

  private terms(text: string): string[] {
    return words(text).map((w) => stem(w, this.options.stemming));
  }

  /** The best `limit` concepts for the query; ties by label, then framework and code. */
  search(query: SearchQuery): SearchHit[] {
    const byTerm = new Map<string, string[]>();
    for (const word of words(query.q)) {
      const term = stem(word, this.options.stemming);
      const typed = byTerm.get(term) ?? [];
      if (!typed.includes(word)) typed.push(word);
      byTerm.set(term, typed);
    }
    const n = this.concepts.length;
    const scores = new Float64Array(n);
    const touched: number[] = [];
    const { k1, fields, perField } = this.options;
    const weights = perField
      ? FIELDS.map((f) => fields[f])
      : [
          { weight: 1, b: fields.label.b },
          { weight: 0, b: 0 },
          { weight: 0, b: 0 },
        ];
    const lists: [Posting[], string[]][] = [];
    for (const [term, typed] of byTerm) {
      const list = this.postings.get(term);
      if (!list) continue;
      lists.push([list, typed]);
      const idf = Math.log(1 + (n - list.length + 0.5) / (list.length + 0.5));
      for (const { doc, tf } of list) {
        const concept = this.concepts[doc] as SearchableConcept;
        if (query.framework && concept.framework !== query.framework) continue;
        if (query.kind && concept.kind !== query.kind) continue;
        let pseudo = 0;
        for (let f = 0; f < 3; f++) {
          const count = tf[f] ?? 0;
          const w = weights[f];
          if (count === 0 || !w || w.weight === 0) continue;
          const norm = 1 - w.b + (w.b * (this.lengths[doc * 3 + f] ?? 0)) / (this.averages[f] ?? 1);
          pseudo += (w.weight * count) / norm;
        }
        if (pseudo === 0) continue;
        if (scores[doc] === 0) touched.push(doc);
        scores[doc] = (scores[doc] ?? 0) + (idf * pseudo * (k1 + 1)) / (k1 + pseudo);
      }
    }
    // The best `limit` by (score, label, position), kept sorted: no sort of every candidate.
    const best: { doc: number; score: number }[] = [];
    const before = (a: { doc: number; score: number }, b: { doc: number; score: number }) =>
      b.score - a.score ||
      compare(
        (this.concepts[a.doc] as SearchableConcept).label,
        (this.concepts[b.doc] as SearchableConcept).label,
      ) ||
      a.doc - b.doc;
    for (const doc of touched) {
      const candidate = { doc, score: Math.round((scores[doc] ?? 0) * 1e6) / 1e6 };
      if (best.length === query.limit && before(candidate, best[best.length - 1] as typeof candidate) >= 0)
        continue;
      let at = best.length;
      while (at > 0 && before(candidate, best[at - 1] as typeof candidate) < 0) at -= 1;
      best.splice(at, 0, candidate);
      if (best.length > query.limit) best.pop();
    }
    return best.map(({ doc, score }) => ({
      concept: this.concepts[doc] as SearchableConcept,
      score,
      matched: lists.filter(([list]) => hasDoc(list, doc)).flatMap(([, typed]) => typed),
    }));
  }
}

/** Postings are in document order: a binary search. */
function hasDoc(list: Posting[], doc: number): boolean {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = (list[mid] as Posting).doc;
    if (at === doc) return true;
    if (at < doc) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
