// Who is making a request, as every use-case sees it. Built by src/http/auth.ts from a session
// cookie or an API token; `null` for anonymous callers.
import type { MembershipRole } from '../orgs/tables.ts';

export interface Actor {
  user: { id: string; name: string; isOperator: boolean };
  via: 'session' | 'api-token';
  memberships: ReadonlyArray<{ orgId: string; role: MembershipRole }>;
  /** The organization chosen in the app's switcher (sessions), or the token's organization. */
  activeOrgId: string | null;
  /** API tokens carry scopes (e.g. `vc:issue`); sessions have every scope their roles allow. */
  scopes: ReadonlyArray<string> | 'all';
}
