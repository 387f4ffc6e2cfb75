// Backup and restore of the embedded install: the database (PGlite's own dump of its data directory),
// with everything else in DATA_DIR (the key-encryption key, uploads in files/ …), in one archive.
// Safe only while no other process uses the data directory, so both hold its lock throughout: a running
// server makes them refuse instead of copying files it is writing.
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import {
  type ArchiveEntry,
  type EntrySink,
  type EntrySource,
  tarExtractor,
  tarStream,
} from './backup-archive.ts';
import { acquireDataDirLock } from './connection.ts';

const MANIFEST = 'tessera-backup.json';
const DATABASE_ENTRY = 'database.tar';
const DATA_PREFIX = 'data/';
const FORMAT = 1;
const LOCK_FILE = 'tessera.lock';
const PGLITE_OPTIONS = { postgresqlconf: ['shared_buffers = 16MB'] };

export class BackupError extends Error {
  constructor(
    readonly code: 'no-database' | 'file-exists' | 'not-a-backup' | 'data-dir-not-empty' | 'no-such-file',
    message: string,
  ) {
    super(message);
  }
}

/** Where the embedded install keeps its data: DATA_DIR, and the database inside it. */
export interface EmbeddedLayout {
  dataDir: string;
  databaseDir: string;
}

export interface BackupSummary {
  databaseBytes: number;
  /** Other files of DATA_DIR carried along. */
  files: number;
  /** The generated key-encryption key was among them. */
  withKey: boolean;
}

const KEY_FILE = 'key-encryption.key';

/** Files of DATA_DIR to carry beside the database: all but the database directory and the lock. */
function dataFiles(layout: EmbeddedLayout, skip: readonly string[]): string[] {
  const skipped = new Set([
    resolve(layout.databaseDir),
    resolve(layout.dataDir, LOCK_FILE),
    ...skip.map((p) => resolve(p)),
  ]);
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (skipped.has(resolve(path))) continue;
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) found.push(path);
    }
  };
  walk(layout.dataDir);
  return found.sort();
}

function fileEntry(layout: EmbeddedLayout, path: string): EntrySource {
  const stat = statSync(path);
  return {
    name: DATA_PREFIX + relative(layout.dataDir, path).split(sep).join('/'),
    size: stat.size,
    mode: stat.mode,
    mtime: stat.mtime,
    content: () => createReadStream(path),
  };
}

/** The database as PGlite dumps it, after a checkpoint so the files hold every committed change. */
async function dumpDatabase(databaseDir: string): Promise<Buffer> {
  const pglite = await PGlite.create(databaseDir, PGLITE_OPTIONS);
  try {
    await pglite.exec('checkpoint');
    return Buffer.from(await (await pglite.dumpDataDir('none')).arrayBuffer());
  } finally {
    await pglite.close();
  }
}

/**
 * Writes a backup of the embedded install to `file` (created with mode 0600: it holds the key that
 * decrypts the issuers' signing keys). Throws DatabaseLockedError while another process runs on it.
 */
export async function backupEmbedded(layout: EmbeddedLayout, file: string): Promise<BackupSummary> {
  if (!existsSync(join(layout.databaseDir, 'PG_VERSION')))
    throw new BackupError('no-database', `There is no database in ${layout.databaseDir} to back up.`);
  if (existsSync(file)) throw new BackupError('file-exists', `${file} exists already; name a new file.`);
  const partial = `${file}.${randomUUID().slice(0, 8)}.partial`;
  const release = acquireDataDirLock(layout.databaseDir);
  try {
    const database = await dumpDatabase(layout.databaseDir);
    const files = dataFiles(layout, [file, partial]);
    const manifest = Buffer.from(
      `${JSON.stringify({ format: FORMAT, createdAt: new Date().toISOString(), files: files.length }, null, 2)}\n`,
    );
    const now = new Date();
    const entries: EntrySource[] = [
      { name: MANIFEST, size: manifest.length, mode: 0o644, mtime: now, content: () => manifest },
      { name: DATABASE_ENTRY, size: database.length, mode: 0o600, mtime: now, content: () => database },
      ...files.map((path) => fileEntry(layout, path)),
    ];
    mkdirSync(dirname(resolve(file)), { recursive: true });
    await pipeline(
      Readable.from(tarStream(entries)),
      createGzip(),
      createWriteStream(partial, { mode: 0o600 }),
    );
    renameSync(partial, file);
    const withKey = files.includes(join(layout.dataDir, KEY_FILE));
    return { databaseBytes: database.length, files: files.length, withKey };
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    release();
  }
}

