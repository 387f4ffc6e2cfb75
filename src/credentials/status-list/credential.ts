// Status list credentials and status entries (W3C Bitstring Status List v1.0).
// https://www.w3.org/TR/vc-bitstring-status-list/#bitstringstatuslistcredential
// https://www.w3.org/TR/vc-bitstring-status-list/#bitstringstatuslistentry
// The credential is returned unsigned: the caller signs it with the engine's signer.
import { VC_V2_CONTEXT } from '../contexts/index.ts';
import { DEFAULT_MAX_LIST_BYTES, decodeList, StatusListError } from './bitstring.ts';

export type StatusPurpose = 'revocation' | 'suspension';
const PURPOSES: readonly string[] = ['revocation', 'suspension'];

export interface BitstringStatusListEntry {
  id: string;
  type: 'BitstringStatusListEntry';
  statusPurpose: StatusPurpose;
  statusListIndex: string;
  statusListCredential: string;
}

export interface BitstringStatusListCredential {
  '@context': string[];
  id: string;
  type: ['VerifiableCredential', 'BitstringStatusListCredential'];
  issuer: string | { id: string; [key: string]: unknown };
  validFrom: string;
  validUntil?: string;
  credentialSubject: {
    id: string;
    type: 'BitstringStatusList';
    statusPurpose: StatusPurpose;
    encodedList: string;
  };
}

