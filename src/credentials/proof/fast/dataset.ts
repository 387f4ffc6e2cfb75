// The RDF dataset the fast path emits, with the exact value rules of jsonld.js toRdf
// (JSON-LD 1.1 API §8.1 "Deserialize JSON-LD to RDF", §8.5 "Object to RDF Conversion").
// Terms are kept in their N-Quads form from the start (an IRI as `<iri>`, a literal quoted and
// escaped), so canonicalisation only has to place blank node labels and sort.

/** An N-Quads term (`<iri>` or a literal) or a blank node, numbered in order of creation. */
export type Term = string | number;

export interface Quad {
  /** `<iri>` or a blank node. */
  readonly subject: Term;
  /** ` <iri> `, with the spaces that separate it from subject and object. */
  readonly predicate: string;
  /** `<iri>`, a literal, or a blank node. */
  readonly object: Term;
  /** A blank node naming a graph (graph containers), or null for the default graph. */
  readonly graph: number | null;
  /** For a literal object: the value object it was made from. */
  readonly value: ValueObject | undefined;
}

export interface RdfLiteral {
  readonly lexical: string;
  readonly datatype: string;
  readonly language: string | null;
}

const iriTerm = (iri: string) => `<${iri}>`;
export const predicateTerm = (iri: string) => ` <${iri}> `;
export const RDF_TYPE = predicateTerm('http://www.w3.org/1999/02/22-rdf-syntax-ns#type');
export const RDF_FIRST = predicateTerm('http://www.w3.org/1999/02/22-rdf-syntax-ns#first');
export const RDF_REST = predicateTerm('http://www.w3.org/1999/02/22-rdf-syntax-ns#rest');
export const RDF_NIL = iriTerm('http://www.w3.org/1999/02/22-rdf-syntax-ns#nil');
const RDF_LANGSTRING = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString';
const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';
const XSD_BOOLEAN = 'http://www.w3.org/2001/XMLSchema#boolean';
const XSD_INTEGER = 'http://www.w3.org/2001/XMLSchema#integer';
const XSD_DOUBLE = 'http://www.w3.org/2001/XMLSchema#double';

/**
 * An expanded value object: `@value` (a JSON scalar), `@type` (absolute IRI) or `@language` and/or
 * `@direction` (a string value; absent or null: no base direction).
 */
export interface ValueObject {
  readonly value: string | number | boolean;
  readonly type: string | null;
  readonly language: string | null;
  readonly direction?: 'ltr' | 'rtl' | null;
}

/** The datatype IRI base of `rdfDirection: 'i18n-datatype'` (JSON-LD 1.1 API §8.5 step 13). */
const I18N = 'https://www.w3.org/ns/i18n#';

/** jsonld.js `types.isDouble`: a number written with a '.', or too large for an integer literal. */
const isDouble = (value: number): boolean => String(value).includes('.') || Math.abs(value) >= 1e21;

/**
 * jsonld.js toRdf `_objectToRDF` for value objects, including its canonical xsd:double form and, as the
 * eddsa-rdfc-2022 reference canonizes with `rdfDirection: 'i18n-datatype'`, a string with a base direction
 * as a literal typed `https://www.w3.org/ns/i18n#<lower-cased language>_<direction>` (no language tag).
 */
export function literalOf({ value, type, language, direction }: ValueObject): RdfLiteral {
  if (typeof value === 'boolean') {
    return { lexical: String(value), datatype: type ?? XSD_BOOLEAN, language: null };
  }
  if ((typeof value === 'number' && isDouble(value)) || type === XSD_DOUBLE) {
    const number = typeof value === 'number' && isDouble(value) ? value : Number.parseFloat(String(value));
    const lexical = number.toExponential(15).replace(/(\d)0*e\+?/, '$1E');
    return { lexical, datatype: type ?? XSD_DOUBLE, language: null };
  }
  if (typeof value === 'number') {
    return { lexical: value.toFixed(0), datatype: type ?? XSD_INTEGER, language: null };
  }
  if (direction) return { lexical: value, datatype: `${I18N}${language ?? ''}_${direction}`, language: null };
  if (language !== null) return { lexical: value, datatype: type ?? RDF_LANGSTRING, language };
  return { lexical: value, datatype: type ?? XSD_STRING, language: null };
}

