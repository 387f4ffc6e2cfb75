// Public: checking a certificate of completion by its activity code (the URL in its QR code), and a
// supervisor's attestation link (the token is the credential). JSON for now; the human pages come with
// the public pages' issue.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { attestationByToken, decideAttestation } from './attestation.ts';
import { certificateByCode } from './completion.ts';
import { attestation, attestationBody, certificate } from './schema.ts';

const tokenParams = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'is not an attestation token'),
});

export async function certificatePublicRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/certificates/:code',
    {
      schema: {
        tags: ['learning'],
        summary: 'Check a certificate of completion: who completed which course, when, issued by whom',
        params: z.object({ code: z.string().min(1).max(60) }),
        response: { 200: certificate.schema },
      },
    },
    async (request) => certificate.present(await certificateByCode(deps, request.params.code)),
  );

  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/attestations/:token',
    {
      schema: {
        tags: ['learning'],
        summary: "A supervisor's view of an attestation request (the emailed link)",
        params: tokenParams,
        response: { 200: attestation.schema },
      },
    },
    async (request) => attestation.present(await attestationByToken(deps, request.params.token)),
  );

  r.post(
    '/attestations/:token',
    {
      schema: {
        tags: ['learning'],
        summary: 'Confirm or decline that the learner applied the course at work',
        params: tokenParams,
        body: attestationBody,
        response: { 200: attestation.schema },
      },
    },
    async (request) => attestation.present(await decideAttestation(deps, request.params.token, request.body)),
  );
}
