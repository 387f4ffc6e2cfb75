// The gate of the issuer console's pages for owners and administrators only (identity, webhooks, LMS connections):
// signed in, an active organization that issues, and a managing role; anyone else reads why the page is not theirs.
import type { ReactNode } from 'react';
import { Page } from '../../components/Page.tsx';
import { RequireSession } from '../../components/RequireSession.tsx';
import { activeMembership, type Membership } from '../../session.ts';
import { NoActiveOrg } from './OrgSettings.tsx';

export function IssuerManagers({
  title,
  onlyManagers,
  children,
}: {
  title: string;
  /** What anyone else reads instead. */
  onlyManagers: string;
  children: (membership: Membership) => ReactNode;
}) {
  return (
    <RequireSession>
      {(session) => {
        const membership = activeMembership(session);
        if (!membership) return <NoActiveOrg />;
        const manager = membership.role === 'owner' || membership.role === 'admin';
        if (!manager || membership.org.kind !== 'issuer') {
          return (
            <Page title={title} narrow>
              <p>{onlyManagers}</p>
            </Page>
          );
        }
        return children(membership);
      }}
    </RequireSession>
  );
}
