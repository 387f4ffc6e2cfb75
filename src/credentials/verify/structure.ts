// The `structure` check (the VC Data Model rules every credential follows) and the `open-badges` check (the
// OB 3.0 JSON Schema, for Open Badges only). A plain VC 2.0 or 1.1 credential has no `open-badges` check.
// https://www.w3.org/TR/vc-data-model-2.0/ · https://www.imsglobal.org/spec/ob/v3p0/#achievementcredential
import { VC_V1_CONTEXT, VC_V2_CONTEXT } from '../contexts/index.ts';
import {
  type DataModelViolation,
  validateCredentialDataModel,
  validatePresentationDataModel,
} from '../datamodel/index.ts';
import { validateOpenBadgeCredential } from '../schema/validate.ts';
import { type Check, check } from './types.ts';

type JsonObject = Record<string, unknown>;

const SHOWN_ERRORS = 5;
const OPEN_BADGE_TYPES = ['OpenBadgeCredential', 'AchievementCredential', 'EndorsementCredential'];

/** An Open Badge is a credential whose type lists OpenBadgeCredential, AchievementCredential or EndorsementCredential. */
export function isOpenBadge(credential: JsonObject): boolean {
  const types = Array.isArray(credential.type) ? credential.type : [credential.type];
  return types.some((type) => typeof type === 'string' && OPEN_BADGE_TYPES.includes(type));
}

/** "rule: path: message", the form every detail of a failed `structure` check takes. */
export const describeViolation = ({ rule, path, message }: DataModelViolation): string =>
  `${rule}: ${path || '(document)'}: ${message}`;

function dataModelCheck(what: string, document: JsonObject, violations: DataModelViolation[]): Check {
  const version =
    Array.isArray(document['@context']) && document['@context'][0] === VC_V1_CONTEXT ? '1.1' : '2.0';
  if (violations.length === 0)
    return check(
      'structure',
      'passed',
      `The ${what} follows the Verifiable Credentials Data Model ${version}.`,
    );
  const [first] = violations as [DataModelViolation, ...DataModelViolation[]];
  const more = violations.length > 1 ? ` (and ${violations.length - 1} more)` : '';
  return check(
    'structure',
    'failed',
    `The ${what} does not follow the Verifiable Credentials Data Model: ${first.message}${more}`,
    violations.map(describeViolation),
  );
}

/** The `structure` check: every VC Data Model violation, the first one in the message. */
export function checkDataModel(credential: JsonObject): Check {
  return dataModelCheck('credential', credential, validateCredentialDataModel(credential));
}

/**
 * The `structure` check of a presentation: its own rules, and that each verifiableCredential is an object;
 * the credentials in it are verified one by one, each with its own `structure` check.
 */
export function checkPresentationDataModel(presentation: JsonObject): Check {
  const own = validatePresentationDataModel(presentation).filter(
    (violation) =>
      violation.rule === 'verifiable-credential' || !violation.path.startsWith('verifiableCredential'),
  );
  return dataModelCheck('presentation', presentation, own);
}

/**
 * VC 1.1 credentials are checked in their VC 2.0 shape (issuanceDate → validFrom, expirationDate →
 * validUntil): 1EdTech's VC 1.1-compatible "any" schemas are not published anywhere we can bundle.
 */
function asVc2Shape(credential: JsonObject): JsonObject {
  const contexts = credential['@context'];
  if (!Array.isArray(contexts) || contexts[0] !== VC_V1_CONTEXT) return credential;
  const { issuanceDate, expirationDate, ...rest } = credential;
  return {
    ...rest,
    '@context': [VC_V2_CONTEXT, ...contexts.slice(1)],
    ...(issuanceDate !== undefined && { validFrom: issuanceDate }),
    ...(expirationDate !== undefined && { validUntil: expirationDate }),
  };
}

/** The `open-badges` check: an Open Badge against the OB 3.0 JSON Schema (callers ask only for Open Badges). */
export function checkOpenBadges(credential: JsonObject): Check {
  const result = validateOpenBadgeCredential(asVc2Shape(credential));
  if (result.valid)
    return check('open-badges', 'passed', 'The credential matches the Open Badges 3.0 JSON Schema.');
  const messages = result.errors.map((error) => error.message);
  const more = messages.length > SHOWN_ERRORS ? ` (and ${messages.length - SHOWN_ERRORS} more)` : '';
  return check(
    'open-badges',
    'failed',
    `The credential does not match the Open Badges 3.0 JSON Schema: ${messages.slice(0, SHOWN_ERRORS).join('; ')}${more}.`,
    messages,
  );
}
