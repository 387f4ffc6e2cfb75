// Rules shared by credentials and presentations: @context, id, type, the typed objects (credentialStatus,
// termsOfUse, evidence, refreshService, credentialSchema) and language value objects.
// https://www.w3.org/TR/vc-data-model-2.0/#contexts, #identifiers, #types, #language-and-base-direction
import { VC_V1_CONTEXT, VC_V2_CONTEXT } from '../contexts/index.ts';
import { childPath, describe, isLanguageTag, isObject, isUrl, itemPath, type Json } from './primitives.ts';
import type { DataModelRule } from './types.ts';

export type Add = (rule: DataModelRule, path: string, message: string) => void;

export type Version = 'v2' | 'v1';

/**
 * `@context`: an ordered set whose first item is the VC 2.0 base context (VC 1.1: the v1 context, and a
 * single string is allowed), the rest URLs or objects. Returns the data model version it names.
 */
export function checkContext(
  value: unknown,
  base: string,
  what: string,
  add: Add,
  allowString = false,
): Version | undefined {
  const path = childPath(base, '@context');
  if (value === undefined) {
    add('context', path, `The ${what} has no @context.`);
    return undefined;
  }
  const first = Array.isArray(value) ? value[0] : value;
  const version = first === VC_V2_CONTEXT ? 'v2' : first === VC_V1_CONTEXT ? 'v1' : undefined;
  if (!Array.isArray(value)) {
    if (typeof value === 'string' && version && (allowString || version === 'v1')) return version;
    add('context', path, `The ${what}'s @context must be a list whose first item is ${VC_V2_CONTEXT}.`);
    return version;
  }
  if (!version) {
    const misplaced = value.includes(VC_V2_CONTEXT) || value.includes(VC_V1_CONTEXT);
    add(
      'context',
      itemPath(path, 0),
      misplaced
        ? `The ${what}'s @context must start with ${VC_V2_CONTEXT}, not list it later.`
        : `The ${what}'s @context must start with ${VC_V2_CONTEXT}; it starts with ${describe(first)}.`,
    );
  }
  value.forEach((item, index) => {
    if (index === 0 || isObject(item) || isUrl(item)) return;
    add(
      'context',
      itemPath(path, index),
      `Each @context item must be a URL or a context object; this one is ${describe(item)}.`,
    );
  });
  return version;
}

/** An `id`, when present, is one URL. */
export function checkId(value: unknown, path: string, add: Add): void {
  if (value === undefined) return;
  if (Array.isArray(value)) add('id', path, 'An id must be a single URL, not a list.');
  else if (!isUrl(value))
    add(
      'id',
      path,
      `An id must be a URL (such as https:…, urn:uuid:… or did:…); this one is ${describe(value)}.`,
    );
}

/** `type`: one or more strings, optionally required to include `required`. */
export function checkType(value: unknown, path: string, add: Add, owner: string, required?: string): void {
  if (value === undefined || (Array.isArray(value) && value.length === 0)) {
    add('type', path, `The ${owner} has no type${required ? `; it must include ${required}` : ''}.`);
    return;
  }
  const types = Array.isArray(value) ? value : [value];
  const bad = types.filter((type) => typeof type !== 'string' || type.trim() === '');
  if (bad.length > 0) {
    add('type', path, `Every type of the ${owner} must be a non-empty string; found ${describe(bad[0])}.`);
  }
  if (required && !types.includes(required)) {
    add('type', path, `The ${owner}'s type must include ${required}.`);
  }
}

export interface TypedObjectRule {
  property: string;
  rule: DataModelRule;
  label: string;
  /** The id is required (and must be a URL), not only a URL when present. */
  idRequired: boolean;
}

/** Each object of credentialStatus, termsOfUse, evidence, refreshService, credentialSchema has a type. */
export function checkTypedObjects(document: Json, spec: TypedObjectRule, add: Add): void {
  const value = document[spec.property];
  if (value === undefined) return;
  for (const [path, item] of objectsOf(value, spec.property, spec.rule, spec.label, add)) {
    checkType(item.type, childPath(path, 'type'), add, spec.label);
    if (spec.idRequired && item.id === undefined) {
      add(spec.rule, childPath(path, 'id'), `Each ${spec.label} must have an id that is a URL.`);
    } else {
      checkId(item.id, childPath(path, 'id'), add);
    }
  }
}

