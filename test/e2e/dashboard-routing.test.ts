// Which dashboard the web app opens for a session (web/src/session.ts, pages/dashboards).
import { describe, expect, it } from 'vitest';
import { mayOpen } from '../../web/src/pages/dashboards/Dashboard.tsx';
import {
  dashboardFor,
  type Membership,
  type MembershipRole,
  type OrgKind,
  type Session,
} from '../../web/src/session.ts';

function membership(id: string, kind: OrgKind, role: MembershipRole): Membership {
  return { org: { id, slug: id, name: id, kind }, role };
}

function session(memberships: Membership[], activeOrgId: string | null, isOperator = false): Session {
  return {
    user: { id: 'u', name: 'Ada', emails: [], isOperator, locale: 'en' },
    memberships,
    activeOrgId,
    csrfToken: 'c',
  };
}

describe('dashboardFor', () => {
  it('opens the learner dashboard for someone without organizations', () => {
    expect(dashboardFor(session([], null))).toBe('learner');
  });

  it('follows the role in the active organization', () => {
    const all = [
      membership('academy', 'issuer', 'staff'),
      membership('panel', 'issuer', 'assessor'),
      membership('acme', 'employer', 'manager'),
      membership('acme-hr', 'employer', 'owner'),
    ];
    expect(['academy', 'panel', 'acme', 'acme-hr'].map((id) => dashboardFor(session(all, id)))).toEqual([
      'issuer',
      'assessor',
      'employer',
      'employer',
    ]);
  });

  it('opens the operator dashboard for an operator with no active organization, and only then', () => {
    expect(dashboardFor(session([], null, true))).toBe('operator');
    expect(dashboardFor(session([membership('academy', 'issuer', 'admin')], 'academy', true))).toBe('issuer');
  });
});

describe('mayOpen', () => {
  it('lets everyone learn, operators operate, and members open only their active role’s dashboard', () => {
    const member = session([membership('academy', 'issuer', 'owner')], 'academy');
    expect(mayOpen('learner', member)).toBe(true);
    expect(mayOpen('issuer', member)).toBe(true);
    expect(mayOpen('employer', member)).toBe(false);
    expect(mayOpen('operator', member)).toBe(false);
    expect(mayOpen('operator', session([], null, true))).toBe(true);
  });
});
