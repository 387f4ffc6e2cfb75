// People and consent over HTTP: the employer's /orgs/{orgId}/employees… and the person's /me/employers….
// Mounted under /api/v1. Roles are checked by the services; a token's scope by the route's config.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../deps.ts';
import { acceptInvitation, myEmployers, setConsent, viewInvitation, withdraw } from './me-service.ts';
import {
  consentBody,
  employeeParams,
  employer,
  employers,
  invitation,
  invitationParams,
  inviteBody,
  inviteReply,
  orgParams,
  pageQuery,
  people,
  person,
  sharedBadges,
} from './schema.ts';
import { employeeBadges, employeePerson, inviteEmployees, listPeople, removeEmployee } from './service.ts';

export async function workforceRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['employers'];

  r.post(
    '/orgs/:orgId/employees/invitations',
    {
      config: { scope: 'workforce:write' },
      schema: {
        tags,
        summary: 'Invite people by address to share their badges with this employer (owner, admin, manager)',
        params: orgParams,
        body: inviteBody,
        response: { 200: inviteReply },
      },
    },
    async (request) => inviteEmployees(deps, request.actor, request.params.orgId, request.body.emails),
  );

  r.get(
    '/orgs/:orgId/employees',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: 'The employer’s people: status and what each shares (withdrawn people: status only)',
        params: orgParams,
        querystring: pageQuery,
        response: { 200: people.schema },
      },
    },
    async (request) =>
      people.present(await listPeople(deps, request.actor, request.params.orgId, request.query)),
  );

  r.get(
    '/orgs/:orgId/employees/:employeeId',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary:
          'One person: status and what they share, as the list gives it (404 once they withdrew or were removed)',
        params: employeeParams,
        response: { 200: person.schema },
      },
    },
    async (request) =>
      person.present(
        await employeePerson(deps, request.actor, request.params.orgId, request.params.employeeId),
      ),
  );

  r.get(
    '/orgs/:orgId/employees/:employeeId/badges',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: 'What the person shares with the employer now (404 once they withdrew or were removed)',
        params: employeeParams,
        response: { 200: sharedBadges.schema },
      },
    },
    async (request) =>
      sharedBadges.present(
        await employeeBadges(deps, request.actor, request.params.orgId, request.params.employeeId),
      ),
  );

  r.delete(
    '/orgs/:orgId/employees/:employeeId',
    {
      config: { scope: 'workforce:write' },
      schema: { tags, summary: 'Remove a person; what they shared is forgotten', params: employeeParams },
    },
    async (request, reply) => {
      await removeEmployee(deps, request.actor, request.params.orgId, request.params.employeeId);
      return reply.code(204).send();
    },
  );

  r.get(
    '/me/employers/invitations/:token',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: 'An employer’s invitation: who invites, the masked address, and whether you verified it',
        params: invitationParams,
        response: { 200: invitation.schema },
      },
    },
    async (request) => invitation.present(await viewInvitation(deps, request.actor, request.params.token)),
  );

  r.post(
    '/me/employers/invitations/:token/accept',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary:
          'Accept (your account must have verified the invited address); nothing is shared until you choose',
        params: invitationParams,
        response: { 200: employer.schema },
      },
    },
    async (request) => employer.present(await acceptInvitation(deps, request.actor, request.params.token)),
  );

  r.get(
    '/me/employers',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: 'My employers: consent, and exactly what each one sees',
        response: { 200: employers.schema },
      },
    },
    async (request) => employers.present(await myEmployers(deps, request.actor)),
  );

  r.put(
    '/me/employers/:orgId/consent',
    {
      config: { scope: 'learning:write' },
      schema: {
        tags,
        summary: 'Choose what this employer sees: all badges earned here or chosen ones, and imported badges',
        params: orgParams,
        body: consentBody,
        response: { 200: employer.schema },
      },
    },
    async (request) =>
      employer.present(await setConsent(deps, request.actor, request.params.orgId, request.body)),
  );

  r.delete(
    '/me/employers/:orgId',
    {
      config: { scope: 'learning:write' },
      schema: { tags, summary: 'Withdraw: the employer’s view forgets you at once', params: orgParams },
    },
    async (request, reply) => {
      await withdraw(deps, request.actor, request.params.orgId);
      return reply.code(204).send();
    },
  );
}
