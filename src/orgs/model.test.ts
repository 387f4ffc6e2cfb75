import { describe, expect, it } from 'vitest';
import { canChangeMember, canManageMembers, isRoleAllowedIn, leavesNoOwner, SLUG_PATTERN } from './model.ts';

describe('organization rules', () => {
  it('lets owners and admins manage members, and nobody else', () => {
    expect(['owner', 'admin'].every((r) => canManageMembers(r as 'owner'))).toBe(true);
    expect(['staff', 'assessor', 'manager'].some((r) => canManageMembers(r as 'staff'))).toBe(false);
  });

  it('lets only an owner make, unmake or remove an owner', () => {
    expect(canChangeMember('admin', null, 'owner')).toBe(false);
    expect(canChangeMember('admin', 'owner', 'staff')).toBe(false);
    expect(canChangeMember('admin', 'owner', null)).toBe(false);
    expect(canChangeMember('admin', 'staff', 'admin')).toBe(true);
    expect(canChangeMember('owner', 'owner', 'admin')).toBe(true);
  });

  it('keeps managers in employers and assessors and staff in issuers', () => {
    expect(isRoleAllowedIn('employer', 'manager')).toBe(true);
    expect(isRoleAllowedIn('issuer', 'manager')).toBe(false);
    expect(isRoleAllowedIn('employer', 'assessor')).toBe(false);
    expect(isRoleAllowedIn('employer', 'staff')).toBe(false);
    expect(isRoleAllowedIn('issuer', 'assessor')).toBe(true);
  });

  it('notices when a change would leave no owner', () => {
    expect(leavesNoOwner(1, 'owner', null)).toBe(true);
    expect(leavesNoOwner(1, 'owner', 'admin')).toBe(true);
    expect(leavesNoOwner(2, 'owner', null)).toBe(false);
    expect(leavesNoOwner(1, 'admin', null)).toBe(false);
  });

  it('accepts plain slugs of 3 to 40 characters only', () => {
    expect(SLUG_PATTERN.test('northwind-academy')).toBe(true);
    expect(SLUG_PATTERN.test('ab')).toBe(false);
    expect(SLUG_PATTERN.test('a'.repeat(41))).toBe(false);
    expect(SLUG_PATTERN.test('a'.repeat(40))).toBe(true);
    expect(SLUG_PATTERN.test('-leading')).toBe(false);
    expect(SLUG_PATTERN.test('Upper')).toBe(false);
  });
});
