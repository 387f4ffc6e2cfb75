// The `structure` check: the credential against the OB 3.0 JSON Schema.
// https://www.imsglobal.org/spec/ob/v3p0/#achievementcredential (schemas: vendor/1edtech/schemas/ob_v3p0)
import { VC_V1_CONTEXT, VC_V2_CONTEXT } from '../contexts/index.ts';
import { validateOpenBadgeCredential } from '../schema/validate.ts';
import { type Check, check } from './types.ts';

const SHOWN_ERRORS = 5;

/**
 * VC 1.1 credentials are checked in their VC 2.0 shape (issuanceDate → validFrom, expirationDate →
 * validUntil): 1EdTech's VC 1.1-compatible "any" schemas are not published anywhere we can bundle.
 */
function asVc2Shape(credential: Record<string, unknown>): Record<string, unknown> {
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

export function checkStructure(credential: Record<string, unknown>): Check {
  const types = Array.isArray(credential.type) ? credential.type : [credential.type];
  if (
    !types.includes('OpenBadgeCredential') &&
    !types.includes('AchievementCredential') &&
    !types.includes('EndorsementCredential')
  ) {
    return check(
      'structure',
      'failed',
      'This is not an Open Badges 3.0 credential (its type lists no OpenBadgeCredential).',
    );
  }
  const result = validateOpenBadgeCredential(asVc2Shape(credential));
  if (result.valid)
    return check('structure', 'passed', 'The credential matches the Open Badges 3.0 JSON Schema.');
  const messages = result.errors.map((error) => error.message);
  const more = messages.length > SHOWN_ERRORS ? ` (and ${messages.length - SHOWN_ERRORS} more)` : '';
  return check(
    'structure',
    'failed',
    `The credential does not match the Open Badges 3.0 JSON Schema: ${messages.slice(0, SHOWN_ERRORS).join('; ')}${more}.`,
    messages,
  );
}
