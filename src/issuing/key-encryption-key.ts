// The key-encryption key (KEK) that wraps issuers' private keys at rest. From KEY_ENCRYPTION_KEY, or,
// in the embedded default, generated once into the data directory with mode 0600.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.ts';

export class KeyEncryptionKeyError extends Error {
  readonly code = 'KEY_ENCRYPTION_KEY';
}

export function loadKeyEncryptionKey(config: Readonly<Config>, warn: (message: string) => void): Uint8Array {
  if (config.keyEncryptionKey) return Buffer.from(config.keyEncryptionKey, 'base64');
  const file = join(config.dataDir, 'key-encryption.key');
  if (config.database.kind === 'postgres') {
    warn(
      `KEY_ENCRYPTION_KEY is not set: using ${file}. With several machines on one PostgreSQL, set KEY_ENCRYPTION_KEY on all of them.`,
    );
  }
  if (existsSync(file)) {
    const mode = statSync(file).mode & 0o777;
    if (mode & 0o077) chmodSync(file, 0o600);
    const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new KeyEncryptionKeyError(`${file} does not hold 32 bytes in base64.`);
    return key;
  }
  mkdirSync(config.dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}
