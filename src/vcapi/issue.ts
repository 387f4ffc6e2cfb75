// W3C VC-API "issue credential": sign a caller's credential as the organization an API token with the
// `vc:issue` scope belongs to. VC 2.0 and VC 1.1 input; the issuer is always that organization.
import { randomUUID } from 'node:crypto';
import {
  DATA_INTEGRITY_V2_CONTEXT,
  describeCanonizeError,
  signCredential,
  VC_V1_CONTEXT,
  VC_V2_CONTEXT,
} from '../credentials/index.ts';
import type { Deps } from '../deps.ts';
import { ForbiddenError, InvalidError, UnauthenticatedError } from '../errors.ts';
import type { Actor } from '../identity/actor.ts';
import { signingIdentity } from '../issuing/index.ts';
import { requireMembership } from '../orgs/index.ts';

type Json = Record<string, unknown>;

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

function invalid(path: string, message: string): never {
  throw new InvalidError('The credential cannot be issued as it is.', [{ path, message }]);
}

/** Checks the shape and fills what the issuer decides: issuer id, and the dates VC 1.1 requires. */
export function prepareCredential(
  input: Json,
  issuerProfile: { id: string; name: string },
  now: Date,
  credentialId?: string,
): Json {
  const did = issuerProfile.id;
  const contexts = input['@context'];
  if (!Array.isArray(contexts) || contexts.length === 0)
    invalid('body.credential.@context', 'must be a non-empty array');
  const base = contexts[0];
  if (base !== VC_V2_CONTEXT && base !== VC_V1_CONTEXT) {
    invalid('body.credential.@context', `must start with ${VC_V2_CONTEXT} (or ${VC_V1_CONTEXT})`);
  }
  const types = Array.isArray(input.type) ? input.type : [input.type];
  if (!types.includes('VerifiableCredential'))
    invalid('body.credential.type', 'must include "VerifiableCredential"');
  if (input.credentialSubject === undefined) invalid('body.credential.credentialSubject', 'is required');
  if ('proof' in input) invalid('body.credential.proof', 'must be absent: send the unsigned credential');
  const issuer = input.issuer;
  const issuerId = typeof issuer === 'string' ? issuer : (issuer as Json | undefined)?.id;
  if (issuerId !== undefined && issuerId !== did)
    invalid('body.credential.issuer', `must be ${did} (this token's issuer) or absent`);

  // Open Badges require the issuer as a Profile object; other credentials keep the form they came in.
  const isBadge = types.includes('OpenBadgeCredential') || types.includes('AchievementCredential');
  const profile = { type: ['Profile'], name: issuerProfile.name };
  const credential: Json = {
    ...input,
    issuer:
      issuer && typeof issuer === 'object'
        ? { ...(isBadge ? profile : {}), ...issuer, id: did }
        : isBadge
          ? { id: did, ...profile }
          : did,
  };
  // Open Badges require an id; other credentials get one only when asked for.
  if (credential.id === undefined && (credentialId || isBadge))
    credential.id = credentialId ?? `urn:uuid:${randomUUID()}`;
  if (base === VC_V1_CONTEXT) {
    // VC 1.1 requires issuanceDate, and its context does not define DataIntegrityProof.
    credential.issuanceDate ??= now.toISOString().replace(/\.\d{3}Z$/, 'Z');
    if (!contexts.includes(DATA_INTEGRITY_V2_CONTEXT))
      credential['@context'] = [...contexts, DATA_INTEGRITY_V2_CONTEXT];
  }
  return credential;
}

export async function issueViaVcApi(
  deps: Deps,
  actor: Actor | null,
  body: { credential: Json; options?: { credentialId?: string } },
): Promise<Json> {
  const { orgId } = requireIssueToken(actor);
  const identity = await signingIdentity(deps, deps.db, orgId);
  const now = deps.now();
  const credential = prepareCredential(
    body.credential,
    { id: identity.did, name: identity.org.name },
    now,
    body.options?.credentialId,
  );
  try {
    return await signCredential(credential, {
      keyPair: identity.keyPair,
      verificationMethod: identity.verificationMethod,
      created: now,
    });
  } catch (error) {
    // Unknown contexts and undefined terms end here: the credential cannot be canonicalised safely.
    throw new InvalidError('The credential cannot be signed.', [
      { path: 'body.credential', message: describeCanonizeError(error) },
    ]);
  }
}
