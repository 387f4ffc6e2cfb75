// VC-API verifying: POST /credentials/verify and /presentations/verify, open to anyone.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  type Check,
  decideByRequestedChecks,
  REQUESTABLE_CHECK_NAMES,
  refuseNonJwtString,
  type VerificationWarning,
} from '../credentials/index.ts';
import type { Deps } from '../deps.ts';
import { verifyPresentedCredential, withVerificationSlot } from '../verification/index.ts';
import { verifyPresentation } from './presentations.ts';

const json = z.record(z.string(), z.unknown());
const checkSchema = z.object({
  code: z.string(),
  status: z.enum(['passed', 'failed', 'unchecked']),
  message: z.string(),
  /** false: not among `options.checks`, so reported without deciding. */
  requested: z.literal(false).optional(),
});
const problemDetail = z.object({ type: z.string(), title: z.string(), detail: z.string() });
const verifyReply = z.object({
  verified: z.boolean(),
  checks: z.array(checkSchema),
  warnings: z.array(problemDetail),
  errors: z.array(problemDetail),
  problemDetails: z.array(problemDetail).optional(),
});
/** A request refused before anything was verified (a malformed body): problem+json (http/problem.ts). */
const problemReply = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  requestId: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
/** 400 is both "not verified" (the verify reply) and "malformed request" (problem+json). */
const refusedReply = z.union([verifyReply, problemReply]);
/**
 * VC-API `options.checks`: the checks that decide `verified` (structure and contexts always do); an
 * unknown name is a malformed request.
 */
const requestedChecks = z.array(z.enum(REQUESTABLE_CHECK_NAMES)).min(1).max(REQUESTABLE_CHECK_NAMES.length);

/**
 * Failed checks become errors, unchecked ones too (we could not confirm them), each saying which it is: a
 * rule that failed ("proof failed") or something that could not be reached ("status could not be checked").
 * A check the caller did not request (`requested: false`) is no error: its failure is a `not-requested`
 * warning. Warnings never change `verified`; see docs/credentials.md.
 */
export function verifyResponse(verified: boolean, checks: Check[], warnings: VerificationWarning[] = []) {
  const toProblem = (c: Check) => ({
    type: `/problems/verification/${c.code}`,
    title: c.status === 'unchecked' ? `${c.code} could not be checked` : `${c.code} failed`,
    detail: c.message,
  });
  const warningDetails = warnings.map((w) => ({
    type: `/problems/verification/warning/${w.code}`,
    title: `warning: ${w.code}`,
    detail: w.message,
  }));
  const errors = checks.filter((c) => c.status !== 'passed' && c.requested !== false).map(toProblem);
  const simple = checks.map(({ code, status, message, requested }) =>
    requested === false ? { code, status, message, requested } : { code, status, message },
  );
  return verified
    ? { verified, checks: simple, warnings: warningDetails, errors: [] }
    : {
        verified,
        checks: simple,
        warnings: warningDetails,
        errors,
        problemDetails: [...errors, ...warningDetails],
      };
}

export function verifyRoutes(app: FastifyInstance, deps: Deps, tags: string[]): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/credentials/verify',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary:
          'Verify any W3C credential (JSON with embedded proofs, a VC-JWT string, or an EnvelopedVerifiableCredential)',
        body: z.object({
          verifiableCredential: z.union([json, z.string().max(1_000_000)]),
          options: z.object({ checks: requestedChecks.optional() }).passthrough().optional(),
        }),
        response: { 200: verifyReply, 400: refusedReply },
      },
    },
    async (request, reply) => {
      const { verifiableCredential, options } = request.body;
      const refusal = refuseNonJwtString(verifiableCredential);
      if (refusal) return reply.code(400).send(verifyResponse(false, [refusal]));
      const verified = await withVerificationSlot(deps, () =>
        verifyPresentedCredential(deps, verifiableCredential),
      );
      const result = decideByRequestedChecks(verified, options?.checks);
      return reply
        .code(result.verified ? 200 : 400)
        .send(verifyResponse(result.verified, result.checks, result.warnings));
    },
  );

  r.post(
    '/presentations/verify',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary:
          'Verify a presentation (signed with challenge/domain, or unsigned) and every credential in it',
        body: z.object({
          verifiablePresentation: json,
          options: z
            .object({
              challenge: z.string().optional(),
              domain: z.string().optional(),
              checks: requestedChecks.optional(),
            })
            .passthrough()
            .optional(),
        }),
        response: { 200: verifyReply, 400: refusedReply },
      },
    },
    async (request, reply) => {
      const result = await withVerificationSlot(deps, () =>
        verifyPresentation(deps, request.body.verifiablePresentation, request.body.options ?? {}),
      );
      const checks = [
        ...result.presentation,
        ...result.credentials.flatMap((c, i) =>
          c.checks.map((check) => ({ ...check, message: `credential ${i + 1}: ${check.message}` })),
        ),
      ];
      return reply
        .code(result.verified ? 200 : 400)
        .send(verifyResponse(result.verified, checks, result.warnings));
    },
  );
}
