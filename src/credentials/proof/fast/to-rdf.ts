// JSON-LD → RDF in one pass for the documents the fast path understands: the expansion algorithm
// (JSON-LD 1.1 API §5.1.2) fused with node-map generation and toRdf (§7.2, §8.1), emitting quads
// directly instead of building the expanded and flattened forms. It mirrors jsonld.js's expand.js
// step by step, including the order in which scoped contexts apply, and declines (Decline) wherever
// jsonld.js in safe mode would warn, throw, drop a value or take a branch this module does not handle —
// so an undefined term never vanishes silently: the general path sees it and throws.
import { bundledContexts } from '../../contexts/index.ts';
import { CompiledContext, Decline, isPlainIri, type TermView } from './active-context.ts';
import {
  DatasetBuilder,
  RDF_FIRST,
  RDF_NIL,
  RDF_REST,
  sameValue,
  type Term,
  type ValueObject,
} from './dataset.ts';
import { BCP47, contextApi } from './jsonld-internals.ts';

type JsonObject = Record<string, unknown>;

/** Where an object sits; top-level objects and graph-container items are dropped by jsonld.js if empty. */
type Role = 'top' | 'graph' | 'value' | 'list';

const isPlainObject = (value: unknown): value is JsonObject => {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

const isValueObject = (result: Term | ValueObject): result is ValueObject => typeof result === 'object';

/** jsonld.js refuses more than 10 context URLs in one @context; beyond that, let it say so. */
const MAX_CONTEXT_URLS = 10;

export interface DocumentRdf {
  readonly dataset: DatasetBuilder;
  /** Every context URL the document names, for the caller to check against its document loader. */
  readonly contextUrls: ReadonlySet<string>;
}

/** Emits the RDF dataset of `document`, starting from the initial context. */
export function documentToRdf(document: JsonObject): DocumentRdf {
  const walker = new Walker();
  walker.object(document, null, null, null, 'top');
  return { dataset: walker.out, contextUrls: walker.contextUrls };
}

/** A `@context` the fast path accepts: one bundled context URL or a list of them. */
function bundledContextUrls(context: unknown): string[] {
  const urls = typeof context === 'string' ? [context] : context;
  if (!Array.isArray(urls) || urls.length === 0 || urls.length > MAX_CONTEXT_URLS) {
    throw new Decline('@context is not a list of context URLs');
  }
  for (const url of urls) {
    if (typeof url !== 'string' || !bundledContexts.has(url))
      throw new Decline(`context ${String(url)} is not bundled`);
  }
  return urls as string[];
}

class Walker {
  readonly out = new DatasetBuilder();
  readonly contextUrls = new Set<string>();

  /**
   * One JSON object: a node object (emits its quads, returns its subject) or a value object.
   * `termCtx` is the context its property was expanded in (null at top level), `property` that key.
   */
  object(
    element: JsonObject,
    termCtx: CompiledContext | null,
    property: string | null,
    graph: number | null,
    role: Role,
  ): Term | ValueObject {
    const keys = Object.keys(element).sort();
    let ctx = this.enterContext(element, keys, termCtx, property);
    const typeScopedCtx = ctx;

    // §5.1.2 step 11: type-scoped contexts, types in lexicographic order, looked up in the context
    // as it was on entering the object; they do not propagate into nested nodes.
    let typeKey: string | undefined;
    for (const key of keys) {
      if (ctx.term(key).iri !== '@type') continue;
      typeKey ??= key;
      for (const type of sortedTypes(element[key])) {
        const scoped = typeScopedCtx.term(type).scopedContext;
        if (scoped !== undefined) ctx = ctx.withTypeScope(scoped);
      }
    }

    // From here on the context is final: look each key up once.
    const views = keys.map((key) => ctx.term(key));
    if (views.some((view) => view.iri === '@value')) {
      if (role === 'top' || role === 'graph') throw new Decline('free-floating value object');
      if (ctx !== typeScopedCtx) throw new Decline('type-scoped context on a value object');
      return valueObject(element, keys, ctx);
    }
    // jsonld.js tests the first type as written (not sorted) for @json.
    const firstType = typeKey === undefined ? undefined : element[typeKey];
    const first = Array.isArray(firstType) ? firstType[0] : firstType;
    if (typeof first === 'string' && ctx.term(first).iri === '@json') throw new Decline('JSON literal');

    const subject = this.subjectOf(element, keys, views, ctx, graph);
    let hasContent = false;
    const predicates: string[] = [];
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      if (key === '@context') continue;
      const term = views[i] as TermView;
      if (term.iri === '@id') continue;
      if (term.iri === '@type') {
        if (predicates.includes('@type')) this.out.noteRepeatedPredicate();
        predicates.push('@type');
        this.types(subject, element[key], typeScopedCtx, graph);
        hasContent = true;
        continue;
      }
      if (!term.plainIri) {
        if (term.iri !== null && contextApi.isKeyword(term.iri))
          throw new Decline(`keyword ${term.iri} is not supported`);
        // jsonld.js drops such a key with an 'invalid property' warning: an error in safe mode.
        throw new Decline(`undefined term ${key}`);
      }
      if (predicates.includes(term.iri as string)) this.out.noteRepeatedPredicate();
      predicates.push(term.iri as string);
      if (this.property(subject, key, term, element[key], ctx, graph)) hasContent = true;
    }
    // jsonld.js drops a top-level (or graph-container) object that is empty or only an @id, with a
    // safe-mode warning, i.e. an error.
    if (!hasContent && (role === 'top' || role === 'graph')) throw new Decline('object with no properties');
    return subject;
  }

  /** §5.1.2 steps 7–9: revert a type-scoped context, apply the property-scoped one, a local @context. */
  private enterContext(
    element: JsonObject,
    keys: string[],
    termCtx: CompiledContext | null,
    property: string | null,
  ): CompiledContext {
    if (termCtx === null || property === null) {
      if (!('@context' in element)) throw new Decline('no @context');
      return this.embedded(CompiledContext.initial(), element['@context']);
    }
    let ctx = termCtx;
    let mustRevert = true;
    if (termCtx.hasPrevious && keys.length <= 2) {
      for (const key of keys) {
        const iri = termCtx.term(key).iri;
        if (iri === '@value' || (iri === '@id' && keys.length === 1)) {
          mustRevert = false;
          break;
        }
      }
    }
    if (mustRevert) ctx = ctx.previous;
    const scoped = termCtx.term(property).scopedContext;
    if (scoped !== undefined) ctx = ctx.withPropertyScope(scoped);
    return '@context' in element ? this.embedded(ctx, element['@context']) : ctx;
  }

  private embedded(ctx: CompiledContext, context: unknown): CompiledContext {
    const urls = bundledContextUrls(context);
    for (const url of urls) this.contextUrls.add(url);
    return ctx.withEmbeddedContext(urls);
  }

  private types(subject: Term, value: unknown, typeScopedCtx: CompiledContext, graph: number | null): void {
    const types = sortedTypes(value);
    const emitted: string[] = [];
    for (const type of types) {
      const iri = typeScopedCtx.typeTerm(type);
      if (iri === null) throw new Decline(`type ${type} is not an absolute IRI`);
      // The node map keeps each type once ("Achievement" and its full IRI are the same type).
      if (types.length > 1) {
        if (emitted.includes(iri)) continue;
        emitted.push(iri);
      }
      this.out.addType(subject, iri, graph);
    }
  }

  private subjectOf(
    element: JsonObject,
    keys: string[],
    views: TermView[],
    ctx: CompiledContext,
    graph: number | null,
  ): Term {
    let subject: Term | undefined;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      if (views[i]?.iri !== '@id') continue;
      if (subject !== undefined) throw new Decline('colliding @id keywords');
      const value = element[key];
      if (typeof value !== 'string') throw new Decline('@id is not a string');
      const iri = ctx.idIri(value);
      // Blank node identifiers and relative IRIs are left to the general path.
      if (!isPlainIri(iri)) throw new Decline(`@id ${value} is not an absolute IRI`);
      subject = `<${iri}>`;
      this.out.noteSubject(subject, graph);
    }
    return subject ?? this.out.newBlankNode();
  }

  /** §5.1.2 step 13.7–13.13 for one property; true if it counts as an expanded entry. */
  private property(
    subject: Term,
    key: string,
    term: TermView,
    value: unknown,
    ctx: CompiledContext,
    graph: number | null,
  ): boolean {
    if (value === null || value === undefined) return false;
    if (term.reverse) throw new Decline(`reverse property ${key}`);
    if (term.container === 'unsupported') throw new Decline(`container of ${key}`);
    if (term.coercion === '@json') throw new Decline(`JSON literal ${key}`);
    const termCtx = term.scopedContext === undefined ? ctx : ctx.withPropertyScope(term.scopedContext);
    // Values are expanded under the key's definition in its own scoped context (which may even be
    // null, as for a presentation's verifiableCredential); only the container comes from `ctx`.
    const inner = termCtx.term(key);
    if (inner.reverse || (inner.iri !== null && contextApi.isKeyword(inner.iri))) {
      throw new Decline(`${key} is redefined by its own scoped context`);
    }
    const predicate = term.predicate;
    const items = Array.isArray(value) ? value : [value];

    if (term.container === 'list') {
      this.list(subject, predicate, items, termCtx, key, graph);
      return true;
    }
    if (term.container === 'graph') {
      let kept = false;
      for (const item of items) {
        if (item === null || item === undefined) continue;
        if (!isPlainObject(item)) throw new Decline(`graph container ${key} holds a non-object`);
        // A graph object gets a blank node name; its node's quads go into that named graph.
        const name = this.out.newBlankNode();
        this.object(item, termCtx, key, name, 'graph');
        this.out.addNode(subject, predicate, name, graph);
        kept = true;
      }
      return kept;
    }
    const emitted: (Term | ValueObject)[] = [];
    for (const item of items) {
      if (item === null || item === undefined) continue;
      const result = this.item(item, termCtx, key, inner, graph, 'value');
      // The node map merges equal values of one property (blank nodes are never equal).
      if (items.length > 1) {
        if (emitted.some((previous) => sameValue(previous, result))) continue;
        emitted.push(result);
      }
      if (isValueObject(result)) this.out.addValue(subject, predicate, result, graph);
      else this.out.addNode(subject, predicate, result, graph);
    }
    // An array expands to an entry even when empty; a single value did, since it is not null.
    return true;
  }

  /** An @list container: an RDF collection of fresh blank nodes (§8.4 "List to RDF Conversion"). */
  private list(
    subject: Term,
    predicate: string,
    items: unknown[],
    termCtx: CompiledContext,
    key: string,
    graph: number | null,
  ): void {
    const objects: (Term | ValueObject)[] = [];
    for (const item of items) {
      if (item === null || item === undefined) continue;
      const result = this.item(item, termCtx, key, termCtx.term(key), graph, 'list');
      objects.push(result);
    }
    let next: Term = objects.length === 0 ? RDF_NIL : this.out.newBlankNode();
    this.out.addUnmerged(subject, predicate, next, graph);
    objects.forEach((object, index) => {
      const cell = next;
      next = index === objects.length - 1 ? RDF_NIL : this.out.newBlankNode();
      this.out.addUnmerged(cell, RDF_FIRST, object, graph);
      this.out.addUnmerged(cell, RDF_REST, next, graph);
    });
  }

  private item(
    item: unknown,
    termCtx: CompiledContext,
    key: string,
    term: TermView,
    graph: number | null,
    role: Role,
  ): Term | ValueObject {
    if (Array.isArray(item)) throw new Decline(`nested array in ${key}`);
    if (isPlainObject(item)) return this.object(item, termCtx, key, graph, role);
    return scalar(item, termCtx, term);
  }
}

