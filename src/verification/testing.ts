// Test helpers of the verification context: a credential issued by this server, downloaded baked
// images, and multipart bodies as a browser form would send them.
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../deps.ts';
import { anIssuerWithOwner, sampleIssueRequest, type TestIssuer } from '../issuing/testing.ts';

export interface IssuedForTest {
  id: string;
  credential: Record<string, unknown>;
  jwt: string;
  issuer: TestIssuer;
}

export async function anIssuedCredential(
  app: FastifyInstance,
  deps: Deps,
  options: { issuer?: TestIssuer; email?: string; badgeName?: string } = {},
): Promise<IssuedForTest> {
  const issuer = options.issuer ?? (await anIssuerWithOwner(app, deps));
  const request = sampleIssueRequest(options.email);
  const response = await app.inject({
    method: 'POST',
    url: `/api/v1/orgs/${issuer.orgId}/credentials`,
    headers: issuer.owner.headers,
    payload: {
      ...request,
      achievement: { ...request.achievement, name: options.badgeName ?? request.achievement.name },
      alsoJwt: true,
    },
  });
  if (response.statusCode !== 201) throw new Error(`issuing failed: ${response.statusCode} ${response.body}`);
  const body = response.json();
  return { id: body.id, credential: body.credential, jwt: body.jwt, issuer };
}

export async function aBakedDownload(
  app: FastifyInstance,
  issued: IssuedForTest,
  fileType: 'png' | 'svg',
  form: 'json' | 'jwt' = 'json',
): Promise<Buffer> {
  const response = await app.inject({
    method: 'GET',
    url: `/api/v1/orgs/${issued.issuer.orgId}/credentials/${issued.id}/baked.${fileType}?form=${form}`,
    headers: issued.issuer.owner.headers,
  });
  if (response.statusCode !== 200) throw new Error(`download failed: ${response.statusCode}`);
  return response.rawPayload;
}

export type FormPart =
  | { name: string; value: string }
  | { name: string; filename: string; type: string; bytes: Buffer };

/** A multipart/form-data body and its content type. */
export function multipartForm(parts: FormPart[]): { payload: Buffer; headers: { 'content-type': string } } {
  const boundary = `----tessera${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition =
      'filename' in part
        ? `form-data; name="${part.name}"; filename="${part.filename}"\r\nContent-Type: ${part.type}`
        : `form-data; name="${part.name}"`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n\r\n`));
    chunks.push('filename' in part ? part.bytes : Buffer.from(part.value));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
