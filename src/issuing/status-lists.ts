// Bitstring Status Lists per issuer: allocation of never-reused indexes, publication of the signed
// list credential at a stable URL, and changes of a credential's state (revoke, suspend, reinstate).
import { createHash } from 'node:crypto';
import {
  Bitstring,
  type BitstringStatusListEntry,
  buildStatusEntry,
  buildStatusListCredential,
  encodeList,
  MIN_LIST_BITS,
  signCredential,
} from '../credentials/index.ts';
import type { Executor } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { organizationBySlug } from '../orgs/index.ts';
import { cachedDocument, forgetDocuments, statusListKey } from './document-cache.ts';
import { type SigningIdentity, statusListSigner } from './issuer-keys.ts';
import {
  findCredentialStateBySlot,
  findStatusListByNumber,
  insertStatusList,
  lockOpenStatusList,
  type StatusListRow,
  saveStatusList,
  takeNextIndex,
} from './store.ts';
import type { StatusPurpose } from './tables.ts';

export const STATUS_LIST_SIZE = MIN_LIST_BITS;

export function statusListUrl(deps: Deps, slug: string, purpose: StatusPurpose, listNumber: number): string {
  return `${deps.config.publicUrl}/issuers/${slug}/status/${purpose}/${listNumber}`;
}

export interface AllocatedStatus {
  listId: string;
  index: number;
  entry: BitstringStatusListEntry;
}

/** Takes the next free index of the issuer's open list of this purpose, opening a new list when full. */
export async function allocateStatus(
  deps: Deps,
  trx: Executor,
  identity: SigningIdentity,
  purpose: StatusPurpose,
): Promise<AllocatedStatus> {
  const list = await lockOrOpenStatusList(deps, trx, identity, purpose);
  const index = await takeNextIndex(trx, list.id);
  return allocatedAt(deps, identity, list, index);
}

/**
 * The issuer's open list of this purpose (locked until the transaction ends), opened when there is none.
 * Two transactions opening the same list at once: the second waits for the first, then locks its list.
 */
export async function lockOrOpenStatusList(
  deps: Deps,
  trx: Executor,
  identity: SigningIdentity,
  purpose: StatusPurpose,
): Promise<StatusListRow> {
  const orgId = identity.org.id;
  // A did:key issuer's lists belong to one key (the list's issuer must be the credential's issuer).
  const issuerKeyId = identity.didMethod === 'key' ? identity.keyId : null;
  for (let attempt = 0; attempt < 3; attempt++) {
    const open = await lockOpenStatusList(trx, orgId, purpose, issuerKeyId);
    if (open) return open;
    const opened = await insertStatusList(trx, {
      orgId,
      purpose,
      size: STATUS_LIST_SIZE,
      updatedAt: deps.now(),
      issuerKeyId,
    });
    if (opened) {
      await publishStatusList(deps, trx, opened, new Bitstring({ bytes: opened.bits }));
      return opened;
    }
  }
  throw new Error(`Could not open a ${purpose} status list for organization ${orgId}`);
}

export function allocatedAt(
  deps: Deps,
  identity: SigningIdentity,
  list: StatusListRow,
  index: number,
): AllocatedStatus {
  const url = statusListUrl(deps, identity.org.slug, list.purpose, list.listNumber);
  return {
    listId: list.id,
    index,
    entry: buildStatusEntry({ listCredentialUrl: url, index, purpose: list.purpose }),
  };
}

/** Signs and stores the list credential for `bits`; verifiers fetch it at its stable URL. */
export async function publishStatusList(
  deps: Deps,
  trx: Executor,
  list: StatusListRow,
  bits: Bitstring,
): Promise<void> {
  const identity = await statusListSigner(deps, trx, list);
  const now = deps.now();
  const unsigned = buildStatusListCredential({
    id: statusListUrl(deps, identity.org.slug, list.purpose, list.listNumber),
    issuer: identity.did,
    statusPurpose: list.purpose,
    encodedList: encodeList(bits),
    validFrom: now,
  });
  const signed = await signCredential(unsigned, {
    keyPair: identity.keyPair,
    verificationMethod: identity.verificationMethod,
    created: now,
  });
  const etag = `"${createHash('sha256').update(JSON.stringify(signed)).digest('base64url').slice(0, 27)}"`;
  forgetDocuments(deps, statusListKey(identity.org.slug, list.purpose, list.listNumber));
  await saveStatusList(trx, list.orgId, list.id, {
    bits: Buffer.from(bits.bytes),
    publishedCredential: signed as unknown as Record<string, unknown>,
    etag,
    updatedAt: now,
  });
}

/** The published list credential at its public URL, with its ETag; undefined when there is none. */
export async function publishedStatusList(
  deps: Deps,
  slug: string,
  purpose: StatusPurpose,
  listNumber: number,
): Promise<{ credential: Record<string, unknown>; etag: string } | undefined> {
  return cachedDocument(deps, statusListKey(slug, purpose, listNumber), async () => {
    const org = await organizationBySlug(deps.db, slug);
    if (!org) return undefined;
    const list = await findStatusListByNumber(deps.db, org.id, purpose, listNumber);
    if (!list?.publishedCredential || !list.etag) return undefined;
    return { credential: list.publishedCredential, etag: list.etag };
  });
}

/**
 * The state this server recorded for the credential at `index` of one of its own lists, so our
 * verification can say "suspended" where the shared bit only says "not valid".
 */
export async function ownCredentialStateAt(
  deps: Deps,
  slug: string,
  purpose: StatusPurpose,
  listNumber: number,
  index: number,
): Promise<'active' | 'revoked' | 'suspended' | undefined> {
  const org = await organizationBySlug(deps.db, slug);
  if (!org) return undefined;
  const list = await findStatusListByNumber(deps.db, org.id, purpose, listNumber);
  if (!list) return undefined;
  return findCredentialStateBySlot(deps.db, org.id, list.id, index);
}
