// The published bytes of documents Tessera holds, for relatedResource digests (VC 2.0 §5.3): a digest is
// checked against the document as its publisher serves it, byte for byte. The npm context packages hold
// the same JSON reformatted, so only files vendored byte-exact count. A document that changed after
// publication (the VC 2.0 context between the Candidate Recommendation and the Recommendation) is held in
// each published version: a digest of any of them matches. vendor/w3c/README.md says where each came from.
import { readFileSync } from 'node:fs';
import { VC_EXAMPLES_V2_CONTEXT, VC_V2_CONTEXT } from './index.ts';

const w3cVendorDir = new URL('../../../vendor/w3c/contexts/', import.meta.url);
const read = (file: string): Uint8Array => new Uint8Array(readFileSync(new URL(file, w3cVendorDir)));

const PUBLISHED: ReadonlyMap<string, readonly string[]> = new Map([
  [VC_V2_CONTEXT, ['credentials-v2.jsonld', 'credentials-v2.2024-07-20.jsonld']],
  [VC_EXAMPLES_V2_CONTEXT, ['credentials-examples-v2.jsonld']],
]);
const cache = new Map<string, readonly Uint8Array[]>();

/** Every published version we hold of the document at `url`, or undefined when we hold none. */
export function publishedDocument(url: string): readonly Uint8Array[] | undefined {
  const files = PUBLISHED.get(url);
  if (!files) return undefined;
  let held = cache.get(url);
  if (!held) {
    held = files.map(read);
    cache.set(url, held);
  }
  return held;
}
