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
import { literalOf, type Quad, type Term } from './dataset.ts';

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

const NO_LABELS: readonly string[] = [];

// (Hot path: no closures are created per quad or per blank node.)
/**
 * One N-Quads line of a quad with blank nodes: they get `labels[n]`; or, when `self` ≥ 0
 * (first-degree hashing), `_:a` for `self` and `_:z` for any other.
 */
function serialize(q: Quad, self: number, labels: readonly string[]): string {
  const { subject, object, graph } = q;
  const s = typeof subject === 'number' ? blankLabel(subject, self, labels) : subject;
  const o = typeof object === 'number' ? blankLabel(object, self, labels) : object;
  if (graph === null) return `${s}${q.predicate}${o} .\n`;
  return `${s}${q.predicate}${o} ${blankLabel(graph, self, labels)} .\n`;
}

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
  const mentions: Quad[][] = [];
  for (let node = 0; node < blankNodeCount; node++) mentions.push([]);
  for (const q of quads) {
    const { subject, object, graph } = q;
    // Each quad counts once per blank node it mentions (rdf-canonize keeps a Set per node).
    if (typeof subject === 'number') mentions[subject]?.push(q);
    if (typeof object === 'number' && object !== subject) mentions[object]?.push(q);
    if (graph !== null && graph !== subject && graph !== object) mentions[graph]?.push(q);
  }

  // §4.4.3 steps 3–5: first-degree hashes; unique ones get canonical labels in hash order.
  const byHash = new Map<string, number>();
  let tied: Set<number> | undefined;
  for (let node = 0; node < blankNodeCount; node++) {
    const quadsOfNode = mentions[node] as Quad[];
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
    if (!onlyLeafTies(tied, mentions)) return undefined;
    return rdfCanonize.canonize(toRdfJs(quads), { algorithm: 'RDFC-1.0' });
  }
  const labels: string[] = [];
  const hashes = [...byHash.keys()].sort();
  for (let i = 0; i < hashes.length; i++) labels[byHash.get(hashes[i] as string) as number] = `_:c14n${i}`;
  const lines: string[] = [];
  for (const q of quads) lines.push(serialize(q, -1, labels));
  return lines.sort().join('');
}

/** §4.6: the node itself is `_:a`, every other blank node `_:z`; sorted lines, SHA-256 hex. */
function hashFirstDegree(node: number, quads: readonly Quad[]): string {
  if (quads.length === 1) return hash('sha256', serialize(quads[0] as Quad, node, NO_LABELS), 'hex');
  const lines: string[] = [];
  for (const q of quads) lines.push(serialize(q, node, NO_LABELS));
  return hash('sha256', lines.sort().join(''), 'hex');
}

/** No tied blank node shares a quad with another tied blank node (see the header comment). */
function onlyLeafTies(tied: ReadonlySet<number>, mentions: readonly Quad[][]): boolean {
  for (const node of tied) {
    for (const quad of mentions[node] as Quad[]) {
      for (const other of [quad.subject, quad.object, quad.graph]) {
        if (typeof other === 'number' && other !== node && tied.has(other)) return false;
      }
    }
  }
  return true;
}

/** The RDF/JS-shaped dataset jsonld.js hands to rdf-canonize. */
function toRdfJs(quads: readonly Quad[]): object[] {
  const node = (term: Term): RdfJsTerm =>
    typeof term === 'number'
      ? { termType: 'BlankNode', value: `b${term}` }
      : { termType: 'NamedNode', value: term.slice(1, -1) };
  return quads.map((q) => {
    let object = node(q.object);
    if (q.value) {
      const { lexical, datatype, language } = literalOf(q.value);
      object = { termType: 'Literal', value: lexical, datatype: { termType: 'NamedNode', value: datatype } };
      if (language !== null) object.language = language;
    }
    return {
      subject: node(q.subject),
      predicate: { termType: 'NamedNode', value: q.predicate.slice(2, -2) },
      object,
      graph: q.graph === null ? { termType: 'DefaultGraph', value: '' } : node(q.graph),
    };
  });
}
