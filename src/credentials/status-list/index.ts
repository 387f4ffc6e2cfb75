// W3C Bitstring Status List v1.0: https://www.w3.org/TR/vc-bitstring-status-list/
export {
  Bitstring,
  DEFAULT_MAX_LIST_BYTES,
  decodeList,
  encodeList,
  MIN_LIST_BITS,
  StatusListError,
  type StatusListErrorCode,
} from './bitstring.ts';
export {
  type BitstringStatusListCredential,
  type BitstringStatusListEntry,
  buildStatusEntry,
  buildStatusListCredential,
  readStatus,
  readStatusValue,
  type StatusPurpose,
  type StatusReading,
  type StatusValue,
} from './credential.ts';
