// W3C VC-API "issue credential": sign a caller's credential as the organization an API token with the
// `vc:issue` scope belongs to. VC 2.0 and VC 1.1 input; the issuer is always that organization. Every
// credential gets a Bitstring Status List revocation entry (and a suspension entry when asked for) on the
// issuer's published lists, recorded so POST /credentials/status can change it (see status.ts).
import { randomUUID } from 'node:crypto';
import {
  type BitstringStatusListEntry,
  DATA_INTEGRITY_V2_CONTEXT,
  describeCanonizeError,
  signCredential,
  VC_V1_CONTEXT,
  VC_V2_CONTEXT,
} from '../credentials/index.ts';
import type { Deps } from '../deps.ts';
import { type FieldProblem, ForbiddenError, InvalidError, UnauthenticatedError } from '../errors.ts';
import type { Actor } from '../identity/actor.ts';
import { issueWithVcApiStatus, signingIdentity } from '../issuing/index.ts';
import { requireMembership } from '../orgs/index.ts';

type Json = Record<string, unknown>;

/** Defines BitstringStatusListEntry for VC 1.1 credentials (VC 2.0's own context defines it). */
export const STATUS_LIST_V1_CONTEXT = 'https://www.w3.org/ns/credentials/status/v1';

export interface IssueStatusOption {
  type: 'BitstringStatusListEntry';
  statusPurpose: 'revocation' | 'suspension';
}

export interface IssueBody {
  credential: Json;
  options?: {
    credentialId?: string;
    /** The status entries wanted: revocation is always given; list suspension to get that one too. */
    credentialStatus?: IssueStatusOption | IssueStatusOption[];
  };
}

export function requireIssueToken(actor: Actor | null): { actor: Actor; orgId: string } {
  if (!actor) throw new UnauthenticatedError('Send an API token with the vc:issue scope as a Bearer token.');
  if (actor.via !== 'api-token' || actor.activeOrgId === null) {
    throw new ForbiddenError(
      'Issuing through the VC-API needs an API token bound to an issuer organization.',
    );
  }
  if (actor.scopes !== 'all' && !actor.scopes.includes('vc:issue'))
    throw new ForbiddenError('This API token lacks the vc:issue scope.');
  requireMembership(actor, actor.activeOrgId, ['owner', 'admin', 'staff']);
  return { actor, orgId: actor.activeOrgId };
}

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const typesOf = (credential: Json): unknown[] =>
  Array.isArray(credential.type) ? credential.type : [credential.type];
const isOpenBadge = (credential: Json) =>
  typesOf(credential).some((type) =>
    ['OpenBadgeCredential', 'AchievementCredential', 'EndorsementCredential'].includes(type as string),
  );

