// Fetching URLs that untrusted documents name (status lists, did:web documents, OB 2.0 hosted assertions)
// without becoming an SSRF proxy into our own network.
// - https only (http only with allowPrivate, for tests and local development);
// - every address a name resolves to must be public: private, loopback, link-local, multicast,
//   unspecified and reserved ranges are refused, IPv4-mapped/NAT64/6to4 IPv6 judged by their IPv4
//   (IANA special-purpose registries: https://www.iana.org/assignments/iana-ipv4-special-registry/,
//   https://www.iana.org/assignments/iana-ipv6-special-registry/);
// - the socket connects to the address that was checked (a custom `lookup`), so a second DNS answer
//   cannot rebind the name to an internal address between check and connect;
// - redirects are not followed unless asked, and then each hop is checked again;
// - one deadline for the whole fetch, a byte cap enforced while streaming, a content-type check.
// It never throws for network failures: every outcome is a value with a stable code.
import { promises as dns, type LookupAddress } from 'node:dns';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';

export type AddressClass =
  | 'public'
  | 'private'
  | 'loopback'
  | 'link-local'
  | 'multicast'
  | 'unspecified'
  | 'reserved'
  | 'invalid';

function ipv4ToNumber(address: string): number | undefined {
  const parts = address.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255))
    return undefined;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

const inV4 = (n: number, base: string, bits: number) =>
  Math.floor(n / 2 ** (32 - bits)) === Math.floor(ipv4ToNumber(base)! / 2 ** (32 - bits));

function classifyIpv4(n: number): AddressClass {
  if (inV4(n, '0.0.0.0', 8)) return 'unspecified';
  if (inV4(n, '127.0.0.0', 8)) return 'loopback';
  if (inV4(n, '169.254.0.0', 16)) return 'link-local';
  if (inV4(n, '10.0.0.0', 8) || inV4(n, '172.16.0.0', 12) || inV4(n, '192.168.0.0', 16)) return 'private';
  if (inV4(n, '100.64.0.0', 10)) return 'private'; // carrier-grade NAT, RFC 6598
  if (inV4(n, '224.0.0.0', 4)) return 'multicast';
  const reserved: [string, number][] = [
    ['192.0.0.0', 24], // IETF protocol assignments
    ['192.0.2.0', 24], // documentation
    ['192.88.99.0', 24], // 6to4 relay anycast
    ['198.18.0.0', 15], // benchmarking
    ['198.51.100.0', 24], // documentation
    ['203.0.113.0', 24], // documentation
    ['240.0.0.0', 4], // reserved, and the broadcast address
  ];
  return reserved.some(([base, bits]) => inV4(n, base, bits)) ? 'reserved' : 'public';
}

/** Eight 16-bit groups of an address node:net already accepted, "::" and a trailing dotted IPv4 expanded. */
function parseIpv6(address: string): number[] | undefined {
  let text = address.toLowerCase().replace(/%.*$/, '');
  const tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    const v4 = ipv4ToNumber(text.slice(lastColon + 1));
    if (v4 === undefined) return undefined;
    tail.push(Math.floor(v4 / 65536), v4 % 65536);
    text = text.slice(0, lastColon + 1);
    if (!text.endsWith('::')) text = text.slice(0, -1);
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string | undefined) => (s ? s.split(':').map((g) => Number.parseInt(g, 16)) : []);
  const head = groups(halves[0]);
  const rest = groups(halves[1]);
  const missing = 8 - head.length - rest.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  return [...head, ...new Array<number>(missing).fill(0), ...rest, ...tail];
}

