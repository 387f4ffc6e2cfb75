// Active contexts compiled once and reused: a thin, memoising wrapper over jsonld.js's own active
// context (JSON-LD 1.1 API §4.1). Every transition the expansion algorithm makes — a property-scoped
// context, a type-scoped context, reverting a non-propagated one (§4.1.2, §5.1.2 steps 7, 8, 11) —
// is computed once by jsonld.js and cached here, so a warm canonicalisation never processes a context.
// Transitions are computed asynchronously; the synchronous walker asks for one it lacks by throwing
// MissingTransition, the driver computes it and walks again.
import { bundledContexts } from '../../contexts/index.ts';
import { predicateTerm } from './dataset.ts';
import {
  ContextResolver,
  contextApi,
  type JsonLdActiveContext,
  type JsonLdOptions,
  type JsonLdTermDefinition,
} from './jsonld-internals.ts';

/** The fast path declines a document: canonize() then takes the general path (which may throw). */
export class Decline extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** property-scoped (§4.1.2 with override), type-scoped (non-propagated), or an embedded `@context`. */
type TransitionKind = 'property' | 'type' | 'embedded';

/** The walker needs a context transition that is not cached yet. */
export class MissingTransition extends Error {
  constructor(
    readonly from: CompiledContext,
    readonly key: unknown,
    readonly localContext: unknown,
    readonly kind: TransitionKind,
  ) {
    super('context transition not compiled yet');
  }
}

/** What the walker needs to know about one key in one active context. */
export interface TermView {
  /** The key expanded as a property (vocab-relative): an IRI, a keyword, or null. */
  readonly iri: string | null;
  /** `iri` is an IRI the fast path can emit as a predicate (see isPlainIri). */
  readonly plainIri: boolean;
  /** The predicate's N-Quads form, ` <iri> `, if `plainIri`. */
  readonly predicate: string;
  /** The term's scoped context, if it has one. */
  readonly scopedContext: unknown;
  readonly container: 'none' | 'set' | 'list' | 'graph' | 'unsupported';
  /** The term's type coercion (`@id`, `@vocab`, `@json`, a datatype IRI) or null. */
  readonly coercion: string | null;
  /** A default language or direction would tag string values; the fast path declines those. */
  readonly tagsStrings: boolean;
  readonly reverse: boolean;
}

/**
 * An IRI the fast path may emit as-is: absolute for jsonld.js (`url.isAbsolute`, scheme class kept
 * verbatim, '+-.' being a range there), not a blank node, and free of the characters N-Quads would
 * have to escape inside <…> (rdf-canonize `_iriEscapeRegex`); documents with others are declined.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const PLAIN_IRI = /^[A-Za-z][A-Za-z0-9+-.]*:[^\s\u0000-\u0020<>"{}|^`\\]*$/;
export const isPlainIri = (value: string | null): value is string => value !== null && PLAIN_IRI.test(value);

const options: JsonLdOptions = {
  base: '',
  contextResolver: new ContextResolver({ sharedCache: new Map() }),
  // Only bundled contexts are ever processed here; none of them refers to another context by URL.
  documentLoader: async (url) => {
    const document = bundledContexts.get(url);
    if (!document) throw new Decline(`context ${url} is not bundled`);
    return { contextUrl: null, documentUrl: url, document };
  },
};

/** Memo entries per active context before a memo is cleared (real documents use a few dozen). */
const MAX_MEMO = 4096;

let initialContext: CompiledContext | undefined;
const compiledByRaw = new WeakMap<JsonLdActiveContext, CompiledContext>();

export class CompiledContext {
  private readonly terms = new Map<string, TermView>();
  private readonly typeIris = new Map<string, string | null>();
  private readonly typeTerms = new Map<string, string | null>();
  private readonly transitions: Record<TransitionKind, Map<unknown, CompiledContext | Decline>> = {
    property: new Map(),
    type: new Map(),
    embedded: new Map(),
  };
  private previousCompiled: CompiledContext | undefined;

  private constructor(readonly raw: JsonLdActiveContext) {}

  /** The initial active context (§4.1: no terms, no @vocab, no @base beyond the options'). */
  static initial(): CompiledContext {
    initialContext ??= CompiledContext.of(contextApi.getInitialContext(options));
    return initialContext;
  }

  static of(raw: JsonLdActiveContext): CompiledContext {
    let compiled = compiledByRaw.get(raw);
    if (!compiled) {
      compiled = new CompiledContext(raw);
      compiledByRaw.set(raw, compiled);
    }
    return compiled;
  }

  /** True when a type-scoped context is in effect (jsonld.js: `activeCtx.previousContext`). */
  get hasPrevious(): boolean {
    return this.raw.previousContext !== undefined;
  }

  /** `revertToPreviousContext()`: the context before a non-propagated (type-scoped) one. */
  get previous(): CompiledContext {
    if (!this.raw.previousContext) return this;
    this.previousCompiled ??= CompiledContext.of(this.raw.previousContext);
    return this.previousCompiled;
  }

