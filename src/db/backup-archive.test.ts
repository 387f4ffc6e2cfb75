import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { type ArchiveEntry, type EntrySource, tarExtractor, tarStream } from './backup-archive.ts';

const aFile = (name: string, text: string): EntrySource => {
  const body = Buffer.from(text);
  return {
    name,
    size: body.length,
    mode: 0o600,
    mtime: new Date('2026-01-02T03:04:05Z'),
    content: () => body,
  };
};

/** Every entry of an archive with its content, read back through the extractor in small chunks. */
async function readBack(bytes: Buffer): Promise<Array<ArchiveEntry & { text: string }>> {
  const read: Array<ArchiveEntry & { text: string }> = [];
  const chunks = Array.from({ length: Math.ceil(bytes.length / 300) }, (_, i) =>
    bytes.subarray(i * 300, (i + 1) * 300),
  );
  await pipeline(
    Readable.from(chunks),
    tarExtractor(async (entry) => {
      const parts: Buffer[] = [];
      return {
        write: async (chunk) => {
          parts.push(Buffer.from(chunk));
        },
        end: async () => {
          read.push({ ...entry, text: Buffer.concat(parts).toString('utf8') });
        },
      };
    }),
  );
  return read;
}

async function archiveOf(entries: EntrySource[]): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of tarStream(entries)) parts.push(chunk);
  return Buffer.concat(parts);
}

describe('the backup archive', () => {
  it('reads back every file it wrote, with long names, empty files and sizes across blocks', async () => {
    const longName = `data/files/${'course-images/'.repeat(8)}${'x'.repeat(60)}.png`;
    const entries = [
      aFile('tessera-backup.json', '{"format":1}'),
      aFile(longName, 'y'.repeat(1300)),
      aFile('data/empty', ''),
    ];
    const read = await readBack(await archiveOf(entries));
    expect(read.map((e) => [e.name, e.size, e.mode, e.text])).toEqual([
      ['tessera-backup.json', 12, 0o600, '{"format":1}'],
      [longName, 1300, 0o600, 'y'.repeat(1300)],
      ['data/empty', 0, 0o600, ''],
    ]);
    expect(read[0]?.mtime).toEqual(new Date('2026-01-02T03:04:05Z'));
  });

  it('refuses an archive with a damaged header', async () => {
    const bytes = await archiveOf([aFile('a.txt', 'text')]);
    bytes[10] = 0x41;
    await expect(readBack(bytes)).rejects.toThrow(/checksum/);
  });

  it('refuses an archive cut off in the middle', async () => {
    const bytes = await archiveOf([aFile('a.txt', 'x'.repeat(2000))]);
    await expect(readBack(bytes.subarray(0, 1024))).rejects.toThrow(/incomplete/);
  });

  it('refuses a file whose size changed while it was being written', async () => {
    const lying: EntrySource = { ...aFile('grown.txt', 'four'), size: 3 };
    await expect(archiveOf([lying])).rejects.toThrow(/grew/);
  });
});