/** §5.3.2 "Value Expansion" of a JSON scalar under its term's coercion. */
function scalar(value: unknown, termCtx: CompiledContext, term: TermView): Term | ValueObject {
  if (typeof value === 'number' && !Number.isFinite(value)) throw new Decline('non-finite number');
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
    throw new Decline(`value of type ${typeof value}`);
  }
  const coercion = term.coercion;
  if (typeof value === 'string' && (coercion === '@id' || coercion === '@vocab')) {
    const iri = coercion === '@id' ? termCtx.idIri(value) : termCtx.vocabIri(value);
    if (!isPlainIri(iri)) throw new Decline(`reference ${value} is not an absolute IRI`);
    return `<${iri}>`;
  }
  const type =
    coercion === null || coercion === '@id' || coercion === '@vocab' || coercion === '@none'
      ? null
      : coercion;
  if (type === null && typeof value === 'string' && term.tagsStrings) throw new Decline('default language');
  if (type !== null && !isPlainIri(type)) throw new Decline(`datatype ${type}`);
  return { value, type, language: null };
}

/** An explicit value object: `@value` with `@type` (an IRI), or with `@language` and/or `@direction`. */
function valueObject(element: JsonObject, keys: string[], ctx: CompiledContext): ValueObject {
  let value: string | number | boolean | undefined;
  let type: string | null = null;
  let language: string | null = null;
  let direction: 'ltr' | 'rtl' | null = null;
  const seen = new Set<string | null>();
  for (const key of keys) {
    const raw = element[key];
    const keyword = ctx.term(key).iri;
    if (seen.has(keyword)) throw new Decline(`colliding ${keyword} keywords`);
    seen.add(keyword);
    switch (keyword) {
      case '@value':
        if (
          typeof raw === 'number'
            ? !Number.isFinite(raw)
            : typeof raw !== 'string' && typeof raw !== 'boolean'
        ) {
          throw new Decline('@value is not a JSON scalar');
        }
        value = raw as string | number | boolean;
        break;
      case '@type': {
        const iri = typeof raw === 'string' ? ctx.typeIri(raw) : null;
        if (iri === null) throw new Decline('value object @type is not an absolute IRI');
        type = iri;
        break;
      }
      case '@language':
        if (raw === null) break;
        if (typeof raw !== 'string' || !BCP47.test(raw)) throw new Decline('invalid @language');
        language = raw.toLowerCase();
        break;
      case '@direction':
        // jsonld.js refuses anything but "ltr" / "rtl" (null included): left to the general path.
        if (raw !== 'ltr' && raw !== 'rtl') throw new Decline('invalid @direction');
        direction = raw;
        break;
      default:
        throw new Decline(`value object key ${key}`);
    }
  }
  if (value === undefined) throw new Decline('no @value');
  if (type !== null && (language !== null || direction !== null))
    throw new Decline('value object with @type and @language or @direction');
  if ((language !== null || direction !== null) && typeof value !== 'string')
    throw new Decline('language-tagged non-string');
  return { value, type, language, direction };
}

/** The values of an @type entry; anything but strings is left to the general path. */
function sortedTypes(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.length > 0 && value.every((type) => typeof type === 'string')) {
    return value.length > 1 ? [...value].sort() : value;
  }
  throw new Decline('@type is not a string or a non-empty array of strings');
}