/** A path of the archive's data/ part, resolved inside DATA_DIR; anything that would leave it is refused. */
function restoredPath(layout: EmbeddedLayout, name: string): string {
  const rel = name.slice(DATA_PREFIX.length);
  const target = resolve(layout.dataDir, rel);
  const inside = target.startsWith(resolve(layout.dataDir) + sep);
  const reserved =
    target === resolve(layout.dataDir, LOCK_FILE) ||
    target === resolve(layout.databaseDir) ||
    target.startsWith(resolve(layout.databaseDir) + sep);
  if (!rel || !inside || reserved)
    throw new BackupError('not-a-backup', `The backup holds an unsafe path: ${name}`);
  return target;
}

function fileSink(path: string, mode: number): EntrySink {
  mkdirSync(dirname(path), { recursive: true });
  const stream = createWriteStream(path, { mode: mode & 0o777 || 0o600, flags: 'wx' });
  return {
    async write(chunk) {
      if (!stream.write(chunk)) await once(stream, 'drain');
    },
    end: () =>
      new Promise<void>((closed, failed) =>
        stream.end((error?: Error | null) => (error ? failed(error) : closed())),
      ),
  };
}

function memorySink(into: Buffer[]): EntrySink {
  return {
    async write(chunk) {
      into.push(Buffer.from(chunk));
    },
    async end() {},
  };
}

/** Nothing in it but perhaps a lock file (a live holder of which is refused when the lock is taken). */
function isEmptyOrMissing(dir: string): boolean {
  return !existsSync(dir) || readdirSync(dir).every((name) => name === LOCK_FILE);
}

/**
 * Restores a backup into an empty DATA_DIR (a new install, or one whose old directory was moved aside).
 * On any failure the directory is emptied again, so the restore can simply be run again.
 */
export async function restoreEmbedded(layout: EmbeddedLayout, file: string): Promise<BackupSummary> {
  if (!existsSync(file)) throw new BackupError('no-such-file', `No such file: ${file}`);
  if (!isEmptyOrMissing(layout.dataDir))
    throw new BackupError(
      'data-dir-not-empty',
      `${layout.dataDir} is not empty. Restore into an empty DATA_DIR (move the old one aside first).`,
    );
  mkdirSync(layout.dataDir, { recursive: true });
  const release = acquireDataDirLock(layout.databaseDir);
  try {
    const database: Buffer[] = [];
    const manifest: Buffer[] = [];
    let files = 0;
    let withKey = false;
    const onEntry = async (entry: ArchiveEntry): Promise<EntrySink | undefined> => {
      if (entry.name === MANIFEST) return memorySink(manifest);
      if (entry.name === DATABASE_ENTRY) return memorySink(database);
      if (!entry.name.startsWith(DATA_PREFIX)) return undefined;
      files += 1;
      withKey ||= entry.name === DATA_PREFIX + KEY_FILE;
      return fileSink(restoredPath(layout, entry.name), entry.mode);
    };
    try {
      await pipeline(createReadStream(file), createGunzip(), tarExtractor(onEntry));
    } catch (error) {
      if (error instanceof BackupError) throw error;
      throw new BackupError(
        'not-a-backup',
        `${file} is not a readable Tessera backup: ${(error as Error).message}`,
      );
    }
    const format = manifest.length
      ? (JSON.parse(Buffer.concat(manifest).toString('utf8')) as { format?: unknown }).format
      : undefined;
    if (format !== FORMAT || database.length === 0)
      throw new BackupError(
        'not-a-backup',
        `${file} is not a Tessera backup (no ${MANIFEST} or no database).`,
      );
    const dump = Buffer.concat(database);
    const pglite = await PGlite.create(layout.databaseDir, {
      ...PGLITE_OPTIONS,
      loadDataDir: new Blob([dump]),
    });
    try {
      await pglite.query('select 1');
    } finally {
      await pglite.close();
    }
    return { databaseBytes: dump.length, files, withKey };
  } catch (error) {
    for (const entry of readdirSync(layout.dataDir))
      if (entry !== LOCK_FILE) rmSync(join(layout.dataDir, entry), { recursive: true, force: true });
    throw error;
  } finally {
    release();
  }
}
