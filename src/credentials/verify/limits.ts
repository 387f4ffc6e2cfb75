// How much of a document verification is willing to read. JSON-LD expansion and canonicalisation cost
// grows with the number of contexts and nodes (2,000 repeated contexts in 80 KB cost seconds of CPU), so a
// credential is measured with one cheap walk before any JSON-LD work, and refused when it is larger than
// any real credential. The figures (docs/credentials.md) leave room for CLR-sized transcripts with hundreds
// of achievements; the largest OB 3.0 specification example uses a hundredth of them.

export interface DocumentLimits {
  /** Size of the document as compact JSON (UTF-8 bytes; string escapes not counted). */
  maxBytes: number;
  /** Entries in one @context (a string or an array of them). */
  maxContextsPerNode: number;
  /** @context entries in the whole document, nested credentials included. */
  maxContextEntries: number;
  /** Objects in the whole document. */
  maxNodes: number;
  /** Items in any one array. */
  maxArrayLength: number;
  /** Objects and arrays inside one another. */
  maxDepth: number;
  /** Proofs on the document itself. */
  maxProofs: number;
  /** Credentials in a presentation (its top-level verifiableCredential). */
  maxPresentationCredentials: number;
}

export const DEFAULT_DOCUMENT_LIMITS: Readonly<DocumentLimits> = Object.freeze({
  maxBytes: 1_048_576,
  maxContextsPerNode: 16,
  maxContextEntries: 2_000,
  maxNodes: 10_000,
  maxArrayLength: 1_000,
  maxDepth: 32,
  maxProofs: 4,
  maxPresentationCredentials: 50,
});

export type DocumentLimitName =
  | 'bytes'
  | 'contexts-per-node'
  | 'duplicate-context'
  | 'context-entries'
  | 'nodes'
  | 'array-length'
  | 'depth'
  | 'proofs'
  | 'presentation-credentials';

export interface DocumentLimitExcess {
  limit: DocumentLimitName;
  /** One sentence for a person: what was found and what is accepted. */
  message: string;
  /** The document is too big (HTTP 413); otherwise it is malformed (a context listed twice). */
  tooLarge: boolean;
}

const count = (n: number) => n.toLocaleString('en-US');

function excess(limit: DocumentLimitName, message: string): DocumentLimitExcess {
  return { limit, message, tooLarge: limit !== 'duplicate-context' };
}

const tooDeep = (limits: DocumentLimits) =>
  excess('depth', `The document nests objects and arrays more than ${count(limits.maxDepth)} deep.`);
const tooLong = (items: number, limits: DocumentLimits) =>
  excess(
    'array-length',
    `The document has a list of ${count(items)} items; at most ${count(limits.maxArrayLength)} are accepted.`,
  );
const tooManyNodes = (limits: DocumentLimits) =>
  excess(
    'nodes',
    `The document has more than ${count(limits.maxNodes)} objects, more than any credential Tessera verifies.`,
  );

/** JSON byte length of a string, without allocating a buffer (escapes are not counted). */
function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x80) bytes += code >= 0x800 && (code < 0xd800 || code > 0xdfff) ? 2 : 1;
  }
  return bytes + 2;
}

function checkContext(context: unknown, limits: DocumentLimits): DocumentLimitExcess | number {
  const entries = Array.isArray(context) ? context : [context];
  if (entries.length > limits.maxContextsPerNode) {
    return excess(
      'contexts-per-node',
      `The document lists ${count(entries.length)} contexts in one @context; at most ${count(limits.maxContextsPerNode)} are accepted.`,
    );
  }
  const urls = entries.filter((entry): entry is string => typeof entry === 'string');
  const repeated = urls.find((url, index) => urls.indexOf(url) !== index);
  if (repeated !== undefined) {
    return excess(
      'duplicate-context',
      `The document lists the context ${repeated} more than once; a context is listed once.`,
    );
  }
  return entries.length;
}

function checkTopLevel(document: Record<string, unknown>, limits: DocumentLimits) {
  const { proof, verifiableCredential } = document;
  const proofs = Array.isArray(proof) ? proof.length : proof === undefined ? 0 : 1;
  if (proofs > limits.maxProofs) {
    return excess(
      'proofs',
      `The document carries ${count(proofs)} proofs; at most ${count(limits.maxProofs)} are accepted.`,
    );
  }
  if (
    Array.isArray(verifiableCredential) &&
    verifiableCredential.length > limits.maxPresentationCredentials
  ) {
    return excess(
      'presentation-credentials',
      `The presentation carries ${count(verifiableCredential.length)} credentials; at most ${count(limits.maxPresentationCredentials)} are accepted.`,
    );
  }
  return undefined;
}

