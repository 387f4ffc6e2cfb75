// The document loader proofs are checked with: the bundled contexts, plus the Ed25519Signature2020
// suite context so that VC 1.1 credentials signed with that legacy suite can still be read.
import ed25519Signature2020Context from 'ed25519-signature-2020-context';
import { bundledContexts, createStaticDocumentLoader, type DocumentLoader } from '../contexts/index.ts';

export const ED25519_SIGNATURE_2020_CONTEXT = 'https://w3id.org/security/suites/ed25519-2020/v1';

const legacyContexts: ReadonlyMap<string, object> = new Map([
  [ED25519_SIGNATURE_2020_CONTEXT, ed25519Signature2020Context.contexts.get(ED25519_SIGNATURE_2020_CONTEXT)!],
]);

/** Whether a context URL is one we hold locally (never fetched). */
export const isKnownContext = (url: string): boolean => bundledContexts.has(url) || legacyContexts.has(url);

export const proofDocumentLoader: DocumentLoader = createStaticDocumentLoader((url) =>
  legacyContexts.get(url),
);
