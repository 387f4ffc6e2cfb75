// Use-cases of the backpack import: bring a badge earned elsewhere, see it with its last verification,
// check it again (now, or on a schedule), share it, remove it. Someone else's badge is "not found".
import type { Deps } from '../deps.ts';
import { ConflictError, NotFoundError, RuleError } from '../errors.ts';
import type { Actor } from '../identity/actor.ts';
import { requireScope, requireSession } from '../identity/index.ts';
import {
  type BadgeInput,
  NotABadgeError,
  readBakedFile,
  type VerificationReport,
  verifyBadge,
  withVerificationSlot,
} from '../verification/index.ts';
import {
  badgeInputOf,
  dedupeKeyOf,
  imageUrlOf,
  MAX_IMPORTS_PER_USER,
  summaryOf,
  unreadableReason,
} from './model.ts';
import {
  countImported,
  deleteImported,
  findImported,
  findPublicImported,
  type ImportedBadge,
  insertImported,
  listImported,
  publicImportPayloadsOf,
  publicImportsOf,
  recordVerification,
  setVisibility,
  takeStale,
} from './store.ts';
import type { ImportSource, ImportVisibility, PayloadKind } from './tables.ts';

export type ImportInput =
  | { url: string }
  | { credential: Record<string, unknown> | string }
  | { file: Uint8Array };

interface Brought {
  source: ImportSource;
  payloadKind: PayloadKind;
  payload: string;
  input: BadgeInput;
}

const URL_TEXT = /^https?:\/\/\S+$/i;

/** Pasted text is a URL, credential JSON, or a compact JWT/JWS (which the verifier judges). */
function broughtText(raw: string): Omit<Brought, 'source'> & { source: ImportSource } {
  const text = raw.trim();
  if (URL_TEXT.test(text))
    return { source: 'url', payloadKind: 'url', payload: text, input: { kind: 'url', url: text } };
  if (text.startsWith('{')) {
    const input = badgeInputOf('json', text);
    return { source: 'json', payloadKind: 'json', payload: text, input };
  }
  return {
    source: 'jwt',
    payloadKind: 'jwt',
    payload: text,
    input: { kind: 'credential', credential: text },
  };
}

/** The baked payload of a file the verifier already accepted (so it is a well-formed, inert image). */
async function unbakedPayload(
  deps: Deps,
  bytes: Uint8Array,
): Promise<Pick<Brought, 'payloadKind' | 'payload'>> {
  const baked = await readBakedFile(deps, bytes);
  const payloadKind: PayloadKind =
    baked.format === 'ob2-url'
      ? 'url'
      : baked.format === 'ob3-jwt' || baked.format === 'ob2-jws'
        ? 'jwt'
        : 'json';
  return { payloadKind, payload: baked.payload.trim() };
}

async function verifyBrought(
  deps: Deps,
  input: ImportInput,
): Promise<{ brought: Omit<Brought, 'input'>; report: VerificationReport }> {
  if ('file' in input) {
    const report = await verifyBadge(deps, { kind: 'file', bytes: input.file });
    return { brought: { source: 'baked-image', ...(await unbakedPayload(deps, input.file)) }, report };
  }
  const brought =
    'url' in input
      ? broughtText(input.url)
      : typeof input.credential === 'string'
        ? broughtText(input.credential)
        : ({
            source: 'json',
            payloadKind: 'json',
            payload: JSON.stringify(input.credential),
            input: { kind: 'credential', credential: input.credential },
          } as const);
  if ('url' in input && brought.source !== 'url')
    throw new NotABadgeError('IMPORT_NOT_A_URL', 'The url is not an http(s) URL.');
  const { input: badgeInput, ...kept } = brought;
  return { brought: kept, report: await verifyBadge(deps, badgeInput) };
}

/**
 * Verifies a badge and keeps it with its result, even when a check fails (the learner sees why).
 * Input that is not a badge, or of which nothing can be read, is refused (NotABadgeError).
 */
export async function importBadge(
  deps: Deps,
  actor: Actor | null,
  input: ImportInput,
): Promise<ImportedBadge> {
  const me = requireSession(actor);
  if ((await countImported(deps.db, me.user.id)) >= MAX_IMPORTS_PER_USER)
    throw new RuleError('import-limit', `A backpack holds at most ${MAX_IMPORTS_PER_USER} imported badges.`);
  // A learner's import is outside input like any other: it waits its turn or is turned away (503).
  const { brought, report } = await withVerificationSlot(deps, () => verifyBrought(deps, input));
  const summary = summaryOf(report);
  if (!summary)
    throw new NotABadgeError(
      'IMPORT_UNREADABLE',
      `Nothing could be read from this badge: ${unreadableReason(report)}`,
    );
  try {
    return await insertImported(deps.db, {
      userId: me.user.id,
      ...brought,
      dedupeKey: dedupeKeyOf(brought.payloadKind, brought.payload),
      format: report.format,
      ...summary,
      imageUrl: imageUrlOf(brought.payloadKind, brought.payload),
      report,
      verdict: report.verdict,
      checkedAt: deps.now(),
    });
  } catch (error) {
    if ((error as { code?: string }).code === '23505')
      throw new ConflictError('This badge is already in your backpack.', 'already-imported');
    throw error;
  }
}

