import { describe, expect, it, vi } from 'vitest';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, sessionExpiresAt, whyEmailCannotBeRemoved } from './model.ts';
import { argon2, burnPasswordCheck, hashPassword, hashSecret, safeEqual, verifyPassword } from './secrets.ts';

describe('session lifetime', () => {
  const created = new Date('2026-01-01T00:00:00Z');

  it('slides seven idle days forward from the last use', () => {
    const lastSeen = new Date(created.getTime() + 3 * 24 * 3_600_000);
    expect(sessionExpiresAt(created, lastSeen).getTime()).toBe(lastSeen.getTime() + SESSION_IDLE_MS);
  });

  it('never slides past thirty days after login', () => {
    const lastSeen = new Date(created.getTime() + 29 * 24 * 3_600_000);
    expect(sessionExpiresAt(created, lastSeen).getTime()).toBe(created.getTime() + SESSION_ABSOLUTE_MS);
  });
});

describe('removing an email', () => {
  const at = new Date();

  it('refuses the primary email', () => {
    const emails = [
      { id: 'a', isPrimary: true, verifiedAt: at },
      { id: 'b', isPrimary: false, verifiedAt: at },
    ];
    expect(whyEmailCannotBeRemoved(emails, 'a')).toMatch(/primary/);
  });

  it('refuses the last verified email', () => {
    const emails = [
      { id: 'a', isPrimary: true, verifiedAt: null },
      { id: 'b', isPrimary: false, verifiedAt: at },
    ];
    expect(whyEmailCannotBeRemoved(emails, 'b')).toMatch(/last verified/);
  });

  it('allows a secondary address while another verified one remains', () => {
    const emails = [
      { id: 'a', isPrimary: true, verifiedAt: at },
      { id: 'b', isPrimary: false, verifiedAt: null },
    ];
    expect(whyEmailCannotBeRemoved(emails, 'b')).toBeNull();
  });
});

describe('secrets', () => {
  it('hashes passwords with argon2id and checks them', async () => {
    const stored = await hashPassword('a long passphrase');
    expect(stored.startsWith('$argon2id$')).toBe(true);
    expect(await verifyPassword(stored, 'a long passphrase')).toBe(true);
    expect(await verifyPassword(stored, 'another passphrase')).toBe(false);
  });

  it('does the same argon2 work for an unknown account as for a real one', async () => {
    const verify = vi.spyOn(argon2, 'verify');
    try {
      expect(await burnPasswordCheck('a guess at a password')).toBe(false);
      expect(verify).toHaveBeenCalledTimes(1);
    } finally {
      verify.mockRestore();
    }
  });

  it('compares tokens of different lengths as unequal without throwing', () => {
    expect(safeEqual('abc', 'abcd')).toBe(false);
    expect(safeEqual(hashSecret('x'), hashSecret('x'))).toBe(true);
  });
});
