// Plain-words descriptions of why a document could not be canonicalised for a proof.
import { UnknownContextError } from '../contexts/index.ts';

interface JsonLdErrorShape {
  name?: string;
  message?: string;
  details?: { event?: { code?: string; details?: { property?: string; value?: unknown } }; url?: string };
}

/**
 * VC 2.0's context maps every undefined term to an "issuer-dependent" IRI (@vocab), so safe mode never
 * sees them. Tessera refuses them anyway: each verifier could read such a term differently.
 * https://www.w3.org/TR/vc-data-model-2.0/#issuer-dependent-terms
 */
export const ISSUER_DEPENDENT_VOCAB = 'https://www.w3.org/ns/credentials/issuer-dependent#';

export class UndefinedTermError extends Error {
  readonly code = 'UNDEFINED_TERM';
  constructor(readonly terms: string[]) {
    super(
      `The credential uses ${terms.map((t) => `"${t}"`).join(', ')}, which none of its contexts defines; a term no context defines could be read differently by each verifier, so the signature is not accepted.`,
    );
  }
}

export function assertNoIssuerDependentTerms(canonicalNQuads: string): void {
  if (!canonicalNQuads.includes(ISSUER_DEPENDENT_VOCAB)) return;
  const terms = new Set<string>();
  for (const match of canonicalNQuads.matchAll(
    /<https:\/\/www\.w3\.org\/ns\/credentials\/issuer-dependent#([^>]+)>/g,
  )) {
    terms.add(decodeURIComponent(match[1] ?? ''));
  }
  throw new UndefinedTermError([...terms]);
}

export function describeCanonizeError(error: unknown): string {
  if (error instanceof UnknownContextError || error instanceof UndefinedTermError) return error.message;
  const { name, message, details } = (error ?? {}) as JsonLdErrorShape;
  const event = details?.event;
  if (name === 'jsonld.ValidationError' && event?.code === 'invalid property') {
    const property = event.details?.property;
    const named = typeof property === 'string' ? `the property "${property}"` : 'a property';
    return `The credential uses ${named}, which none of its contexts defines; a term no context defines could be read differently by each verifier, so the signature is not accepted.`;
  }
  if (name === 'jsonld.ValidationError') {
    return `The credential is not well-formed JSON-LD (${event?.code ?? 'validation error'}), so it cannot be canonicalised safely.`;
  }
  if (name === 'jsonld.InvalidUrl' || name === 'jsonld.LoadDocumentError') {
    const cause = (error as { details?: { cause?: unknown } }).details?.cause;
    if (cause instanceof UnknownContextError) return cause.message;
  }
  if (typeof name === 'string' && name.startsWith('jsonld.') && message)
    return `The credential could not be canonicalised: ${message}`;
  // RDFC-1.0's own work bound (a graph of blank nodes built to be costly to label).
  if (typeof message === 'string' && message.startsWith('Maximum deep iterations exceeded'))
    return 'The credential could not be canonicalised: its blank nodes take more work to label than any credential needs.';
  // Anything else is a fault in a library, and its text means nothing to whoever reads the report.
  return 'The credential could not be canonicalised: its JSON-LD could not be processed.';
}
