// Recognition over HTTP: a manager congratulates or endorses a badge an employee shares; an endorsement is an
// OB 3.0 EndorsementCredential signed by the employer that passes the schema, our verifier and the reference
// libraries, and its withdrawal shows as a revocation. Unshared badges stay invisible (404).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { lastClaimToken } from '../badges/award-testing.ts';
import { aPublishedBadge, aPublishedCourse } from '../badges/testing.ts';
import { validateOpenBadgeCredential } from '../credentials/index.ts';
import { aLoggedInUser, type TestSession } from '../identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { referenceVerify } from '../vcapi/testing.ts';
import { verifyBadge } from '../verification/index.ts';
import { anEmployee, anEmployerWithManager, type TestEmployer } from './testing.ts';

type Person = TestSession & { email: string };
type Json = Record<string, unknown>;

describe('endorsements and congratulations', { timeout: 120_000 }, () => {
  let t: TestApp;
  let issuer: TestIssuer;
  let employer: TestEmployer;
  let employerSlug: string;
  let badgeIds: string[];

  beforeAll(async () => {
    t = await createTestApp();
    issuer = await anIssuerWithOwner(t.app, t.deps);
    const courseId = await aPublishedCourse(t.app, issuer.orgId, issuer.owner);
    badgeIds = [];
    for (const name of ['Safe lifting', 'Forklift driving']) {
      badgeIds.push((await aPublishedBadge(t.app, issuer, { courseIds: [courseId], name })).id);
    }
    employer = await anEmployerWithManager(t.app, t.deps);
    const org = await api('GET', `/orgs/${employer.orgId}`, employer.owner.headers);
    employerSlug = org.json().slug;
  });
  afterAll(() => t?.close());

  const api = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, headers: object, payload?: object) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: headers as Record<string, string>,
      ...(payload ? { payload } : {}),
    });

  async function anAcceptedAward(person: Person, i: number): Promise<string> {
    const awarded = await api(
      'POST',
      `/orgs/${issuer.orgId}/badges/${badgeIds[i]}/awards`,
      issuer.owner.headers,
      {
        email: person.email,
      },
    );
    expect(awarded.statusCode, awarded.body).toBe(201);
    const token = await lastClaimToken(t.deps, person.email);
    expect((await api('POST', `/claims/${token}/accept`, person.headers)).statusCode).toBe(200);
    return awarded.json().id;
  }

  /** A person with two accepted badges who shares only the first with the employer. */
  async function aSharingEmployee() {
    const person = await aLoggedInUser(t.app, t.deps, { name: 'Maria Gómez' });
    const shared = await anAcceptedAward(person, 0);
    const unshared = await anAcceptedAward(person, 1);
    const employeeId = await anEmployee(t.app, t.deps, employer, person);
    const consent = await api('PUT', `/me/employers/${employer.orgId}/consent`, person.headers, {
      share: 'chosen',
      includeImports: false,
      awardIds: [shared],
    });
    expect(consent.statusCode, consent.body).toBe(200);
    return { person, employeeId, shared, unshared };
  }

  const endorsementsUrl = (employeeId: string) =>
    `/orgs/${employer.orgId}/employees/${employeeId}/endorsements`;
  const send = (employeeId: string, body: Json, as: TestSession = employer.manager) =>
    api('POST', endorsementsUrl(employeeId), as.headers, body);
  const hosted = async (url: string) => {
    const response = await t.app.inject({ method: 'GET', url: new URL(url).pathname });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toContain('application/ld+json');
    return response.json() as Json;
  };

  it('signs an endorsement that passes the OB 3.0 schema, our verifier and @digitalbazaar/vc', async () => {
    const { employeeId, shared } = await aSharingEmployee();
    const created = await send(employeeId, {
      awardId: shared,
      kind: 'endorsement',
      comment: 'Maria led our lifting drills <all> spring.',
    });
    expect(created.statusCode, created.body).toBe(201);
    const body = created.json();
    expect(body).toMatchObject({
      employeeId,
      awardId: shared,
      badgeName: 'Safe lifting',
      kind: 'endorsement',
      authorName: expect.any(String),
      revokedAt: null,
    });
    expect(body.credentialUrl).toBe(`${t.deps.config.publicUrl}/endorsements/${body.id}`);

    const credential = await hosted(body.credentialUrl);
    expect(credential).toMatchObject({
      id: body.credentialUrl,
      type: ['VerifiableCredential', 'EndorsementCredential'],
      issuer: { id: expect.stringMatching(new RegExp(`^did:web:[^:]+:issuers:${employerSlug}$`)) },
      credentialSubject: {
        type: ['EndorsementSubject'],
        endorsementComment: 'Maria led our lifting drills <all> spring.',
      },
      credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' },
    });
    const subjectId = (credential.credentialSubject as Json).id as string;
    expect(subjectId).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    const endorsed = await t.deps.db
      .selectFrom('awards')
      .select('credentialId')
      .where('id', '=', shared)
      .executeTakeFirstOrThrow();
    expect(subjectId).toBe(`urn:uuid:${endorsed.credentialId}`);

    expect(validateOpenBadgeCredential(credential)).toEqual({ valid: true, errors: [] });
    const report = await verifyBadge(t.deps, { kind: 'credential', credential });
    expect(report.verdict, JSON.stringify(report.checks)).toBe('verified');
    const reference = await referenceVerify(t, { slug: employerSlug } as TestIssuer, credential);
    expect(reference.error).toBeUndefined();
    expect(reference.verified).toBe(true);
  });

  it('answers 404 for a badge the person does not share, exactly as for an unknown one', async () => {
    const { employeeId, unshared } = await aSharingEmployee();
    const hidden = await send(employeeId, {
      awardId: unshared,
      kind: 'congratulation',
      comment: 'Well done',
    });
    const unknown = await send(employeeId, {
      awardId: '00000000-0000-4000-8000-000000000000',
      kind: 'congratulation',
      comment: 'Well done',
    });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.headers['content-type']).toContain('application/problem+json');
    const { requestId: _a, ...hiddenProblem } = hidden.json();
    const { requestId: _b, ...unknownProblem } = unknown.json();
    expect(hiddenProblem).toEqual(unknownProblem);
    expect((await api('GET', endorsementsUrl(employeeId), employer.manager.headers)).json().items).toEqual(
      [],
    );
  });

  it('answers 404 once the person withdrew from the employer', async () => {
    const { person, employeeId, shared } = await aSharingEmployee();
    expect((await api('DELETE', `/me/employers/${employer.orgId}`, person.headers)).statusCode).toBe(204);
    const refused = await send(employeeId, { awardId: shared, kind: 'endorsement', comment: 'Great work' });
    expect(refused.statusCode, refused.body).toBe(404);
  });

  it('reports a withdrawn endorsement as revoked to every verifier and hides it from the person', async () => {
    const { person, employeeId, shared } = await aSharingEmployee();
    const created = (
      await send(employeeId, { awardId: shared, kind: 'endorsement', comment: 'Reliable.' })
    ).json();
    expect((await api('GET', '/me/endorsements', person.headers)).json().items).toHaveLength(1);

    const withdrawn = await api(
      'DELETE',
      `${endorsementsUrl(employeeId)}/${created.id}`,
      employer.manager.headers,
    );
    expect(withdrawn.statusCode, withdrawn.body).toBe(204);
    const again = await api(
      'DELETE',
      `${endorsementsUrl(employeeId)}/${created.id}`,
      employer.manager.headers,
    );
    expect(again.statusCode).toBe(204);

    const credential = await hosted(created.credentialUrl);
    const report = await verifyBadge(t.deps, { kind: 'credential', credential });
    expect(report.verdict).toBe('not-verified');
    expect(report.checks.find((check) => check.code === 'status')?.status).toBe('failed');
    const reference = await referenceVerify(t, { slug: employerSlug } as TestIssuer, credential);
    expect(reference.statusResult?.results?.[0]?.status).toBe(true);

    expect((await api('GET', '/me/endorsements', person.headers)).json().items).toEqual([]);
    const listed = (await api('GET', endorsementsUrl(employeeId), employer.manager.headers)).json().items;
    expect(listed).toEqual([expect.objectContaining({ id: created.id, revokedAt: expect.any(String) })]);
  });

  it('mails a congratulation to the person and shows it to them, without a credential', async () => {
    const { person, employeeId, shared } = await aSharingEmployee();
    const created = await send(employeeId, {
      awardId: shared,
      kind: 'congratulation',
      comment: '  Congratulations on the certificate!  ',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ kind: 'congratulation', credentialUrl: null });
    expect(created.json().comment).toBe('Congratulations on the certificate!');

    const manager = await t.deps.db
      .selectFrom('users')
      .select('name')
      .where('id', '=', employer.manager.userId)
      .executeTakeFirstOrThrow();
    const orgName = (await api('GET', `/orgs/${employer.orgId}`, employer.owner.headers)).json().name;
    const mail = await t.deps.db
      .selectFrom('mailMessages')
      .select(['subject', 'textBody', 'carriesSecret'])
      .where('toAddress', '=', person.email.toLowerCase())
      .where('idempotencyKey', '=', `badge-recognised:${created.json().id}`)
      .executeTakeFirstOrThrow();
    expect(mail.subject).toBe(`${manager.name} at ${orgName} congratulated you on Safe lifting`);
    expect(mail.textBody).toContain('Congratulations on the certificate!');
    expect(mail.textBody).toContain(`/learn/badges/${shared}`);
    expect(mail.carriesSecret).toBe(false);

    const mine = (await api('GET', `/me/endorsements?awardId=${shared}`, person.headers)).json().items;
    expect(mine).toEqual([
      expect.objectContaining({ kind: 'congratulation', org: { id: employer.orgId, name: orgName } }),
    ]);
    const stranger = await aLoggedInUser(t.app, t.deps);
    expect((await api('GET', '/me/endorsements', stranger.headers)).json().items).toEqual([]);
  });

  it('shows standing endorsements on the public badge page with a link to the credential', async () => {
    const { person, employeeId, shared } = await aSharingEmployee();
    const created = (
      await send(employeeId, { awardId: shared, kind: 'endorsement', comment: 'Trusted lifter.' })
    ).json();
    await send(employeeId, { awardId: shared, kind: 'congratulation', comment: 'Private note' });
    const made = await api('PUT', `/me/badges/${shared}/sharing`, person.headers, { visibility: 'public' });
    expect(made.statusCode, made.body).toBe(200);
    const page = await t.app.inject({
      method: 'GET',
      url: `/badges/${shared}`,
      headers: { accept: 'text/html' },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Trusted lifter.');
    expect(page.body).toContain(`href="${created.credentialUrl}"`);
    expect(page.body).not.toContain('Private note');
  });

  it('refuses an empty or too long comment and an unknown kind with 400 naming the field', async () => {
    const { employeeId, shared } = await aSharingEmployee();
    for (const [body, path] of [
      [{ awardId: shared, kind: 'endorsement', comment: '   ' }, 'comment'],
      [{ awardId: shared, kind: 'endorsement', comment: 'x'.repeat(1001) }, 'comment'],
      [{ awardId: shared, kind: 'praise', comment: 'Hi' }, 'kind'],
    ] as const) {
      const refused = await send(employeeId, body);
      expect(refused.statusCode, refused.body).toBe(400);
      expect(JSON.stringify(refused.json())).toContain(path);
    }
  });

  it('lets only owners, admins and managers of the employer recognise anyone', async () => {
    const { person, employeeId, shared } = await aSharingEmployee();
    const refused = await send(
      employeeId,
      { awardId: shared, kind: 'congratulation', comment: 'Me!' },
      person,
    );
    expect(refused.statusCode).toBe(404);
    const byOwner = await send(
      employeeId,
      { awardId: shared, kind: 'congratulation', comment: 'From the owner' },
      employer.owner,
    );
    expect(byOwner.statusCode, byOwner.body).toBe(201);
  });
});