// N-Quads string escaping exactly as rdf-canonize serialises (RDFC-1.0 §4.3 / N-Quads canonical form):
// ECHAR for \b \t \n \f \r " \\, UCHAR (\u00XX, upper-case hex) for the other C0 controls and DEL.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const LITERAL_NEEDS_ESCAPE = /[\u0000-\u001F\u007F"\\]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const LITERAL_ESCAPABLE = /[\u0000-\u001F\u007F"\\]/g;
const ECHAR: Record<string, string> = {
  '\b': '\\b',
  '\t': '\\t',
  '\n': '\\n',
  '\f': '\\f',
  '\r': '\\r',
  '"': '\\"',
  '\\': '\\\\',
};
const escapeChar = (c: string): string =>
  ECHAR[c] ?? `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
const escapeLiteral = (s: string): string =>
  LITERAL_NEEDS_ESCAPE.test(s) ? s.replace(LITERAL_ESCAPABLE, escapeChar) : s;

/** A literal's N-Quads form (datatype IRIs reaching here contain nothing to escape). */
export function literalTerm(value: ValueObject): string {
  const { lexical, datatype, language } = literalOf(value);
  const quoted = `"${escapeLiteral(lexical)}"`;
  if (datatype === RDF_LANGSTRING) return language ? `${quoted}@${language}` : quoted;
  return datatype === XSD_STRING ? quoted : `${quoted}^^<${datatype}>`;
}

/**
 * Two values jsonld.js `util.compareValues` calls equal: same node, or same value object. Like
 * compareValues, it ignores `@direction`: the node map keeps only the first of two values that differ in
 * direction alone.
 */
export function sameValue(a: Term | ValueObject, b: Term | ValueObject): boolean {
  if (typeof a !== 'object' || typeof b !== 'object') return a === b;
  return a.value === b.value && a.type === b.type && a.language === b.language;
}

type MergeKind = 'node' | 'type' | 'value' | 'never';
interface Entry extends Quad {
  readonly merge: MergeKind;
}

/**
 * Collects quads. jsonld.js's node map (flattening, §7.2) merges duplicate values of a property —
 * `addValue(..., {allowDuplicate: false})` with `compareValues`: the same node or IRI reference, or
 * the same value object (same JS value, `@type` and `@language`), under the same subject and property
 * in the same graph; values equal only in RDF (`true` and `{"@value": "true", "@type": xsd:boolean}`)
 * stay duplicated. Duplicates can arise only where the walker reports them possible — several values
 * in one array (it compares those itself), two keys of one object with the same predicate, or one
 * IRI described in two places — and only then does `quads` pay for a full merge pass.
 */
export class DatasetBuilder {
  private readonly entries: Entry[] = [];
  private readonly subjects = new Map<number | null, Set<string>>();
  private mayHaveDuplicates = false;
  private blankNodes = 0;

  get blankNodeCount(): number {
    return this.blankNodes;
  }

  newBlankNode(): number {
    return this.blankNodes++;
  }

  /** Two keys of one object mapped to the same predicate: their values may coincide. */
  noteRepeatedPredicate(): void {
    this.mayHaveDuplicates = true;
  }

  /** A node object with an IRI: if it is described twice, the node map merges the descriptions. */
  noteSubject(subject: string, graph: number | null): void {
    let seen = this.subjects.get(graph);
    if (!seen) {
      seen = new Set();
      this.subjects.set(graph, seen);
    }
    if (seen.has(subject)) this.mayHaveDuplicates = true;
    else seen.add(subject);
  }

  addNode(subject: Term, predicate: string, object: Term, graph: number | null): void {
    this.entries.push({ subject, predicate, object, graph, value: undefined, merge: 'node' });
  }

  /** The node map keeps `@type` apart from an explicit rdf:type property. */
  addType(subject: Term, type: string, graph: number | null): void {
    this.entries.push({ subject, predicate: RDF_TYPE, object: type, graph, value: undefined, merge: 'type' });
  }

  addValue(subject: Term, predicate: string, value: ValueObject, graph: number | null): void {
    this.entries.push({ subject, predicate, object: literalTerm(value), graph, value, merge: 'value' });
  }

  /** List cells and list heads are never merged by the node map (`compareValues` is false for lists). */
  addUnmerged(subject: Term, predicate: string, object: Term | ValueObject, graph: number | null): void {
    const value = typeof object === 'object' ? object : undefined;
    const term = value ? literalTerm(value) : (object as Term);
    this.entries.push({ subject, predicate, object: term, graph, value, merge: 'never' });
  }

  get quads(): readonly Quad[] {
    if (!this.mayHaveDuplicates) return this.entries;
    const seen = new Set<string>();
    return this.entries.filter((entry) => {
      if (entry.merge === 'never') return true;
      const key = mergeKey(entry);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }
}

function mergeKey({ subject, predicate, object, graph, merge, value }: Entry): string {
  const head = `${graph ?? ''} ${subject} ${merge === 'type' ? '@type' : predicate}`;
  if (!value) return `${head} ${object}`;
  return `${head} "${typeof value.value}:${String(value.value)}|${value.type}|${value.language}`;
}
