import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { checkStatus } from '@digitalbazaar/vc-bitstring-status-list';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { OB_SCHEMAS, validateAgainstSchema, validateOpenBadgeCredential } from '../credentials/index.ts';
import { loaderWithDids } from '../credentials/testing/fixtures.ts';
import { aLoggedInUser } from '../identity/testing.ts';
import { didDocumentOf } from '../issuing/index.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { anEnrolment, playerOf, workThroughSampleCourse } from '../learning/testing.ts';
import { importOnet, sampleDirectory } from '../skills/index.ts';
import { awardsOfBadge, issuedCredentialOf, verifyCredential } from './award-testing.ts';
import { processLearningEvents } from './engine.ts';
import { aPublishedBadge, aPublishedCourse } from './testing.ts';

type Credential = Record<string, unknown> & {
  credentialSubject: {
    achievement: {
      resultDescription?: Array<Record<string, unknown>>;
      alignment?: Array<Record<string, unknown>>;
    };
    result?: Array<Record<string, unknown>>;
    activityEndDate?: string;
  };
  evidence?: Array<Record<string, unknown>>;
};

describe('results and evidence in awarded credentials', { timeout: 120_000 }, () => {
  let t: TestApp;
  let issuer: TestIssuer;

  beforeAll(async () => {
    t = await createTestApp();
    issuer = await anIssuerWithOwner(t.app, t.deps);
    // Aligned skills name O*NET concepts: the shipped sample, as a fresh install loads it.
    await importOnet(t.deps.db, sampleDirectory('onet'));
  });
  afterAll(() => t?.close());

  /** A learner passes the sample course (a first answer wrong, the essay accepted); returns the credential. */
  async function earnSampleBadge(extra: Record<string, unknown> = {}): Promise<Credential> {
    const course = await aPublishedCourse(t.app, issuer.orgId, issuer.owner);
    const badge = await aPublishedBadge(t.app, issuer, { courseIds: [course], extra });
    const learner = await aLoggedInUser(t.app, t.deps);
    const player = playerOf(t.app, learner, await anEnrolment(t.app, learner, course));
    await player.open('intro');
    const wrong = await player.answer('quiz', 'q2', { number: 12 });
    expect(wrong.statusCode, wrong.body).toBe(200);
    await workThroughSampleCourse(player);
    const queue = await t.app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${issuer.orgId}/reviews`,
      headers: issuer.owner.headers,
    });
    const [item] = queue.json().items as Array<{ submission: { id: string } }>;
    const reviewed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/reviews/${item?.submission.id}`,
      headers: issuer.owner.headers,
      payload: { decision: 'accept', feedback: 'Clear.', scores: [{ criterion: 'Clarity', level: 'clear' }] },
    });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    await processLearningEvents(t.deps);
    const [award] = await awardsOfBadge(t.deps, badge.id);
    return (await issuedCredentialOf(t.deps, award?.credentialId ?? null)).credential as Credential;
  }

  it('carries the assessment score, the rubric level reached and the accepted evidence by default', async () => {
    const credential = await earnSampleBadge();
    const subject = credential.credentialSubject;
    const descriptions = subject.achievement.resultDescription ?? [];
    expect(descriptions.map((d) => d.resultType)).toEqual(['Percent', 'RubricCriterionLevel']);
    expect(descriptions[0]).toMatchObject({
      name: expect.stringContaining('Check yourself'),
      valueMin: '0',
      valueMax: '100',
    });
    const rubric = descriptions[1] as {
      id: string;
      rubricCriterionLevel: Array<{ id: string; name: string }>;
    };
    expect(rubric.rubricCriterionLevel.map((l) => l.name)).toEqual(['weak', 'clear']);
    // q1 right and q2 wrong at the first attempt: 50 %; the assessor chose "clear".
    expect(subject.result).toEqual([
      { type: ['Result'], resultDescription: descriptions[0]?.id, value: '50' },
      {
        type: ['Result'],
        resultDescription: rubric.id,
        achievedLevel: rubric.rubricCriterionLevel[1]?.id,
        value: '2',
      },
    ]);
    expect(subject.activityEndDate).toMatch(/^\d{4}-\d\d-\d\dT/);
    const [completion, essay] = credential.evidence ?? [];
    expect(completion?.description).toMatch(/^Activity code HRCI-PAY-[0-9A-Z]{5}-[0-9A-Z]{5}, completed on /);
    expect(essay?.narrative).toContain('How does your team run payroll?');
    expect(essay?.description).toMatch(/^Accepted by .+ on \d{4}-\d\d-\d\d\.$/);
    expect(essay?.id).toBeUndefined();
  });

  it('passes the OB 3.0 JSON Schemas, our verifier and @digitalbazaar/vc with its results, evidence and aligned skills', async () => {
    const credential = await earnSampleBadge({
      skills: [
        { name: 'Listening to employees', concept: { framework: 'onet', code: '2.A.1.b' }, level: 4 },
        { name: 'Payroll' },
      ],
    });
    expect(credential.credentialSubject.achievement.alignment).toEqual([
      {
        type: ['Alignment'],
        targetName: 'Listening to employees',
        targetUrl: 'https://www.onetonline.org/find/descriptor/result/2.A.1.b',
        targetFramework: 'O*NET 29.3',
        targetCode: '2.A.1.b',
        targetType: 'ceasn:Competency',
        targetDescription: expect.stringMatching(/^Giving full attention to what other people are saying/),
      },
    ]);
    expect(validateOpenBadgeCredential(credential)).toEqual({ valid: true, errors: [] });
    expect(
      validateAgainstSchema(OB_SCHEMAS.getOpenBadgeCredentialsResponse, { credential: [credential] }),
    ).toEqual({ valid: true, errors: [] });
    expect((await verifyCredential(t.app, credential)).verified).toBe(true);
    const didDocument = await didDocumentOf(t.deps, issuer.slug);
    if (!didDocument) throw new Error('the issuer has no DID document');
    // The status list is read from the running app (nothing is fetched over the network).
    const statusUrl = (credential.credentialStatus as { statusListCredential: string }).statusListCredential;
    const list = await t.app.inject({ method: 'GET', url: new URL(statusUrl).pathname });
    expect(list.statusCode).toBe(200);
    const didLoader = loaderWithDids(didDocument);
    const documentLoader = async (url: string) =>
      url === statusUrl ? { document: list.json(), documentUrl: url, contextUrl: null } : didLoader(url);
    const suite = new DataIntegrityProof({ cryptosuite });
    const result = await vc.verifyCredential({
      credential,
      suite,
      documentLoader,
      checkStatus: (options: { credential: object }) => checkStatus({ ...options, documentLoader, suite }),
    });
    expect(result.error).toBeUndefined();
    expect(result.verified).toBe(true);
  });

  it('leaves results and evidence out when the badge does not disclose them', async () => {
    const credential = await earnSampleBadge({ disclose: { results: false, evidence: false } });
    expect(credential.credentialSubject.achievement.resultDescription).toBeUndefined();
    expect(credential.credentialSubject.result).toBeUndefined();
    expect(credential.evidence).toBeUndefined();
  });

  it('discloses only the results when the badge keeps the evidence back', async () => {
    const credential = await earnSampleBadge({ disclose: { results: true, evidence: false } });
    expect(credential.credentialSubject.result).toHaveLength(2);
    expect(credential.evidence).toBeUndefined();
  });

  it('carries a manual award narrative and evidence narrative as evidence entries', async () => {
    const course = await aPublishedCourse(t.app, issuer.orgId, issuer.owner);
    const badge = await aPublishedBadge(t.app, issuer, { courseIds: [course] });
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/badges/${badge.id}/awards`,
      headers: issuer.owner.headers,
      payload: {
        email: 'manual-narrative@example.org',
        narrative: 'Led the payroll migration in 2026.',
        evidenceUrl: 'https://academy.example.org/projects/42',
        evidenceNarrative: 'The migration plan and its sign-off.',
      },
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ narrative: 'Led the payroll migration in 2026.' });
    const credential = (await issuedCredentialOf(t.deps, response.json().credentialId))
      .credential as Credential;
    expect(credential.evidence).toEqual([
      {
        id: 'https://academy.example.org/projects/42',
        type: ['Evidence'],
        name: 'Evidence',
        narrative: 'The migration plan and its sign-off.',
      },
      {
        type: ['Evidence'],
        name: 'Why this badge was awarded',
        narrative: 'Led the payroll migration in 2026.',
      },
    ]);
    expect(credential.credentialSubject.result).toBeUndefined();
    expect(validateOpenBadgeCredential(credential)).toEqual({ valid: true, errors: [] });
  });

  it('refuses an empty manual award narrative with a 400', async () => {
    const course = await aPublishedCourse(t.app, issuer.orgId, issuer.owner);
    const badge = await aPublishedBadge(t.app, issuer, { courseIds: [course] });
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${issuer.orgId}/badges/${badge.id}/awards`,
      headers: issuer.owner.headers,
      payload: { email: 'empty-narrative@example.org', narrative: '   ' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('states the disclosure setting in the badge definition and refuses a malformed one', async () => {
    const course = await aPublishedCourse(t.app, issuer.orgId, issuer.owner);
    const badge = await aPublishedBadge(t.app, issuer, { courseIds: [course] });
    expect(badge.disclose).toEqual({ results: true, evidence: true });
    const changed = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/orgs/${issuer.orgId}/badges/${badge.id}`,
      headers: issuer.owner.headers,
      payload: { disclose: { results: false, evidence: true } },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().disclose).toEqual({ results: false, evidence: true });
    const bad = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/orgs/${issuer.orgId}/badges/${badge.id}`,
      headers: issuer.owner.headers,
      payload: { disclose: { results: 'yes' } },
    });
    expect(bad.statusCode).toBe(400);
  });
});
