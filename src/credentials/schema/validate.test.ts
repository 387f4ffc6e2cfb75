import { describe, expect, it } from 'vitest';
import { MAIN_CREDENTIAL_EXAMPLES, readExample } from '../testing/fixtures.ts';
import { OB_SCHEMAS, validateAgainstSchema, validateOpenBadgeCredential } from './validate.ts';

describe('the OB 3.0 JSON Schema check', () => {
  it.each(MAIN_CREDENTIAL_EXAMPLES)('accepts the spec example %s', (name) => {
    expect(validateOpenBadgeCredential(readExample(name))).toEqual({ valid: true, errors: [] });
  });

  it('checks an EndorsementCredential against the endorsement schema', () => {
    expect(validateOpenBadgeCredential(readExample('sample-endorsementcredential')).valid).toBe(true);
  });

  it('reports every error with its path, not only the first', () => {
    const credential = readExample('sample-openbadgecredential');
    delete credential.validFrom;
    credential.credentialSubject.achievement.type = 'Achievement';
    delete credential.credentialSubject.achievement.criteria;
    const result = validateOpenBadgeCredential(credential);
    expect(result.valid).toBe(false);
    const paths = result.errors.map((error) => `${error.path} ${error.keyword}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        ' required',
        '/credentialSubject/achievement/type type',
        '/credentialSubject/achievement required',
      ]),
    );
  });

  it('registers the schemas under the published purl URLs that credentials cite', () => {
    const profile = readExample('derived-issuer-profile-from-complete-openbadgecredential');
    expect(validateAgainstSchema(OB_SCHEMAS.profile, profile).valid).toBe(true);
    expect(() =>
      validateAgainstSchema(
        'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_profile-jsonschema1.json',
        {},
      ),
    ).toThrow(/not bundled/);
  });

  it('accepts a lone proof object as the one-element array the schema asks for', () => {
    const credential = readExample('sample-openbadgecredential');
    const proof = { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofValue: 'z1' };
    expect(validateOpenBadgeCredential({ ...credential, proof }).valid).toBe(true);
  });
});
