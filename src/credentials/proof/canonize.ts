// The canonicalization seam of eddsa-rdfc-2022: RDFC-1.0 canonical N-Quads of a JSON-LD document.
// The general path is jsonld.js (expansion + toRDF) and rdf-canonize; a faster path may slot in
// front of it for documents it fully understands (see ./fast/), and must give identical bytes.
import jsonld from 'jsonld';
import type { DocumentLoader } from '../contexts/index.ts';

export async function canonizeGeneral(document: object, documentLoader: DocumentLoader): Promise<string> {
  // safe mode: undefined terms, relative IRIs and dropped values are errors, not silent omissions.
  return jsonld.canonize(document, {
    algorithm: 'RDFC-1.0',
    format: 'application/n-quads',
    documentLoader,
    safe: true,
  } as never);
}

export async function canonize(document: object, documentLoader: DocumentLoader): Promise<string> {
  return canonizeGeneral(document, documentLoader);
}
