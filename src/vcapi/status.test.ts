// POST /credentials/status over the real HTTP server: revoke, suspend and lift a suspension of credentials
// issued through the VC-API, seen by a verifier in the list this server publishes and in POST
// /credentials/verify; the request forms of the VC-API spec and of the W3C Bitstring Status List suite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import {
  aVcApiIssuer,
  badgeCredential,
  bitOf,
  checkOf,
  issueVc,
  plainCredential,
  referenceVerify,
  statusEntriesOf,
  updateStatus,
  type VcApiIssuer,
  verifyVc,
} from './testing.ts';

type Json = Record<string, unknown>;

const SUSPENDABLE = { credentialStatus: [{ type: 'BitstringStatusListEntry', statusPurpose: 'suspension' }] };

describe('changing the status of VC-API credentials', () => {
  let t: TestApp;
  let issuer: VcApiIssuer;

  beforeAll(async () => {
    t = await createTestApp();
    issuer = await aVcApiIssuer(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  const issue = async (credential: Json, options?: Json): Promise<Json> => {
    const response = await issueVc(t, issuer.auth, credential, options);
    expect(response.statusCode, response.body).toBe(201);
    return response.json().verifiableCredential;
  };
  const update = (body: Json) => updateStatus(t, issuer.auth, body);
  const entry = (vc: Json, purpose: string) => statusEntriesOf(vc).find((e) => e.statusPurpose === purpose)!;

  it('revokes a credential: the published list shows the bit set and verification says revoked', async () => {
    const vc = await issue(badgeCredential(issuer.did));
    expect((await verifyVc(t, vc)).statusCode).toBe(200);

    // The form the W3C Bitstring Status List suite sends: no `status`, which means "set".
    const response = await update({
      credentialId: vc.id,
      credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      credentialId: vc.id,
      credentialStatus: [{ statusPurpose: 'revocation', status: true }],
    });
    expect(await bitOf(t, entry(vc, 'revocation'))).toBe(true);

    const verified = await verifyVc(t, vc);
    expect(verified.statusCode).toBe(400);
    expect(verified.json().verified).toBe(false);
    expect(checkOf(verified, 'status')).toMatchObject({
      status: 'failed',
      message: expect.stringMatching(/revoked/),
    });
    const reference = await referenceVerify(t, issuer, vc);
    expect(reference.statusResult?.results?.map((r) => r.status)).toEqual([true]);
  });

  it('keeps a revoked credential revoked: clearing its revocation bit is refused with 409', async () => {
    const vc = await issue(plainCredential(issuer.did));
    const revoke = {
      credentialId: vc.id,
      credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' },
    };
    expect((await update({ ...revoke, status: true })).statusCode).toBe(200);
    expect((await update({ ...revoke, status: true })).statusCode).toBe(200);
    const undo = await update({ ...revoke, status: false });
    expect(undo.statusCode).toBe(409);
    expect(undo.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await bitOf(t, entry(vc, 'revocation'))).toBe(true);
  });

  it('suspends and lifts the suspension of a credential issued with a suspension entry', async () => {
    const vc = await issue(plainCredential(issuer.did), SUSPENDABLE);
    const suspension = { type: 'BitstringStatusListEntry', statusPurpose: 'suspension' };

    // The VC-API spec's form: `status` beside the entry.
    const suspended = await update({ credentialId: vc.id, credentialStatus: suspension, status: true });
    expect(suspended.statusCode, suspended.body).toBe(200);
    expect(suspended.json().credentialStatus).toEqual([
      expect.objectContaining({ statusPurpose: 'revocation', status: false }),
      expect.objectContaining({ statusPurpose: 'suspension', status: true }),
    ]);
    expect(await bitOf(t, entry(vc, 'suspension'))).toBe(true);
    expect(await bitOf(t, entry(vc, 'revocation'))).toBe(false);
    expect(checkOf(await verifyVc(t, vc), 'status')).toMatchObject({
      status: 'failed',
      message: expect.stringMatching(/suspended/),
    });
    expect((await referenceVerify(t, issuer, vc)).statusResult?.results?.map((r) => r.status)).toEqual([
      false,
      true,
    ]);

    const lifted = await update({ credentialId: vc.id, credentialStatus: suspension, status: false });
    expect(lifted.statusCode).toBe(200);
    expect(await bitOf(t, entry(vc, 'suspension'))).toBe(false);
    expect(checkOf(await verifyVc(t, vc), 'status')?.status).toBe('passed');
  });

  it('accepts a list of entries, each with its own status', async () => {
    const vc = await issue(plainCredential(issuer.did), SUSPENDABLE);
    const response = await update({
      credentialId: vc.id,
      credentialStatus: [
        { type: 'BitstringStatusListEntry', statusPurpose: 'suspension', status: true },
        { type: 'BitstringStatusListEntry', statusPurpose: 'revocation', status: true },
      ],
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(await bitOf(t, entry(vc, 'suspension'))).toBe(true);
    expect(await bitOf(t, entry(vc, 'revocation'))).toBe(true);
  });

  it('finds a credential by the credentialId given when it was issued', async () => {
    const { id: _id, ...withoutId } = plainCredential(issuer.did);
    const issued = await issue(withoutId, {
      credentialId: 'example.com/ad5d541f-db7a-4bff-97e1-d403ce403767',
    });
    expect(issued.id).toBeUndefined();
    const response = await update({
      credentialId: 'example.com/ad5d541f-db7a-4bff-97e1-d403ce403767',
      credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' },
    });
    expect(response.statusCode).toBe(200);
    expect(await bitOf(t, entry(issued, 'revocation'))).toBe(true);
  });

  it('accepts the entry named by its list and index, and refuses an entry of another credential', async () => {
    const vc = await issue(plainCredential(issuer.did));
    const own = entry(vc, 'revocation');
    const named = await update({
      credentialId: vc.id,
      credentialStatus: { ...own, status: false },
    });
    expect(named.statusCode, named.body).toBe(200);
    const other = await update({
      credentialId: vc.id,
      credentialStatus: { ...own, statusListIndex: String(Number(own.statusListIndex) + 1) },
    });
    expect(other.statusCode).toBe(400);
    expect(other.json().errors[0].path).toBe('body.credentialStatus');
    expect(await bitOf(t, own)).toBe(false);
  });

  it('is described in the OpenAPI document as needing the vc:issue scope', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const operation = spec.paths['/credentials/status'].post;
    expect(operation.security).toContainEqual({ bearer: ['vc:issue'] });
    expect(operation.requestBody.content['application/json'].schema.required).toEqual([
      'credentialId',
      'credentialStatus',
    ]);
  });

  describe('refusals', () => {
    let vc: Json;
    const revoke = (credentialId: unknown) => ({
      credentialId,
      credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' },
    });
    beforeAll(async () => {
      vc = await issue(plainCredential(issuer.did));
    });

    it('answers 404 problem+json for a credential it never issued', async () => {
      const response = await update(revoke('urn:uuid:00000000-0000-4000-8000-000000000000'));
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    });

    it("answers another organization's token 404, exactly as for an unknown credential", async () => {
      const other = await aVcApiIssuer(t);
      const response = await updateStatus(t, other.auth, revoke(vc.id));
      const unknown = await updateStatus(
        t,
        other.auth,
        revoke('urn:uuid:00000000-0000-4000-8000-000000000001'),
      );
      expect(response.statusCode).toBe(404);
      expect(response.json().detail).toBe(unknown.json().detail);
      expect(await bitOf(t, entry(vc, 'revocation'))).toBe(false);
    });

    const badBodies: [string, () => Json][] = [
      [
        'no credentialId',
        () => ({ credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' } }),
      ],
      ['no credentialStatus', () => ({ credentialId: vc.id })],
      [
        'an unknown status purpose',
        () => ({
          credentialId: vc.id,
          credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'message' },
        }),
      ],
      [
        'an unknown entry type',
        () => ({
          credentialId: vc.id,
          credentialStatus: { type: 'StatusList2021Entry', statusPurpose: 'revocation' },
        }),
      ],
      ['a status that is not a boolean', () => ({ ...revoke(vc.id), status: 'yes' })],
      ['an unknown field', () => ({ ...revoke(vc.id), reason: 'because' })],
      [
        'the same purpose twice',
        () => ({
          credentialId: vc.id,
          credentialStatus: [
            { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' },
            { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' },
          ],
        }),
      ],
      [
        'suspension of a credential issued without a suspension entry',
        () => ({
          credentialId: vc.id,
          credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'suspension' },
        }),
      ],
    ];

    it.each(badBodies)('answers 400 problem+json to a body with %s', async (_name, body) => {
      const response = await update(body());
      expect(response.statusCode, response.body).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json().errors.length).toBeGreaterThan(0);
      expect(await bitOf(t, entry(vc, 'revocation'))).toBe(false);
    });

    it('answers 401 without a token and 403 to a token without the vc:issue scope', async () => {
      expect((await updateStatus(t, {}, revoke(vc.id))).statusCode).toBe(401);
      const reader = await aVcApiIssuer(t, ['read']);
      const response = await updateStatus(t, reader.auth, revoke(vc.id));
      expect(response.statusCode).toBe(403);
      expect(await bitOf(t, entry(vc, 'revocation'))).toBe(false);
    });
  });
});
