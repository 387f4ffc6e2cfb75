// Test factories of the VC-API: an issuer with a vc:issue token, requests to issue and update status, and
// reading a status entry's bit from the list this server publishes (fetched over HTTP, like any verifier).

import { randomUUID } from 'node:crypto';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { checkStatus } from '@digitalbazaar/vc-bitstring-status-list';
import type { TestApp } from '../../test/support/app.ts';
import { type DidDocument, decodeList } from '../credentials/index.ts';
import { loaderWithDids } from '../credentials/testing/fixtures.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';

type Json = Record<string, unknown>;

export interface VcApiIssuer extends TestIssuer {
  token: string;
  auth: { authorization: string };
  /** The issuer's DID, as its DID document served here says: what a credential names as its issuer. */
  did: string;
}

export async function aVcApiIssuer(t: TestApp, scopes: string[] = ['vc:issue']): Promise<VcApiIssuer> {
  const issuer = await anIssuerWithOwner(t.app, t.deps);
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/me/tokens',
    headers: issuer.owner.headers,
    payload: { name: 'vc-api', orgId: issuer.orgId, scopes },
  });
  if (created.statusCode !== 201) throw new Error(`token creation failed: ${created.body}`);
  const token = created.json().token as string;
  const did = (await t.app.inject({ method: 'GET', url: `/issuers/${issuer.slug}/did.json` })).json().id;
  return { ...issuer, token, auth: { authorization: `Bearer ${token}` }, did: String(did) };
}

/** What the W3C Bitstring Status List test suite sends: a bare VC 2.0 credential with an id, by `issuer`. */
export const plainCredential = (issuer: string): Json => ({
  '@context': ['https://www.w3.org/ns/credentials/v2'],
  id: `urn:uuid:${randomUUID()}`,
  type: ['VerifiableCredential'],
  issuer,
  credentialSubject: { id: 'did:key:z6MkhTNL7i2etLerDK8Acz5t528giE5KA4p75T6ka1E1D74r' },
});

/** An Open Badges 3.0 credential by `issuer` (a Profile; its name is filled in), checked in full here. */
export const badgeCredential = (issuer: string): Json => ({
  '@context': [
    'https://www.w3.org/ns/credentials/v2',
    'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
  ],
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  issuer: { id: issuer, type: ['Profile'] },
  name: 'Conformance badge',
  validFrom: '2026-01-01T00:00:00Z',
  credentialSubject: {
    type: ['AchievementSubject'],
    achievement: {
      id: 'https://academy.example.org/achievements/1',
      type: ['Achievement'],
      name: 'Conformance',
      description: 'Issued through the VC-API.',
      criteria: { narrative: 'Ask.' },
    },
  },
});

export const issueVc = (t: TestApp, headers: Json, credential: unknown, options?: Json) =>
  t.app.inject({
    method: 'POST',
    url: '/credentials/issue',
    headers: headers as Record<string, string>,
    payload: { credential, ...(options && { options }) } as Json,
  });

export const updateStatus = (t: TestApp, headers: Json, body: Json) =>
  t.app.inject({
    method: 'POST',
    url: '/credentials/status',
    headers: headers as Record<string, string>,
    payload: body,
  });

export const verifyVc = (t: TestApp, verifiableCredential: unknown) =>
  t.app.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential } });

export const statusEntriesOf = (credential: Json): Json[] => {
  const status = credential.credentialStatus;
  return Array.isArray(status) ? status : status === undefined ? [] : [status as Json];
};

/** The published list credential an entry points at, fetched from this server by its URL's path. */
export async function fetchStatusList(t: TestApp, entry: Json): Promise<Json> {
  const url = new URL(String(entry.statusListCredential));
  const response = await t.app.inject({ method: 'GET', url: url.pathname });
  if (response.statusCode !== 200) throw new Error(`status list ${url}: ${response.statusCode}`);
  return response.json();
}

/** Whether the entry's bit is set in the list as published now. */
export async function bitOf(t: TestApp, entry: Json): Promise<boolean> {
  const list = await fetchStatusList(t, entry);
  const subject = list.credentialSubject as Json;
  return decodeList(String(subject.encodedList)).get(Number(entry.statusListIndex));
}

/**
 * Verifies with the reference libraries (@digitalbazaar/vc, @digitalbazaar/vc-bitstring-status-list): the
 * proof against the issuer's DID document served here and, when the document has status entries, each
 * entry against its list as published here (the list's own proof and issuer checked too).
 */
export async function referenceVerify(t: TestApp, issuer: TestIssuer, credential: Json) {
  const did = (await t.app.inject({ method: 'GET', url: `/issuers/${issuer.slug}/did.json` })).json();
  const lists = new Map<string, Json>();
  for (const entry of statusEntriesOf(credential))
    lists.set(String(entry.statusListCredential), await fetchStatusList(t, entry));
  const didLoader = loaderWithDids(did as DidDocument);
  const documentLoader = async (url: string) => {
    const list = lists.get(url);
    return list ? { contextUrl: null, documentUrl: url, document: list } : didLoader(url);
  };
  const suite = new DataIntegrityProof({ cryptosuite });
  return vc.verifyCredential({
    credential,
    suite,
    documentLoader,
    checkStatus: () => checkStatus({ credential, documentLoader, suite }),
  }) as Promise<{
    verified: boolean;
    error?: unknown;
    statusResult?: { verified: boolean; error?: Error; results?: { status: boolean }[] };
  }>;
}

export const checkOf = (response: { json(): unknown }, code: string) =>
  (response.json() as { checks: { code: string; status: string; message: string }[] }).checks.find(
    (check) => check.code === code,
  );
