// Enveloped credentials and presentations (VC Data Model 2.0 §4.13): `{ "@context", "type":
// "EnvelopedVerifiableCredential", "id": "data:application/vc+jwt,<jwt>" }`. The data: URL carries a credential
// (or presentation) secured by an enveloping mechanism; Tessera reads the JOSE ones (VC-JOSE-COSE).
// https://www.w3.org/TR/vc-data-model-2.0/#enveloped-verifiable-credentials · RFC 2397 (data: URLs)
import { VC_V2_CONTEXT } from '../contexts/index.ts';

type JsonObject = Record<string, unknown>;
export type EnvelopeType = 'EnvelopedVerifiableCredential' | 'EnvelopedVerifiablePresentation';

/** Media types whose content is a compact JWS Tessera reads: VC-JOSE-COSE's, its earlier names, and plain JWT. */
const JOSE_MEDIA_TYPES: Record<EnvelopeType, string[]> = {
  EnvelopedVerifiableCredential: ['application/vc+jwt', 'application/vc-ld+jwt', 'application/jwt'],
  EnvelopedVerifiablePresentation: ['application/vp+jwt', 'application/vp-ld+jwt', 'application/jwt'],
};

const typesOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);

/** Whether a JSON value presents itself as an envelope of this type. */
export function isEnvelope(value: unknown, type: EnvelopeType): value is JsonObject {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typesOf((value as JsonObject).type).includes(type)
  );
}

export type Unwrapped = { ok: true; mediaType: string; jwt: string } | { ok: false; message: string };

/** The compact JWT an envelope carries, or why it carries none Tessera can read. */
export function unwrapEnvelope(envelope: JsonObject, type: EnvelopeType): Unwrapped {
  const what = type === 'EnvelopedVerifiableCredential' ? 'enveloped credential' : 'enveloped presentation';
  const contexts = typesOf(envelope['@context']);
  if (contexts[0] !== VC_V2_CONTEXT)
    return {
      ok: false,
      message: `The ${what}'s first @context must be the Verifiable Credentials 2.0 context.`,
    };
  const types = typesOf(envelope.type);
  if (types.length !== 1 || types[0] !== type)
    return { ok: false, message: `The ${what}'s type must be ${type} alone.` };
  const { id } = envelope;
  if (typeof id !== 'string' || !id.startsWith('data:'))
    return { ok: false, message: `The ${what}'s id must be a data: URL holding the secured document.` };
  const comma = id.indexOf(',');
  if (comma < 0) return { ok: false, message: `The ${what}'s id is not a well-formed data: URL.` };
  const [mediaType = '', ...parameters] = id.slice('data:'.length, comma).split(';');
  const accepted = JOSE_MEDIA_TYPES[type];
  if (!accepted.includes(mediaType.toLowerCase())) {
    return {
      ok: false,
      message: `The ${what} is of media type "${mediaType.slice(0, 80)}"; Tessera reads ${accepted.join(', ')}.`,
    };
  }
  let content = id.slice(comma + 1);
  try {
    content = parameters.includes('base64')
      ? Buffer.from(decodeURIComponent(content), 'base64').toString('utf8')
      : decodeURIComponent(content);
  } catch {
    return { ok: false, message: `The ${what}'s data: URL is not well encoded.` };
  }
  const jwt = content.trim();
  if (!/^[\w-]+\.[\w-]+\.[\w-]*$/.test(jwt))
    return { ok: false, message: `The ${what} does not hold a compact JWT.` };
  return { ok: true, mediaType: mediaType.toLowerCase(), jwt };
}
