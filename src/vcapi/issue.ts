// W3C VC-API "issue credential": sign a caller's credential as the organization an API token with the
// `vc:issue` scope belongs to. VC 2.0 and VC 1.1 input; the caller names the issuer, which must be that
// organization. A VC 2.0 credential gets a Bitstring Status List revocation entry (and a suspension entry
// when asked for) on the issuer's published lists, recorded so POST /credentials/status can change it (see
// status.ts); one that brings its own credentialStatus keeps it and gets none of ours, and so does a VC 1.1
// credential (Bitstring Status List is a VC 2.0 mechanism). The input rules are in issue-rules.ts.
import {
  type BitstringStatusListEntry,
  describeCanonizeError,
  signCredential,
} from '../credentials/index.ts';
import type { Deps } from '../deps.ts';
import { type FieldProblem, ForbiddenError, InvalidError, UnauthenticatedError } from '../errors.ts';
import type { Actor } from '../identity/actor.ts';
import { issueWithVcApiStatus, signingIdentity } from '../issuing/index.ts';
import { requireMembership } from '../orgs/index.ts';
import { credentialProblems, hasOwnStatus, isOpenBadge, isVc11, prepareCredential } from './issue-rules.ts';

type Json = Record<string, unknown>;

export interface IssueStatusOption {
  type: 'BitstringStatusListEntry';
  /** Absent means revocation, the entry every VC 2.0 credential issued here gets anyway. */
  statusPurpose?: 'revocation' | 'suspension' | undefined;
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
      {
        path: 'body.credential',
        message: describeCanonizeError(error),
        code: 'not-canonicalisable',
        params: { detail: describeCanonizeError(error) },
      },
    ]);
  }
}

/** What the status options ask for that this credential cannot have; undefined when they fit. */
function statusOptionProblem(credential: Json, options: IssueBody['options']): FieldProblem | undefined {
  if (options?.credentialStatus === undefined) return undefined;
  const path = 'body.options.credentialStatus';
  if (hasOwnStatus(credential))
    return {
      path,
      message:
        'the credential brings its own credentialStatus, kept as given: this server adds no status entry to it (leave options.credentialStatus out)',
      code: 'status-option-own-status',
    };
  if (isVc11(credential))
    return {
      path,
      message:
        'a VC 1.1 credential is issued without a status entry (Bitstring Status List is a VC 2.0 mechanism): issue a VC 2.0 credential to get one',
      code: 'status-option-vc11',
    };
  if (wantsSuspension(options) && isOpenBadge(credential))
    // docs/decisions.md #6: the OB 3.0 JSON Schema allows one credentialStatus object.
    return {
      path,
      message:
        'an Open Badges credential carries one status entry (the OB 3.0 JSON Schema allows a single credentialStatus): suspension is not available for it',
      code: 'status-option-open-badge',
    };
  return undefined;
}

const text = (value: unknown, max = 300): string | null =>
  typeof value === 'string' && value.trim() ? value.trim().slice(0, max) : null;

/** What the issuer's list shows: the credential's (or its achievement's) name, and the subject's name or id. */
function summaryOf(credential: Json): { name: string | null; subjectLabel: string | null } {
  const subjects = [credential.credentialSubject].flat() as unknown[];
  const subject = (subjects[0] && typeof subjects[0] === 'object' ? subjects[0] : {}) as Json;
  const achievement = (
    subject.achievement && typeof subject.achievement === 'object' ? subject.achievement : {}
  ) as Json;
  const identifier = [subject.identifier].flat()[0] as Json | undefined;
  return {
    name: text(credential.name) ?? text(achievement.name),
    subjectLabel: text(subject.name) ?? text(subject.id) ?? text(identifier?.identity),
  };
}

export async function issueViaVcApi(deps: Deps, actor: Actor | null, body: IssueBody): Promise<Json> {
  const { orgId } = requireIssueToken(actor);
  const identity = await signingIdentity(deps, deps.db, orgId);
  const context = {
    issuerDid: identity.did,
    issuerName: identity.org.name,
    publicUrl: deps.config.publicUrl,
    now: deps.now(),
  };
  const problems = credentialProblems(body.credential, context);
  const optionProblem = statusOptionProblem(body.credential, body.options);
  if (optionProblem) problems.push(optionProblem);
  if (problems.length > 0) throw new InvalidError('The credential cannot be issued as it is.', problems);

  const credential = prepareCredential(body.credential, context);
  const credentialId = body.options?.credentialId ?? (credential.id as string | undefined) ?? null;
  const statusSource = hasOwnStatus(credential) ? 'caller' : isVc11(credential) ? 'none' : 'tessera';
  return issueWithVcApiStatus(deps, identity, {
    credentialId,
    suspension: wantsSuspension(body.options),
    statusSource,
    summary: summaryOf(credential),
    sign: (entries: BitstringStatusListEntry[]) =>
      sign(
        entries.length === 0
          ? credential
          : { ...credential, credentialStatus: entries.length === 1 ? entries[0] : entries },
        identity,
        context.now,
      ),
  });
}
