// File-upload evidence: the task's type and size rules, recognising a file by its first bytes (never by the
// name or type the browser claims), and keeping it in the file storage (deps.storage) under
// evidence/<submissionId>. Nothing is half-written: the file is put only after every check passed, inside
// the transaction that records the submission, so a failed put leaves no row and a failed insert deletes
// the file.
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

const storageKey = (submissionId: string) => `evidence/${submissionId}`;

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
        {
          path: 'unitId',
          message: `is a ${task.task} task`,
          code: 'wrong-task-kind',
          params: { task: task.task },
        },
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
    throw new InvalidError('The file is empty.', [{ path: 'file', message: 'is empty', code: 'empty' }]);
  if (file.bytes.length > rules.maxMegabytes * 1024 * 1024) {
    throw new InvalidError(`The file is larger than ${rules.maxMegabytes} MB.`, [
      {
        path: 'file',
        message: `must be at most ${rules.maxMegabytes} MB`,
        code: 'file-too-large',
        params: { megabytes: rules.maxMegabytes },
      },
    ]);
  }
  const type = sniffFileType(file.bytes, file.filename);
  if (!type || !rules.types.includes(type)) {
    throw new InvalidError(`This task accepts ${rules.types.join(', ')} files only.`, [
      {
        path: 'file',
        message: `must be one of: ${rules.types.join(', ')}`,
        code: 'file-type',
        params: { types: rules.types.join(', ') },
      },
    ]);
  }
  let placed: string | null = null;
  try {
    return await forLearnerWrite(deps, actor, enrolmentId, unitId, async (write) => {
      const submission = await recordSubmission(deps, write, `${safeFilename(file.filename)} (${type})`);
      placed = storageKey(submission.id);
      await deps.storage.put(placed, file.bytes, UPLOAD_CONTENT_TYPES[type]);
      return submission;
    });
  } catch (error) {
    // The transaction rolled back: take away whatever reached the storage.
    if (placed) {
      const key = placed;
      await deps.storage
        .delete(key)
        .catch((cleanup) => deps.log.error({ err: cleanup, key }, 'orphan upload'));
    }
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
  const stored = await deps.storage.get(storageKey(submission.id));
  if (!stored) throw new NotFoundError('uploaded file');
  return {
    filename: submission.response.replace(/ \((pdf|png|jpeg|docx)\)$/, ''),
    contentType: UPLOAD_CONTENT_TYPES[type],
    bytes: stored.bytes,
  };
}