/**
 * The objects of a property whose value must be one object or a non-empty list of objects, with their paths;
 * anything else is reported under `rule`.
 */
export function objectsOf(
  value: unknown,
  path: string,
  rule: DataModelRule,
  label: string,
  add: Add,
): Array<[string, Json]> {
  if (isObject(value)) return [[path, value]];
  if (!Array.isArray(value) || value.length === 0) {
    add(rule, path, `The ${path} value must be an object or a list of objects; it is ${describe(value)}.`);
    return [];
  }
  const objects: Array<[string, Json]> = [];
  value.forEach((item, index) => {
    if (isObject(item)) objects.push([itemPath(path, index), item]);
    else add(rule, itemPath(path, index), `Each ${label} must be an object; this one is ${describe(item)}.`);
  });
  return objects;
}

const VALUE_OBJECT_KEYS = new Set(['@value', '@language', '@direction']);

/** A language value object: @value (a string), optional well-formed @language and ltr/rtl @direction only. */
function checkValueObject(object: Json, path: string, add: Add): void {
  const typed =
    object['@type'] !== undefined && object['@language'] === undefined && object['@direction'] === undefined;
  if (typed) {
    // A typed JSON-LD value ({"@value": …, "@type": …}) is not a language value object.
    if (typeof object['@type'] !== 'string')
      add('language-value', childPath(path, '@type'), 'The @type of a value object must be a string.');
    const extra = Object.keys(object).filter((key) => key !== '@value' && key !== '@type');
    if (extra.length > 0)
      add(
        'language-value',
        path,
        `A typed value object must hold only @value and @type, not ${extra.join(', ')}.`,
      );
    return;
  }
  const extra = Object.keys(object).filter((key) => !VALUE_OBJECT_KEYS.has(key));
  if (extra.length > 0) {
    add(
      'language-value',
      path,
      `A language value object may hold only @value, @language and @direction, not ${extra.join(', ')}.`,
    );
  }
  if (typeof object['@value'] !== 'string')
    add(
      'language-value',
      childPath(path, '@value'),
      'The @value of a language value object must be a string.',
    );
  const language = object['@language'];
  if (language !== undefined && !isLanguageTag(language))
    add(
      'language-value',
      childPath(path, '@language'),
      `@language must be a BCP 47 language tag, not ${describe(language)}.`,
    );
  const direction = object['@direction'];
  if (direction !== undefined && direction !== 'ltr' && direction !== 'rtl')
    add(
      'language-value',
      childPath(path, '@direction'),
      `@direction must be "ltr" or "rtl", not ${describe(direction)}.`,
    );
}

/** Every object with @value anywhere in the document (outside @context) is a valid language value object. */
export function checkLanguageValues(value: unknown, path: string, add: Add): void {
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++)
      checkLanguageValues(value[index], itemPath(path, index), add);
    return;
  }
  if (!isObject(value)) return;
  if ('@value' in value) {
    checkValueObject(value, path, add);
    return;
  }
  for (const key in value) {
    if (key === '@context') continue;
    checkLanguageValues(value[key], childPath(path, key), add);
  }
}

/** `name` / `description`: a string, a language value object, or a list of these. */
export function checkNaturalText(owner: Json, key: 'name' | 'description', path: string, add: Add): void {
  const value = owner[key];
  if (value === undefined) return;
  const items = Array.isArray(value) ? value : [value];
  const ok =
    items.length > 0 &&
    items.every((item) => typeof item === 'string' || (isObject(item) && '@value' in item));
  if (!ok) {
    add(
      key,
      childPath(path, key),
      `The ${key} must be a string or a language value object ({"@value": …, "@language": …}); it is ${describe(value)}.`,
    );
  }
}

/** An Add that reports paths below `base` (for a credential inside a presentation). */
export function below(base: string, add: Add): Add {
  return (rule, path, message) =>
    add(rule, path === '' ? base : path.startsWith('[') ? `${base}${path}` : `${base}.${path}`, message);
}
