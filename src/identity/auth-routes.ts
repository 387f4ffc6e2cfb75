// /auth: sign-up, email confirmation, login, session, logout, password reset.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { RuleError, UnauthenticatedError } from '../errors.ts';
import { problem, sendProblem } from '../http/problem.ts';
import { clearSessionCookie, setSessionCookie } from './cookies.ts';
import {
  emailBody,
  logInBody,
  resetConfirmBody,
  sessionReply,
  signUpBody,
  switchOrganizationBody,
  tokenBody,
} from './schema.ts';
import {
  confirmPasswordReset,
  requestPasswordReset,
  resendVerification,
  signUp,
  verifyEmail,
} from './service.ts';
import { logIn, logOut, sessionOverview, switchOrganization } from './sessions.ts';

const tags = ['auth'];
const accepted = z.object({ status: z.literal('accepted') });

export async function authRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // Per route: guessing passwords or flooding mailboxes is slowed down, the rest of the API is not.
  const config = {
    auth: 'public' as const,
    rateLimit: { max: deps.config.authRateLimit, timeWindow: '1 minute' },
  };
  // Forms that act for nobody (a mailed token, an address): a logged-in visitor's cookie is ignored, so it
  // neither helps nor needs a CSRF token — opening a confirmation link while logged in must just work.
  const forNobody = { ...config, auth: 'sessionless' as const };

  r.post(
    '/auth/signup',
    {
      config: forNobody,
      schema: {
        tags,
        summary:
          'Create an account; a confirmation link is mailed (answers the same whether or not the address has an account: its owner is told by mail)',
        body: signUpBody,
        response: { 202: accepted },
      },
    },
    async (request, reply) => {
      await signUp(deps, request.body);
      return reply.code(202).send({ status: 'accepted' as const });
    },
  );

  r.post(
    '/auth/verify-email',
    {
      config: forNobody,
      schema: {
        tags,
        summary: 'Confirm an email address with the mailed token',
        body: tokenBody,
        response: { 200: z.object({ verified: z.literal(true) }) },
      },
    },
    async (request) => {
      await verifyEmail(deps, request.body.token);
      return { verified: true as const };
    },
  );

  r.post(
    '/auth/verify-email/resend',
    {
      config: forNobody,
      schema: {
        tags,
        summary: 'Mail a new confirmation link (answers the same whether or not the address is known)',
        body: emailBody,
        response: { 202: accepted },
      },
    },
    async (request, reply) => {
      await resendVerification(deps, request.body.email);
      return reply.code(202).send({ status: 'accepted' as const });
    },
  );

  r.post(
    '/auth/login',
    {
      config,
      schema: {
        tags,
        summary: 'Log in; sets the session cookie and returns the CSRF token',
        body: logInBody,
        response: { 200: sessionReply.schema },
      },
    },
    async (request, reply) => {
      try {
        const session = await logIn(deps, request.body);
        setSessionCookie(reply, deps, session.token, session.cookieExpiresAt);
        return sessionReply.present(session.overview);
      } catch (error) {
        // Knowing the password earns the honest reason: the address still waits for confirmation.
        if (error instanceof RuleError && error.code === 'email-not-verified') {
          return sendProblem(reply, problem(error.code, 403, error.message, request));
        }
        throw error;
      }
    },
  );

  r.post(
    '/auth/logout',
    {
      config: { auth: 'public' },
      schema: { tags, summary: 'End this session', response: { 204: z.null() } },
    },
    async (request, reply) => {
      await logOut(deps, request.authSession?.idHash ?? null);
      clearSessionCookie(reply, deps);
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/auth/session',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: 'Who is logged in, their organizations and the CSRF token',
        response: { 200: sessionReply.schema },
      },
    },
    async (request) => {
      if (!request.authSession) throw new UnauthenticatedError('No session; log in first.');
      return sessionReply.present(await sessionOverview(deps, request.authSession));
    },
  );

  r.put(
    '/auth/session/organization',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: 'Switch the organization this session acts for',
        body: switchOrganizationBody,
        response: { 200: sessionReply.schema },
      },
    },
    async (request) =>
      sessionReply.present(
        await switchOrganization(deps, request.actor, request.authSession, request.body.orgId),
      ),
  );

  r.post(
    '/auth/password-reset',
    {
      config: forNobody,
      schema: {
        tags,
        summary: 'Mail a password-reset link (answers the same whether or not the address is known)',
        body: emailBody,
        response: { 202: accepted },
      },
    },
    async (request, reply) => {
      await requestPasswordReset(deps, request.body.email);
      return reply.code(202).send({ status: 'accepted' as const });
    },
  );

  r.post(
    '/auth/password-reset/confirm',
    {
      config: forNobody,
      schema: {
        tags,
        summary: 'Set a new password with the mailed token; ends the other sessions',
        body: resetConfirmBody,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const current = request.authSession?.idHash ?? null;
      await confirmPasswordReset(deps, { ...request.body, currentSessionIdHash: current });
      return reply.code(204).send(null);
    },
  );
}