function classifyIpv6(g: number[]): AddressClass {
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, h = 0, i = 0] = g;
  const embeddedV4 = (hi: number, lo: number) => classifyIpv4(hi * 65536 + lo);
  if (g.every((x) => x === 0)) return 'unspecified';
  if (a === 0 && b === 0 && c === 0 && d === 0 && e === 0 && f === 0 && h === 0 && i === 1) return 'loopback';
  if (a === 0 && b === 0 && c === 0 && d === 0 && e === 0 && f === 0xffff) return embeddedV4(h, i); // ::ffff:0:0/96
  if (a === 0 && b === 0 && c === 0 && d === 0 && e === 0 && f === 0) return 'reserved'; // IPv4-compatible
  if (a === 0x64 && b === 0xff9b && c === 0 && d === 0 && e === 0 && f === 0) return embeddedV4(h, i); // NAT64
  if (a === 0x64 && b === 0xff9b && c === 1) return 'private'; // local-use NAT64
  if (a === 0x2002) return embeddedV4(b, c); // 6to4 carries the IPv4 in bits 16-47
  if (a >= 0xff00) return 'multicast';
  if ((a & 0xffc0) === 0xfe80) return 'link-local';
  if ((a & 0xfe00) === 0xfc00 || (a & 0xffc0) === 0xfec0) return 'private'; // ULA, old site-local
  if ((a & 0xe000) !== 0x2000) return 'reserved'; // only 2000::/3 is global unicast
  if (a === 0x2001 && (b < 0x200 || b === 0xdb8)) return 'reserved'; // 2001::/23 incl. Teredo, 2001:db8::/32
  return 'public';
}

export function classifyAddress(address: string): AddressClass {
  const family = isIP(address.replace(/%.*$/, ''));
  if (family === 4) return classifyIpv4(ipv4ToNumber(address)!);
  if (family === 6) {
    const groups = parseIpv6(address);
    return groups ? classifyIpv6(groups) : 'invalid';
  }
  return 'invalid';
}

export const isPublicAddress = (address: string): boolean => classifyAddress(address) === 'public';

export type SafeFetchCode =
  | 'FETCH_BAD_URL'
  | 'FETCH_SCHEME_NOT_ALLOWED'
  | 'FETCH_HOST_NOT_ALLOWED'
  | 'FETCH_DNS_FAILED'
  | 'FETCH_ADDRESS_NOT_ALLOWED'
  | 'FETCH_TIMEOUT'
  | 'FETCH_TOO_LARGE'
  | 'FETCH_REDIRECT'
  | 'FETCH_HTTP_STATUS'
  | 'FETCH_CONTENT_TYPE'
  | 'FETCH_NETWORK';

export type SafeFetchResult =
  | {
      ok: true;
      status: number;
      body: Buffer;
      contentType: string;
      etag?: string;
      /** The Link header (RFC 8288), for paged answers (LTI NRPS and AGS). */
      link?: string;
      url: string;
    }
  | { ok: false; code: SafeFetchCode; reason: string; status?: number; body?: Buffer };

export interface SafeFetchOptions {
  timeoutMs: number;
  maxBytes: number;
  /** Accepted media types (parameters ignored); the first is also sent as the Accept header's preference. */
  accept: string | string[];
  /** If given, only these host names (exact, case-insensitive) may be fetched, on every hop. */
  allowHosts?: string[];
  /** Tests and local development only: allows http and private addresses. */
  allowPrivate?: boolean;
  /** Redirects to follow (default 0: a redirect is reported, not followed). Each hop is checked again. */
  maxRedirects?: number;
  /** POST (outbound webhooks) sends `body` with `headers`; default GET. */
  method?: 'GET' | 'POST';
  body?: string;
  headers?: Record<string, string>;
  /** Name resolution, replaceable in tests; defaults to the system resolver. */
  resolve?: (hostname: string) => Promise<LookupAddress[]>;
}

type Failure = Extract<SafeFetchResult, { ok: false }>;
const fail = (code: SafeFetchCode, reason: string, extra: Partial<Failure> = {}): Failure => ({
  ok: false,
  code,
  reason,
  ...extra,
});

const systemResolve = (hostname: string) => dns.lookup(hostname, { all: true, verbatim: true });

