// The backup file: a gzip-compressed tar (POSIX ustar), so `tar -tzf` lists it and `tar -xzf` opens it
// without Tessera. Written as a stream (uploads can be large), read as a stream with a size check per entry.
import type { Readable } from 'node:stream';
import { Writable } from 'node:stream';

const BLOCK = 512;
/** The ustar size field holds 11 octal digits. */
const MAX_ENTRY_BYTES = 8 ** 11 - 1;

export interface ArchiveEntry {
  /** A relative path with forward slashes, no `..`. */
  name: string;
  size: number;
  /** Unix permission bits. */
  mode: number;
  mtime: Date;
}

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

/** Splits a long name into ustar's prefix (≤155 bytes) and name (≤100 bytes) at a slash. */
function splitName(name: string): { prefix: string; base: string } {
  if (Buffer.byteLength(name) <= 100) return { prefix: '', base: name };
  for (let at = name.indexOf('/'); at !== -1; at = name.indexOf('/', at + 1)) {
    const prefix = name.slice(0, at);
    const base = name.slice(at + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(base) <= 100) return { prefix, base };
  }
  throw new Error(`A file name is too long for the backup archive: ${name}`);
}

export function tarHeader(entry: ArchiveEntry): Buffer {
  if (entry.size > MAX_ENTRY_BYTES) throw new Error(`${entry.name} is too large for the backup archive.`);
  const header = Buffer.alloc(BLOCK);
  const { prefix, base } = splitName(entry.name);
  header.write(base, 0, 100, 'utf8');
  header.write(octal(entry.mode & 0o7777, 8), 100, 'ascii');
  header.write(octal(0, 8), 108, 'ascii');
  header.write(octal(0, 8), 116, 'ascii');
  header.write(octal(entry.size, 12), 124, 'ascii');
  header.write(octal(Math.floor(entry.mtime.getTime() / 1000), 12), 136, 'ascii');
  header.write('        ', 148, 'ascii'); // the checksum counts its own field as spaces
  header.write('0', 156, 'ascii');
  header.write('ustar\0', 257, 'ascii');
  header.write('00', 263, 'ascii');
  header.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return header;
}

const padding = (size: number) => Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);

export interface EntrySource extends ArchiveEntry {
  content: () => Readable | Buffer;
}

/** The archive's bytes (uncompressed), entry after entry; a source whose size changed is an error. */
export async function* tarStream(entries: AsyncIterable<EntrySource> | Iterable<EntrySource>) {
  for await (const entry of entries) {
    yield tarHeader(entry);
    const content = entry.content();
    let written = 0;
    for await (const chunk of Buffer.isBuffer(content) ? [content] : content) {
      written += (chunk as Buffer).length;
      if (written > entry.size) throw new Error(`${entry.name} grew while it was being backed up.`);
      yield chunk as Buffer;
    }
    if (written !== entry.size) throw new Error(`${entry.name} shrank while it was being backed up.`);
    yield padding(entry.size);
  }
  yield Buffer.alloc(BLOCK * 2);
}

/** Where the content of one entry goes; undefined skips it. */
export interface EntrySink {
  write(chunk: Buffer): Promise<void>;
  end(): Promise<void>;
}

function parseOctal(field: Buffer): number {
  const text = field.toString('ascii').replace(/\0.*$/s, '').trim();
  if (!/^[0-7]*$/.test(text)) throw new Error('The backup file is damaged (a header is not a tar header).');
  return text === '' ? 0 : Number.parseInt(text, 8);
}

function parseHeader(header: Buffer): ArchiveEntry & { type: string } {
  const stored = parseOctal(header.subarray(148, 156));
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (header[i] ?? 0);
  if (sum !== stored) throw new Error('The backup file is damaged (a header checksum does not match).');
  const field = (start: number, length: number) =>
    header
      .subarray(start, start + length)
      .toString('utf8')
      .replace(/\0.*$/s, '');
  const prefix = field(345, 155);
  const base = field(0, 100);
  return {
    name: prefix ? `${prefix}/${base}` : base,
    size: parseOctal(header.subarray(124, 136)),
    mode: parseOctal(header.subarray(100, 108)),
    mtime: new Date(parseOctal(header.subarray(136, 148)) * 1000),
    type: String.fromCharCode(header[156] ?? 0x30),
  };
}

/**
 * A writable that reads an (uncompressed) archive and hands each regular file to `onEntry`; directories
 * are implied by file names. Fails on a damaged or truncated archive.
 */
export function tarExtractor(onEntry: (entry: ArchiveEntry) => Promise<EntrySink | undefined>): Writable {
  let pending: Buffer = Buffer.alloc(0);
  let current: { sink: EntrySink | undefined; left: number; pad: number } | undefined;
  let ended = false;

  const consume = async (): Promise<void> => {
    for (;;) {
      if (current) {
        if (current.left > 0) {
          if (pending.length === 0) return;
          const piece = pending.subarray(0, Math.min(current.left, pending.length));
          pending = pending.subarray(piece.length);
          current.left -= piece.length;
          await current.sink?.write(piece);
          continue;
        }
        if (pending.length < current.pad) return;
        pending = pending.subarray(current.pad);
        await current.sink?.end();
        current = undefined;
      }
      if (ended || pending.length < BLOCK) return;
      const header = pending.subarray(0, BLOCK);
      pending = pending.subarray(BLOCK);
      if (header.every((byte) => byte === 0)) {
        ended = true;
        return;
      }
      const entry = parseHeader(header);
      const isFile = entry.type === '0' || entry.type === '\0';
      const sink = isFile ? await onEntry(entry) : undefined;
      current = { sink, left: entry.size, pad: padding(entry.size).length };
    }
  };

  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      consume().then(() => done(), done);
    },
    final(done) {
      done(ended ? null : new Error('The backup file is incomplete (it ends in the middle).'));
    },
  });
}
