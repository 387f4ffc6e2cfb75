// relatedResource: integrity of the resources a credential links to (JSON-LD contexts, images, files).
// https://www.w3.org/TR/vc-data-model-2.0/#integrity-of-related-resources
import { type Add, checkId, objectsOf } from './common.ts';
import { digestMatches, parseMultibaseDigest, parseSri } from './digest.ts';
import { childPath, describe, type Json } from './primitives.ts';
import type { DataModelOptions } from './types.ts';

/** The versions of a resource we hold (a published document may have changed; any version matches). */
type Held = ReadonlyArray<Uint8Array | string> | undefined;
const matchesAny = (digest: Parameters<typeof digestMatches>[0], held: NonNullable<Held>) =>
  held.some((content) => digestMatches(digest, content));

const ALGORITHM_STRENGTH = { sha256: 1, sha384: 2, sha512: 3 } as const;

function checkSri(value: unknown, path: string, content: Held, add: Add): void {
  const digests = parseSri(value);
  if (!digests) {
    add(
      'related-resource',
      path,
      `digestSRI must be a Subresource Integrity value such as "sha384-<base64>" (sha256, sha384 or sha512); it is ${describe(value)}.`,
    );
    return;
  }
  if (content === undefined) return;
  // SRI §3.3.5: only the strongest algorithm given counts, and any one of its digests may match.
  const strongest = Math.max(...digests.map((digest) => ALGORITHM_STRENGTH[digest.algorithm]));
  const candidates = digests.filter((digest) => ALGORITHM_STRENGTH[digest.algorithm] === strongest);
  if (!candidates.some((digest) => matchesAny(digest, content)))
    add(
      'related-resource-digest',
      path,
      'The resource does not match its digestSRI: it has changed since issuance.',
    );
}

function checkMultibase(value: unknown, path: string, content: Held, add: Add): void {
  const values = Array.isArray(value) ? value : [value];
  values.forEach((item, index) => {
    const itemPath = Array.isArray(value) ? `${path}[${index}]` : path;
    const digest = parseMultibaseDigest(item);
    if (!digest) {
      add(
        'related-resource',
        itemPath,
        `digestMultibase must be a multibase-encoded sha2-256, sha2-384 or sha2-512 digest; it is ${describe(item)}.`,
      );
    } else if (content !== undefined && !matchesAny(digest, content)) {
      add(
        'related-resource-digest',
        itemPath,
        'The resource does not match its digestMultibase: it has changed since issuance.',
      );
    }
  });
  if (values.length === 0) add('related-resource', path, 'digestMultibase must not be an empty list.');
}

function checkEntry(entry: Json, path: string, options: DataModelOptions, add: Add): void {
  const id = entry.id;
  if (id === undefined)
    add('related-resource', childPath(path, 'id'), 'Each related resource must have an id.');
  else checkId(id, childPath(path, 'id'), add);
  if (entry.digestSRI === undefined && entry.digestMultibase === undefined) {
    add('related-resource', path, 'Each related resource must have a digestSRI or a digestMultibase.');
    return;
  }
  const held = typeof id === 'string' && options.resource ? options.resource(id) : undefined;
  const content: Held =
    held === undefined ? undefined : typeof held === 'string' || held instanceof Uint8Array ? [held] : held;
  if (entry.digestSRI !== undefined) checkSri(entry.digestSRI, childPath(path, 'digestSRI'), content, add);
  if (entry.digestMultibase !== undefined)
    checkMultibase(entry.digestMultibase, childPath(path, 'digestMultibase'), content, add);
  if (
    entry.mediaType !== undefined &&
    (typeof entry.mediaType !== 'string' || !/^[\w.+-]+\/[\w.+-]+/.test(entry.mediaType))
  )
    add(
      'related-resource',
      childPath(path, 'mediaType'),
      `mediaType must be a media type such as "application/ld+json".`,
    );
}

export function checkRelatedResources(document: Json, options: DataModelOptions, add: Add): void {
  const value = document.relatedResource;
  if (value === undefined) return;
  const seen = new Set<unknown>();
  for (const [path, entry] of objectsOf(
    value,
    'relatedResource',
    'related-resource',
    'related resource',
    add,
  )) {
    if (entry.id !== undefined && seen.has(entry.id))
      add(
        'related-resource',
        childPath(path, 'id'),
        `The related resource ${describe(entry.id)} is listed twice.`,
      );
    seen.add(entry.id);
    checkEntry(entry, path, options, add);
  }
}
