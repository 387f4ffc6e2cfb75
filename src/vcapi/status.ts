// W3C VC-API "update status" (POST /credentials/status): set or clear the revocation or suspension bit of
// a credential this organization issued through POST /credentials/issue, and re-publish its status list.
// Accepts the VC-API's request (credentialStatus an object, `status` a boolean beside it) and the forms
// the W3C Bitstring Status List test suite and older clients send: no `status` (= set it), `status` inside
// the entry, and a list of entries.
import type { Deps } from '../deps.ts';
import { InvalidError } from '../errors.ts';
import type { Actor } from '../identity/actor.ts';
import { changeVcApiStatus, type VcApiStatusChange, type VcApiStatusView } from '../issuing/index.ts';
import { requireIssueToken } from './issue.ts';

export interface StatusEntryInput {
  type: 'BitstringStatusListEntry' | 'BitstringStatusList';
  statusPurpose: 'revocation' | 'suspension';
  /** true sets the bit (revoke, suspend), false clears it (lift a suspension). */
  status?: boolean;
  id?: string;
  statusListIndex?: string;
  statusListCredential?: string;
}

export interface UpdateStatusBody {
  credentialId: string;
  credentialStatus: StatusEntryInput | StatusEntryInput[];
  status?: boolean;
  indexAllocator?: string;
}

export interface UpdateStatusResult {
  credentialId: string;
  credentialStatus: VcApiStatusView[];
}

/** The changes a request asks for; one per purpose, the entry's `status` first, then the body's, else set. */
export function requestedChanges(body: UpdateStatusBody): VcApiStatusChange[] {
  const entries = Array.isArray(body.credentialStatus) ? body.credentialStatus : [body.credentialStatus];
  const purposes = entries.map((entry) => entry.statusPurpose);
  const repeated = purposes.find((purpose, i) => purposes.indexOf(purpose) !== i);
  if (repeated) {
    throw new InvalidError('The request names a status entry twice.', [
      {
        path: 'body.credentialStatus',
        message: `lists the ${repeated} entry more than once`,
        code: 'status-entry-twice',
        params: { purpose: repeated },
      },
    ]);
  }
  return entries.map((entry) => ({
    purpose: entry.statusPurpose,
    set: entry.status ?? body.status ?? true,
    ...(entry.id !== undefined && { entryId: entry.id }),
    ...(entry.statusListCredential !== undefined && { statusListCredential: entry.statusListCredential }),
    ...(entry.statusListIndex !== undefined && { statusListIndex: entry.statusListIndex }),
  }));
}

export async function updateStatusViaVcApi(
  deps: Deps,
  actor: Actor | null,
  body: UpdateStatusBody,
): Promise<UpdateStatusResult> {
  const { orgId } = requireIssueToken(actor);
  const changes = requestedChanges(body);
  const credentialStatus = await changeVcApiStatus(deps, orgId, body.credentialId, changes);
  return { credentialId: body.credentialId, credentialStatus };
}
