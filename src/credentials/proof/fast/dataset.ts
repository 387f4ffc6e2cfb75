// The RDF dataset the fast path emits, with the exact value rules of jsonld.js toRdf
// (JSON-LD 1.1 API §8.1 "Deserialize JSON-LD to RDF", §8.5 "Object to RDF Conversion").
/** An IRI (without <>) or a blank node, numbered in order of creation. */
export type RdfNode = string | number;

export interface RdfLiteral {
  readonly lexical: string;
  readonly datatype: string;
  readonly language: string | null;
}

export type RdfObject = RdfNode | RdfLiteral;

export interface Quad {
  readonly subject: RdfNode;
  readonly predicate: string;
  readonly object: RdfObject;
  /** null: the default graph. */
  readonly graph: RdfNode | null;
}

export const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
export const RDF_FIRST = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#first';
export const RDF_REST = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#rest';
export const RDF_NIL = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#nil';
export const RDF_LANGSTRING = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString';
export const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';
const XSD_BOOLEAN = 'http://www.w3.org/2001/XMLSchema#boolean';
const XSD_INTEGER = 'http://www.w3.org/2001/XMLSchema#integer';
const XSD_DOUBLE = 'http://www.w3.org/2001/XMLSchema#double';

/** An expanded value object: `@value` (a JSON scalar), `@type` (absolute IRI) or `@language`. */
export interface ValueObject {
  readonly value: string | number | boolean;
  readonly type: string | null;
  readonly language: string | null;
}

/** jsonld.js `types.isDouble`: a number written with a '.', or too large for an integer literal. */
const isDouble = (value: number): boolean => String(value).includes('.') || Math.abs(value) >= 1e21;

/** jsonld.js toRdf `_objectToRDF` for value objects, including its canonical xsd:double form. */
export function literalOf({ value, type, language }: ValueObject): RdfLiteral {
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
  if (language !== null) return { lexical: value, datatype: type ?? RDF_LANGSTRING, language };
  return { lexical: value, datatype: type ?? XSD_STRING, language: null };
}

/** Two values jsonld.js `util.compareValues` calls equal: same node, or same value object. */
export function sameValue(a: RdfNode | ValueObject, b: RdfNode | ValueObject): boolean {
  if (typeof a !== 'object' || typeof b !== 'object') return a === b;
  return a.value === b.value && a.type === b.type && a.language === b.language;
}

type MergeKind = 'node' | 'type' | 'value' | 'never';
interface Entry extends Quad {
  readonly merge: MergeKind;
  readonly source: ValueObject | undefined;
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
  private readonly subjects = new Map<RdfNode | null, Set<string>>();
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
  noteSubject(subject: string, graph: RdfNode | null): void {
    let seen = this.subjects.get(graph);
    if (!seen) {
      seen = new Set();
      this.subjects.set(graph, seen);
    }
    if (seen.has(subject)) this.mayHaveDuplicates = true;
    else seen.add(subject);
  }

  addNode(subject: RdfNode, predicate: string, object: RdfNode, graph: RdfNode | null): void {
    this.entries.push({ subject, predicate, object, graph, merge: 'node', source: undefined });
  }

  /** The node map keeps `@type` apart from an explicit rdf:type property. */
  addType(subject: RdfNode, type: string, graph: RdfNode | null): void {
    this.entries.push({
      subject,
      predicate: RDF_TYPE,
      object: type,
      graph,
      merge: 'type',
      source: undefined,
    });
  }

  addValue(subject: RdfNode, predicate: string, value: ValueObject, graph: RdfNode | null): void {
    this.entries.push({ subject, predicate, object: literalOf(value), graph, merge: 'value', source: value });
  }

  /** List cells and list heads are never merged by the node map (`compareValues` is false for lists). */
  addUnmerged(quad: Quad): void {
    this.entries.push({ ...quad, merge: 'never', source: undefined });
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

const keyOf = (node: RdfNode | null): string =>
  node === null ? '' : typeof node === 'number' ? `#${node}` : `<${node}>`;

function mergeKey({ subject, predicate, object, graph, merge, source }: Entry): string {
  const head = `${keyOf(graph)} ${keyOf(subject)} ${merge === 'type' ? '@type' : predicate}`;
  if (!source) return `${head} ${keyOf(object as RdfNode)}`;
  return `${head} "${typeof source.value}:${String(source.value)}|${source.type}|${source.language}`;
}
