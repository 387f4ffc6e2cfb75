// The canonicalization seam of eddsa-rdfc-2022: RDFC-1.0 canonical N-Quads of a JSON-LD document
// (https://www.w3.org/TR/vc-di-eddsa/#transformation-eddsa-rdfc-2022). The general path is jsonld.js
// (expansion + toRDF) and rdf-canonize; the fast path (./fast/) slots in front of it for documents it
// fully understands and gives identical bytes — proven by the differential tests beside it.
import jsonld, { type Options } from 'jsonld';
import type { DocumentLoader } from '../contexts/index.ts';
import { fastCanonize } from './fast/index.ts';

/**
 * The options @digitalbazaar/eddsa-rdfc-2022-cryptosuite canonizes with (lib/canonize.js): safe mode
 * (undefined terms, relative IRIs and dropped values are errors, not silent omissions), no base IRI, and
 * `rdfDirection: 'i18n-datatype'`, which turns a value with `@direction` into a literal typed
 * `https://www.w3.org/ns/i18n#<language>_<direction>` (without it, safe mode refuses such values).
 */
const REFERENCE_OPTIONS = {
  algorithm: 'RDFC-1.0',
  format: 'application/n-quads',
  base: null,
  safe: true,
  rdfDirection: 'i18n-datatype',
} as const;

export async function canonizeGeneral(document: object, documentLoader: DocumentLoader): Promise<string> {
  // (@types/jsonld predates RDFC-1.0, safe mode and rdfDirection, hence the cast.)
  const options = { ...REFERENCE_OPTIONS, documentLoader };
  return jsonld.canonize(document, options as unknown as Options.Normalize);
}

/** Fast path when it understands the document, else jsonld.js (which also raises every error). */
export async function canonize(document: object, documentLoader: DocumentLoader): Promise<string> {
  return (await fastCanonize(document, documentLoader)) ?? canonizeGeneral(document, documentLoader);
}