  term(key: string): TermView {
    let view = this.terms.get(key);
    if (!view) {
      view = this.compileTerm(key);
      // Keys come from documents: bound the memo so hostile input cannot grow it without limit.
      if (this.terms.size >= MAX_MEMO) this.terms.clear();
      this.terms.set(key, view);
    }
    return view;
  }

  /**
   * IRI expansion of a `@type` value (vocab- and base-relative, §5.1.2 step 13.4.4); null unless
   * the result is an IRI the fast path can emit.
   */
  typeIri(value: string): string | null {
    let iri = this.typeIris.get(value);
    if (iri === undefined) {
      const expanded = contextApi.expandIri(this.raw, value, { base: true, vocab: true }, options);
      iri = isPlainIri(expanded) ? expanded : null;
      if (this.typeIris.size >= MAX_MEMO) this.typeIris.clear();
      this.typeIris.set(value, iri);
    }
    return iri;
  }

  /** typeIri in its N-Quads form, `<iri>`, for rdf:type objects. */
  typeTerm(value: string): string | null {
    let term = this.typeTerms.get(value);
    if (term === undefined) {
      const iri = this.typeIri(value);
      term = iri === null ? null : `<${iri}>`;
      if (this.typeTerms.size >= MAX_MEMO) this.typeTerms.clear();
      this.typeTerms.set(value, term);
    }
    return term;
  }

  /** IRI expansion of an `@id` value (document-relative); not memoised, ids are mostly unique. */
  idIri(value: string): string | null {
    return contextApi.expandIri(this.raw, value, { base: true }, options);
  }

  /** IRI expansion of a value of a `@type: @vocab` term. */
  vocabIri(value: string): string | null {
    return contextApi.expandIri(this.raw, value, { base: true, vocab: true }, options);
  }

  withPropertyScope(localContext: unknown): CompiledContext {
    return this.transition(localContext, localContext, 'property');
  }

  withTypeScope(localContext: unknown): CompiledContext {
    return this.transition(localContext, localContext, 'type');
  }

  /** An `@context` of bundled context URLs in the document (cached by the URL list). */
  withEmbeddedContext(urls: readonly string[]): CompiledContext {
    return this.transition(urls.join('\n'), urls, 'embedded');
  }

  private transition(key: unknown, localContext: unknown, kind: TransitionKind): CompiledContext {
    const next = this.transitions[kind].get(key);
    if (next instanceof Decline) throw next;
    if (!next) throw new MissingTransition(this, key, localContext, kind);
    return next;
  }

  /** Computes a transition with jsonld.js (property scope: propagate, override @protected — §4.1.2). */
  async compileTransition({ key, localContext, kind }: MissingTransition): Promise<void> {
    let result: CompiledContext | Decline;
    try {
      const raw = await contextApi.process({
        activeCtx: this.raw,
        localCtx: localContext,
        options,
        ...(kind === 'property' && { propagate: true, overrideProtected: true }),
        ...(kind === 'type' && { propagate: false }),
      });
      result = CompiledContext.of(raw);
    } catch (error) {
      // e.g. a protected term redefinition: the general path raises the real error.
      result = new Decline(`scoped context rejected: ${(error as Error).message}`);
    }
    const transitions = this.transitions[kind];
    if (transitions.size >= MAX_MEMO) transitions.clear();
    transitions.set(key, result);
  }

  private compileTerm(key: string): TermView {
    const iri = contextApi.expandIri(this.raw, key, { vocab: true }, options);
    const definition: JsonLdTermDefinition | null | undefined = this.raw.mappings.get(key);
    const own = <K extends keyof JsonLdTermDefinition>(name: K): JsonLdTermDefinition[K] | undefined =>
      definition && Object.hasOwn(definition, name) ? definition[name] : undefined;
    // jsonld.js getContextValue: a term's own @language/@direction, else the context default.
    const language = own('@language') !== undefined ? own('@language') : (this.raw['@language'] ?? null);
    const direction = own('@direction') !== undefined ? own('@direction') : (this.raw['@direction'] ?? null);
    return {
      iri,
      plainIri: isPlainIri(iri),
      predicate: isPlainIri(iri) ? predicateTerm(iri) : '',
      scopedContext: own('@context'),
      container: containerKind(own('@container')),
      coercion: own('@type') ?? null,
      tagsStrings: language !== null || direction !== null,
      reverse: definition?.reverse === true,
    };
  }
}

function containerKind(container: string[] | undefined): TermView['container'] {
  if (!container || container.length === 0) return 'none';
  if (container.length > 1) return container.every((c) => c === '@set') ? 'set' : 'unsupported';
  switch (container[0]) {
    case '@set':
      return 'set';
    case '@list':
      return 'list';
    case '@graph':
      return 'graph';
    default:
      return 'unsupported'; // @language, @index, @id, @type maps and combinations
  }
}
