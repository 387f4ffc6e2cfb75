// What every file store offers, and the rule for keys that both implementations enforce.
export interface StoredFile {
  bytes: Buffer;
  contentType: string;
}

export interface FileStorage {
  readonly kind: 'local' | 's3';
  /** Writes the whole file or nothing: a reader never sees half of it. */
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The file, or undefined when there is none under that key. */
  get(key: string): Promise<StoredFile | undefined>;
  /** Removes the file; removing a missing file is not an error. */
  delete(key: string): Promise<void>;
}

export class StorageKeyError extends Error {
  readonly code = 'INVALID_STORAGE_KEY';
  constructor() {
    super('A storage key is segments of letters, digits, ".", "_" and "-", separated by "/".');
  }
}

// Segments may not start with a dot: that refuses `.` and `..`, and keeps the local store's own
// dot-files (temporary names, content types) out of reach of any key.
const KEY = /^[A-Za-z0-9_-][A-Za-z0-9._-]*(\/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$/;

/** Refuses keys that could escape the store (`..`, absolute paths, backslashes, empty segments). */
export function checkStorageKey(key: string): string {
  if (key.length > 512 || !KEY.test(key)) throw new StorageKeyError();
  return key;
}