/** Checks a URL and resolves it to one address we may connect to, or says why not. */
async function checkTarget(url: URL, options: SafeFetchOptions): Promise<LookupAddress | Failure> {
  if (url.protocol !== 'https:' && !(options.allowPrivate && url.protocol === 'http:')) {
    return fail('FETCH_SCHEME_NOT_ALLOWED', `Only https URLs are fetched, not ${url.protocol}.`);
  }
  if (url.username || url.password) return fail('FETCH_BAD_URL', 'URLs with credentials are refused.');
  const hostname = url.hostname
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '')
    .toLowerCase();
  if (options.allowHosts && !options.allowHosts.some((h) => h.toLowerCase() === hostname)) {
    return fail('FETCH_HOST_NOT_ALLOWED', `${hostname} is not an allowed host.`);
  }
  let addresses: LookupAddress[];
  if (isIP(hostname)) {
    addresses = [{ address: hostname, family: isIP(hostname) }];
  } else {
    try {
      addresses = await (options.resolve ?? systemResolve)(hostname);
    } catch (error) {
      return fail('FETCH_DNS_FAILED', `${hostname} did not resolve (${(error as Error).message}).`);
    }
    if (addresses.length === 0) return fail('FETCH_DNS_FAILED', `${hostname} has no addresses.`);
  }
  // Every address must pass, not just the one we would pick: a mixed answer is an attack signal.
  for (const { address } of addresses) {
    const kind = classifyAddress(address);
    if (kind !== 'public' && !(options.allowPrivate && kind !== 'invalid')) {
      return fail('FETCH_ADDRESS_NOT_ALLOWED', `${hostname} resolves to a ${kind} address (${address}).`);
    }
  }
  // Prefer IPv4: many hosts publish AAAA records that this machine has no route to.
  return addresses.find((a) => a.family === 4) ?? addresses[0]!;
}

function request(url: URL, target: LookupAddress, options: SafeFetchOptions, signal: AbortSignal) {
  const accept = Array.isArray(options.accept) ? options.accept : [options.accept];
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<{ response: IncomingMessage } | Failure>((resolve) => {
    const req = client.request(url, {
      method: options.method ?? 'GET',
      agent: false,
      signal,
      headers: {
        ...options.headers,
        accept: accept.join(', '),
        'accept-encoding': 'identity',
        'user-agent': 'Tessera',
      },
      // Connect to the address we checked, whatever DNS would say now (net may ask for one or all).
      lookup: ((_host: string, opts: { all?: boolean }, callback: (...args: unknown[]) => void) => {
        if (opts?.all) callback(null, [target]);
        else callback(null, target.address, target.family);
      }) as never,
    });
    req.on('response', (response) => resolve({ response }));
    req.on('error', (error) =>
      resolve(
        signal.aborted
          ? fail('FETCH_TIMEOUT', `No complete answer within ${options.timeoutMs} ms.`)
          : fail('FETCH_NETWORK', `The request failed: ${error.message}`),
      ),
    );
    req.end(options.body);
  });
}

/** Reads the body, stopping as soon as it exceeds maxBytes. */
function readBody(response: IncomingMessage, options: SafeFetchOptions, signal: AbortSignal) {
  return new Promise<Buffer | Failure>((resolve) => {
    const parts: Buffer[] = [];
    let total = 0;
    response.on('data', (part: Buffer) => {
      total += part.length;
      if (total > options.maxBytes) {
        response.destroy();
        resolve(fail('FETCH_TOO_LARGE', `The response is larger than ${options.maxBytes} bytes.`));
      } else parts.push(part);
    });
    response.on('end', () => resolve(Buffer.concat(parts)));
    response.on('error', (error) =>
      resolve(
        signal.aborted
          ? fail('FETCH_TIMEOUT', `No complete answer within ${options.timeoutMs} ms.`)
          : fail('FETCH_NETWORK', `The response broke off: ${error.message}`),
      ),
    );
  });
}

