// Building an unsigned OB 3.0 OpenBadgeCredential from Tessera's own terms.
// https://www.imsglobal.org/spec/ob/v3p0/#achievementcredential
import { OB_V3_CONTEXT, OB_V3_EXTENSIONS_CONTEXT, VC_V2_CONTEXT } from '../contexts/index.ts';
import { stripEmpty } from './clean.ts';
import { InvalidCredentialInputError, toCredentialDate } from './dates.ts';
import { emailIdentityObject } from './identity.ts';
import type {
  AchievementSubject,
  Alignment,
  CredentialStatus,
  Evidence,
  Image,
  OpenBadgeCredential,
  Profile,
  Result,
  ResultDescription,
} from './types.ts';

export const OB_ACHIEVEMENT_CREDENTIAL_SCHEMA_URL =
  'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json';

export interface ImageInput {
  id: string;
  caption?: string;
}

export interface IssuerInput {
  id: string;
  name: string;
  url?: string;
  email?: string;
  description?: string;
  image?: ImageInput;
}

export interface AlignmentInput {
  targetName: string;
  targetUrl: string;
  targetDescription?: string;
  targetFramework?: string;
  targetCode?: string;
  targetType?: string;
}

export interface AchievementInput {
  id: string;
  name: string;
  description: string;
  criteria: { id?: string; narrative?: string };
  image?: ImageInput;
  alignments?: AlignmentInput[];
  /** e.g. 'Badge', 'Certificate', 'Course' (https://www.imsglobal.org/spec/ob/v3p0/#achievementtype-enumeration). */
  achievementType?: string;
  humanCode?: string;
  fieldOfStudy?: string;
  tags?: string[];
  inLanguage?: string;
  version?: string;
  /** The possible results of the achievement; results link to them by id. */
  resultDescriptions?: ResultDescriptionInput[];
}

/** https://www.imsglobal.org/spec/ob/v3p0/#resultdescription (values are strings, as the schema says). */
export interface ResultDescriptionInput {
  id: string;
  name: string;
  /** e.g. 'Percent', 'RubricCriterionLevel', 'Status' (https://www.imsglobal.org/spec/ob/v3p0/#resulttype-enumeration). */
  resultType: string;
  valueMin?: string;
  valueMax?: string;
  requiredValue?: string;
  allowedValue?: string[];
  /** The rubric's levels, low to high; results name the one reached by its id (achievedLevel). */
  rubricCriterionLevels?: Array<{ id: string; name: string; description?: string; points?: string }>;
  requiredLevel?: string;
}

export type RecipientInput = { did: string } | { email: string; salt: string };

export interface ResultInput {
  resultDescription?: string;
  value?: string;
  status?: Result['status'];
  achievedLevel?: string;
}

export interface EvidenceInput {
  id?: string;
  name?: string;
  description?: string;
  narrative?: string;
  genre?: string;
  audience?: string;
}

export interface OpenBadgeCredentialInput {
  /** `urn:uuid:…` or an https URL where the credential is hosted. */
  id: string;
  issuer: IssuerInput;
  /** The badge's name (the credential's), never the recipient's. */
  name: string;
  description?: string;
  image?: ImageInput;
  recipient: RecipientInput;
  achievement: AchievementInput;
  results?: ResultInput[];
  activityEndDate?: Date | string;
  validFrom: Date | string;
  validUntil?: Date | string;
  awardedDate?: Date | string;
  evidence?: EvidenceInput[];
  /** Built by the status-list module, e.g. a BitstringStatusListEntry. */
  credentialStatus?: CredentialStatus | CredentialStatus[];
  /** Point verifiers at the OB 3.0 JSON Schema (default true); adds the 1EdTech extensions context. */
  includeCredentialSchema?: boolean;
}

const image = (input: ImageInput | undefined): Image | undefined =>
  input && { id: input.id, type: 'Image', caption: input.caption };

const alignment = (input: AlignmentInput): Alignment => ({ type: ['Alignment'], ...input });

