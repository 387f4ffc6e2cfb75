// VC-API status: POST /credentials/status (an API token with the vc:issue scope, of the issuing organization).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { updateStatusViaVcApi } from './status.ts';

const purpose = z.enum(['revocation', 'suspension']);
const statusEntry = z.strictObject({
  type: z.enum(['BitstringStatusListEntry', 'BitstringStatusList']),
  statusPurpose: purpose,
  status: z.boolean().optional(),
  id: z.string().max(2048).optional(),
  statusListIndex: z.string().max(20).optional(),
  statusListCredential: z.string().max(2048).optional(),
});

const updateStatusBody = z.strictObject({
  credentialId: z.string().min(1).max(2048),
  credentialStatus: z.union([statusEntry, z.array(statusEntry).min(1).max(2)]),
  status: z.boolean().optional(),
  indexAllocator: z.string().max(2048).optional(),
});

const updateStatusReply = z.object({
  credentialId: z.string(),
  credentialStatus: z.array(
    z.object({
      type: z.literal('BitstringStatusListEntry'),
      statusPurpose: purpose,
      statusListCredential: z.string(),
      statusListIndex: z.string(),
      status: z.boolean(),
    }),
  ),
});

export function statusRoutes(app: FastifyInstance, deps: Deps, tags: string[]): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/credentials/status',
    {
      config: { scope: 'vc:issue' },
      schema: {
        tags,
        summary:
          'Revoke, suspend or lift the suspension of a credential issued through POST /credentials/issue (status true sets the bit; absent means true)',
        body: updateStatusBody,
        response: { 200: updateStatusReply },
      },
    },
    async (request, reply) => {
      const result = await updateStatusViaVcApi(deps, request.actor, request.body);
      return reply.code(200).send(result);
    },
  );
}
