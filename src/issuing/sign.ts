// Build + sign one credential (and its row): the one code path of single and batch issuance. Imports
// nothing but the standards library, so the signing worker (signing-worker.ts) loads it alone.

import type { Insertable } from 'kysely';
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
import type { SigningIdentity } from './issuer-keys.ts';
import type { IssuedCredentialsTable } from './tables.ts';

export interface IssueRequest {
  achievement: AchievementInput;
  recipient: { email: string; name?: string } | { did: string; name?: string };
  validFrom?: Date;
  validUntil?: Date;
  /** The first award of a renewed badge keeps its original awardedDate. */
  awardedDate?: Date;
  evidence?: EvidenceInput[];
  results?: ResultInput[];
  /** When the learner finished the work the credential recognises (credentialSubject.activityEndDate). */
  activityEndDate?: Date;
  /** Also secure the credential as a VC-JWT. */
  alsoJwt?: boolean;
}

/** A credential row to store (issued_credentials). */
export type IssuedCredentialInsert = Omit<Insertable<IssuedCredentialsTable>, 'credential'> & {
  credential: Record<string, unknown>;
};

/** The identity's parts signing needs; a worker gets them without the key object (see signing-pool.ts). */
export type SignerIdentity = Pick<SigningIdentity, 'org' | 'did' | 'verificationMethod' | 'keyPair'>;

/** The status slot and id one credential takes. */
export interface CredentialSlot {
  id: string;
  now: Date;
  status: { listId: string; index: number; entry: BitstringStatusListEntry };
}

export async function signedCredentialRow(
  identity: SignerIdentity,
  request: IssueRequest,
  slot: CredentialSlot,
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
    activityEndDate: request.activityEndDate,
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
