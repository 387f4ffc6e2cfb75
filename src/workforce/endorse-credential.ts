// The Open Badges 3.0 EndorsementCredential an employer signs when a manager endorses a badge an employee
// shares (https://www.imsglobal.org/spec/ob/v3p0/#endorsementcredential). Pure: the caller passes the
// signer, the status entry and the clock.

import type { Ed25519KeyPair } from '../credentials/index.ts';
import {
  type BitstringStatusListEntry,
  OB_SCHEMAS,
  OB_V3_CONTEXT,
  OB_V3_EXTENSIONS_CONTEXT,
  signCredential,
  stripEmpty,
  toCredentialDate,
  VC_V2_CONTEXT,
} from '../credentials/index.ts';

export interface EndorsementInput {
  /** Where the credential is hosted: {PUBLIC_URL}/endorsements/{id}. */
  id: string;
  issuer: { did: string; name: string; url?: string | null };
  /** The endorsed credential's id (`urn:uuid:…` of the award's credential). */
  subjectId: string;
  badgeName: string;
  comment: string;
  validFrom: Date;
  status: BitstringStatusListEntry;
}

export function buildEndorsementCredential(input: EndorsementInput): Record<string, unknown> {
  return stripEmpty({
    // The 1EdTech extensions context defines 1EdTechJsonSchemaValidator2019 (as in the spec's examples).
    '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT, OB_V3_EXTENSIONS_CONTEXT],
    id: input.id,
    type: ['VerifiableCredential', 'EndorsementCredential'],
    name: `${input.issuer.name} endorses “${input.badgeName}”`,
    issuer: {
      id: input.issuer.did,
      type: ['Profile'],
      name: input.issuer.name,
      url: input.issuer.url ?? undefined,
    },
    validFrom: toCredentialDate(input.validFrom, 'validFrom'),
    credentialSubject: {
      id: input.subjectId,
      type: ['EndorsementSubject'],
      endorsementComment: input.comment,
    },
    credentialStatus: input.status,
    credentialSchema: [{ id: OB_SCHEMAS.endorsementCredential, type: '1EdTechJsonSchemaValidator2019' }],
  }) as Record<string, unknown>;
}

/** Signs with eddsa-rdfc-2022, as every credential of this server is. */
export async function signEndorsement(
  unsigned: Record<string, unknown>,
  signer: { keyPair: Ed25519KeyPair; verificationMethod: string },
  created: Date,
): Promise<Record<string, unknown>> {
  return (await signCredential(unsigned as never, { ...signer, created })) as unknown as Record<
    string,
    unknown
  >;
}
