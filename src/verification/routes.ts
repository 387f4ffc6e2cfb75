// POST /api/v1/verify (JSON or multipart) and the server-rendered verify page (GET/POST /verify).
// Public, rate-limited; uploads are parsed only here (multipart registered inside this plugin).
import multipart from '@fastify/multipart';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { DEFAULT_DOCUMENT_LIMITS, findJsonTextLimitExcess } from '../credentials/index.ts';
import type { Deps } from '../deps.ts';
import { InvalidError } from '../errors.ts';
import { errorHandler, problem, sendProblem } from '../http/problem.ts';
import { pickLocale } from '../i18n/index.ts';
import { NotABadgeError, refuseOversized, VerifierBusyError } from './errors.ts';
import { type PageOutcome, renderVerifyPage, VERIFY_PAGE_CSS } from './page.ts';
import { notABadgeReply, type VerifyBody, verifyBody, verifyReply } from './schema.ts';
import { standingOf } from './standing.ts';
import { closeVerificationWork, prewarmVerificationWork, withVerificationSlot } from './verification-work.ts';
import { type BadgeInput, verifyBadge } from './verify-badge.ts';

const MAX_FILE_BYTES = 5 * 1024 * 1024;
const MULTIPART_LIMITS = { files: 1, fileSize: MAX_FILE_BYTES, fields: 4, fieldSize: 1_048_576, parts: 6 };

interface VerifyRequest {
  input: BadgeInput;
  email?: string;
}

const filled = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/** Exactly one badge per request: a JSON credential or text, a URL, or a file. */
function toVerifyRequest(fields: VerifyBody, file?: Buffer): VerifyRequest {
  const inputs: BadgeInput[] = [];
  if (file) inputs.push({ kind: 'file', bytes: file });
  if (typeof fields.credential === 'object')
    inputs.push({ kind: 'credential', credential: fields.credential });
  else if (filled(fields.credential)) inputs.push({ kind: 'credential', credential: fields.credential });
  if (filled(fields.url)) inputs.push({ kind: 'url', url: fields.url.trim() });
  if (inputs.length !== 1) {
    const message =
      inputs.length === 0
        ? 'Send a credential (JSON or JWT), a url, or a file.'
        : 'Send one badge at a time: credential, url or file.';
    throw new InvalidError(message, [
      { path: 'body', message, code: inputs.length === 0 ? 'verify-input-missing' : 'verify-input-several' },
    ]);
  }
  return { input: inputs[0]!, ...(filled(fields.email) ? { email: fields.email.trim() } : {}) };
}

/** Reads a multipart form: its single file (an empty file input counts as none) and its text fields. */
async function readMultipart(
  request: FastifyRequest,
): Promise<{ fields: Record<string, string>; file?: Buffer }> {
  const fields: Record<string, string> = {};
  let file: Buffer | undefined;
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      const bytes = await part.toBuffer();
      if (bytes.length > 0) file = bytes;
    } else if (typeof part.value === 'string' && ['credential', 'url', 'email'].includes(part.fieldname)) {
      fields[part.fieldname] = part.value;
    }
  }
  return { fields, ...(file ? { file } : {}) };
}

const rateLimitOf = (deps: Deps) => ({
  rateLimit: { max: deps.config.verifyRateLimit, timeWindow: '1 minute' },
});

function sendNotABadge(reply: FastifyReply, request: FastifyRequest, error: NotABadgeError) {
  const status = error.tooLarge ? 413 : 422;
  return sendProblem(reply, {
    ...problem('not-a-badge', status, error.message, request),
    reason: error.reason,
  } as never);
}

/**
 * JSON bodies in this scope are measured before they are parsed (findJsonTextLimitExcess): a body of
 * 200,000 empty objects is refused without building them. The body's own object encloses the document.
 * A refusal is a NotABadgeError for the scope's error handler.
 */
export function measureJsonBodies(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    try {
      refuseOversized(findJsonTextLimitExcess(body as string, DEFAULT_DOCUMENT_LIMITS, 1));
    } catch (error) {
      done(error as Error, undefined);
      return;
    }
    parse(request, body as string, done);
  });
}

