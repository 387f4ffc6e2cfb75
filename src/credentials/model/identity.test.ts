import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { emailIdentityObject, hashEmailIdentity, matchesEmailIdentity } from './identity.ts';

describe('hashed email identities', () => {
  it('hashes sha256 of the trimmed, lower-cased email followed by the salt', () => {
    const expected = createHash('sha256')
      .update('learner@example.org' + 'NaCl')
      .digest('hex');
    expect(hashEmailIdentity('  Learner@Example.ORG ', 'NaCl')).toBe(`sha256$${expected}`);
  });

  it('matches the same address however it is capitalised or padded', () => {
    const identity = emailIdentityObject('learner@example.org', 'NaCl');
    expect(matchesEmailIdentity(identity, 'LEARNER@example.org ')).toBe(true);
  });

  it('does not match another address or the right address with another salt', () => {
    const identity = emailIdentityObject('learner@example.org', 'NaCl');
    expect(matchesEmailIdentity(identity, 'learner2@example.org')).toBe(false);
    expect(matchesEmailIdentity({ ...identity, salt: 'pepper' }, 'learner@example.org')).toBe(false);
  });

  it('matches unhashed email identities and ignores other identity types', () => {
    const plain = {
      type: 'IdentityObject' as const,
      identityHash: 'Learner@example.org',
      identityType: 'emailAddress',
      hashed: false,
    };
    expect(matchesEmailIdentity(plain, 'learner@example.org')).toBe(true);
    expect(matchesEmailIdentity({ ...plain, identityType: 'sourcedId' }, 'learner@example.org')).toBe(false);
    expect(matchesEmailIdentity(undefined, 'learner@example.org')).toBe(false);
  });
});
