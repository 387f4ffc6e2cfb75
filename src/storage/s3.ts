// Files in an S3-compatible bucket (AWS S3, MinIO, Ceph, R2, …) over the plain REST API: PUT, GET and
// DELETE Object, each signed with AWS Signature Version 4 by aws4fetch (a small, dependency-free, widely
// used signer), with the payload hash signed too so a body changed on the way is refused.
import { createHash } from 'node:crypto';
import { AwsClient } from 'aws4fetch';
import { checkStorageKey, type FileStorage, type StoredFile } from './file-storage.ts';

export interface S3Options {
  /** The service's origin, e.g. https://s3.eu-west-1.amazonaws.com or http://127.0.0.1:9000. */
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** https://endpoint/bucket/key instead of https://bucket.endpoint/key (MinIO and most self-hosted servers). */
  forcePathStyle: boolean;
  timeoutMs?: number;
}

export class StorageRequestError extends Error {
  readonly code = 'STORAGE_REQUEST_FAILED';
}

// S3 asks clients to retry 5xx and 429 answers; PUT and DELETE of an object are idempotent. Few retries,
// and all of them inside the one timeout, so a request handler waiting on the store is never held long.
const RETRIES = 2;

export class S3FileStorage implements FileStorage {
  readonly kind = 's3';
  private readonly client: AwsClient;

  constructor(private readonly options: S3Options) {
    this.client = new AwsClient({
      accessKeyId: options.accessKeyId,
      secretAccessKey: options.secretAccessKey,
      service: 's3',
      region: options.region,
      retries: RETRIES,
    });
  }

  /** Where an object lives: path style (endpoint/bucket/key) or virtual-hosted style (bucket.endpoint/key). */
  objectUrl(key: string): URL {
    const { endpoint, bucket, forcePathStyle } = this.options;
    const url = new URL(endpoint);
    if (!forcePathStyle) url.host = `${bucket}.${url.host}`;
    // Keys are letters, digits, ".", "_", "-" and "/" (checkStorageKey): nothing to percent-encode.
    url.pathname = `${forcePathStyle ? `/${bucket}` : ''}/${checkStorageKey(key)}`;
    return url;
  }

  async put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    await this.request('PUT', key, { body: bytes, contentType });
  }

  async get(key: string): Promise<StoredFile | undefined> {
    const response = await this.request('GET', key, { allowNotFound: true });
    if (!response) return undefined;
    return {
      bytes: Buffer.from(await response.arrayBuffer()),
      contentType: response.headers.get('content-type') ?? 'application/octet-stream',
    };
  }

  async delete(key: string): Promise<void> {
    await this.request('DELETE', key, { allowNotFound: true });
  }

  private async request(
    method: 'PUT' | 'GET' | 'DELETE',
    key: string,
    options: { body?: Uint8Array; contentType?: string; allowNotFound?: boolean },
  ): Promise<Response | undefined> {
    const url = this.objectUrl(key);
    const body = options.body ?? new Uint8Array();
    const response = await this.client.fetch(url, {
      method,
      headers: {
        // Without it aws4fetch sends UNSIGNED-PAYLOAD for S3; a signed hash lets the server check the bytes.
        'x-amz-content-sha256': createHash('sha256').update(body).digest('hex'),
        ...(options.contentType ? { 'content-type': options.contentType } : {}),
      },
      body: method === 'PUT' ? new Uint8Array(body) : undefined, // an ArrayBuffer-backed copy, as fetch's types want
      redirect: 'error',
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
    });
    if (response.status === 404 && options.allowNotFound) {
      await response.body?.cancel();
      return undefined;
    }
    if (!response.ok) {
      const code = /<Code>([^<]{1,100})<\/Code>/.exec(await response.text())?.[1] ?? 'no error code';
      throw new StorageRequestError(
        `S3 ${method} of ${key} in bucket ${this.options.bucket} failed: ${response.status} (${code})`,
      );
    }
    if (method !== 'GET') await response.body?.cancel();
    return response;
  }
}
