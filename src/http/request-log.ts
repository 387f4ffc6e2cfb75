// What a request log line says about the request. Links mailed to people carry secrets in their URL (a
// password-reset or confirmation token in the query, a claim or attestation token in the path); whoever
// reads the logs must not be able to use them, so the logged URL has them replaced.
import type { FastifyRequest } from 'fastify';

const REDACTED = '[redacted]';

/** Query parameters whose value is a secret, whatever the route (token=, code=, iuv=, signature=, …). */
const SECRET_QUERY_PARAMETER = /token|secret|password|passwd|code|iuv|sig|key|session/i;

/** Route parameters named like this hold a secret (`/claims/:token`, `/attestations/:token`). */
const SECRET_ROUTE_PARAMETER = /token|secret/i;

/**
 * Path segments after these hold a secret even where no API route names it: the web app's `/claim/<token>`
 * and `/join/employer/<token>` pages, and any unknown path under the claim and attestation routes.
 */
const SECRET_AFTER_SEGMENT = new Set(['claim', 'claims', 'attestations', 'employer']);

/** Two-segment prefixes whose next segment is a secret: the organization invitation page `/join/org/<token>`. */
const SECRET_AFTER_PAIR = new Set(['join/org']);

/**
 * The URL with its secrets replaced. `routePattern` is the matched route (`/api/v1/claims/:token`), whose
 * parameters tell which path segments are secret.
 */
export function redactUrl(url: string, routePattern?: string): string {
  const queryStart = url.indexOf('?');
  const path = queryStart === -1 ? url : url.slice(0, queryStart);
  const query = queryStart === -1 ? undefined : url.slice(queryStart + 1);
  const redactedQuery = query === undefined ? '' : `?${redactQuery(query)}`;
  return `${redactPath(path, routePattern)}${redactedQuery}`;
}

function redactPath(path: string, routePattern: string | undefined): string {
  const segments = path.split('/');
  const pattern = routePattern?.split('/');
  const sameShape = pattern?.length === segments.length;
  return segments
    .map((segment, i) => {
      const param = sameShape ? pattern?.[i] : undefined;
      const secretParam = param?.startsWith(':') && SECRET_ROUTE_PARAMETER.test(param);
      const afterSecretParent = i > 0 && SECRET_AFTER_SEGMENT.has(segments[i - 1]?.toLowerCase() ?? '');
      const pair = i > 1 ? `${segments[i - 2]}/${segments[i - 1]}`.toLowerCase() : '';
      const afterSecretPair = SECRET_AFTER_PAIR.has(pair);
      return segment !== '' && (secretParam || afterSecretParent || afterSecretPair) ? REDACTED : segment;
    })
    .join('/');
}

function redactQuery(query: string): string {
  return query
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      if (equals === -1) return pair;
      const name = safeDecode(pair.slice(0, equals));
      return SECRET_QUERY_PARAMETER.test(name) ? `${pair.slice(0, equals)}=${REDACTED}` : pair;
    })
    .join('&');
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** Fastify's own request fields, with the URL redacted (the logger's `req` serializer). */
export function requestLogFields(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactUrl(request.url ?? '', request.routeOptions?.url),
    version: request.headers?.['accept-version'],
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}
