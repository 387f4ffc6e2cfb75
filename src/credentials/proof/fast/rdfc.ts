// RDFC-1.0 (https://www.w3.org/TR/rdf-canon/) over the fast path's quads. Credentials are trees, so
// almost every blank node already has a unique first-degree hash (§4.6 "Hash First Degree Quads");
// then the canonical labels follow from sorting those hashes (§4.4.3 step 5) and no N-degree hashing
// is needed. Ties (e.g. two identical evidence entries without ids) go to rdf-canonize — the library
// jsonld.canonize uses — but only when each tied node's blank neighbours all have unique hashes:
// then the N-degree step (§4.8) makes exactly one call per tied node, within rdf-canonize's default
// work limit, and its result does not depend on quad order. Any other tie returns undefined, and the
// document takes the general path, so deep ties, work limits and errors stay exactly the reference's.
import { hash } from 'node:crypto';
import { createRequire } from 'node:module';
import {
  type Quad,
  RDF_LANGSTRING,
  type RdfLiteral,
  type RdfNode,
  type RdfObject,
  XSD_STRING,
} from './dataset.ts';

interface RdfJsTerm {
  termType: 'NamedNode' | 'BlankNode' | 'Literal' | 'DefaultGraph';
  value: string;
  datatype?: { termType: 'NamedNode'; value: string };
  language?: string;
}
interface RdfCanonize {
  canonize(dataset: object[], options: { algorithm: 'RDFC-1.0' }): Promise<string>;
}
const rdfCanonize: RdfCanonize = createRequire(import.meta.url)('rdf-canonize');

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

/** IRIs reaching here contain nothing to escape (the walker declines any that would). */
function literal({ lexical, datatype, language }: RdfLiteral): string {
  const quoted = `"${escapeLiteral(lexical)}"`;
  if (datatype === RDF_LANGSTRING) return language ? `${quoted}@${language}` : quoted;
  return datatype === XSD_STRING ? quoted : `${quoted}^^<${datatype}>`;
}

/** A quad that mentions blank nodes, pre-serialised around them: relabelling is concatenation. */
interface BlankQuad {
  readonly quad: Quad;
  readonly subject: string;
  readonly predicate: string;
  readonly object: string;
  readonly graph: string;
}

// Predicates repeat across documents: keep their ` <…> ` form (bounded, cleared when full).
const predicateParts = new Map<string, string>();
function predicatePart(predicate: string): string {
  let part = predicateParts.get(predicate);
  if (part === undefined) {
    if (predicateParts.size >= 10_000) predicateParts.clear();
    part = ` <${predicate}> `;
    predicateParts.set(predicate, part);
  }
  return part;
}

// (Hot path: no closures are created per quad or per blank node.)
function fixedPart(node: RdfObject | null): string {
  if (node === null || typeof node === 'number') return '';
  return typeof node === 'string' ? `<${node}>` : literal(node);
}

/**
 * One N-Quads line of a quad with blank nodes: they get `labels[n]`; or, when `self` ≥ 0
 * (first-degree hashing), `_:a` for `self` and `_:z` for any other.
 */
function serialize(q: BlankQuad, self: number, labels: readonly string[]): string {
  const { subject, object, graph } = q.quad;
  const s = typeof subject === 'number' ? blankLabel(subject, self, labels) : q.subject;
  const o = typeof object === 'number' ? blankLabel(object, self, labels) : q.object;
  const g = typeof graph === 'number' ? ` ${blankLabel(graph, self, labels)}` : q.graph;
  return `${s}${q.predicate}${o}${g} .\n`;
}

const NO_LABELS: readonly string[] = [];

function blankLabel(node: number, self: number, labels: readonly string[]): string {
  if (self >= 0) return node === self ? '_:a' : '_:z';
  return labels[node] as string;
}

/**
 * Canonical N-Quads of the dataset (RDFC-1.0 with SHA-256); a promise of them for simple ties;
 * undefined for ties the general path must settle.
 */
