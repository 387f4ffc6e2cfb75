import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { sniffFileType } from '../catalog/index.ts';
import { aPublishedCourse } from '../catalog/testing.ts';
import { aLoggedInUser, type TestSession } from '../identity/testing.ts';
import { anIssuerWithOwner, type TestIssuer } from '../issuing/testing.ts';
import { anEnrolment, multipartFile, playerOf } from './testing.ts';
import { safeFilename } from './uploads.ts';

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2048, 0x20), Buffer.from('\n%%EOF\n')]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

describe('file-upload evidence', () => {
  let t: TestApp;
  let issuer: TestIssuer;
  let courseId: string;

  beforeAll(async () => {
    t = await createTestApp();
    issuer = await anIssuerWithOwner(t.app, t.deps, 'Upload Academy');
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
  afterAll(() => t?.close());

  const evidenceFiles = () => {
    try {
      return readdirSync(join(t.deps.config.dataDir, 'files', 'evidence')).filter(
        (name) => !name.startsWith('.'),
      );
    } catch {
      return [];
    }
  };
  const aLearner = async () => {
    const learner = await aLoggedInUser(t.app, t.deps);
    const enrolmentId = await anEnrolment(t.app, learner, courseId);
    return { learner, enrolmentId };
  };
  const upload = (
    learner: TestSession,
    enrolmentId: string,
    file: { payload: Buffer; headers: Record<string, string> },
  ) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/me/enrolments/${enrolmentId}/evidence/project/file`,
      headers: { ...learner.headers, ...file.headers },
      payload: file.payload,
    });

  it('stores an uploaded PDF, queues it for review and lets the assessor download it', async () => {
    const { learner, enrolmentId } = await aLearner();
    const response = await upload(
      learner,
      enrolmentId,
      multipartFile('Informe de nóminas.pdf', PDF, 'application/pdf'),
    );
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({
      task: 'file-upload',
      status: 'pending',
      response: 'Informe de nóminas.pdf (pdf)',
    });
    const id = response.json().id;
    expect(evidenceFiles()).toContain(id);
    const file = await t.app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${issuer.orgId}/reviews/${id}/file`,
      headers: issuer.owner.headers,
    });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toContain("filename*=UTF-8''Informe%20de%20n%C3%B3minas.pdf");
    expect(file.rawPayload.equals(PDF)).toBe(true);
    const theirs = await t.app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${issuer.orgId}/reviews/${id}/file`,
      headers: learner.headers,
    });
    expect(theirs.statusCode).toBe(404);
  });

  it('refuses a file of the wrong type, whatever its name and declared type, and saves nothing', async () => {
    const { learner, enrolmentId } = await aLearner();
    const before = evidenceFiles().length;
    const response = await upload(learner, enrolmentId, multipartFile('report.pdf', PNG, 'application/pdf'));
    expect(response.statusCode).toBe(400);
    expect(response.json().detail).toBe('This task accepts pdf files only.');
    expect(evidenceFiles()).toHaveLength(before);
    expect((await playerOf(t.app, learner, enrolmentId).state()).json().units[0].status).toBe('available');
  });

  it('refuses a file over the task’s limit with 413 naming the limit, and saves nothing', async () => {
    const { learner, enrolmentId } = await aLearner();
    const before = evidenceFiles().length;
    const big = Buffer.concat([PDF, Buffer.alloc(1024 * 1024, 0x20)]);
    const response = await upload(learner, enrolmentId, multipartFile('big.pdf', big, 'application/pdf'));
    expect(response.statusCode).toBe(413);
    expect(response.json().detail).toContain('limit of 1 MB');
    expect(evidenceFiles()).toHaveLength(before);
  });

  it('refuses an empty file and a request without a file', async () => {
    const { learner, enrolmentId } = await aLearner();
    const empty = await upload(
      learner,
      enrolmentId,
      multipartFile('empty.pdf', Buffer.alloc(0), 'application/pdf'),
    );
    expect(empty.statusCode).toBe(400);
    expect(empty.json().detail).toBe('The file is empty.');
    const json = await t.app.inject({
      method: 'POST',
      url: `/api/v1/me/enrolments/${enrolmentId}/evidence/project/file`,
      headers: learner.headers,
      payload: { text: 'no file' },
    });
    expect(json.statusCode).toBe(400);
    const viaJson = await playerOf(t.app, learner, enrolmentId).submit('project', {
      text: 'here is my report',
    });
    expect(viaJson.statusCode).toBe(400);
    expect(viaJson.json().detail).toContain('upload it as multipart/form-data');
  });

  it('refuses a second upload while the first waits for review', async () => {
    const { learner, enrolmentId } = await aLearner();
    expect((await upload(learner, enrolmentId, multipartFile('a.pdf', PDF))).statusCode).toBe(201);
    const before = evidenceFiles().length;
    const again = await upload(learner, enrolmentId, multipartFile('b.pdf', PDF));
    expect(again.statusCode).toBe(409);
    expect(evidenceFiles()).toHaveLength(before);
    expect(
      readdirSync(join(t.deps.config.dataDir, 'files', 'evidence')).filter((n) => n.startsWith('.tmp-')),
    ).toEqual([]);
  });

  it('recognises files by their first bytes and cleans names', () => {
    expect(sniffFileType(PDF, 'x.bin')).toBe('pdf');
    expect(sniffFileType(PNG, 'x.pdf')).toBe('png');
    expect(sniffFileType(Buffer.from([0x50, 0x4b, 0x03, 0x04]), 'essay.docx')).toBe('docx');
    expect(sniffFileType(Buffer.from([0x50, 0x4b, 0x03, 0x04]), 'archive.zip')).toBeNull();
    expect(safeFilename('../../etc/passwd')).toBe('passwd');
    expect(safeFilename('a"b<script>.pdf')).toBe('a_b_script_.pdf');
  });
});
