// Test helpers of the verification context: a credential issued by this server, downloaded baked
// images, and multipart bodies as a browser form would send them.
import type { FastifyInstance } from 'fastify';
import {
  buildOpenBadgeCredential,
  didKeyVerificationMethodId,
  Ed25519KeyPair,
  OB_V3_CONTEXT,
  signCredential,
  signCredentialJwt,
  VC_V2_CONTEXT,
} from '../credentials/index.ts';
import { readStandardsExample } from '../credentials/testing/standards.ts';
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

type Json = Record<string, unknown>;

/** A credential signed by its own did:key, as anyone can make one (its key resolves without a network). */
export async function aSelfSignedCredential(): Promise<{ credential: Json; jwt: string }> {
  const keyPair = Ed25519KeyPair.generate();
  const issuer = `did:key:${keyPair.publicKeyMultibase}`;
  const verificationMethod = didKeyVerificationMethodId(keyPair.publicKeyMultibase);
  const unsigned = buildOpenBadgeCredential({
    id: 'urn:uuid:0b1e3c8e-6f0a-4c55-9d44-3f1b2a9c7d10',
    issuer: { id: issuer, name: 'Self-signed Academy' },
    name: 'Self-signed badge',
    recipient: { email: 'someone@example.org', salt: 'abc123' },
    achievement: {
      id: 'https://self.example/achievements/1',
      name: 'Self-signed badge',
      description: 'Issued by whoever holds the key.',
      criteria: { narrative: 'Done.' },
    },
    validFrom: '2026-01-01T00:00:00Z',
  });
  const credential = await signCredential(unsigned, {
    keyPair,
    verificationMethod,
    created: '2026-01-01T00:00:00Z',
  });
  const jwt = await signCredentialJwt(unsigned, { keyPair, verificationMethod });
  return { credential: credential as unknown as Json, jwt };
}

/**
 * An honest but heavy credential: the OB 3.0 specification's complete example (without its revocation
 * list, which no one can check) with `alignments` more alignments, re-issued under a fresh did:key. Its
 * blank nodes tie, so it takes the general JSON-LD path: 300 alignments cost about a second of CPU.
 */
export async function aHeavySelfSignedCredential(alignments: number): Promise<Json> {
  const keyPair = Ed25519KeyPair.generate();
  const example = JSON.parse(readStandardsExample('ob_v3p0/complete-openbadgecredential.json')) as Json;
  const { proof: _proof, credentialStatus: _status, ...unsigned } = example;
  const issuer = unsigned.issuer as Json;
  unsigned.issuer = { ...issuer, id: `did:key:${keyPair.publicKeyMultibase}` };
  const achievement = (unsigned.credentialSubject as { achievement: { alignment?: Json[] } }).achievement;
  achievement.alignment = [
    ...(achievement.alignment ?? []),
    ...Array.from({ length: alignments }, (_, i) => ({
      type: ['Alignment'],
      targetName: `Skill ${i + 1}`,
      targetUrl: `https://self.example/skills/${i + 1}`,
    })),
  ];
  const signed = await signCredential(unsigned, {
    keyPair,
    verificationMethod: didKeyVerificationMethodId(keyPair.publicKeyMultibase),
    created: '2026-01-01T00:00:00Z',
  });
  return signed as unknown as Json;
}

/**
 * The hostile documents of issue #14, grown from a signed credential: each is refused before any proof
 * is looked at, so its signature need not hold (signing 200,000 subjects would itself cost minutes).
 */
export const hostileCredentials = {
  repeatedContexts: (credential: Json, count = 2000): Json => ({
    ...credential,
    '@context': [VC_V2_CONTEXT, ...Array(count).fill(OB_V3_CONTEXT)],
  }),
  emptySubjects: (credential: Json, count = 200_000): Json => ({
    ...credential,
    credentialSubject: [credential.credentialSubject, ...Array(count).fill({})],
  }),
  hugeArray: (credential: Json, count = 50_000): Json => ({
    ...credential,
    type: [...(credential.type as string[]), ...Array.from({ length: count }, (_, i) => `Type${i}`)],
  }),
};
