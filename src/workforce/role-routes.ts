// Role profiles and assignments over HTTP (mounted under /api/v1):
//   POST /orgs/{orgId}/role-profiles/from-occupation     start a profile from an O*NET or ESCO occupation
//   POST | GET /orgs/{orgId}/role-profiles               write one from scratch; list
//   GET | PUT | DELETE /orgs/{orgId}/role-profiles/{id}
//   PUT /orgs/{orgId}/employees/{employeeId}/roles        the roles an employee holds
// Roles are checked by the services (owner, admin, manager of an employer); a token's scope by the config.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import {
  assignmentsReply,
  employeeParams,
  fromOccupationBody,
  orgParams,
  presentRole,
  roleBody,
  roleIdsBody,
  roleParams,
  roleReply,
} from './role-schemas.ts';
import {
  createRole,
  createRoleFromOccupation,
  deleteRole,
  getRole,
  listRoles,
  setEmployeeRoles,
  updateRole,
} from './role-service.ts';

export async function roleProfileRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['employers'];

  r.post(
    '/orgs/:orgId/role-profiles/from-occupation',
    {
      config: { scope: 'workforce:write' },
      schema: {
        tags,
        summary: "Start a role profile from an occupation's core skills (owner, admin, manager)",
        description:
          'Keeps the core skills at least `minImportance` important (default 3; ESCO essential counts as 4, a ' +
          'missing level as 4), levels to one decimal, most important first, at most 60. An occupation that ' +
          'has not been imported answers 400 at `code`; a name in use answers 409.',
        params: orgParams,
        body: fromOccupationBody,
        response: { 201: roleReply },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          presentRole(
            await createRoleFromOccupation(deps, request.actor, request.params.orgId, request.body),
          ),
        ),
  );

  r.post(
    '/orgs/:orgId/role-profiles',
    {
      config: { scope: 'workforce:write' },
      schema: {
        tags,
        summary: 'Write a role profile from scratch (owner, admin, manager)',
        description:
          'Every concept must be imported: each one that is not is named at `skills.<i>.code` (400). A name ' +
          'in use (whatever its case) answers 409.',
        params: orgParams,
        body: roleBody,
        response: { 201: roleReply },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(presentRole(await createRole(deps, request.actor, request.params.orgId, request.body))),
  );

  r.get(
    '/orgs/:orgId/role-profiles',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: 'The role profiles of an employer, by name',
        params: orgParams,
        response: { 200: z.object({ items: z.array(roleReply) }) },
      },
    },
    async (request) => ({
      items: (await listRoles(deps, request.actor, request.params.orgId)).map(presentRole),
    }),
  );

  r.get(
    '/orgs/:orgId/role-profiles/:id',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: 'One role profile, with the active employees assigned to it',
        params: roleParams,
        response: { 200: roleReply },
      },
    },
    async (request) =>
      presentRole(await getRole(deps, request.actor, request.params.orgId, request.params.id)),
  );

  r.put(
    '/orgs/:orgId/role-profiles/:id',
    {
      config: { scope: 'workforce:write' },
      schema: {
        tags,
        summary: 'Replace the name, description and skills of a role profile (its source occupation stays)',
        params: roleParams,
        body: roleBody,
        response: { 200: roleReply },
      },
    },
    async (request) =>
      presentRole(
        await updateRole(deps, request.actor, request.params.orgId, request.params.id, request.body),
      ),
  );

  r.delete(
    '/orgs/:orgId/role-profiles/:id',
    {
      config: { scope: 'workforce:write' },
      schema: { tags, summary: 'Delete a role profile (and its assignments)', params: roleParams },
    },
    async (request, reply) => {
      await deleteRole(deps, request.actor, request.params.orgId, request.params.id);
      return reply.code(204).send();
    },
  );

  r.put(
    '/orgs/:orgId/employees/:employeeId/roles',
    {
      config: { scope: 'workforce:write' },
      schema: {
        tags,
        summary: 'Replace the roles an active employee holds',
        description:
          'Each id must be a role profile of this organization (400 at `roleIds.<i>` otherwise); a person who ' +
          'is not active answers 400.',
        params: employeeParams,
        body: roleIdsBody,
        response: { 200: assignmentsReply },
      },
    },
    async (request) => {
      const { orgId, employeeId } = request.params;
      const roleIds = await setEmployeeRoles(deps, request.actor, orgId, employeeId, request.body.roleIds);
      return { employeeId, roleIds };
    },
  );
}
