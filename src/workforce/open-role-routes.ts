// Open roles over HTTP (mounted under /api/v1; docs/open-roles.md):
//   POST | GET /orgs/{orgId}/open-roles                 publish a role profile as an open role; list
//   PUT | DELETE /orgs/{orgId}/open-roles/{id}           edit; close (deletes it with its applications)
//   GET /orgs/{orgId}/open-roles/{id}/applications       who applied, with the badges they chose to show
//   GET | PUT /me/job-matching                           the learner's opt-in (off by default)
//   GET /me/open-roles                                   every open role, best fit first (when opted in)
//   POST | DELETE /me/open-roles/{id}/applications       apply showing chosen badges; withdraw
// Roles are checked by the services (owner, admin, manager of an employer); a token's scope by the config.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import {
  applyToOpenRole,
  jobMatching,
  myOpenRoles,
  setJobMatching,
  withdrawApplication,
} from './open-role-me-service.ts';
import {
  applicationsReply,
  applyBody,
  jobMatchingBody,
  jobMatchingReply,
  myOpenRoleParams,
  myOpenRoleReply,
  myOpenRolesQuery,
  myOpenRolesReply,
  openRoleBody,
  openRoleParams,
  openRoleReply,
  orgParams,
  presentApplications,
  presentJobMatching,
  presentMyOpenRole,
  presentMyOpenRoles,
  presentOpenRole,
} from './open-role-schemas.ts';
import {
  closeOpenRole,
  editOpenRole,
  listOpenRoles,
  openRoleApplications,
  publishOpenRole,
} from './open-role-service.ts';

export async function openRoleRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['employers'];

  r.post(
    '/orgs/:orgId/open-roles',
    {
      config: { scope: 'workforce:write' },
      schema: {
        tags,
        summary: 'Publish a role profile as an open role (owner, admin, manager)',
        description:
          'The role needs the profile’s skills, read live: editing the profile changes how learners match. ' +
          'A profile of another organization answers 400 at `roleId`.',
        params: orgParams,
        body: openRoleBody,
        response: { 201: openRoleReply },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          presentOpenRole(await publishOpenRole(deps, request.actor, request.params.orgId, request.body)),
        ),
  );

  r.get(
    '/orgs/:orgId/open-roles',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: 'The employer’s open roles, newest first, with how many people applied',
        description: 'Nothing here counts or names learners who did not apply.',
        params: orgParams,
        response: { 200: z.object({ items: z.array(openRoleReply) }) },
      },
    },
    async (request) => ({
      items: (await listOpenRoles(deps, request.actor, request.params.orgId)).map(presentOpenRole),
    }),
  );

  r.put(
    '/orgs/:orgId/open-roles/:id',
    {
      config: { scope: 'workforce:write' },
      schema: {
        tags,
        summary: 'Replace an open role’s profile, title, description and location (applications stay)',
        params: openRoleParams,
        body: openRoleBody,
        response: { 200: openRoleReply },
      },
    },
    async (request) =>
      presentOpenRole(
        await editOpenRole(deps, request.actor, request.params.orgId, request.params.id, request.body),
      ),
  );

  r.delete(
    '/orgs/:orgId/open-roles/:id',
    {
      config: { scope: 'workforce:write' },
      schema: {
        tags,
        summary: 'Close an open role: it is deleted with its applications',
        description: 'Learners stop seeing it at once; nothing of the applicants stays with the employer.',
        params: openRoleParams,
      },
    },
    async (request, reply) => {
      await closeOpenRole(deps, request.actor, request.params.orgId, request.params.id);
      return reply.code(204).send();
    },
  );

  r.get(
    '/orgs/:orgId/open-roles/:id/applications',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: 'Who applied: name, verified address, message, the badges they chose and the fit from those',
        description:
          'Best fit first. The fit and gap are computed from the chosen badges alone, of them those active ' +
          'now. A withdrawn application is gone at once.',
        params: openRoleParams,
        response: { 200: applicationsReply },
      },
    },
    async (request) =>
      presentApplications(
        await openRoleApplications(deps, request.actor, request.params.orgId, request.params.id),
      ),
  );

  r.get(
    '/me/job-matching',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: 'Whether you see employers’ open roles matched to your badges (off until you turn it on)',
        response: { 200: jobMatchingReply },
      },
    },
    async (request) => presentJobMatching(await jobMatching(deps, request.actor)),
  );

  r.put(
    '/me/job-matching',
    {
      config: { scope: 'learning:write' },
      schema: {
        tags,
        summary: 'Turn job matching on or off (off withdraws every application)',
        description:
          'Employers never see who turned it on; they see a learner only once that learner applies.',
        body: jobMatchingBody,
        response: { 200: jobMatchingReply },
      },
    },
    async (request) => presentJobMatching(await setJobMatching(deps, request.actor, request.body.optIn)),
  );

  r.get(
    '/me/open-roles',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: 'Employers on this server hiring for your skills: every open role, best fit first',
        description:
          'Fit and gap come from your current badges exactly as the insights gap computes them, over the ' +
          'role profile’s skills (weighted by importance); each gap lists badges and courses that close it. ' +
          'With job matching off the answer is `{optedIn: false, items: []}`.',
        querystring: myOpenRolesQuery,
        response: { 200: myOpenRolesReply },
      },
    },
    async (request) => presentMyOpenRoles(await myOpenRoles(deps, request.actor, request.query.limit)),
  );

  r.post(
    '/me/open-roles/:id/applications',
    {
      config: { scope: 'learning:write' },
      schema: {
        tags,
        summary: 'Apply, showing the employer only the badges you choose (again: replaces your application)',
        description:
          'The employer sees your name, a verified address, the message and the chosen badges. 409 ' +
          '`not-opted-in` while job matching is off; an award that is not yours answers 400 at ' +
          '`shareAwardIds.<i>`. 201 when new, 200 when it replaced your earlier application.',
        params: myOpenRoleParams,
        body: applyBody,
        response: { 200: myOpenRoleReply, 201: myOpenRoleReply },
      },
    },
    async (request, reply) => {
      const { created, item } = await applyToOpenRole(deps, request.actor, request.params.id, request.body);
      return reply.code(created ? 201 : 200).send(presentMyOpenRole(item));
    },
  );

  r.delete(
    '/me/open-roles/:id/applications',
    {
      config: { scope: 'learning:write' },
      schema: {
        tags,
        summary: 'Withdraw your application: the employer forgets it at once',
        params: myOpenRoleParams,
      },
    },
    async (request, reply) => {
      await withdrawApplication(deps, request.actor, request.params.id);
      return reply.code(204).send();
    },
  );
}
