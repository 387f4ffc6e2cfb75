// Open Badges 2.0 extensions (§"Extensions"): a node whose type includes "Extension" names, through its
// JSON-LD context, the JSON Schema it must meet (`obi:validation` → validatesType + validationSchema).
// As the 1EdTech validator does, each such node is checked against that schema; unlike it, nothing is
// fetched: only the official extensions bundled in vendor/1edtech/ob2-extensions are checked, and an
// extension whose context we do not bundle is reported as a warning ("not checked").
// https://www.imsglobal.org/sites/default/files/Badges/OBv2p0Final/index.html#Extensions
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type AnySchemaObject, type ValidateFunction } from 'ajv';
import Ajv04 from 'ajv-draft-04';
import { asArray, isObject, type Json, OB2_CONTEXTS } from './values.ts';

interface BundledExtension {
  folder: string;
  context: Json;
  schema: Json;
}

/** Folder under vendor/1edtech/ob2-extensions → the context URLs it is published at besides the two usual ones. */
const BUNDLED: Record<string, string[]> = {
  applyLinkExtension: [],
  assessmentExtension: ['https://purl.imsglobal.org/spec/ob-assessment/v1p0/context/'],
  endorsement: [],
  exampleExtension: [],
  extraDescription: ['https://purl.imsglobal.org/spec/ob-exdesc/v1p0/context/'],
  geoCoordinatesExtension: [],
  issuerAccreditationExtension: ['https://purl.imsglobal.org/spec/ob-accred/v1p0/context/'],
  licenseExtension: [],
  originalCreatorExtension: [],
  recipientProfile: [],
};
const vendorDir = new URL('../../../vendor/1edtech/ob2-extensions/', import.meta.url);
/** A context URL as looked up: http and https are the same address here. */
const keyOf = (url: string) => url.replace(/^http:\/\//i, 'https://');

let registry: Map<string, BundledExtension> | undefined;
function bundled(): Map<string, BundledExtension> {
  if (registry) return registry;
  registry = new Map();
  for (const [folder, extra] of Object.entries(BUNDLED)) {
    const read = (file: string) =>
      JSON.parse(readFileSync(new URL(`${folder}/${file}`, vendorDir), 'utf8')) as Json;
    const extension = { folder, context: read('context.json'), schema: read('schema.json') };
    const urls = [
      `https://openbadgespec.org/extensions/${folder}/context.json`,
      `https://w3id.org/openbadges/extensions/${folder}/context.json`,
      ...extra,
    ];
    for (const url of urls) registry.set(keyOf(url), extension);
  }
  return registry;
}

// Python's jsonschema (the validator's) does not assert `format`, and reads patterns as plain
// regular expressions: the same here, so a badge it accepts is not refused by us.
const options = { allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false };
let ajv04: Ajv04 | undefined;
let ajv06: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

function validatorOf(extension: BundledExtension): ValidateFunction {
  const cached = compiled.get(extension.folder);
  if (cached) return cached;
  let validate: ValidateFunction;
  // Most are draft-04 (ajv-draft-04); extraDescription, assessment and license are draft-06.
  if (String(extension.schema.$schema).includes('draft-04')) {
    ajv04 ??= new Ajv04(options);
    validate = ajv04.compile(extension.schema);
  } else {
    if (!ajv06) {
      ajv06 = new Ajv(options);
      ajv06.addMetaSchema(
        createRequire(import.meta.url)('ajv/dist/refs/json-schema-draft-06.json') as AnySchemaObject,
      );
    }
    validate = ajv06.compile(extension.schema);
  }
  compiled.set(extension.folder, validate);
  return validate;
}

/** The term definitions of the OB 2.0 context that matter for extension types (its prefixes). */
const OB2_PREFIXES: Json = {
  obi: 'https://w3id.org/openbadges#',
  extensions: 'https://w3id.org/openbadges/extensions#',
  schema: 'http://schema.org/',
};

/** Expands a type term or compact IRI with the given context's terms and prefixes. */
function expandType(term: string, terms: Json, depth = 0): string {
  const defined = terms[term];
  const target = isObject(defined) ? defined['@id'] : defined;
  if (typeof target === 'string' && target !== term && depth < 8) return expandType(target, terms, depth + 1);
  const colon = term.indexOf(':');
  if (colon > 0) {
    const prefix = terms[term.slice(0, colon)];
    if (typeof prefix === 'string') return prefix + term.slice(colon + 1);
  }
  return term;
}

export interface ExtensionFinding {
  /** Where the node is, e.g. `extensions:ApplyLink` or `badge.extensions:GeoCoordinates`. */
  path: string;
  /** Its types other than Extension. */
  types: string[];
  /** A schema violation; absent when it passed or was not checked. */
  problem?: string;
  /** Set when it could not be checked (its context is not bundled). */
  unchecked?: string;
}

function checkNode(node: Json, path: string, contexts: string[]): ExtensionFinding {
  const types = asArray(node.type).filter((t): t is string => typeof t === 'string' && t !== 'Extension');
  const label = types.join(', ') || 'Extension';
  const known = contexts.filter((c) => !OB2_CONTEXTS.includes(c)).map((c) => bundled().get(keyOf(c)));
  for (const extension of known) {
    if (!extension) continue;
    const terms = { ...OB2_PREFIXES, ...(extension.context['@context'] as Json) };
    const expandedTypes = types.map((t) => expandType(t, terms));
    const applies = asArray(extension.context['obi:validation']).some(
      (entry) =>
        isObject(entry) &&
        typeof entry['obi:validatesType'] === 'string' &&
        expandedTypes.includes(expandType(entry['obi:validatesType'], terms)),
    );
    if (!applies) continue;
    const { '@context': _context, ...data } = node;
    const validate = validatorOf(extension);
    if (validate(data)) return { path, types };
    const errors = (validate.errors ?? []).map((e) => `${e.instancePath || '(the extension)'} ${e.message}`);
    return {
      path,
      types,
      problem: `The extension ${label} at ${path} does not meet its schema: ${errors.join('; ')}.`,
    };
  }
  const named = contexts.filter((c) => !OB2_CONTEXTS.includes(c));
  const where = named.length ? ` (context ${named.join(', ')})` : ' (it names no extension context)';
  return {
    path,
    types,
    unchecked: `The extension ${label} at ${path}${where} was not checked: Tessera bundles no schema for it and never fetches one.`,
  };
}

const stringContexts = (value: unknown): string[] =>
  asArray(value).filter((c): c is string => typeof c === 'string');

/** Every Extension node in a Badge Object, checked against its bundled schema (depth-limited walk). */
export function checkOb2Extensions(doc: Json, at = ''): ExtensionFinding[] {
  const findings: ExtensionFinding[] = [];
  const walk = (value: unknown, path: string, contexts: string[], depth: number) => {
    if (depth > 32) return;
    if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) walk(item, `${path}[${i}]`, contexts, depth + 1);
      return;
    }
    if (!isObject(value)) return;
    const here = [...contexts, ...stringContexts(value['@context'])];
    if (asArray(value.type).includes('Extension')) findings.push(checkNode(value, path || '(top)', here));
    for (const [key, child] of Object.entries(value)) {
      if (key === 'id' || key === 'type' || key === '@context') continue;
      walk(child, path ? `${path}.${key}` : key, here, depth + 1);
    }
  };
  walk(doc, at, [], 0);
  return findings;
}