function isUrl(value: string): boolean {
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * The rules a credential sent to be issued must meet, every broken one listed (path, message). This is
 * the one place where the input is checked before signing: further rules join here.
 */
export function credentialProblems(input: Json, issuerDid: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const at = (field: string, message: string) =>
    problems.push({ path: `body.credential${field ? `.${field}` : ''}`, message });

  const contexts = input['@context'];
  if (!Array.isArray(contexts) || contexts.length === 0) at('@context', 'must be a non-empty array');
  else if (contexts.some((context) => typeof context !== 'string'))
    at('@context', 'must list context URLs (strings); embedded contexts are not accepted');
  else if (contexts[0] !== VC_V2_CONTEXT && contexts[0] !== VC_V1_CONTEXT)
    at('@context', `must start with ${VC_V2_CONTEXT} (or ${VC_V1_CONTEXT})`);

  const type = input.type;
  const typeList = Array.isArray(type) ? type : [type];
  if (type === undefined) at('type', 'is required and must include "VerifiableCredential"');
  else if (typeList.length === 0 || typeList.some((item) => typeof item !== 'string'))
    at('type', 'must be a string or a non-empty array of strings');
  else if (!typeList.includes('VerifiableCredential')) at('type', 'must include "VerifiableCredential"');

  if (input.id !== undefined && (typeof input.id !== 'string' || input.id.length > 2048 || !isUrl(input.id)))
    at('id', 'must be a URL (for example urn:uuid:…) of at most 2048 characters');

  const issuer = input.issuer;
  if (issuer === null) {
    at('issuer', `must not be null: leave it out to have ${issuerDid} (this token's issuer) filled in`);
  } else if (typeof issuer === 'string' || isObject(issuer)) {
    const id = isObject(issuer) ? issuer.id : issuer;
    if (id !== undefined && id !== issuerDid)
      at('issuer', `must be ${issuerDid} (this token's issuer) or absent`);
  } else if (issuer !== undefined) {
    at('issuer', 'must be a URL (string) or an object with an id');
  }

  const subject = input.credentialSubject;
  const subjects = Array.isArray(subject) ? subject : [subject];
  if (subject === undefined) at('credentialSubject', 'is required');
  else if (subjects.length === 0 || !subjects.every((item) => isObject(item) && Object.keys(item).length > 0))
    at('credentialSubject', 'must be an object making at least one claim (or a non-empty array of them)');

  if ('proof' in input)
    at('proof', 'must be absent: send the unsigned credential, the issuer adds the proof');
  if ('credentialStatus' in input) {
    at(
      'credentialStatus',
      'must be absent: the issuer adds its own status entries on lists it controls (ask for suspension with options.credentialStatus)',
    );
  }
  return problems;
}

/** Fills what the issuer decides: issuer id, an id for Open Badges, the dates and contexts VC 1.1 needs. */
export function prepareCredential(input: Json, issuerProfile: { id: string; name: string }, now: Date): Json {
  const did = issuerProfile.id;
  const issuer = input.issuer;
  const contexts = input['@context'] as string[];
  // Open Badges require the issuer as a Profile object; other credentials keep the form they came in.
  const isBadge = isOpenBadge(input);
  const profile = { type: ['Profile'], name: issuerProfile.name };
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
  if (contexts[0] === VC_V1_CONTEXT) {
    // VC 1.1 requires issuanceDate, and its context defines neither DataIntegrityProof nor status lists.
    credential.issuanceDate ??= now.toISOString().replace(/\.\d{3}Z$/, 'Z');
    const missing = [DATA_INTEGRITY_V2_CONTEXT, STATUS_LIST_V1_CONTEXT].filter((c) => !contexts.includes(c));
    if (missing.length > 0) credential['@context'] = [...contexts, ...missing];
  }
  return credential;
}

function wantsSuspension(options: IssueBody['options']): boolean {
  const wanted = options?.credentialStatus;
  const entries = wanted === undefined ? [] : Array.isArray(wanted) ? wanted : [wanted];
  return entries.some((entry) => entry.statusPurpose === 'suspension');
}

async function sign(credential: Json, identity: Awaited<ReturnType<typeof signingIdentity>>, now: Date) {
  try {
    return await signCredential(credential, {
      keyPair: identity.keyPair,
      verificationMethod: identity.verificationMethod,
      created: now,
      proofAsObject: true,
    });
  } catch (error) {
    // Unknown contexts and undefined terms end here: the credential cannot be canonicalised safely.
    throw new InvalidError('The credential cannot be signed.', [
      { path: 'body.credential', message: describeCanonizeError(error) },
    ]);
  }
}

export async function issueViaVcApi(deps: Deps, actor: Actor | null, body: IssueBody): Promise<Json> {
  const { orgId } = requireIssueToken(actor);
  const identity = await signingIdentity(deps, deps.db, orgId);
  const now = deps.now();
  const problems = credentialProblems(body.credential, identity.did);
  const suspension = wantsSuspension(body.options);
  if (suspension && isOpenBadge(body.credential)) {
    // docs/decisions.md #6: the OB 3.0 JSON Schema allows one credentialStatus object.
    problems.push({
      path: 'body.options.credentialStatus',
      message:
        'an Open Badges credential carries one status entry (the OB 3.0 JSON Schema allows a single credentialStatus): suspension is not available for it',
    });
  }
  if (problems.length > 0) throw new InvalidError('The credential cannot be issued as it is.', problems);

  const credential = prepareCredential(body.credential, { id: identity.did, name: identity.org.name }, now);
  const credentialId = body.options?.credentialId ?? (credential.id as string | undefined) ?? null;
  return issueWithVcApiStatus(deps, identity, {
    credentialId,
    suspension,
    sign: (entries: BitstringStatusListEntry[]) =>
      sign({ ...credential, credentialStatus: entries.length === 1 ? entries[0] : entries }, identity, now),
  });
}
