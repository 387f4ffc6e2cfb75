// Enveloped verifiable credentials and presentations: a data: URL carrying a document secured by an
// enveloping mechanism (e.g. VC-JOSE-COSE). https://www.w3.org/TR/vc-data-model-2.0/#enveloped-verifiable-credentials
import { type Add, checkContext } from './common.ts';
import { childPath, describe, type Json } from './primitives.ts';

// RFC 2397: data:[<mediatype>][;base64],<data>; parameters without a value are accepted too, as the W3C
// test suite writes `data:application/vc-ld+jwt;base64url,…`.
const DATA_URL = /^data:(?:[\w!#$&^.+-]+\/[\w!#$&^.+-]+)?(?:;[\w!#$&^.+-]+(?:=[^;,]*)?)*,\S+$/i;

export type EnvelopeType = 'EnvelopedVerifiableCredential' | 'EnvelopedVerifiablePresentation';

/** @context with the VC 2.0 base context (a string is fine), type exactly `type`, id a data: URL. */
export function checkEnvelope(document: Json, type: EnvelopeType, base: string, add: Add): void {
  checkContext(document['@context'], base, 'enveloped object', add, true);
  const types = document.type;
  if (types !== type && !(Array.isArray(types) && types.length === 1 && types[0] === type))
    add('type', childPath(base, 'type'), `The type of an enveloped object must be ${type}.`);
  const id = document.id;
  if (typeof id !== 'string' || !DATA_URL.test(id))
    add(
      'id',
      childPath(base, 'id'),
      `The id of an enveloped object must be a data: URL holding the secured document; it is ${describe(id)}.`,
    );
}
