export {
  type AchievementInput,
  type AlignmentInput,
  buildOpenBadgeCredential,
  type EvidenceInput,
  type ImageInput,
  type IssuerInput,
  OB_ACHIEVEMENT_CREDENTIAL_SCHEMA_URL,
  type OpenBadgeCredentialInput,
  type RecipientInput,
  type ResultDescriptionInput,
  type ResultInput,
} from './build.ts';
export { stripEmpty } from './clean.ts';
export { InvalidCredentialInputError, parseCredentialDate, toCredentialDate } from './dates.ts';
export {
  emailIdentityObject,
  hashEmailIdentity,
  matchesEmailIdentity,
  newIdentitySalt,
  normalizeEmail,
} from './identity.ts';
export type * from './types.ts';
