// Uploads end to end with STORAGE_URL pointing at an S3-compatible server: the evidence file travels
// through the HTTP API into the bucket and back out through the reviewers' download route.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { aPublishedCourse } from '../catalog/testing.ts';
import { aLoggedInUser } from '../identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { anEnrolment, multipartFile } from '../learning/testing.ts';
import {
  startTestS3Server,
  TEST_S3_ACCESS_KEY_ID,
  TEST_S3_REGION,
  TEST_S3_SECRET_ACCESS_KEY,
  type TestS3Server,
} from './testing.ts';

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(4096, 0x20), Buffer.from('\n%%EOF\n')]);

describe('uploads kept in S3-compatible storage', () => {
  let s3: TestS3Server;
  let t: TestApp;
  let issuer: TestIssuer;
  let courseId: string;

  beforeAll(async () => {
    s3 = await startTestS3Server('tessera-evidence');
    t = await createTestApp({
      env: {
        STORAGE_URL: `s3://${s3.bucket}?endpoint=${encodeURIComponent(s3.endpoint)}&region=${TEST_S3_REGION}&pathStyle=true`,
        STORAGE_ACCESS_KEY_ID: TEST_S3_ACCESS_KEY_ID,
        STORAGE_SECRET_ACCESS_KEY: TEST_S3_SECRET_ACCESS_KEY,
      },
    });
    issuer = await anIssuerWithOwner(t.app, t.deps, 'Bucket Academy');
    courseId = await aPublishedCourse(t.app, issuer.orgId, issuer.owner, {
      units: [
        {
          id: 'project',
          kind: 'evidence',
          title: 'Payroll project',
          task: 'file-upload',
          instructions: 'Upload your project report.',
          needsReview: true,
          upload: { types: ['pdf'], maxMegabytes: 1 },
        },
      ],
    });
  });
  afterAll(async () => {
    await t?.close();
    await s3?.close();
  });

  it('puts an uploaded evidence file in the bucket and serves it back to the reviewer', async () => {
    expect(t.deps.storage.kind).toBe('s3');
    const learner = await aLoggedInUser(t.app, t.deps);
    const enrolmentId = await anEnrolment(t.app, learner, courseId);
    const file = multipartFile('Payroll report.pdf', PDF, 'application/pdf');
    const uploaded = await t.app.inject({
      method: 'POST',
      url: `/api/v1/me/enrolments/${enrolmentId}/evidence/project/file`,
      headers: { ...learner.headers, ...file.headers },
      payload: file.payload,
    });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const id = uploaded.json().id;

    // Looked up in the bucket directly (anonymously, past the signature gate), not through Tessera.
    const inBucket = await fetch(`${s3.directEndpoint}/${s3.bucket}/evidence/${id}`);
    expect(inBucket.status).toBe(200);
    expect(inBucket.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await inBucket.arrayBuffer()).equals(PDF)).toBe(true);
    expect(existsSync(join(t.deps.config.dataDir, 'files'))).toBe(false);

    const download = await t.app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${issuer.orgId}/reviews/${id}/file`,
      headers: issuer.owner.headers,
    });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.rawPayload.equals(PDF)).toBe(true);
    expect(s3.refused).toEqual([]);
  });
});
