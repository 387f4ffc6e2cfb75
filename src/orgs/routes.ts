// /orgs: organizations, their members and roles; /admin/orgs for platform operators.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { requireActor } from '../identity/index.ts';
import {
  addMemberBody,
  changeMemberBody,
  createOrganizationBody,
  member,
  memberParams,
  organization,
  orgParams,
  pageQuery,
  updateOrganizationBody,
} from './schema.ts';
import {
  addMember,
  changeMemberRole,
  createOrganization,
  getOrganization,
  listAllOrganizations,
  listMembers,
  listMyOrganizations,
  removeMember,
  updateOrganizationDetails,
} from './service.ts';

const tags = ['organizations'];
const organizations = z.object({ items: z.array(organization.schema) });

export async function orgRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/orgs',
    {
      config: { scope: 'orgs:write' },
      schema: {
        tags,
        summary: 'Create an organization; you become its owner',
        body: createOrganizationBody,
        response: { 201: organization.schema },
      },
    },
    async (request, reply) => {
      const org = await createOrganization(deps, requireActor(request.actor), request.body);
      return reply.code(201).send(organization.present(org, 'owner'));
    },
  );

  r.get(
    '/orgs',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: 'The organizations I belong to, with my role',
        response: { 200: organizations },
      },
    },
    async (request) => ({
      items: (await listMyOrganizations(deps, request.actor)).map((org) =>
        organization.present(org, org.role),
      ),
    }),
  );

  r.get(
    '/orgs/:orgId',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: 'One organization',
        params: orgParams,
        response: { 200: organization.schema },
      },
    },
    async (request) => {
      const { org, role } = await getOrganization(deps, request.actor, request.params.orgId);
      return organization.present(org, role);
    },
  );

  r.patch(
    '/orgs/:orgId',
    {
      config: { scope: 'orgs:write' },
      schema: {
        tags,
        summary: 'Change an organization’s name, website and branding (owner, admin)',
        description:
          'Only the fields sent change; `null` clears a nullable one. Branding is shown to learners on catalog, ' +
          'badge and issuer pages: `description`, `brandColor` (`#rrggbb`; white text on it must reach a contrast ' +
          'of 4.5:1, else 400 at `body.brandColor` giving the ratio), `contactEmail`, `contactUrl` (http/https). ' +
          'The logo has its own route, `PUT /orgs/{orgId}/logo`. `registryListings` (the whole list, `[]` for ' +
          'none): the issuer registries it is listed in, `{name, url}` with an https url, shown on its issuer page.',
        params: orgParams,
        body: updateOrganizationBody,
        response: { 200: organization.schema },
      },
    },
    async (request) => {
      const { org, role } = await updateOrganizationDetails(
        deps,
        request.actor,
        request.params.orgId,
        request.body,
      );
      return organization.present(org, role);
    },
  );

  r.get(
    '/orgs/:orgId/members',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: 'Members and their roles (any member)',
        params: orgParams,
        response: { 200: z.object({ items: z.array(member.schema) }) },
      },
    },
    async (request) => ({
      items: (await listMembers(deps, request.actor, request.params.orgId)).map(member.present),
    }),
  );

  r.post(
    '/orgs/:orgId/members',
    {
      config: { scope: 'orgs:write' },
      schema: {
        tags,
        summary: 'Add a person by a verified email (owner, admin)',
        params: orgParams,
        body: addMemberBody,
        response: { 201: member.schema },
      },
    },
    async (request, reply) => {
      const added = await addMember(deps, requireActor(request.actor), request.params.orgId, request.body);
      return reply.code(201).send(member.present(added));
    },
  );

  r.patch(
    '/orgs/:orgId/members/:userId',
    {
      config: { scope: 'orgs:write' },
      schema: {
        tags,
        summary: "Change a member's role (owner, admin)",
        params: memberParams,
        body: changeMemberBody,
        response: { 200: member.schema },
      },
    },
    async (request) => {
      const { orgId, userId } = request.params;
      return member.present(await changeMemberRole(deps, request.actor, orgId, userId, request.body.role));
    },
  );

  r.delete(
    '/orgs/:orgId/members/:userId',
    {
      config: { scope: 'orgs:write' },
      schema: {
        tags,
        summary: 'Remove a member (owner, admin), or leave',
        params: memberParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await removeMember(deps, request.actor, request.params.orgId, request.params.userId);
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/admin/orgs',
    {
      config: { scope: 'read' },
      schema: {
        tags: ['admin'],
        summary: 'Every organization (platform operators)',
        querystring: pageQuery,
        response: { 200: organizations },
      },
    },
    async (request) => ({
      items: (await listAllOrganizations(deps, request.actor, request.query)).map((org) =>
        organization.present(org, null),
      ),
    }),
  );
}