async function verifyApiRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  await app.register(multipart, { limits: MULTIPART_LIMITS });
  measureJsonBodies(app);
  app.setErrorHandler((error, request, reply) =>
    error instanceof NotABadgeError
      ? sendNotABadge(reply, request, error)
      : errorHandler(error as FastifyError, request, reply),
  );
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/v1/verify',
    {
      config: { ...rateLimitOf(deps), auth: 'public' },
      schema: {
        tags: ['verification'],
        summary:
          'Verify any badge: OB 3.0 JSON or VC-JWT, a badge URL (OB 3.0 or OB 2.0 hosted), or a baked PNG/SVG',
        description:
          'Send JSON `{credential | url, email?}`, or `multipart/form-data` with a `file` (baked PNG or SVG, up to 5 MiB) ' +
          'and an optional `email` field. The verdict is `could-not-check` when nothing failed but something could not be ' +
          'checked (an unreachable status list or DID document). Input that is not a badge is refused with 413/422 ' +
          'problem+json whose `reason` names why (e.g. BAKE_SVG_DOCTYPE, FETCH_ADDRESS_NOT_ALLOWED, VERIFY_TOO_LARGE for a ' +
          'document over the limits in docs/credentials.md). A badge page URL of ' +
          'this server is read from its database, not fetched; one that is private or unknown is VERIFY_NO_PUBLIC_BADGE. ' +
          'When the server is already verifying as many credentials as it takes, it answers 503 with Retry-After.',
        body: verifyBody.nullish(),
        response: { 200: verifyReply, 413: notABadgeReply, 422: notABadgeReply, 503: notABadgeReply },
      },
    },
    async (request, reply) => {
      const { fields, file } = request.isMultipart()
        ? await readMultipart(request)
        : { fields: request.body ?? {}, file: undefined };
      const { input, email } = toVerifyRequest(fields, file);
      try {
        const report = await withVerificationSlot(deps, () =>
          verifyBadge(deps, input, { descriptions: true, ...(email ? { email } : {}) }),
        );
        return { ...report, standing: standingOf(report) };
      } catch (error) {
        if (error instanceof NotABadgeError) return sendNotABadge(reply, request, error);
        throw error;
      }
    },
  );
}

function localeOf(request: FastifyRequest): string {
  const query = request.query as { lang?: unknown } | undefined;
  if (typeof query?.lang === 'string') return pickLocale(query.lang);
  return pickLocale(request.headers['accept-language']?.split(',')[0]);
}

function sendPage(reply: FastifyReply, locale: string, outcome?: PageOutcome, email?: string) {
  return reply
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('content-language', locale)
    .send(renderVerifyPage({ locale, ...(outcome ? { outcome } : {}), ...(email ? { email } : {}) }));
}

/** The page's form, multipart or urlencoded, → what to verify, or what to tell the visitor. */
async function readPageForm(
  request: FastifyRequest,
): Promise<VerifyRequest | { messageKey: string; email?: string }> {
  let fields: Record<string, string>;
  let file: Buffer | undefined;
  try {
    if (request.isMultipart()) ({ fields, file } = await readMultipart(request));
    else fields = (request.body as Record<string, string> | undefined) ?? {};
  } catch (error) {
    const code = (error as { code?: string }).code;
    return {
      messageKey: code === 'FST_REQ_FILE_TOO_LARGE' ? 'verify.input.tooLarge' : 'verify.input.unreadable',
    };
  }
  const email = filled(fields.email) ? fields.email.trim() : undefined;
  const inputs = [file, fields.credential, fields.url].filter((v) => (Buffer.isBuffer(v) ? true : filled(v)));
  if (inputs.length !== 1) {
    return {
      messageKey: inputs.length === 0 ? 'verify.input.missing' : 'verify.input.tooMany',
      ...(email ? { email } : {}),
    };
  }
  return toVerifyRequest(fields, file);
}

async function verifyPageRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  await app.register(multipart, { limits: MULTIPART_LIMITS });
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 2 * 1_048_576 },
    (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );
  const publicPage = { config: { auth: 'public' as const }, schema: { hide: true } };

  app.get('/verify', publicPage, async (request, reply) => sendPage(reply, localeOf(request)));

  app.get('/verify/verify.css', publicPage, async (_request, reply) =>
    reply
      .type('text/css; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(VERIFY_PAGE_CSS),
  );

  app.post(
    '/verify',
    { ...publicPage, config: { ...rateLimitOf(deps), auth: 'sessionless' } },
    async (request, reply) => {
      const locale = localeOf(request);
      const form = await readPageForm(request);
      if ('messageKey' in form)
        return sendPage(
          reply.code(form.messageKey === 'verify.input.tooLarge' ? 413 : 400),
          locale,
          { kind: 'input-problem', messageKey: form.messageKey },
          form.email,
        );
      try {
        const report = await withVerificationSlot(deps, () =>
          verifyBadge(deps, form.input, { descriptions: true, ...(form.email ? { email: form.email } : {}) }),
        );
        const outcome: PageOutcome = {
          kind: 'report',
          report,
          checkedAt: deps.now(),
          ...(form.email ? { email: form.email } : {}),
        };
        return sendPage(reply, locale, outcome, form.email);
      } catch (error) {
        if (error instanceof VerifierBusyError) {
          return sendPage(
            reply.code(503).header('retry-after', String(error.retryAfterSeconds)),
            locale,
            { kind: 'input-problem', messageKey: 'verify.input.busy' },
            form.email,
          );
        }
        if (!(error instanceof NotABadgeError)) throw error;
        return sendPage(
          reply.code(error.tooLarge ? 413 : 422),
          locale,
          { kind: 'not-a-badge', reason: error.reason, detail: error.message },
          form.email,
        );
      }
    },
  );
}

/** The verify API and page, each in its own encapsulated scope (multipart and form parsing stay here). */
export async function verificationRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  await app.register(verifyApiRoutes, { deps });
  await app.register(verifyPageRoutes, { deps });
  // The verification workers start with a listening server (tests inject, and start them on first use).
  app.addHook('onListen', async () => prewarmVerificationWork(deps));
  app.addHook('onClose', async () => closeVerificationWork(deps));
}
