// VC-API issuing: POST /credentials/issue (an API token with the vc:issue scope).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { issueViaVcApi } from './issue.ts';

const json = z.record(z.string(), z.unknown());
// The VC-API's option names the kind of status wanted; a missing statusPurpose means revocation, the entry
// every VC 2.0 credential issued here gets anyway (so it asks for nothing more).
const statusOption = z.object({
  type: z.literal('BitstringStatusListEntry', {
    error: 'must be "BitstringStatusListEntry", the only status entry this server issues',
  }),
  statusPurpose: z
    .enum(['revocation', 'suspension'], {
      error: 'must be "revocation" or "suspension" (absent: revocation)',
    })
    .optional(),
});

export function issueRoutes(app: FastifyInstance, deps: Deps, tags: string[]): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/credentials/issue',
    {
      config: { scope: 'vc:issue' },
      schema: {
        tags,
        summary:
          'Sign a credential as the issuer of the API token (Data Integrity, eddsa-rdfc-2022); a VC 2.0 credential without a credentialStatus of its own gets a revocation status entry (and a suspension one when options.credentialStatus lists it)',
        body: z.object({
          credential: json,
          options: z
            .object({
              credentialId: z.string().min(1).max(2048).optional(),
              credentialStatus: z
                .union([statusOption, z.array(statusOption).min(1).max(2)], {
                  error:
                    'must be {"type": "BitstringStatusListEntry", "statusPurpose": "revocation" | "suspension"} (without statusPurpose: revocation), or a list of one or two of them',
                })
                .optional(),
            })
            .passthrough()
            .optional(),
        }),
        response: { 201: z.object({ verifiableCredential: json }) },
      },
    },
    async (request, reply) => {
      const verifiableCredential = await issueViaVcApi(deps, request.actor, request.body);
      return reply.code(201).send({ verifiableCredential });
    },
  );
}