export function canonicalNQuads(
  quads: readonly Quad[],
  blankNodeCount: number,
): string | Promise<string> | undefined {
  const lines: string[] = [];
  const blankQuads: BlankQuad[] = [];
  const mentions: BlankQuad[][] = [];
  for (let node = 0; node < blankNodeCount; node++) mentions.push([]);
  for (const quad of quads) {
    const { subject, object, graph } = quad;
    const predicate = predicatePart(quad.predicate);
    const g = graph === null ? '' : ` ${fixedPart(graph)}`;
    if (typeof subject !== 'number' && typeof object !== 'number' && typeof graph !== 'number') {
      lines.push(`<${subject}>${predicate}${fixedPart(object)}${g} .\n`);
      continue;
    }
    const q: BlankQuad = {
      quad,
      subject: fixedPart(subject),
      predicate,
      object: fixedPart(object),
      graph: g,
    };
    blankQuads.push(q);
    // Each quad counts once per blank node it mentions (rdf-canonize keeps a Set per node).
    if (typeof subject === 'number') mentions[subject]?.push(q);
    if (typeof object === 'number' && object !== subject) mentions[object]?.push(q);
    if (typeof graph === 'number' && graph !== subject && graph !== object) mentions[graph]?.push(q);
  }

  // §4.4.3 steps 3–5: first-degree hashes; unique ones get canonical labels in hash order.
  const byHash = new Map<string, number>();
  let tied: Set<number> | undefined;
  for (let node = 0; node < blankNodeCount; node++) {
    const quadsOfNode = mentions[node] as BlankQuad[];
    if (quadsOfNode.length === 0) continue; // a blank node the dataset never mentions
    const hash = hashFirstDegree(node, quadsOfNode);
    const twin = byHash.get(hash);
    if (twin === undefined) byHash.set(hash, node);
    else {
      tied ??= new Set();
      tied.add(twin).add(node);
    }
  }
  if (tied) {
    return onlyLeafTies(tied, mentions)
      ? rdfCanonize.canonize(toRdfJs(quads), { algorithm: 'RDFC-1.0' })
      : undefined;
  }
  const labels: string[] = [];
  const hashes = [...byHash.keys()].sort();
  for (let i = 0; i < hashes.length; i++) labels[byHash.get(hashes[i] as string) as number] = `_:c14n${i}`;
  for (const q of blankQuads) lines.push(serialize(q, -1, labels));
  return lines.sort().join('');
}

/** §4.6: the node itself is `_:a`, every other blank node `_:z`; sorted lines, SHA-256 hex. */
function hashFirstDegree(node: number, quads: readonly BlankQuad[]): string {
  const lines: string[] = [];
  for (const q of quads) lines.push(serialize(q, node, NO_LABELS));
  return hash('sha256', lines.sort().join(''), 'hex');
}

/** No tied blank node shares a quad with another tied blank node (see the header comment). */
function onlyLeafTies(tied: ReadonlySet<number>, mentions: readonly BlankQuad[][]): boolean {
  for (const node of tied) {
    for (const { quad } of mentions[node] as BlankQuad[]) {
      for (const other of [quad.subject, quad.object, quad.graph]) {
        if (typeof other === 'number' && other !== node && tied.has(other)) return false;
      }
    }
  }
  return true;
}

/** The RDF/JS-shaped dataset jsonld.js hands to rdf-canonize. */
function toRdfJs(quads: readonly Quad[]): object[] {
  const node = (n: RdfNode): RdfJsTerm =>
    typeof n === 'number' ? { termType: 'BlankNode', value: `b${n}` } : { termType: 'NamedNode', value: n };
  const object = (o: RdfObject): RdfJsTerm => {
    if (typeof o !== 'object') return node(o);
    const term: RdfJsTerm = {
      termType: 'Literal',
      value: o.lexical,
      datatype: { termType: 'NamedNode', value: o.datatype },
    };
    if (o.language !== null) term.language = o.language;
    return term;
  };
  return quads.map((q) => ({
    subject: node(q.subject),
    predicate: { termType: 'NamedNode', value: q.predicate },
    object: object(q.object),
    graph: q.graph === null ? { termType: 'DefaultGraph', value: '' } : node(q.graph),
  }));
}
