// Issuing one Open Badges 3.0 credential: status entries, build, sign (Data Integrity, and VC-JWT
// when asked), store — in one transaction, so a failed step leaves no half-issued credential.
import { randomUUID } from 'node:crypto';
import {
  type AchievementInput,
  type BitstringStatusListEntry,
  buildOpenBadgeCredential,
  type EvidenceInput,
  newIdentitySalt,
  type ResultInput,
  signCredential,
  signCredentialJwt,
} from '../credentials/index.ts';
import type { Executor } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import type { Actor } from '../identity/actor.ts';
import { requireMembership } from '../orgs/index.ts';
import { type SigningIdentity, signingIdentity } from './issuer-keys.ts';
import { allocateStatus } from './status-lists.ts';
import { type IssuedCredentialRow, insertIssuedCredential } from './store.ts';

export interface IssueRequest {
  achievement: AchievementInput;
  recipient: { email: string; name?: string } | { did: string; name?: string };
  validFrom?: Date;
  validUntil?: Date;
  /** The first award of a renewed badge keeps its original awardedDate. */
  awardedDate?: Date;
  evidence?: EvidenceInput[];
  results?: ResultInput[];
  /** Also secure the credential as a VC-JWT. */
  alsoJwt?: boolean;
}

/** For trusted callers inside Tessera (award engine); routes go through issueForActor. */
export async function issueCredential(
  deps: Deps,
  orgId: string,
  request: IssueRequest,
): Promise<IssuedCredentialRow> {
  return deps.db.transaction().execute((trx) => issueCredentialIn(deps, trx, orgId, request));
}

/**
 * Issues inside the caller's transaction, so a caller's own write (an award) and its credential commit
 * or roll back together. On PGlite, pass the transaction and never touch deps.db meanwhile.
 */
export async function issueCredentialIn(
  deps: Deps,
  trx: Executor,
  orgId: string,
  request: IssueRequest,
): Promise<IssuedCredentialRow> {
  const identity = await signingIdentity(deps, trx, orgId);
  const status = await allocateStatus(deps, trx, identity, 'revocation');
  const row = await signedCredentialRow(identity, request, { id: randomUUID(), now: deps.now(), status });
  return insertIssuedCredential(trx, row);
}

export type IssuedCredentialInsert = Parameters<typeof insertIssuedCredential>[1];

/** Build + sign one credential (and its row): the one code path of single and batch issuance. */
export async function signedCredentialRow(
  identity: SigningIdentity,
  request: IssueRequest,
  slot: { id: string; now: Date; status: { listId: string; index: number; entry: BitstringStatusListEntry } },
): Promise<IssuedCredentialInsert> {
  const { id, now, status } = slot;
  const recipient =
    'did' in request.recipient
      ? { did: request.recipient.did }
      : { email: request.recipient.email, salt: newIdentitySalt() };
  const unsigned = buildOpenBadgeCredential({
    id: `urn:uuid:${id}`,
    issuer: {
      id: identity.did,
      name: identity.org.name,
      ...(identity.org.websiteUrl ? { url: identity.org.websiteUrl } : {}),
    },
    name: request.achievement.name,
    recipient,
    achievement: request.achievement,
    validFrom: request.validFrom ?? now,
    validUntil: request.validUntil,
    awardedDate: request.awardedDate ?? request.validFrom ?? now,
    evidence: request.evidence,
    results: request.results,
    credentialStatus: status.entry,
  });
  const signer = { keyPair: identity.keyPair, verificationMethod: identity.verificationMethod };
  const credential = await signCredential(unsigned, { ...signer, created: now });
  const jwt = request.alsoJwt ? await signCredentialJwt(unsigned, signer) : null;
  return {
    id,
    orgId: identity.org.id,
    credential: credential as unknown as Record<string, unknown>,
    jwt,
    achievementId: request.achievement.id,
    achievementName: request.achievement.name,
    recipientLabel:
      request.recipient.name ??
      ('email' in request.recipient ? request.recipient.email : request.recipient.did),
    recipientEmail: 'email' in recipient ? recipient.email : null,
    statusListId: status.listId,
    statusIndex: status.index,
    issuedAt: now,
    validUntil: request.validUntil ?? null,
  };
}

/** Manual issuance through the API: owners, admins and staff of the issuer. */
export async function issueForActor(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  request: IssueRequest,
): Promise<IssuedCredentialRow> {
  requireMembership(actor, orgId, ['owner', 'admin', 'staff']);
  return issueCredential(deps, orgId, request);
}
