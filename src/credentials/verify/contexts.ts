// The `contexts` check: the credential speaks VC JSON-LD and only with contexts we hold locally.
// A remote context is hostile input (it can change what a signed credential means), so it is never fetched.
// https://www.w3.org/TR/vc-data-model-2.0/#contexts
import { VC_V1_CONTEXT, VC_V2_CONTEXT } from '../contexts/index.ts';
import { isKnownContext } from '../proof/loader.ts';
import { type Check, check } from './types.ts';

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
  const embedded = contexts.filter((context) => typeof context !== 'string');
  if (embedded.length > 0) {
    return check(
      'contexts',
      'failed',
      'The credential embeds its own context definitions, which Tessera does not accept.',
    );
  }
  const unknown = (contexts as string[]).filter((url) => !isKnownContext(url));
  if (unknown.length > 0) {
    return check(
      'contexts',
      'failed',
      `The credential uses ${unknown.length === 1 ? 'a context' : 'contexts'} Tessera does not know: ${unknown.join(', ')}. Unknown contexts are never fetched.`,
      unknown,
    );
  }
  const version = contexts[0] === VC_V2_CONTEXT ? '2.0' : '1.1';
  return check('contexts', 'passed', `Verifiable Credentials ${version}, with contexts Tessera knows.`);
}
