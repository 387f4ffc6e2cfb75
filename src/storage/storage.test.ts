import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FileStorage, LocalFileStorage, S3FileStorage, StorageKeyError } from './index.ts';
import { StorageRequestError } from './s3.ts';
import {
  startTestS3Server,
  TEST_S3_ACCESS_KEY_ID,
  TEST_S3_REGION,
  TEST_S3_SECRET_ACCESS_KEY,
  type TestS3Server,
} from './testing.ts';

let s3: TestS3Server;
const localRoot = mkdtempSync(join(tmpdir(), 'tessera-storage-'));
beforeAll(async () => {
  s3 = await startTestS3Server();
});
afterAll(async () => {
  await s3?.close();
  rmSync(localRoot, { recursive: true, force: true });
});

const s3Storage = (secretAccessKey = TEST_S3_SECRET_ACCESS_KEY) =>
  new S3FileStorage({
    endpoint: s3.endpoint,
    region: TEST_S3_REGION,
    bucket: s3.bucket,
    accessKeyId: TEST_S3_ACCESS_KEY_ID,
    secretAccessKey,
    forcePathStyle: true,
  });

describe.each([
  { kind: 'local', open: (): FileStorage => new LocalFileStorage(localRoot) },
  { kind: 's3', open: (): FileStorage => s3Storage() },
])('$kind file storage', ({ kind, open }) => {
  it('says which kind it is', () => {
    expect(open().kind).toBe(kind);
  });

  it('gives back what was put, and nothing once it is deleted', async () => {
    const storage = open();
    await storage.put('evidence/round-trip', Buffer.from('%PDF-1.7 hello'), 'application/pdf');
    const stored = await storage.get('evidence/round-trip');
    expect(stored?.bytes.toString()).toBe('%PDF-1.7 hello');
    await storage.delete('evidence/round-trip');
    expect(await storage.get('evidence/round-trip')).toBeUndefined();
  });

  it('answers undefined for a key it never held, and deleting one is not an error', async () => {
    const storage = open();
    expect(await storage.get('evidence/never-put')).toBeUndefined();
    await expect(storage.delete('evidence/never-put')).resolves.toBeUndefined();
  });

  it('refuses keys that could escape the store', async () => {
    const storage = open();
    const hostile = ['../secret', 'a/../../b', '/etc/passwd', 'a//b', '.hidden', 'a/.type', 'a\\b', '', 'a/'];
    for (const key of hostile) {
      await expect(storage.put(key, Buffer.from('x'), 'text/plain'), key).rejects.toBeInstanceOf(
        StorageKeyError,
      );
      await expect(storage.get(key), key).rejects.toBeInstanceOf(StorageKeyError);
      await expect(storage.delete(key), key).rejects.toBeInstanceOf(StorageKeyError);
    }
  });

  it('keeps binary content intact, every byte value and a megabyte of noise', async () => {
    const storage = open();
    const everyByte = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const noise = randomBytes(1024 * 1024);
    await storage.put('binary/every-byte', everyByte, 'application/octet-stream');
    await storage.put('binary/noise', noise, 'application/octet-stream');
    expect((await storage.get('binary/every-byte'))?.bytes.equals(everyByte)).toBe(true);
    expect((await storage.get('binary/noise'))?.bytes.equals(noise)).toBe(true);
  });

  it('keeps the content type of each file', async () => {
    const storage = open();
    await storage.put('course-images/a.png', Buffer.from([0x89, 0x50]), 'image/png');
    await storage.put('evidence/b', Buffer.from('%PDF'), 'application/pdf');
    expect((await storage.get('course-images/a.png'))?.contentType).toBe('image/png');
    expect((await storage.get('evidence/b'))?.contentType).toBe('application/pdf');
  });

  it('replaces a file put again under the same key', async () => {
    const storage = open();
    await storage.put('evidence/again', Buffer.from('first'), 'text/plain');
    await storage.put('evidence/again', Buffer.from('second'), 'application/pdf');
    const stored = await storage.get('evidence/again');
    expect(stored?.bytes.toString()).toBe('second');
    expect(stored?.contentType).toBe('application/pdf');
  });
});

describe('local file storage', () => {
  it('keeps files under its root at their key and leaves no temporary files behind', async () => {
    const storage = new LocalFileStorage(join(localRoot, 'layout'));
    await storage.put('evidence/one', Buffer.from('1'), 'text/plain');
    await storage.put('evidence/two', Buffer.from('2'), 'text/plain');
    const names = readdirSync(join(localRoot, 'layout', 'evidence'));
    expect(names.filter((n) => !n.startsWith('.')).sort()).toEqual(['one', 'two']);
    expect(names.filter((n) => n.startsWith('.tmp-'))).toEqual([]);
  });
});

describe('S3 requests (AWS Signature V4)', () => {
  const bucketAt = (endpoint: string, forcePathStyle: boolean) =>
    new S3FileStorage({
      endpoint,
      region: 'eu-west-1',
      bucket: 'tessera-files',
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: 'secret',
      forcePathStyle,
    });

  it('addresses an object in the bucket by path or by host name, as the endpoint wants', () => {
    expect(bucketAt('http://127.0.0.1:9000', true).objectUrl('evidence/a-1.pdf').href).toBe(
      'http://127.0.0.1:9000/tessera-files/evidence/a-1.pdf',
    );
    expect(bucketAt('https://s3.eu-west-1.amazonaws.com', false).objectUrl('evidence/a-1.pdf').href).toBe(
      'https://tessera-files.s3.eu-west-1.amazonaws.com/evidence/a-1.pdf',
    );
  });

  it('had every request of the shared suite accepted by the signature-checking server', () => {
    expect(s3.refused).toEqual([]);
  });

  it('is refused by a server that holds another secret, and the error names no secret', async () => {
    const before = s3.refused.length;
    const wrong = s3Storage('not-the-secret-at-all');
    const failure = await wrong.put('evidence/refused', Buffer.from('x'), 'text/plain').catch((e) => e);
    expect(failure).toBeInstanceOf(StorageRequestError);
    expect(failure.message).toContain('403 (SignatureDoesNotMatch)');
    expect(failure.message).not.toContain('not-the-secret-at-all');
    expect(s3.refused.slice(before)).toEqual(['SignatureDoesNotMatch']);
  });
});
