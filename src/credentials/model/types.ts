// The Open Badges 3.0 data model as Tessera writes it (the subset we issue; readers accept more).
// https://www.imsglobal.org/spec/ob/v3p0/#data-model

export interface Image {
  id: string;
  type: 'Image';
  caption?: string;
}

/** https://www.imsglobal.org/spec/ob/v3p0/#profile */
export interface Profile {
  id: string;
  type: string[];
  name?: string;
  url?: string;
  email?: string;
  description?: string;
  image?: Image;
  [extra: string]: unknown;
}

/** A skill or competency the achievement aligns to. https://www.imsglobal.org/spec/ob/v3p0/#alignment */
export interface Alignment {
  type: string[];
  targetName: string;
  targetUrl: string;
  targetDescription?: string;
  targetFramework?: string;
  targetCode?: string;
  targetType?: string;
}

export interface Criteria {
  id?: string;
  narrative?: string;
}

/** https://www.imsglobal.org/spec/ob/v3p0/#achievement */
export interface Achievement {
  id: string;
  type: string[];
  name: string;
  description: string;
  criteria: Criteria;
  image?: Image;
  alignment?: Alignment[];
  achievementType?: string;
  creator?: Profile;
  humanCode?: string;
  fieldOfStudy?: string;
  specialization?: string;
  tag?: string[];
  inLanguage?: string;
  version?: string;
  creditsAvailable?: number;
  [extra: string]: unknown;
}

/** https://www.imsglobal.org/spec/ob/v3p0/#identityobject */
export interface IdentityObject {
  type: 'IdentityObject';
  identityHash: string;
  identityType: string;
  hashed: boolean;
  salt?: string;
}

/** https://www.imsglobal.org/spec/ob/v3p0/#rubriccriterionlevel */
export interface RubricCriterionLevel {
  id: string;
  type: string[];
  name: string;
  description?: string;
  level?: string;
  points?: string;
}

/** https://www.imsglobal.org/spec/ob/v3p0/#resultdescription */
export interface ResultDescription {
  id: string;
  type: string[];
  name: string;
  resultType: string;
  valueMin?: string;
  valueMax?: string;
  requiredValue?: string;
  allowedValue?: string[];
  requiredLevel?: string;
  rubricCriterionLevel?: RubricCriterionLevel[];
}

/** https://www.imsglobal.org/spec/ob/v3p0/#result */
export interface Result {
  type: string[];
  resultDescription?: string;
  value?: string;
  status?: 'Completed' | 'Enrolled' | 'Failed' | 'InProgress' | 'OnHold' | 'Provisional' | 'Withdrew';
  achievedLevel?: string;
  alignment?: Alignment[];
}

/** https://www.imsglobal.org/spec/ob/v3p0/#achievementsubject */
export interface AchievementSubject {
  id?: string;
  type: string[];
  identifier?: IdentityObject[];
  achievement: Achievement;
  result?: Result[];
  activityStartDate?: string;
  activityEndDate?: string;
  narrative?: string;
  [extra: string]: unknown;
}

/** https://www.imsglobal.org/spec/ob/v3p0/#evidence */
export interface Evidence {
  id?: string;
  type: string[];
  name?: string;
  description?: string;
  narrative?: string;
  genre?: string;
  audience?: string;
}

export interface CredentialSchema {
  id: string;
  type: string;
}

/**
 * A status entry, e.g. BitstringStatusListEntry (https://www.w3.org/TR/vc-bitstring-status-list/#bitstringstatuslistentry).
 * No index signature, so the status-list module's own entry interface is assignable to it.
 */
export interface CredentialStatus {
  id?: string;
  type: string;
  statusPurpose?: string;
  statusListIndex?: string;
  statusListCredential?: string;
}

/** https://www.w3.org/TR/vc-data-integrity/#proofs */
export interface Proof {
  type: string;
  cryptosuite?: string;
  created?: string;
  verificationMethod?: string;
  proofPurpose?: string;
  proofValue?: string;
  [extra: string]: unknown;
}

/** An OB 3.0 OpenBadgeCredential (VC 2.0). https://www.imsglobal.org/spec/ob/v3p0/#achievementcredential */
export interface OpenBadgeCredential {
  '@context': string[];
  id: string;
  type: string[];
  issuer: Profile;
  name: string;
  description?: string;
  image?: Image;
  credentialSubject: AchievementSubject;
  validFrom: string;
  validUntil?: string;
  awardedDate?: string;
  evidence?: Evidence[];
  credentialStatus?: CredentialStatus | CredentialStatus[];
  credentialSchema?: CredentialSchema[];
  proof?: Proof | Proof[];
  [extra: string]: unknown;
}

/** Any JSON-LD verifiable credential as it arrives for verification: nothing about it is trusted. */
export type UntrustedCredential = Record<string, unknown>;
