// The fast canonicalisation path: RDFC-1.0 canonical N-Quads of a JSON-LD document whose contexts
// are all bundled and whose shape it fully understands, byte-identical to jsonld.canonize with the
// eddsa-rdfc-2022 reference's options (safe mode, rdfDirection 'i18n-datatype'). Anything else is
// declined, and canonize() takes the general path.
import { bundledContexts, type DocumentLoader } from '../../contexts/index.ts';
import { Decline, MissingTransition } from './active-context.ts';
import { canonicalNQuads } from './rdfc.ts';
import { documentToRdf } from './to-rdf.ts';

export type FastCanonizeOutcome = { nquads: string } | { declined: string };

/** A new document shape needs one walk per context transition not yet compiled. */
const MAX_WALKS = 100;

/** Canonical N-Quads, or undefined when the document needs the general path. */
export async function fastCanonize(
  document: object,
  documentLoader: DocumentLoader,
): Promise<string | undefined> {
  const outcome = await tryFastCanonize(document, documentLoader);
  return 'nquads' in outcome ? outcome.nquads : undefined;
}

/** Like fastCanonize, but says why a document was declined (for tests and diagnostics). */
export async function tryFastCanonize(
  document: object,
  documentLoader: DocumentLoader,
): Promise<FastCanonizeOutcome> {
  try {
    const proto = Object.getPrototypeOf(document);
    if (proto !== Object.prototype && proto !== null) throw new Decline('not a plain JSON object');
    for (let walk = 0; walk < MAX_WALKS; walk++) {
      try {
        const { dataset, contextUrls } = documentToRdf(document as Record<string, unknown>);
        await assertLoaderServesBundled(contextUrls, documentLoader);
        const nquads = await canonicalNQuads(dataset.quads, dataset.blankNodeCount);
        if (nquads === undefined) throw new Decline('tied blank nodes next to each other');
        return { nquads };
      } catch (error) {
        if (!(error instanceof MissingTransition)) throw error;
        await error.from.compileTransition(error);
      }
    }
    throw new Decline('too many context transitions');
  } catch (error) {
    // Declines are expected; anything else is a fast-path fault, and the general path is the authority.
    return { declined: error instanceof Decline ? error.reason : `fast path error: ${String(error)}` };
  }
}

const agreesWithBundled = new WeakMap<object, boolean>();
/** Per loader, the URLs it has answered with the very bundled object. */
const servesBundled = new WeakMap<DocumentLoader, Set<string>>();

/**
 * The fast path processes the bundled copy of each context; it must be what the caller's loader
 * would give jsonld.js. Loaders built on createStaticDocumentLoader return the very same object;
 * any other answer is compared by content once per returned object. A loader that answered a URL
 * with the bundled object is not asked again — jsonld.js, too, caches a context by URL across calls.
 */
async function assertLoaderServesBundled(
  urls: Iterable<string>,
  documentLoader: DocumentLoader,
): Promise<void> {
  let known = servesBundled.get(documentLoader);
  if (!known) {
    known = new Set();
    servesBundled.set(documentLoader, known);
  }
  for (const url of urls) {
    if (known.has(url)) continue;
    const bundled = bundledContexts.get(url);
    const { document } = await documentLoader(url).catch(() => {
      throw new Decline(`loader refused ${url}`);
    });
    if (document === bundled) {
      known.add(url);
      continue;
    }
    if (document === null || typeof document !== 'object')
      throw new Decline(`loader gave a non-object for ${url}`);
    let agrees = agreesWithBundled.get(document);
    if (agrees === undefined) {
      agrees = JSON.stringify(document) === JSON.stringify(bundled);
      agreesWithBundled.set(document, agrees);
    }
    if (!agrees) throw new Decline(`loader serves a different ${url}`);
  }
}