function resultDescription(input: ResultDescriptionInput): ResultDescription {
  const { rubricCriterionLevels, ...rest } = input;
  return {
    type: ['ResultDescription'],
    ...rest,
    id: required(input.id, 'resultDescription.id'),
    name: required(input.name, 'resultDescription.name'),
    resultType: required(input.resultType, 'resultDescription.resultType'),
    rubricCriterionLevel: rubricCriterionLevels?.map((level) => ({
      type: ['RubricCriterionLevel'],
      ...level,
    })),
  };
}

function required(value: string | undefined, field: string): string {
  if (typeof value !== 'string' || value.trim() === '')
    throw new InvalidCredentialInputError(`${field} is required.`);
  return value;
}

function issuerProfile(input: IssuerInput): Profile {
  return {
    id: required(input.id, 'issuer.id'),
    type: ['Profile'],
    name: required(input.name, 'issuer.name'),
    url: input.url,
    email: input.email,
    description: input.description,
    image: image(input.image),
  };
}

function subject(input: OpenBadgeCredentialInput): AchievementSubject {
  const { achievement, recipient } = input;
  if (!achievement.criteria?.id && !achievement.criteria?.narrative) {
    throw new InvalidCredentialInputError('achievement.criteria needs a narrative or an id.');
  }
  const identity =
    'did' in recipient
      ? { id: required(recipient.did, 'recipient.did') }
      : { identifier: [emailIdentityObject(required(recipient.email, 'recipient.email'), recipient.salt)] };
  return {
    ...identity,
    type: ['AchievementSubject'],
    achievement: {
      id: required(achievement.id, 'achievement.id'),
      type: ['Achievement'],
      name: required(achievement.name, 'achievement.name'),
      description: required(achievement.description, 'achievement.description'),
      criteria: { id: achievement.criteria.id, narrative: achievement.criteria.narrative },
      image: image(achievement.image),
      alignment: achievement.alignments?.map(alignment),
      achievementType: achievement.achievementType,
      humanCode: achievement.humanCode,
      fieldOfStudy: achievement.fieldOfStudy,
      tag: achievement.tags,
      inLanguage: achievement.inLanguage,
      version: achievement.version,
      resultDescription: achievement.resultDescriptions?.map(resultDescription),
    },
    result: input.results?.map((result) => ({ type: ['Result'], ...result })),
    activityEndDate: input.activityEndDate && toCredentialDate(input.activityEndDate, 'activityEndDate'),
  };
}

/** The unsigned credential; sign it with `signCredential` (Data Integrity) or `signCredentialJwt`. */
export function buildOpenBadgeCredential(input: OpenBadgeCredentialInput): OpenBadgeCredential {
  const withSchema = input.includeCredentialSchema !== false;
  const validFrom = toCredentialDate(input.validFrom, 'validFrom');
  const validUntil = input.validUntil && toCredentialDate(input.validUntil, 'validUntil');
  if (validUntil && validUntil <= validFrom)
    throw new InvalidCredentialInputError('validUntil must be after validFrom.');
  const evidence: Evidence[] | undefined = input.evidence?.map((item) => ({ ...item, type: ['Evidence'] }));
  const credential: OpenBadgeCredential = {
    // The 1EdTech extensions context defines 1EdTechJsonSchemaValidator2019, as the spec examples show.
    '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT, ...(withSchema ? [OB_V3_EXTENSIONS_CONTEXT] : [])],
    id: required(input.id, 'id'),
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: issuerProfile(input.issuer),
    name: required(input.name, 'name'),
    description: input.description,
    image: image(input.image),
    credentialSubject: subject(input),
    validFrom,
    validUntil,
    awardedDate: input.awardedDate && toCredentialDate(input.awardedDate, 'awardedDate'),
    evidence,
    credentialStatus: input.credentialStatus,
    credentialSchema: withSchema
      ? [{ id: OB_ACHIEVEMENT_CREDENTIAL_SCHEMA_URL, type: '1EdTechJsonSchemaValidator2019' }]
      : undefined,
  };
  return stripEmpty(credential);
}
