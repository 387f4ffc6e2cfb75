// Members invited by email over HTTP: the organization's /orgs/{orgId}/invitations… (owner, admin) and
// the invited person's /me/org-invitations/{token}… Mounted under /api/v1; roles are checked by the service.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import {
  acceptOrgInvitation,
  inviteMember,
  listInvitations,
  revokeInvitation,
  viewOrgInvitation,
} from './invitation.ts';
import {
  accepted,
  invitation,
  invitationParams,
  invitations,
  inviteBody,
  landing,
  tokenParams,
} from './invitation-schema.ts';
import { orgParams } from './schema.ts';

const tags = ['organizations'];

export async function orgInvitationRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/orgs/:orgId/invitations',
    {
      config: { scope: 'orgs:write' },
      schema: {
        tags,
        summary: 'Invite someone by email with a role (owner, admin); they may have no account yet',
        description:
          'Mails a single-use link `{PUBLIC_URL}/join/org/{token}` that lasts 14 days; only its hash is kept. ' +
          'Inviting the same address again replaces the link (the old one stops working) and the role. The role ' +
          'must exist in the organization’s kind (issuer: owner, admin, staff, assessor; employer: owner, admin, ' +
          'manager) else 400 at `body.role`; only an owner invites an owner (403); someone already a member: ' +
          '409 `already-member`.',
        params: orgParams,
        body: inviteBody,
        response: { 201: invitation.schema },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          invitation.present(await inviteMember(deps, request.actor, request.params.orgId, request.body)),
        ),
  );

  r.get(
    '/orgs/:orgId/invitations',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: 'Invitations not accepted yet, newest first (owner, admin)',
        description: 'Expired ones are listed with `expired: true` until invited again or withdrawn.',
        params: orgParams,
        response: { 200: invitations },
      },
    },
    async (request) => ({
      items: (await listInvitations(deps, request.actor, request.params.orgId)).map(invitation.present),
    }),
  );

  r.delete(
    '/orgs/:orgId/invitations/:invitationId',
    {
      config: { scope: 'orgs:write' },
      schema: {
        tags,
        summary: 'Withdraw an invitation (owner, admin): its link stops working at once',
        description: 'An accepted or unknown invitation answers 404.',
        params: invitationParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await revokeInvitation(deps, request.actor, request.params.orgId, request.params.invitationId);
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/me/org-invitations/:token',
    {
      config: { auth: 'public', scope: 'read' },
      schema: {
        tags,
        summary: 'What an invitation link offers: organization, role, the masked address',
        description:
          'Anyone holding the link may look, signed in or not (the invited address stays masked). ' +
          '`emailVerified` says whether the caller’s account verified the invited address (only then accepting ' +
          'works). Unknown or withdrawn link: 404; used or expired: 410 `/problems/gone` with `reason` ' +
          '`invitation-used` or `invitation-expired`.',
        params: tokenParams,
        response: { 200: landing },
      },
    },
    async (request) => viewOrgInvitation(deps, request.actor, request.params.token),
  );

  r.post(
    '/me/org-invitations/:token/accept',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary:
          'Accept: become a member with the invited role (your account must have verified the address)',
        description:
          'Signed-in sessions only. An account without the invited address verified: 403 (add and verify it, or ' +
          'log in with the account that has it). Used or expired link: 410 `/problems/gone` (`reason`); unknown: ' +
          '404; already a member: 409 `already-member`.',
        params: tokenParams,
        response: { 200: accepted.schema },
      },
    },
    async (request) => accepted.present(await acceptOrgInvitation(deps, request.actor, request.params.token)),
  );
}
