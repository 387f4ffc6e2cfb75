// The `contexts` check: the credential speaks VC JSON-LD and only with contexts we hold locally.
// A remote context is hostile input (it can change what a signed credential means), so it is never fetched.
// After the first context, VC DM 2.0 allows context objects written into the credential itself; they are
// read here for every URL they name (a scoped context included), and each must be one we hold. `@import`
// (a URL whose content an inline context would pull in) is refused. What an inline context defines is
// judged when the proof is canonicalised: redefining a protected term fails there, as the proof.
// https://www.w3.org/TR/vc-data-model-2.0/#contexts
import { VC_V1_CONTEXT, VC_V2_CONTEXT } from '../contexts/index.ts';
import { isKnownContext } from '../proof/loader.ts';
import { type Check, check } from './types.ts';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const SHOWN_URLS = 5;

interface InlineReading {
  urls: string[];
  imports: number;
}

/**
 * Every context URL an inline context definition names: in its own `@context`, in a term's scoped
 * `@context`, at any depth. An explicit stack: the document limits bound the walk, never the call stack.
 */
function readInlineContexts(definitions: Record<string, unknown>[]): InlineReading {
  const reading: InlineReading = { urls: [], imports: 0 };
  const stack: unknown[] = [...definitions];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === 'string') reading.urls.push(value);
    else if (Array.isArray(value)) stack.push(...value);
    else if (isObject(value)) {
      if ('@import' in value) reading.imports += 1;
      for (const [key, entry] of Object.entries(value)) {
        if (key === '@context') stack.push(entry);
        else if (isObject(entry) && '@context' in entry) stack.push(entry['@context']);
      }
    }
  }
  return reading;
}

export function checkContexts(credential: Record<string, unknown>): Check {
  const raw = credential['@context'];
  const contexts = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  if (contexts.length === 0)
    return check('contexts', 'failed', 'The credential has no @context, so it is not JSON-LD.');
  if (contexts[0] !== VC_V2_CONTEXT && contexts[0] !== VC_V1_CONTEXT) {
    return check(
      'contexts',
      'failed',
      'The first @context is not the W3C Verifiable Credentials context (v2 or v1).',
    );
  }
  if (contexts.some((context) => typeof context !== 'string' && !isObject(context))) {
    return check(
      'contexts',
      'failed',
      'Each @context entry must be a context URL or a context object (a definition written into the credential).',
    );
  }
  const listed = contexts.filter((context): context is string => typeof context === 'string');
  const inline = contexts.filter(isObject);
  const { urls: named, imports } = readInlineContexts(inline);
  if (imports > 0) {
    return check(
      'contexts',
      'failed',
      'An inline context uses @import, which would pull in a context by URL; Tessera does not accept it, and never fetches contexts.',
    );
  }
  const unknown = [...new Set([...listed, ...named].filter((url) => !isKnownContext(url)))];
  if (unknown.length > 0) {
    const shown = unknown
      .slice(0, SHOWN_URLS)
      .map((url) => (url.length > 200 ? `${url.slice(0, 200)}…` : url));
    const more = unknown.length > SHOWN_URLS ? ` (and ${unknown.length - SHOWN_URLS} more)` : '';
    return check(
      'contexts',
      'failed',
      `The credential uses ${unknown.length === 1 ? 'a context' : 'contexts'} Tessera does not know: ${shown.join(', ')}${more}. Unknown contexts are never fetched.`,
      shown,
    );
  }
  const version = contexts[0] === VC_V2_CONTEXT ? '2.0' : '1.1';
  const written =
    inline.length === 0
      ? ''
      : `, and ${inline.length === 1 ? 'a context' : `${inline.length} contexts`} written into the credential`;
  return check(
    'contexts',
    'passed',
    `Verifiable Credentials ${version}, with contexts Tessera knows${written}.`,
  );
}