const mediaType = (header: string | undefined) => header?.split(';')[0]?.trim().toLowerCase() ?? '';

async function fetchOnce(
  url: URL,
  options: SafeFetchOptions,
  signal: AbortSignal,
): Promise<SafeFetchResult | URL> {
  const target = await checkTarget(url, options);
  if ('ok' in target) return target;
  if (signal.aborted) return fail('FETCH_TIMEOUT', `No complete answer within ${options.timeoutMs} ms.`);
  const sent = await request(url, target, options, signal);
  if ('ok' in sent) return sent;
  const { response } = sent;
  const status = response.statusCode ?? 0;
  if (status >= 300 && status < 400 && status !== 304) {
    response.destroy();
    const location = response.headers.location;
    if (!location) return fail('FETCH_REDIRECT', `A ${status} without a Location.`, { status });
    try {
      return new URL(location, url);
    } catch {
      return fail('FETCH_REDIRECT', `A ${status} to an invalid Location.`, { status });
    }
  }
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > options.maxBytes) {
    response.destroy();
    return fail(
      'FETCH_TOO_LARGE',
      `The response announces ${declared} bytes; the limit is ${options.maxBytes}.`,
      {
        status,
      },
    );
  }
  const encoding = response.headers['content-encoding'];
  if (encoding && encoding !== 'identity') {
    response.destroy();
    return fail(
      'FETCH_CONTENT_TYPE',
      `The response is ${encoding}-encoded although identity was asked for.`,
      { status },
    );
  }
  const body = await readBody(response, options, signal);
  if (!Buffer.isBuffer(body)) return { ...body, status };
  if (status < 200 || status >= 300) {
    // Kept for callers to whom the body of an error matters (OB 2.0: 410 Gone + {revoked: true}).
    return fail('FETCH_HTTP_STATUS', `The server answered ${status}.`, { status, body });
  }
  const contentType = mediaType(response.headers['content-type']);
  const accept = (Array.isArray(options.accept) ? options.accept : [options.accept]).map((a) =>
    a.toLowerCase(),
  );
  if (!accept.includes(contentType) && !accept.includes('*/*')) {
    return fail(
      'FETCH_CONTENT_TYPE',
      `The response is ${contentType || 'untyped'}, not ${accept.join(' or ')}.`,
      {
        status,
      },
    );
  }
  const etag = response.headers.etag;
  const header = response.headers.link;
  const link = Array.isArray(header) ? header.join(', ') : header;
  return {
    ok: true,
    status,
    body,
    contentType,
    url: url.href,
    ...(etag ? { etag } : {}),
    ...(link ? { link } : {}),
  };
}

export async function safeFetch(input: string, options: SafeFetchOptions): Promise<SafeFetchResult> {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return fail('FETCH_BAD_URL', 'Not an absolute URL.');
  }
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  const timedOut = new Promise<Failure>((resolve) =>
    controller.signal.addEventListener('abort', () =>
      resolve(fail('FETCH_TIMEOUT', `No complete answer within ${options.timeoutMs} ms.`)),
    ),
  );
  try {
    const maxRedirects = options.maxRedirects ?? 0;
    for (let hop = 0; ; hop++) {
      // DNS cannot be aborted; racing it with the deadline keeps the promise to the caller.
      const outcome = await Promise.race([fetchOnce(url, options, controller.signal), timedOut]);
      if (!(outcome instanceof URL)) return outcome;
      if (hop >= maxRedirects) {
        return fail('FETCH_REDIRECT', `Redirected to ${outcome.href}; ${maxRedirects} redirect(s) allowed.`);
      }
      url = outcome;
    }
  } catch (error) {
    return fail('FETCH_NETWORK', `Unexpected failure: ${(error as Error).message}`);
  } finally {
    clearTimeout(timer);
  }
}
