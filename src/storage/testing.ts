// A real S3-compatible server for tests: s3rver (S3 protocol in Node) on a random loopback port, behind a
// gate that checks every request's AWS Signature V4 itself — s3rver accepts any V4 signature, and a
// signer that only ever meets a lenient server proves nothing. The gate's check is written from the
// specification, independently of the signer s3.ts uses (aws4fetch).
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

/** s3rver knows this one key (its built-in account); the gate holds the matching secret. */
export const TEST_S3_ACCESS_KEY_ID = 'S3RVER';
export const TEST_S3_SECRET_ACCESS_KEY = 'S3RVER';
export const TEST_S3_REGION = 'eu-west-1';

export interface TestS3Server {
  /** The signature-checking endpoint to give Tessera, e.g. http://127.0.0.1:41234. */
  endpoint: string;
  /** s3rver itself, without the gate (anonymous reads, to look into the bucket independently). */
  directEndpoint: string;
  bucket: string;
  /** How many requests the gate refused, and why. */
  refused: string[];
  close(): Promise<void>;
}

export async function startTestS3Server(bucket = 'tessera-test'): Promise<TestS3Server> {
  const directory = mkdtempSync(join(tmpdir(), 'tessera-s3rver-'));
  const s3rver = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const direct = await s3rver.run();
  const refused: string[] = [];
  const gate = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const problem = signatureProblem(req, body);
      if (problem) {
        refused.push(problem);
        res.writeHead(403, { 'content-type': 'application/xml' });
        res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${problem}</Code></Error>`);
        return;
      }
      const forward = httpRequest(
        { host: direct.address, port: direct.port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on('error', () => res.destroy());
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => gate.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(gate.address() as AddressInfo).port}`,
    directEndpoint: `http://${direct.address}:${direct.port}`,
    bucket,
    refused,
    async close() {
      await closeServer(gate);
      await s3rver.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

const closeServer = (server: Server) =>
  new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([a-z0-9-]+)\/s3\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

/** The S3 error code the request deserves, or null when its signature and payload hash are right. */
function signatureProblem(req: IncomingMessage, body: Buffer): string | null {
  const match = AUTHORIZATION.exec(req.headers.authorization ?? '');
  if (!match) return 'AccessDenied';
  const [, accessKeyId, day, region, signedHeaders, signature] = match as unknown as string[];
  if (accessKeyId !== TEST_S3_ACCESS_KEY_ID) return 'InvalidAccessKeyId';
  // As S3 does: a request signed for another region is refused, whatever its signature.
  if (region !== TEST_S3_REGION) return 'AuthorizationHeaderMalformed';
  const amzDate = String(req.headers['x-amz-date'] ?? '');
  const claimedHash = String(req.headers['x-amz-content-sha256'] ?? '');
  const names = String(signedHeaders).split(';');
  for (const required of ['host', 'x-amz-date', 'x-amz-content-sha256']) {
    if (!names.includes(required)) return 'AccessDenied';
  }
  if (createHash('sha256').update(body).digest('hex') !== claimedHash) return 'XAmzContentSHA256Mismatch';
  const requestTime = Date.parse(
    amzDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'),
  );
  if (!(Math.abs(Date.now() - requestTime) < 15 * 60_000) || !amzDate.startsWith(String(day))) {
    return 'RequestTimeTooSkewed';
  }
  const [path = '/', query = ''] = String(req.url).split('?');
  const canonicalQuery = query
    .split('&')
    .filter(Boolean)
    .map((pair) => pair.split('='))
    .sort(([a = ''], [b = '']) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k = '', v = '']) => `${k}=${v}`)
    .join('&');
  const canonicalHeaders = names
    .map(
      (name) =>
        `${name}:${String(req.headers[name] ?? '')
          .trim()
          .replace(/\s+/g, ' ')}\n`,
    )
    .join('');
  const canonical = `${req.method}\n${path}\n${canonicalQuery}\n${canonicalHeaders}\n${signedHeaders}\n${claimedHash}`;
  const scope = `${day}/${region}/s3/aws4_request`;
  const toSign = `AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${createHash('sha256').update(canonical).digest('hex')}`;
  const dateKey = createHmac('sha256', `AWS4${TEST_S3_SECRET_ACCESS_KEY}`).update(String(day)).digest();
  const regionKey = createHmac('sha256', dateKey).update(String(region)).digest();
  const serviceKey = createHmac('sha256', regionKey).update('s3').digest();
  const signingKey = createHmac('sha256', serviceKey).update('aws4_request').digest();
  const expected = createHmac('sha256', signingKey).update(toSign).digest();
  return timingSafeEqual(expected, Buffer.from(String(signature), 'hex')) ? null : 'SignatureDoesNotMatch';
}
