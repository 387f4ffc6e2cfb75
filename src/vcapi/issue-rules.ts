// What a credential sent to POST /credentials/issue must be, and what the issuer fills in before signing.
// credentialProblems() is the one place where the input is checked: the VC Data Model rules (every
// violation, its rule code kept visible) and the rules of issuing here (the issuer is the token's, no proof,
// no status entry pointing into this server's own lists).
import { randomUUID } from 'node:crypto';
import {
  DATA_INTEGRITY_V2_CONTEXT,
  publishedDocument,
  VC_V1_CONTEXT,
  validateCredentialDataModel,
} from '../credentials/index.ts';
import type { FieldProblem, FieldProblemCode, ProblemParams } from '../errors.ts';

type Json = Record<string, unknown>;

/** Who issues and when: the token's organization, its signing DID, this server's public URL. */
export interface IssueContext {
  issuerDid: string;
  issuerName: string;
  publicUrl: string;
  now: Date;
}

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const typesOf = (credential: Json): unknown[] =>
  Array.isArray(credential.type) ? credential.type : [credential.type];

export const isOpenBadge = (credential: Json): boolean =>
  typesOf(credential).some((type) =>
    ['OpenBadgeCredential', 'AchievementCredential', 'EndorsementCredential'].includes(type as string),
  );

/** VC 1.1 input (its base context first): issued without an automatic status entry. */
export function isVc11(credential: Json): boolean {
  const contexts = credential['@context'];
  return (Array.isArray(contexts) ? contexts[0] : contexts) === VC_V1_CONTEXT;
}

/** The caller sent a credentialStatus of its own: it is kept as given, and we add none. */
export const hasOwnStatus = (credential: Json): boolean => credential.credentialStatus !== undefined;

/** Whether `value` is a URL under this server's `/issuers/` (where our DIDs and status lists live). */
function pointsIntoOurIssuers(value: unknown, publicUrl: string): boolean {
  if (typeof value !== 'string') return false;
  try {
    const base = new URL(publicUrl);
    const url = new URL(value);
    if (url.origin !== base.origin) return false;
    let path = url.pathname;
    try {
      path = decodeURIComponent(path);
    } catch {
      // A malformed escape is compared as written.
    }
    return path.startsWith(`${base.pathname.replace(/\/$/, '')}/issuers/`);
  } catch {
    return false;
  }
}

type Problem = { message: string; code: FieldProblemCode };

function issuerProblem(issuer: unknown, did: string): Problem | undefined {
  const yours = `this token's issuer, ${did}`;
  if (issuer === undefined)
    return {
      message: `is required: name ${yours} (a URL, or an object whose id is it)`,
      code: 'issuer-required',
    };
  if (issuer === null) return { message: `must not be null: name ${yours}`, code: 'issuer-null' };
  if (typeof issuer === 'string')
    return issuer === did ? undefined : { message: `must be ${yours}`, code: 'issuer-not-yours' };
  if (isObject(issuer))
    return issuer.id === undefined || issuer.id === did
      ? undefined
      : { message: `must have the id of ${yours}`, code: 'issuer-id-not-yours' };
  return { message: `must be a URL (string) or an object with an id: name ${yours}`, code: 'issuer-shape' };
}

type At = (field: string, message: string, code: FieldProblemCode, params?: ProblemParams) => void;

/** Rules of issuing here that the data model does not state. */
function issuingProblems(input: Json, context: IssueContext, at: At) {
  if (typeof input.id === 'string' && input.id.length > 2048)
    at('id', 'must be at most 2048 characters', 'too-long', { maximum: 2048 });
  const issuer = issuerProblem(input.issuer, context.issuerDid);
  if (issuer) at('issuer', issuer.message, issuer.code, { did: context.issuerDid });
  if ('proof' in input)
    at('proof', 'must be absent: send the unsigned credential, the issuer adds the proof', 'proof-present');
  const status = input.credentialStatus;
  const entries: [string, unknown][] = Array.isArray(status)
    ? status.map((entry, index) => [`credentialStatus[${index}]`, entry])
    : [['credentialStatus', status]];
  for (const [path, entry] of entries) {
    if (!isObject(entry)) continue;
    for (const key of ['statusListCredential', 'id'] as const) {
      if (pointsIntoOurIssuers(entry[key], context.publicUrl))
        at(
          `${path}.${key}`,
          `must not point into a status list of this server (${entry[key]}): its indexes are handed out by the server, one per credential; leave credentialStatus out to get an entry of your own`,
          'status-into-this-server',
          { url: String(entry[key]) },
        );
    }
  }
}

/**
 * Every broken rule of a credential sent to be issued (path, message). The data model rules run on the
 * credential as it will be signed (issuer, id and VC 1.1 dates filled in); their rule code leads the message.
 */
export function credentialProblems(input: Json, context: IssueContext): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const at: At = (field, message, code: FieldProblemCode, params) =>
    problems.push({ path: `body.credential${field ? `.${field}` : ''}`, message, code, params });
  issuingProblems(input, context, at);
  const prepared = prepareCredential(input, context);
  for (const violation of validateCredentialDataModel(prepared, { resource: publishedDocument })) {
    // The issuer is checked above, against the token (and filled in before this runs).
    if (violation.rule === 'issuer') continue;
    // The data model's own wording (docs/vc-api.md): its rule code leads, in every language.
    at(violation.path, `${violation.rule}: ${violation.message}`, 'data-model-rule', {
      rule: violation.rule,
      detail: violation.message,
    });
  }
  return problems;
}

/** Fills what the issuer decides: the issuer's id, an id for Open Badges, the date and context VC 1.1 needs. */
export function prepareCredential(input: Json, context: IssueContext): Json {
  const did = context.issuerDid;
  const issuer = input.issuer;
  // Open Badges require the issuer as a Profile object; other credentials keep the form they came in.
  const isBadge = isOpenBadge(input);
  const profile = { type: ['Profile'], name: context.issuerName };
  const credential: Json = {
    ...input,
    issuer: isObject(issuer)
      ? { ...(isBadge ? profile : {}), ...issuer, id: did }
      : isBadge
        ? { id: did, ...profile }
        : did,
  };
  // Open Badges require an id; other credentials keep the one they have, if any.
  if (credential.id === undefined && isBadge) credential.id = `urn:uuid:${randomUUID()}`;
  if (isVc11(input)) {
    // VC 1.1 requires issuanceDate, and its context does not define DataIntegrityProof.
    credential.issuanceDate ??= context.now.toISOString().replace(/\.\d{3}Z$/, 'Z');
    const contexts = input['@context'];
    const list = Array.isArray(contexts) ? contexts : [contexts];
    if (!list.includes(DATA_INTEGRITY_V2_CONTEXT))
      credential['@context'] = [...list, DATA_INTEGRITY_V2_CONTEXT];
  }
  return credential;
}
