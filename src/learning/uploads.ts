// File-upload evidence: the task's type and size rules, recognising a file by its first bytes (never by the
// name or type the browser claims), and storage under the data directory. Nothing is half-written: the file
// goes to a temporary name and is renamed into place inside the transaction that records the submission,
// so a failed write leaves no row, and a failed insert removes the file.
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  sniffFileType,
  UPLOAD_CONTENT_TYPES,
  type UploadFileType,
  type UploadRules,
} from '../catalog/index.ts';
import type { Deps } from '../deps.ts';
import { InvalidError, NotFoundError } from '../errors.ts';
import type { Actor } from '../identity/actor.ts';
import { requireMembership } from '../orgs/index.ts';
import { evidenceUnit, REVIEWERS, recordSubmission } from './evidence.ts';
import { forLearnerWrite } from './player.ts';
import { findSubmission, type SubmissionRow } from './store.ts';

/** A name safe to echo back and to put in a Content-Disposition header. */
export function safeFilename(name: string): string {
  const cleaned = name
    .normalize('NFC')
    .replace(/^.*[\\/]/, '')
    .replace(/[^\p{L}\p{N} ._()-]/gu, '_')
    .slice(0, 120)
    .trim();
  return cleaned || 'upload';
}

const storedPath = (deps: Deps, submissionId: string) => join(deps.config.dataDir, 'evidence', submissionId);

/** The rules of the task, checked before the body is read (and the learner's access with them). */
export async function uploadRules(
  deps: Deps,
  actor: Actor | null,
  enrolmentId: string,
  unitId: string,
): Promise<UploadRules> {
  return forLearnerWrite(deps, actor, enrolmentId, unitId, async ({ unit }) => {
    const task = evidenceUnit(unit);
    if (task.task !== 'file-upload' || !task.upload) {
      throw new InvalidError('This task does not take a file.', [
        { path: 'unitId', message: `is a ${task.task} task` },
      ]);
    }
    return task.upload;
  });
}

export async function submitFile(
  deps: Deps,
  actor: Actor | null,
  enrolmentId: string,
  unitId: string,
  file: { filename: string; bytes: Uint8Array },
): Promise<SubmissionRow> {
  const rules = await uploadRules(deps, actor, enrolmentId, unitId);
  if (file.bytes.length === 0)
    throw new InvalidError('The file is empty.', [{ path: 'file', message: 'is empty' }]);
  if (file.bytes.length > rules.maxMegabytes * 1024 * 1024) {
    throw new InvalidError(`The file is larger than ${rules.maxMegabytes} MB.`, [
      { path: 'file', message: `must be at most ${rules.maxMegabytes} MB` },
    ]);
  }
  const type = sniffFileType(file.bytes, file.filename);
  if (!type || !rules.types.includes(type)) {
    throw new InvalidError(`This task accepts ${rules.types.join(', ')} files only.`, [
      { path: 'file', message: `must be one of: ${rules.types.join(', ')}` },
    ]);
  }
  const directory = join(deps.config.dataDir, 'evidence');
  await mkdir(directory, { recursive: true });
  const temporary = join(directory, `.upload-${randomUUID()}`);
  await writeFile(temporary, file.bytes, { mode: 0o600 });
  let placed: string | null = null;
  try {
    return await forLearnerWrite(deps, actor, enrolmentId, unitId, async (write) => {
      const submission = await recordSubmission(deps, write, `${safeFilename(file.filename)} (${type})`);
      placed = storedPath(deps, submission.id);
      await rename(temporary, placed);
      return submission;
    });
  } catch (error) {
    // The transaction rolled back: take away whatever reached the disk.
    await rm(temporary, { force: true });
    if (placed) await rm(placed, { force: true });
    throw error;
  }
}

/** For reviewers of the issuer: the uploaded file of a submission. */
export async function submittedFile(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  submissionId: string,
): Promise<{ filename: string; contentType: string; bytes: Buffer }> {
  requireMembership(actor, orgId, REVIEWERS);
  const submission = await findSubmission(deps.db, orgId, submissionId);
  const type = /\((pdf|png|jpeg|docx)\)$/.exec(submission?.response ?? '')?.[1] as UploadFileType | undefined;
  if (submission?.task !== 'file-upload' || !type) throw new NotFoundError('uploaded file');
  const bytes = await readFile(storedPath(deps, submission.id)).catch(() => {
    throw new NotFoundError('uploaded file');
  });
  return {
    filename: submission.response.replace(/ \((pdf|png|jpeg|docx)\)$/, ''),
    contentType: UPLOAD_CONTENT_TYPES[type],
    bytes,
  };
}