/** XML Schema dateTime without milliseconds, as most VC examples write it. */
function toDateTime(value: Date | string): string {
  if (typeof value === 'string') return value;
  return value.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function assertPurpose(purpose: unknown): asserts purpose is StatusPurpose {
  if (typeof purpose !== 'string' || !PURPOSES.includes(purpose)) {
    throw new StatusListError('STATUS_ENTRY_INVALID', `statusPurpose must be one of ${PURPOSES.join(', ')}.`);
  }
}

/**
 * The unsigned BitstringStatusListCredential. The VC 2.0 context alone defines every term
 * (§"BitstringStatusListCredential"), so no extra context is added.
 */
export function buildStatusListCredential(input: {
  id: string;
  issuer: string | { id: string; [key: string]: unknown };
  statusPurpose: StatusPurpose;
  encodedList: string;
  validFrom: Date | string;
  validUntil?: Date | string;
}): BitstringStatusListCredential {
  assertPurpose(input.statusPurpose);
  // Refuse to publish a list that verifiers would reject.
  decodeList(input.encodedList);
  const credential: BitstringStatusListCredential = {
    '@context': [VC_V2_CONTEXT],
    id: input.id,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: input.issuer,
    validFrom: toDateTime(input.validFrom),
    credentialSubject: {
      id: `${input.id}#list`,
      type: 'BitstringStatusList',
      statusPurpose: input.statusPurpose,
      encodedList: input.encodedList,
    },
  };
  if (input.validUntil !== undefined) credential.validUntil = toDateTime(input.validUntil);
  return credential;
}

/** The `credentialStatus` entry for one credential at `index` of a list. */
export function buildStatusEntry(input: {
  listCredentialUrl: string;
  index: number;
  purpose: StatusPurpose;
}): BitstringStatusListEntry {
  assertPurpose(input.purpose);
  if (!Number.isSafeInteger(input.index) || input.index < 0) {
    throw new StatusListError(
      'STATUS_INDEX_OUT_OF_RANGE',
      `Status index ${input.index} is not a whole number ≥ 0.`,
    );
  }
  return {
    id: `${input.listCredentialUrl}#${input.index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: input.purpose,
    statusListIndex: String(input.index),
    statusListCredential: input.listCredentialUrl,
  };
}

export interface StatusReading {
  status: 'set' | 'unset';
  purpose: StatusPurpose;
  index: number;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);

/**
 * Reads one entry's bit from a status list credential the caller fetched and verified
 * (the signature check is the caller's). Both arguments are treated as untrusted: every field the
 * validation algorithm relies on is checked, and each failure is a StatusListError with its own code.
 * https://www.w3.org/TR/vc-bitstring-status-list/#validate-algorithm
 */
export function readStatus(
  entry: unknown,
  listCredential: unknown,
  options: { maxBytes?: number; now?: Date } = {},
): StatusReading {
  if (!isObject(entry) || entry.type !== 'BitstringStatusListEntry') {
    throw new StatusListError(
      'STATUS_ENTRY_INVALID',
      'credentialStatus.type must be "BitstringStatusListEntry".',
    );
  }
  assertPurpose(entry.statusPurpose);
  const purpose = entry.statusPurpose;
  // statusListIndex is the decimal string of a non-negative integer; "1e3", "-1", " 7" are refused.
  if (typeof entry.statusListIndex !== 'string' || !/^(0|[1-9][0-9]{0,15})$/.test(entry.statusListIndex)) {
    throw new StatusListError('STATUS_ENTRY_INVALID', 'statusListIndex must be a decimal integer string.');
  }
  const index = Number(entry.statusListIndex);
  if (entry.statusSize !== undefined && entry.statusSize !== 1) {
    throw new StatusListError(
      'STATUS_ENTRY_INVALID',
      'Only a statusSize of 1 is supported for revocation and suspension.',
    );
  }
  if (typeof entry.statusListCredential !== 'string') {
    throw new StatusListError('STATUS_ENTRY_INVALID', 'statusListCredential must be a URL string.');
  }

  if (!isObject(listCredential) || !asArray(listCredential.type).includes('BitstringStatusListCredential')) {
    throw new StatusListError(
      'STATUS_LIST_CREDENTIAL_INVALID',
      'The status list credential type must include "BitstringStatusListCredential".',
    );
  }
  // A fetcher handing back some other list (a redirect, a cache mix-up) must not decide the status.
  if (listCredential.id !== undefined && listCredential.id !== entry.statusListCredential) {
    throw new StatusListError(
      'STATUS_LIST_MISMATCH',
      `The status list credential is ${String(listCredential.id)}, not ${entry.statusListCredential}.`,
    );
  }
  if (options.now && typeof listCredential.validUntil === 'string') {
    const validUntil = Date.parse(listCredential.validUntil);
    if (Number.isNaN(validUntil) || validUntil < options.now.getTime()) {
      throw new StatusListError('STATUS_LIST_EXPIRED', 'The status list credential is past its validUntil.');
    }
  }
  const subject = listCredential.credentialSubject;
  if (
    !isObject(subject) ||
    subject.type !== 'BitstringStatusList' ||
    typeof subject.encodedList !== 'string'
  ) {
    throw new StatusListError(
      'STATUS_LIST_CREDENTIAL_INVALID',
      'credentialSubject must be a BitstringStatusList with an encodedList.',
    );
  }
  // §"Validate Algorithm": the list's purpose(s) must include the entry's (STATUS_VERIFICATION_ERROR).
  if (!asArray(subject.statusPurpose).includes(purpose)) {
    throw new StatusListError(
      'STATUS_PURPOSE_MISMATCH',
      `The entry's statusPurpose "${purpose}" is not the list's (${JSON.stringify(subject.statusPurpose)}).`,
    );
  }
  const bits = decodeList(subject.encodedList, { maxBytes: options.maxBytes ?? DEFAULT_MAX_LIST_BYTES });
  return { status: bits.get(index) ? 'set' : 'unset', purpose, index };
}

/** A reading in the verifier's words: what a set bit means depends on the list's purpose. */
export type StatusValue = 'active' | 'revoked' | 'suspended';

/**
 * readStatus, answered as the verifier's `checkStatus` option expects (VerifyOptions in ../verify):
 * unset → active; set → revoked or suspended, by purpose. Errors are thrown as StatusListError.
 */
export function readStatusValue(
  entry: unknown,
  listCredential: unknown,
  options: { maxBytes?: number; now?: Date } = {},
): StatusValue {
  const { status, purpose } = readStatus(entry, listCredential, options);
  if (status === 'unset') return 'active';
  return purpose === 'revocation' ? 'revoked' : 'suspended';
}
