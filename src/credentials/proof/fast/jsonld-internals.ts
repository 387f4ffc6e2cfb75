// Typed access to the parts of jsonld.js that the fast path reuses instead of re-implementing:
// context processing (JSON-LD 1.1 API §4.1 "Context Processing") and IRI expansion (§4.4).
// Deriving the term tables from jsonld.js itself is what makes the fast path's output match the
// general path: every term definition, @protected rule and scoped context is jsonld.js's own.
// jsonld has no "exports" map, so these CommonJS modules are reachable by path; the version is
// pinned by package-lock.json and the differential tests fail loudly if their behaviour changes.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** A term definition as jsonld.js stores it in `activeCtx.mappings`. */
export interface JsonLdTermDefinition {
  '@id'?: string;
  '@type'?: string;
  '@container'?: string[];
  '@context'?: unknown;
  '@language'?: string | null;
  '@direction'?: string | null;
  '@index'?: string;
  '@nest'?: string;
  reverse?: boolean;
  protected?: boolean;
}

/** jsonld.js's active context (only the members the fast path reads). */
export interface JsonLdActiveContext {
  mappings: Map<string, JsonLdTermDefinition | null>;
  previousContext?: JsonLdActiveContext;
  processingMode?: string;
  '@vocab'?: string;
  '@base'?: string | null;
  '@language'?: string;
  '@direction'?: string;
}

export interface JsonLdOptions {
  base: string;
  documentLoader: (url: string) => Promise<{ contextUrl: null; documentUrl: string; document: unknown }>;
  contextResolver: unknown;
}

interface ContextApi {
  process(args: {
    activeCtx: JsonLdActiveContext;
    localCtx: unknown;
    options: JsonLdOptions;
    propagate?: boolean;
    overrideProtected?: boolean;
  }): Promise<JsonLdActiveContext>;
  expandIri(
    activeCtx: JsonLdActiveContext,
    value: string,
    relativeTo: { vocab?: boolean; base?: boolean },
    options: JsonLdOptions,
  ): string | null;
  getInitialContext(options: object): JsonLdActiveContext;
  isKeyword(value: string): boolean;
}

type ContextResolverClass = new (args: { sharedCache: Map<string, unknown> }) => unknown;

export const contextApi: ContextApi = require('jsonld/lib/context.js');
export const ContextResolver: ContextResolverClass = require('jsonld/lib/ContextResolver.js');

/** jsonld.js `util.REGEX_BCP47`: a language tag it accepts without a safe-mode warning. */
export const BCP47 = /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/;
