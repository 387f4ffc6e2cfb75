import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { validateOpenBadgeCredential } from '../schema/validate.ts';
import { badgeInput, buildBadge } from '../testing/fixtures.ts';
import { buildOpenBadgeCredential } from './build.ts';
import { InvalidCredentialInputError } from './dates.ts';

const issuer = { id: 'did:web:badges.example.org:issuers:acme' };

function hasNullsOrEmptyArrays(value: unknown): boolean {
  if (value === null) return true;
  if (Array.isArray(value)) return value.length === 0 || value.some(hasNullsOrEmptyArrays);
  if (typeof value === 'object') return Object.values(value as object).some(hasNullsOrEmptyArrays);
  return false;
}

describe('buildOpenBadgeCredential', () => {
  it('writes the VC 2.0 and OB 3.0.3 contexts, plus the 1EdTech extensions for credentialSchema', () => {
    const credential = buildBadge(issuer);
    expect(credential['@context']).toEqual([
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json',
    ]);
    expect(credential.credentialSchema).toEqual([
      {
        id: 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json',
        type: '1EdTechJsonSchemaValidator2019',
      },
    ]);
  });

  it('leaves out the extensions context exactly when no credentialSchema is written', () => {
    const credential = buildBadge(issuer, { includeCredentialSchema: false });
    expect(credential['@context']).toEqual([
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ]);
    expect(credential).not.toHaveProperty('credentialSchema');
  });

  it('builds an OpenBadgeCredential that passes the OB 3.0 JSON Schema', () => {
    const credential = buildBadge(issuer);
    expect(credential.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(credential.issuer).toEqual({
      id: issuer.id,
      type: ['Profile'],
      name: 'Academia Ñandú',
      url: 'https://badges.example.org',
      email: 'badges@example.org',
    });
    expect(validateOpenBadgeCredential(credential)).toEqual({ valid: true, errors: [] });
  });

  it('names an email recipient by a salted sha256 hash of the normalised address', () => {
    const credential = buildBadge(issuer);
    const digest = createHash('sha256')
      .update('learner@example.org' + 'c0ffee')
      .digest('hex');
    expect(credential.credentialSubject.identifier).toEqual([
      {
        type: 'IdentityObject',
        identityHash: `sha256$${digest}`,
        identityType: 'emailAddress',
        hashed: true,
        salt: 'c0ffee',
      },
    ]);
    expect(credential.credentialSubject).not.toHaveProperty('id');
    expect(JSON.stringify(credential).toLowerCase()).not.toContain('learner@example.org');
  });

  it('names a DID recipient by id, without an identifier', () => {
    const credential = buildBadge(issuer, {
      recipient: { did: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK' },
    });
    expect(credential.credentialSubject.id).toBe('did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK');
    expect(credential.credentialSubject).not.toHaveProperty('identifier');
  });

  it('carries the achievement with its image, criteria and skill alignments', () => {
    const { achievement } = buildBadge(issuer).credentialSubject;
    expect(achievement.type).toEqual(['Achievement']);
    expect(achievement.image).toEqual({
      id: 'https://badges.example.org/images/payroll.png',
      type: 'Image',
      caption: 'Nóminas',
    });
    expect(achievement.alignment).toEqual([
      {
        type: ['Alignment'],
        targetName: 'Payroll clerks',
        targetUrl: 'https://www.onetonline.org/link/summary/43-3051.00',
        targetFramework: 'O*NET-SOC',
        targetCode: '43-3051.00',
      },
    ]);
  });

  it('types results and evidence', () => {
    const credential = buildBadge(issuer);
    expect(credential.credentialSubject.result).toEqual([
      { type: ['Result'], resultDescription: 'Final assessment score', value: '100%', status: 'Completed' },
    ]);
    expect(credential.evidence?.[0]?.type).toEqual(['Evidence']);
  });

  it('writes dates as UTC with a Z and whole seconds', () => {
    const credential = buildBadge(issuer, {
      validFrom: new Date('2026-05-21T10:11:12.345+02:00'),
      validUntil: undefined,
    });
    expect(credential.validFrom).toBe('2026-05-21T08:11:12Z');
    expect(credential).not.toHaveProperty('validUntil');
  });

  it('writes no nulls and no empty arrays', () => {
    const credential = buildBadge(issuer, { evidence: [], results: [], description: undefined });
    expect(hasNullsOrEmptyArrays(credential)).toBe(false);
    expect(credential).not.toHaveProperty('evidence');
    expect(credential.credentialSubject).not.toHaveProperty('result');
  });

  it('keeps non-ASCII names intact through JSON', () => {
    const credential = JSON.parse(JSON.stringify(buildBadge(issuer)));
    expect(credential.name).toBe('Gestión de nóminas');
    expect(credential.credentialSubject.achievement.name).toBe('Gestión de nóminas — SAFe® practitioner');
    expect(credential.issuer.name).toBe('Academia Ñandú');
  });

  it('passes a credentialStatus through unchanged', () => {
    const status = {
      id: 'https://badges.example.org/status/1#94567',
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: '94567',
      statusListCredential: 'https://badges.example.org/status/1',
    };
    expect(buildBadge(issuer, { credentialStatus: status }).credentialStatus).toEqual(status);
  });

  it('refuses an achievement without criteria, or an end of validity before its start', () => {
    const input = badgeInput(issuer);
    expect(() =>
      buildOpenBadgeCredential({ ...input, achievement: { ...input.achievement, criteria: {} } }),
    ).toThrow(InvalidCredentialInputError);
    expect(() => buildOpenBadgeCredential({ ...input, validUntil: '2020-01-01T00:00:00Z' })).toThrow(
      /validUntil/,
    );
    expect(() => buildOpenBadgeCredential({ ...input, validFrom: 'yesterday' })).toThrow(
      /validFrom is not a valid date/,
    );
  });
});