/**
 * The first limit a parsed JSON document exceeds, or undefined. One walk with an explicit stack (no
 * recursion, so any nesting is measured safely); it stops at the first excess, so its cost is bounded
 * by the limits, not by the document.
 */
export function findDocumentLimitExcess(
  document: unknown,
  limits: DocumentLimits = DEFAULT_DOCUMENT_LIMITS,
): DocumentLimitExcess | undefined {
  if (document && typeof document === 'object' && !Array.isArray(document)) {
    const topLevel = checkTopLevel(document as Record<string, unknown>, limits);
    if (topLevel) return topLevel;
  }
  let bytes = 0;
  let nodes = 0;
  let contextEntries = 0;
  const stack: { value: unknown; depth: number }[] = [{ value: document, depth: 0 }];
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    if (typeof value === 'string') bytes += utf8Length(value);
    else if (value === null || typeof value !== 'object') bytes += String(value).length;
    else {
      if (depth >= limits.maxDepth) return tooDeep(limits);
      if (Array.isArray(value)) {
        if (value.length > limits.maxArrayLength) return tooLong(value.length, limits);
        bytes += 1 + value.length;
        for (const item of value) stack.push({ value: item, depth: depth + 1 });
      } else {
        nodes += 1;
        if (nodes > limits.maxNodes) return tooManyNodes(limits);
        const record = value as Record<string, unknown>;
        if ('@context' in record) {
          const entries = checkContext(record['@context'], limits);
          if (typeof entries !== 'number') return entries;
          contextEntries += entries;
          if (contextEntries > limits.maxContextEntries) {
            return excess(
              'context-entries',
              `The document lists more than ${count(limits.maxContextEntries)} contexts in all.`,
            );
          }
        }
        bytes += 2;
        for (const key of Object.keys(record)) {
          bytes += utf8Length(key) + 2;
          stack.push({ value: record[key], depth: depth + 1 });
        }
      }
    }
    if (bytes > limits.maxBytes) {
      return excess(
        'bytes',
        `The document is larger than ${count(limits.maxBytes)} bytes, more than any credential Tessera verifies.`,
      );
    }
  }
  return undefined;
}

/** The items of the array that opens at `open` (one with commas in it), counted to its end. */
function itemsOfArrayAt(text: string, open: number): number {
  let depth = 0;
  let commas = 0;
  for (let i = open; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22) i = endOfString(text, i);
    else if (code === 0x5b || code === 0x7b) depth += 1;
    else if (code === 0x5d || code === 0x7d) {
      depth -= 1;
      if (depth === 0) break;
    } else if (depth === 1 && code === 0x2c) commas += 1;
  }
  return commas + 1;
}

/** The index of the quote that closes the string opening at `quote` (or the end of the text). */
function endOfString(text: string, quote: number): number {
  for (let i = quote + 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x5c) i += 1;
    else if (code === 0x22) return i;
  }
  return text.length;
}

/**
 * The same limits on JSON text, before it is parsed: objects, items per list and nesting, counted in one
 * pass over the characters, so that a body of 200,000 empty objects is refused without building them.
 * `enclosing` is how many objects wrap the document in the text (a request body's own object).
 * Text that is not JSON passes; JSON.parse says what is wrong with it.
 */
export function findJsonTextLimitExcess(
  text: string,
  limits: DocumentLimits = DEFAULT_DOCUMENT_LIMITS,
  enclosing = 0,
): DocumentLimitExcess | undefined {
  const maxDepth = limits.maxDepth + enclosing;
  const maxNodes = limits.maxNodes + enclosing;
  // Per open container: -1 for an object, else the commas seen so far in that array.
  const open: number[] = [];
  let nodes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22) i = endOfString(text, i);
    else if (code === 0x7b || code === 0x5b) {
      if (open.length >= maxDepth) return tooDeep(limits);
      if (code === 0x7b && ++nodes > maxNodes) return tooManyNodes(limits);
      open.push(code === 0x7b ? -1 : 0);
    } else if (code === 0x7d || code === 0x5d) open.pop();
    else if (code === 0x2c && open.length > 0 && open[open.length - 1]! >= 0) {
      const commas = ++open[open.length - 1]!;
      if (commas >= limits.maxArrayLength) return tooLong(itemsOfArrayAt(text, arrayStart(text, i)), limits);
    }
  }
  return undefined;
}

/** Where the array around the comma at `comma` opens (called once, on the excess only). */
function arrayStart(text: string, comma: number): number {
  // Scan from the start again, keeping the positions of open containers: exact with strings and nesting.
  const starts: number[] = [];
  for (let i = 0; i < comma; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22) i = endOfString(text, i);
    else if (code === 0x7b || code === 0x5b) starts.push(i);
    else if (code === 0x7d || code === 0x5d) starts.pop();
  }
  return starts[starts.length - 1] ?? 0;
}
