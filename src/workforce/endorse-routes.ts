// Recognition over HTTP (docs/endorsements.md): the employer's /orgs/{orgId}/employees/{id}/endorsements…,
// the person's /me/endorsements (mounted under /api/v1) and the public /endorsements/{id} (at the root),
// where anyone fetches a signed endorsement to verify it.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import {
  endorseBody,
  endorsement,
  endorsementParams,
  endorsements,
  hostedParams,
  myEndorsementsQuery,
} from './endorse-schema.ts';
import {
  employeeEndorsements,
  endorse,
  endorsementCredential,
  myEndorsements,
  withdrawEndorsement,
} from './endorse-service.ts';
import { employeeParams } from './schema.ts';

export async function endorsementRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['employers'];

  r.post(
    '/orgs/:orgId/employees/:employeeId/endorsements',
    {
      config: { scope: 'workforce:write' },
      schema: {
        tags,
        summary: 'Congratulate a person on a badge they share, or endorse it (owner, admin, manager)',
        description:
          'The badge must be one the employer sees for this person now; any other id answers 404, as an unknown one does. ' +
          'A congratulation is a message mailed to the person. An endorsement is an Open Badges 3.0 EndorsementCredential ' +
          'signed by the employer (its did:web, eddsa-rdfc-2022) with a revocation entry, hosted at credentialUrl.',
        params: employeeParams,
        body: endorseBody,
        response: { 201: endorsement.schema },
      },
    },
    async (request, reply) => {
      const { orgId, employeeId } = request.params;
      const created = await endorse(deps, request.actor, orgId, employeeId, request.body);
      return reply.code(201).send(endorsement.present(created));
    },
  );

  r.get(
    '/orgs/:orgId/employees/:employeeId/endorsements',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: 'What the employer sent this person: congratulations and endorsements, withdrawn ones too',
        params: employeeParams,
        response: { 200: endorsements.schema },
      },
    },
    async (request) =>
      endorsements.present(
        await employeeEndorsements(deps, request.actor, request.params.orgId, request.params.employeeId),
      ),
  );

  r.delete(
    '/orgs/:orgId/employees/:employeeId/endorsements/:endorsementId',
    {
      config: { scope: 'workforce:write' },
      schema: {
        tags,
        summary: 'Withdraw a congratulation or endorsement (an endorsement is revoked: verifiers say so)',
        description:
          'Final. The person no longer sees it; an endorsement’s revocation bit is set in the employer’s status list. Withdrawing twice answers 204 again.',
        params: endorsementParams,
      },
    },
    async (request, reply) => {
      const { orgId, employeeId, endorsementId } = request.params;
      await withdrawEndorsement(deps, request.actor, orgId, employeeId, endorsementId);
      return reply.code(204).send();
    },
  );

  r.get(
    '/me/endorsements',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: 'Congratulations and endorsements I received (withdrawn ones left out)',
        querystring: myEndorsementsQuery,
        response: { 200: endorsements.schema },
      },
    },
    async (request) => endorsements.present(await myEndorsements(deps, request.actor, request.query.awardId)),
  );
}

export async function endorsementPublicRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/endorsements/:id',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['public documents'],
        summary: 'A signed Open Badges 3.0 EndorsementCredential (JSON-LD), for anyone to verify',
        description: 'Served whether or not it was revoked: its credentialStatus tells verifiers.',
        params: hostedParams,
        response: { 200: z.record(z.string(), z.unknown()) },
      },
    },
    async (request, reply) => {
      const credential = await endorsementCredential(deps, request.params.id);
      return reply
        .header('access-control-allow-origin', '*')
        .header('cache-control', 'public, max-age=60')
        .type('application/ld+json')
        .send(credential);
    },
  );
}
