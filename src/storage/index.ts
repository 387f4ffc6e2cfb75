// Where uploaded files live: a directory under DATA_DIR by default, or an S3-compatible bucket. Callers
// name files by key (`evidence/<submissionId>`, `course-images/<name>`) and never see paths or URLs.
import type { StorageConfig } from '../config.ts';
import type { FileStorage } from './file-storage.ts';
import { LocalFileStorage } from './local.ts';
import { S3FileStorage } from './s3.ts';

export function createFileStorage(config: StorageConfig): FileStorage {
  return config.kind === 's3' ? new S3FileStorage(config) : new LocalFileStorage(config.rootDir);
}

export {
  checkStorageKey,
  type FileStorage,
  StorageKeyError,
  type StoredFile,
} from './file-storage.ts';
export { LocalFileStorage } from './local.ts';
export { S3FileStorage, type S3Options } from './s3.ts';
