// Files in an S3-compatible bucket (AWS S3, MinIO, Ceph, R2, …) over the plain REST API: PUT, GET and
// DELETE Object, each signed with AWS Signature Version 4 (header-based, signed payload hash):
// https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html
import { createHash, createHmac } from 'node:crypto';
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
  now?: () => Date;
}

export class StorageRequestError extends Error {
  readonly code = 'STORAGE_REQUEST_FAILED';
}

export class S3FileStorage implements FileStorage {
  readonly kind = 's3';

  constructor(private readonly options: S3Options) {}

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
    const { endpoint, bucket, forcePathStyle } = this.options;
    const origin = new URL(endpoint);
    const host = forcePathStyle ? origin.host : `${bucket}.${origin.host}`;
    const path = `${forcePathStyle ? `/${bucket}` : ''}/${encodePath(checkStorageKey(key))}`;
    const body = options.body ?? new Uint8Array();
    const headers = signS3Request(
      {
        method,
        host,
        path,
        headers: options.contentType ? { 'content-type': options.contentType } : {},
        payloadHash: sha256Hex(body),
      },
      this.options,
      (this.options.now ?? (() => new Date()))(),
    );
    const response = await fetch(`${origin.protocol}//${host}${path}`, {
      method,
      headers,
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
        `S3 ${method} of ${key} in bucket ${bucket} failed: ${response.status} (${code})`,
      );
    }
    if (method !== 'GET') await response.body?.cancel();
    return response;
  }
}

export interface SigningRequest {
  method: string;
  host: string;
  /** The path exactly as sent, each segment already URI-encoded (S3 does not normalise it). */
  path: string;
  /** Further headers to sign and send (lower-case names), besides host and the x-amz-* ones added here. */
  headers: Record<string, string>;
  /** Hex SHA-256 of the body. */
  payloadHash: string;
}

/**
 * The headers to send for a request: the given ones, x-amz-date, x-amz-content-sha256 and authorization.
 * Host is signed but left out of the result: fetch sets it from the URL.
 */
export function signS3Request(
  request: SigningRequest,
  credentials: { accessKeyId: string; secretAccessKey: string; region: string },
  now: Date,
): Record<string, string> {
  const amzDate = now.toISOString().replace(/[-:]|\.\d{3}/g, '');
  const day = amzDate.slice(0, 8);
  const scope = `${day}/${credentials.region}/s3/aws4_request`;
  const signed: Record<string, string> = {
    ...Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v])),
    host: request.host,
    'x-amz-content-sha256': request.payloadHash,
    'x-amz-date': amzDate,
  };
  const names = Object.keys(signed).sort();
  const canonicalRequest = [
    request.method,
    request.path,
    '', // no query string
    ...names.map((name) => `${name}:${String(signed[name]).trim().replace(/\s+/g, ' ')}`),
    '',
    names.join(';'),
    request.payloadHash,
  ].join('\n');
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  let key: Buffer = hmac(`AWS4${credentials.secretAccessKey}`, day);
  for (const part of [credentials.region, 's3', 'aws4_request']) key = hmac(key, part);
  const signature = createHmac('sha256', key).update(stringToSign).digest('hex');
  const { host: _host, ...headers } = signed;
  return {
    ...headers,
    authorization: `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope},SignedHeaders=${names.join(';')},Signature=${signature}`,
  };
}

/** URI-encodes each segment as SigV4 wants it: everything but A-Z a-z 0-9 - . _ ~ (RFC 3986 unreserved). */
export function encodePath(path: string): string {
  return path
    .split('/')
    .map((segment) =>
      encodeURIComponent(segment).replace(
        /[!'()*]/g,
        (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
      ),
    )
    .join('/');
}

const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();
const sha256Hex = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');
