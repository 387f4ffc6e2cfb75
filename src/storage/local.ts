// Files on the local disk under one root directory. Each file is written to a temporary name and renamed
// into place (atomic on one file system); its content type sits beside it in a dot-file.
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { checkStorageKey, type FileStorage, type StoredFile } from './file-storage.ts';

const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

export class LocalFileStorage implements FileStorage {
  readonly kind = 'local';

  constructor(readonly rootDir: string) {}

  async put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    await writeAtomically(contentTypePath(path), contentType);
    await writeAtomically(path, bytes);
  }

  async get(key: string): Promise<StoredFile | undefined> {
    const path = this.pathOf(key);
    const bytes = await readFile(path).catch(missingAsUndefined);
    if (!bytes) return undefined;
    const contentType = await readFile(contentTypePath(path), 'utf8').catch(missingAsUndefined);
    return { bytes, contentType: contentType || DEFAULT_CONTENT_TYPE };
  }

  async delete(key: string): Promise<void> {
    const path = this.pathOf(key);
    await rm(path, { force: true });
    await rm(contentTypePath(path), { force: true });
  }

  private pathOf(key: string): string {
    return join(this.rootDir, checkStorageKey(key));
  }
}

const contentTypePath = (path: string) => join(dirname(path), `.${basename(path)}.type`);

async function writeAtomically(path: string, data: Uint8Array | string): Promise<void> {
  const temporary = join(dirname(path), `.tmp-${randomUUID()}`);
  try {
    await writeFile(temporary, data, { mode: 0o600 });
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

function missingAsUndefined(error: NodeJS.ErrnoException): undefined {
  if (error.code === 'ENOENT') return undefined;
  throw error;
}
