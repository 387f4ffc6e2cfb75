// Bitstring Status Lists per issuer: allocation of never-reused indexes, publication of the signed
// list credential at a stable URL, and the status slots of credentials issued through the VC-API.
// (Changes of a badge credential's state — revoke, suspend, reinstate — are in credential-state.ts.)
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
import { ConflictError, InvalidError, NotFoundError } from '../errors.ts';
import { organizationById, organizationBySlug } from '../orgs/index.ts';
import { cachedDocument, forgetDocuments, statusListKey } from './document-cache.ts';
import { issuerDid as issuerDidOf, type SigningIdentity, statusListSigner } from './issuer-keys.ts';
import {
  findCredentialStateBySlot,
  findStatusListByNumber,
  findVcApiCredential,
  insertStatusList,
  insertVcApiCredential,
  lockOpenStatusList,
  lockStatusListById,
  type StatusListRow,
  saveStatusList,
  takeNextIndex,
  touchVcApiCredential,
} from './store.ts';
import type { StatusPurpose, VcApiStatusSource } from './tables.ts';

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
  // A did:key issuer's lists belong to one key, an own domain's to its DID (the list's issuer must be the
  // credential's issuer).
  const issuerKeyId = identity.didMethod === 'key' ? identity.keyId : null;
  const issuerDid =
    identity.didMethod === 'web' && identity.did !== issuerDidOf(deps, identity.org.slug)
      ? identity.did
      : null;
  for (let attempt = 0; attempt < 3; attempt++) {
    const open = await lockOpenStatusList(trx, orgId, purpose, issuerKeyId, issuerDid);
    if (open) return open;
    const opened = await insertStatusList(trx, {
      orgId,
      purpose,
      size: STATUS_LIST_SIZE,
      updatedAt: deps.now(),
      issuerKeyId,
      issuerDid,
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

/** A credential issued through the VC-API: which status entries it gets, and how it is signed with them. */
export interface VcApiIssue<T> {
  /** options.credentialId, else the credential's id; null when the caller gave neither. */
  credentialId: string | null;
  /** Also a suspension entry (on a suspension list); a revocation entry is given unless `statusSource` says otherwise. */
  suspension: boolean;
  /**
   * `tessera` (default): status entries on our lists. `caller`: the credential keeps the credentialStatus its
   * caller sent; `none`: a VC 1.1 credential, without status. In both, no index is taken (entries is empty).
   */
  statusSource?: VcApiStatusSource;
  /** Signs with these entries, inside the transaction: if it throws, no index is taken. */
  sign: (entries: BitstringStatusListEntry[]) => Promise<T>;
  /** What the issuer's list of issued credentials shows of it (the caller keeps the credential). */
  summary?: { name: string | null; subjectLabel: string | null };
}

const credentialIdTaken = (id: string) =>
  new ConflictError(`This issuer already issued a credential with the id ${JSON.stringify(id)}.`);

/**
 * Takes the credential's status slots (the next indexes of the issuer's open lists, never handed out
 * again), signs and records them in one transaction, so POST /credentials/status can change them later.
 */
export async function issueWithVcApiStatus<T>(
  deps: Deps,
  identity: SigningIdentity,
  issue: VcApiIssue<T>,
): Promise<T> {
  const orgId = identity.org.id;
  const { credentialId } = issue;
  return deps.db.transaction().execute(async (trx) => {
    if (credentialId !== null && (await findVcApiCredential(trx, orgId, credentialId)))
      throw credentialIdTaken(credentialId);
    const statusSource = issue.statusSource ?? 'tessera';
    const ours = statusSource === 'tessera';
    const revocation = ours ? await allocateStatus(deps, trx, identity, 'revocation') : null;
    const suspension =
      ours && issue.suspension ? await allocateStatus(deps, trx, identity, 'suspension') : null;
    const signed = await issue.sign([revocation, suspension].flatMap((slot) => (slot ? [slot.entry] : [])));
    const recorded = await insertVcApiCredential(trx, {
      orgId,
      credentialId,
      statusSource,
      revocationListId: revocation?.listId ?? null,
      revocationIndex: revocation?.index ?? null,
      suspensionListId: suspension?.listId ?? null,
      suspensionIndex: suspension?.index ?? null,
      issuedAt: deps.now(),
      name: issue.summary?.name ?? null,
      subjectLabel: issue.summary?.subjectLabel ?? null,
    });
    // Another request recorded the same id meanwhile: this one rolls back, its indexes untaken.
    if (!recorded && credentialId !== null) throw credentialIdTaken(credentialId);
    return signed;
  });
}

const statusElsewhere: Record<VcApiStatusSource, string> = {
  caller:
    'This credential was issued with the credentialStatus its caller sent: its status is managed where that credentialStatus points, not on this server.',
  none: 'This VC 1.1 credential was issued without a status entry (Bitstring Status List is a VC 2.0 mechanism): it has no status to change.',
  tessera: 'This credential has no status entry on this server.',
};

/** One requested change: set (true) or clear (false) the credential's bit of a purpose. */
export interface VcApiStatusChange {
  purpose: StatusPurpose;
  set: boolean;
  /** When the caller named the entry (its id, list or index), it must be this credential's. */
  entryId?: string;
  statusListCredential?: string;
  statusListIndex?: string;
}

export interface VcApiStatusView {
  type: 'BitstringStatusListEntry';
  statusPurpose: StatusPurpose;
  statusListCredential: string;
  statusListIndex: string;
  /** Whether the bit is set (revoked, or suspended). */
  status: boolean;
}

/**
 * Sets or clears the bits of a VC-API credential of the organization and re-publishes the lists that
 * changed. Another organization's credential is not found. Revocation is final: a set revocation bit
 * is never cleared (W3C Bitstring Status List: "not reversible").
 */
export async function changeVcApiStatus(
  deps: Deps,
  orgId: string,
  credentialId: string,
  changes: VcApiStatusChange[],
): Promise<VcApiStatusView[]> {
  return deps.db.transaction().execute(async (trx) => {
    const record = await findVcApiCredential(trx, orgId, credentialId);
    const org = record && (await organizationById(trx, orgId));
    if (!record || !org) throw new NotFoundError('credential');
    if (record.revocationListId === null || record.revocationIndex === null)
      throw new ConflictError(statusElsewhere[record.statusSource]);
    const slots: { purpose: StatusPurpose; listId: string; index: number }[] = [
      { purpose: 'revocation', listId: record.revocationListId, index: record.revocationIndex },
    ];
    if (record.suspensionListId !== null && record.suspensionIndex !== null)
      slots.push({ purpose: 'suspension', listId: record.suspensionListId, index: record.suspensionIndex });
    const missing = changes.find((change) => !slots.some((slot) => slot.purpose === change.purpose));
    if (missing) {
      throw new InvalidError('The credential has no such status entry.', [
        {
          path: 'body.credentialStatus.statusPurpose',
          message: `this credential was issued without a ${missing.purpose} entry (ask for one with options.credentialStatus when issuing)`,
          code: 'no-status-entry',
          params: { purpose: missing.purpose },
        },
      ]);
    }
    const views: VcApiStatusView[] = [];
    for (const slot of slots) {
      const list = await lockStatusListById(trx, orgId, slot.listId);
      if (!list) throw new NotFoundError('status list');
      const url = statusListUrl(deps, org.slug, slot.purpose, list.listNumber);
      const bits = new Bitstring({ bytes: list.bits });
      const before = bits.get(slot.index);
      for (const change of changes.filter((c) => c.purpose === slot.purpose)) {
        if (
          (change.entryId !== undefined && change.entryId !== `${url}#${slot.index}`) ||
          (change.statusListCredential !== undefined && change.statusListCredential !== url) ||
          (change.statusListIndex !== undefined && change.statusListIndex !== String(slot.index))
        ) {
          throw new InvalidError('The status entry is not this credential’s.', [
            {
              path: 'body.credentialStatus',
              message: `this credential's ${slot.purpose} entry is ${url}#${slot.index}`,
              code: 'status-entry-mismatch',
              params: { purpose: slot.purpose, entry: `${url}#${slot.index}` },
            },
          ]);
        }
        if (slot.purpose === 'revocation' && before && !change.set)
          throw new ConflictError(
            'A revoked credential stays revoked: revocation is final.',
            'invalid-state-change',
          );
        bits.set(slot.index, change.set);
      }
      if (bits.get(slot.index) !== before) await publishStatusList(deps, trx, list, bits);
      views.push({
        type: 'BitstringStatusListEntry',
        statusPurpose: slot.purpose,
        statusListCredential: url,
        statusListIndex: String(slot.index),
        status: bits.get(slot.index),
      });
    }
    const isSet = (purpose: StatusPurpose) => views.some((v) => v.statusPurpose === purpose && v.status);
    const state = isSet('revocation') ? 'revoked' : isSet('suspension') ? 'suspended' : 'active';
    await touchVcApiCredential(trx, orgId, record.id, deps.now(), state);
    return views;
  });
}
