// The canonicalization seam of eddsa-rdfc-2022: RDFC-1.0 canonical N-Quads of a JSON-LD document
// (https://www.w3.org/TR/vc-di-eddsa/#transformation-eddsa-rdfc-2022). The general path is jsonld.js
// (expansion + toRDF) and rdf-canonize; the fast path (./fast/) slots in front of it for documents it
// fully understands and gives identical bytes — proven by the differential tests beside it.
import jsonld, { type Options } from 'jsonld';
import type { DocumentLoader } from '../contexts/index.ts';
import { fastCanonize } from './fast/index.ts';

export async function canonizeGeneral(document: object, documentLoader: DocumentLoader): Promise<string> {
  // safe mode: undefined terms, relative IRIs and dropped values are errors, not silent omissions.
  // (@types/jsonld predates RDFC-1.0 and safe mode, hence the cast.)
  const options = { algorithm: 'RDFC-1.0', format: 'application/n-quads', documentLoader, safe: true };
  return jsonld.canonize(document, options as unknown as Options.Normalize);
}

/** Fast path when it understands the document, else jsonld.js (which also raises every error). */
export async function canonize(document: object, documentLoader: DocumentLoader): Promise<string> {
  return (await fastCanonize(document, documentLoader)) ?? canonizeGeneral(document, documentLoader);
}