export async function myImportedBadges(deps: Deps, actor: Actor | null): Promise<ImportedBadge[]> {
  return listImported(deps.db, requireScope(actor, 'read').user.id);
}

export async function myImportedBadge(deps: Deps, actor: Actor | null, id: string): Promise<ImportedBadge> {
  const found = await findImported(deps.db, requireScope(actor, 'read').user.id, id);
  if (!found) throw new NotFoundError('imported badge');
  return found;
}

export async function removeImportedBadge(deps: Deps, actor: Actor | null, id: string): Promise<void> {
  if (!(await deleteImported(deps.db, requireSession(actor).user.id, id)))
    throw new NotFoundError('imported badge');
}

export async function shareImportedBadge(
  deps: Deps,
  actor: Actor | null,
  id: string,
  visibility: ImportVisibility,
): Promise<ImportedBadge> {
  const updated = await setVisibility(deps.db, requireSession(actor).user.id, id, visibility);
  if (!updated) throw new NotFoundError('imported badge');
  return updated;
}

/** A report for a stored badge that no longer reads as one (its URL now answers garbage, say). */
function refusedReport(error: NotABadgeError): VerificationReport {
  const fetchRefused = error.reason.startsWith('FETCH_');
  return {
    verdict: fetchRefused ? 'could-not-check' : 'not-verified',
    format: 'unknown',
    checks: [
      {
        code: fetchRefused ? 'fetch' : 'structure',
        status: fetchRefused ? 'unchecked' : 'failed',
        message: error.message,
      },
    ],
    claims: {},
  };
}

/** Verifies a stored badge again and records the result (its names only if the check read them). */
export async function reverify(deps: Deps, badge: ImportedBadge): Promise<ImportedBadge> {
  let report: VerificationReport;
  try {
    report = await verifyBadge(deps, badgeInputOf(badge.payloadKind, badge.payload));
  } catch (error) {
    if (!(error instanceof NotABadgeError)) throw error;
    report = refusedReport(error);
  }
  const summary = summaryOf(report);
  const updated = await recordVerification(deps.db, badge.id, {
    report,
    checkedAt: deps.now(),
    ...(summary ? { summary } : {}),
  });
  if (!updated) throw new NotFoundError('imported badge');
  return updated;
}

export async function reverifyMyImportedBadge(
  deps: Deps,
  actor: Actor | null,
  id: string,
): Promise<ImportedBadge> {
  const me = requireSession(actor);
  const found = await findImported(deps.db, me.user.id, id);
  if (!found) throw new NotFoundError('imported badge');
  return withVerificationSlot(deps, () => reverify(deps, found));
}

export const REVERIFY_AFTER_MS = 24 * 60 * 60 * 1000;
const REVERIFY_BATCH = 25;

/**
 * The scheduled check: badges last checked more than a day ago, oldest first, a small batch per run,
 * so a revocation at the source shows within a day. One failing badge does not stop the others.
 */
export async function reverifyStaleImports(
  deps: Deps,
  options: { olderThanMs?: number; limit?: number } = {},
): Promise<{ checked: number; failed: number }> {
  const now = deps.now();
  const before = new Date(now.getTime() - (options.olderThanMs ?? REVERIFY_AFTER_MS));
  const taken = await takeStale(deps.db, before, now, options.limit ?? REVERIFY_BATCH);
  let failed = 0;
  for (const badge of taken) {
    try {
      await reverify(deps, badge);
    } catch (error) {
      failed += 1;
      deps.log.error({ err: error, importedBadgeId: badge.id }, 'imported badge re-verification failed');
    }
  }
  return { checked: taken.length - failed, failed };
}

/** A badge its learner made public, with the learner's display name; 404 otherwise. */
export async function publicImportedBadge(deps: Deps, id: string) {
  const found = await findPublicImported(deps.db, id);
  if (!found) throw new NotFoundError('imported badge');
  return found;
}

/** The imported badges a learner made public, as their public profile lists them. */
export async function publicImportedBadgesOf(deps: Deps, userId: string) {
  return publicImportsOf(deps.db, userId);
}

export type PublicImportedBadge = Awaited<ReturnType<typeof publicImportedBadgesOf>>[number];

/** What a learner brought, as brought, of the badges they made public (for the record download). */
export async function publicImportPayloads(deps: Deps, userId: string) {
  return publicImportPayloadsOf(deps.db, userId);
}

export type PublicImportPayload = Awaited<ReturnType<typeof publicImportPayloads>>[number];
