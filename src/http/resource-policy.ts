// Which responses other sites may load. helmet answers everything with Cross-Origin-Resource-Policy:
// same-origin; a public picture made to be shown elsewhere (the email-signature and link-preview PNG, the
// embed's and wallets' achievement image, the QR code) declares `config: { auth: 'public', embeddable: true }`
// and its pictures are answered with `cross-origin`. Nothing else loosens: not its errors, nor a route that
// is not public.
import type { FastifyReply, FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A public picture other websites and web wallets may load (Cross-Origin-Resource-Policy: cross-origin). */
    embeddable?: boolean;
  }
}

export async function crossOriginWhereEmbeddable(
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  const config = request.routeOptions.config;
  // Only the picture itself: a refusal (404 for a private badge, a problem) stays same-origin.
  if (config?.embeddable === true && config.auth === 'public' && reply.statusCode < 400)
    reply.header('cross-origin-resource-policy', 'cross-origin');
}
