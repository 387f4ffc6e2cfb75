// Teams over HTTP (mounted under /api/v1):
//   POST | GET /orgs/{orgId}/teams
//   PUT | DELETE /orgs/{orgId}/teams/{id}        rename, delete
//   PUT /orgs/{orgId}/teams/{id}/members         the team's members: active employees of the organization
// Roles are checked by the services (owner, admin, manager of an employer); a token's scope by the config.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { orgParams, presentTeam, roleParams, teamBody, teamMembersBody, teamReply } from './role-schemas.ts';
import { createTeam, deleteOrgTeam, listOrgTeams, renameOrgTeam, setTeamMembers } from './team-service.ts';

export async function teamRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['employers'];

  r.post(
    '/orgs/:orgId/teams',
    {
      config: { scope: 'workforce:write' },
      schema: {
        tags,
        summary: 'Create a team (owner, admin, manager); a name in use, whatever its case, answers 409',
        params: orgParams,
        body: teamBody,
        response: { 201: teamReply },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(presentTeam(await createTeam(deps, request.actor, request.params.orgId, request.body.name))),
  );

  r.get(
    '/orgs/:orgId/teams',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: 'The teams of an employer, by name, with their active members',
        params: orgParams,
        response: { 200: z.object({ items: z.array(teamReply) }) },
      },
    },
    async (request) => ({
      items: (await listOrgTeams(deps, request.actor, request.params.orgId)).map(presentTeam),
    }),
  );

  r.put(
    '/orgs/:orgId/teams/:id',
    {
      config: { scope: 'workforce:write' },
      schema: {
        tags,
        summary: 'Rename a team',
        params: roleParams,
        body: teamBody,
        response: { 200: teamReply },
      },
    },
    async (request) =>
      presentTeam(
        await renameOrgTeam(deps, request.actor, request.params.orgId, request.params.id, request.body.name),
      ),
  );

  r.delete(
    '/orgs/:orgId/teams/:id',
    {
      config: { scope: 'workforce:write' },
      schema: { tags, summary: 'Delete a team (its people stay)', params: roleParams },
    },
    async (request, reply) => {
      await deleteOrgTeam(deps, request.actor, request.params.orgId, request.params.id);
      return reply.code(204).send();
    },
  );

  r.put(
    '/orgs/:orgId/teams/:id/members',
    {
      config: { scope: 'workforce:write' },
      schema: {
        tags,
        summary: "Replace a team's members",
        description:
          'Each id must be an active employee of this organization: every other one is named at ' +
          '`employeeIds.<i>` (400).',
        params: roleParams,
        body: teamMembersBody,
        response: { 200: teamReply },
      },
    },
    async (request) =>
      presentTeam(
        await setTeamMembers(
          deps,
          request.actor,
          request.params.orgId,
          request.params.id,
          request.body.employeeIds,
        ),
      ),
  );
}
