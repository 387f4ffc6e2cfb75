// Where verification looks things up. Documents of this server's own issuers are read from the
// database (no HTTP round trip to ourselves); anything else (did:web documents, https issuers' and
// keys' controller documents, status lists) goes through the SSRF-guarded fetch.
import {
  type CredentialStatusValue,
  type DidDocument,
  didWebToUrl,
  isDidWeb,
  StatusListError,
  type StatusListFetch,
} from '../credentials/index.ts';
import type { Deps } from '../deps.ts';
import {
  didDocumentOf,
  ownCredentialStateAt,
  ownDomainDidDocument,
  publishedStatusList,
} from '../issuing/index.ts';
import { safeFetch } from '../net/safe-fetch.ts';
import { readStatusOffThread } from './verification-work.ts';

const FETCH_LIMITS = { timeoutMs: 5_000, maxBytes: 2 * 1024 * 1024 } as const;

function ownIssuerSlug(deps: Deps, did: string): string | undefined {
  const match = /^did:web:([^:]+):issuers:([a-z0-9-]+)$/.exec(did.split('#')[0] ?? '');
  return match && decodeURIComponent(match[1] ?? '') === new URL(deps.config.publicUrl).host
    ? match[2]
    : undefined;
}

/**
 * Where the document of a controller lives: a did:web's did.json, or an https issuer's (or key's) own URL,
 * which answers with its controller document (https://www.w3.org/TR/cid-1.0/#controller-documents).
 * safe-fetch refuses plain http unless VERIFY_ALLOW_PRIVATE (tests) allows it.
 */
function documentUrlOf(id: string): string | undefined {
  try {
    if (isDidWeb(id)) return didWebToUrl(id);
    if (!/^https?:\/\//.test(id)) return undefined;
    const url = new URL(id);
    url.hash = '';
    return url.href;
  } catch {
    return undefined; // not a valid did:web or URL: nothing to fetch
  }
}

const DID_TYPES = [
  'application/did+ld+json',
  'application/did+json',
  'application/cid+json',
  'application/ld+json',
  'application/json',
];
const VC_TYPES = ['application/vc+ld+json', 'application/vc', 'application/ld+json', 'application/json'];

async function fetchJson(
  deps: Deps,
  url: string,
  accept: string[],
): Promise<{ ok: true; json: Record<string, unknown> } | { ok: false; reason: string }> {
  const response = await safeFetch(url, {
    ...FETCH_LIMITS,
    accept,
    allowHosts: deps.config.verifyAllowHosts,
    allowPrivate: deps.config.verifyAllowPrivate,
  });
  if (!response.ok) return { ok: false, reason: response.reason };
  if (response.status !== 200) return { ok: false, reason: `HTTP ${response.status}` };
  try {
    const json = JSON.parse(response.body.toString('utf8'));
    if (!json || typeof json !== 'object' || Array.isArray(json))
      return { ok: false, reason: 'not a JSON object' };
    return { ok: true, json };
  } catch {
    return { ok: false, reason: 'not valid JSON' };
  }
}

/**
 * The award id of a badge page of this server (`{PUBLIC_URL}/badges/{id}`, any query), else undefined. Such a
 * URL is read from the database, like our own DID documents and status lists: no HTTP round trip to ourselves,
 * which the SSRF guard would refuse anyway when PUBLIC_URL is a loopback or private address (as in the demo).
 */
export function ownBadgePage(deps: Deps, url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.origin !== new URL(deps.config.publicUrl).origin) return undefined;
  const match = /^\/badges\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i.exec(
    parsed.pathname,
  );
  return match?.[1]?.toLowerCase();
}

/** A status list URL of this server → its parts; null for a malformed one of ours, undefined for others'. */
function ownStatusList(
  deps: Deps,
  url: string,
): { slug: string; purpose: 'revocation' | 'suspension'; listNumber: number } | null | undefined {
  const ownPrefix = `${deps.config.publicUrl}/issuers/`;
  if (!url.startsWith(ownPrefix)) return undefined;
  const match = /^([a-z0-9-]+)\/status\/(revocation|suspension)\/(\d+)$/.exec(url.slice(ownPrefix.length));
  return match
    ? { slug: match[1]!, purpose: match[2] as 'revocation' | 'suspension', listNumber: Number(match[3]) }
    : null;
}

/**
 * A lookup that fails on our side (the database, a bug) is logged and reported as "could not be had":
 * the library would otherwise put the error's text in the report.
 */
async function orLogged<T>(deps: Deps, what: string, lookup: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await lookup();
  } catch (error) {
    deps.log.error({ err: error }, `verification: ${what} failed`);
    return fallback;
  }
}

export function createResolvers(deps: Deps) {
  return {
    async resolveDid(id: string): Promise<DidDocument | undefined> {
      return orLogged(
        deps,
        'resolving a DID',
        async () => {
          const own = ownIssuerSlug(deps, id);
          if (own) return didDocumentOf(deps, own);
          // An issuer's own domain bound here (issuing/domain.ts): read locally, never fetched.
          const ownDomain = await ownDomainDidDocument(deps, id);
          if (ownDomain) return ownDomain;
          const url = documentUrlOf(id);
          if (!url) return undefined;
          const fetched = await fetchJson(deps, url, DID_TYPES);
          return fetched.ok ? (fetched.json as unknown as DidDocument) : undefined;
        },
        undefined,
      );
    },

    async fetchStatusList(url: string): Promise<StatusListFetch> {
      return orLogged(
        deps,
        'fetching a status list',
        async (): Promise<StatusListFetch> => {
          const own = ownStatusList(deps, url);
          if (own === null) return { ok: false, reason: 'no such status list on this server' };
          if (own) {
            const list = await publishedStatusList(deps, own.slug, own.purpose, own.listNumber);
            return list
              ? { ok: true, credential: list.credential }
              : { ok: false, reason: 'no such status list on this server' };
          }
          const fetched = await fetchJson(deps, url, VC_TYPES);
          return fetched.ok ? { ok: true, credential: fetched.json } : fetched;
        },
        { ok: false, reason: 'an error on this server' },
      );
    },

    async checkStatus(
      entry: Record<string, unknown>,
      listCredential: Record<string, unknown>,
    ): Promise<CredentialStatusValue> {
      try {
        const reading = await readStatusOffThread(deps, entry, listCredential);
        if (reading.status === 'unset') return 'active';
        if (reading.purpose === 'suspension') return 'suspended';
        // Our credentials carry one entry whose bit is also set while suspended: ask our records which.
        const own = ownStatusList(deps, String(entry.statusListCredential));
        const state = own
          ? await ownCredentialStateAt(deps, own.slug, own.purpose, own.listNumber, reading.index)
          : undefined;
        return state === 'suspended' ? 'suspended' : 'revoked';
      } catch (error) {
        // A list that says something wrong is the list's problem (the report names it); others are ours.
        if (!(error instanceof StatusListError))
          deps.log.error({ err: error }, 'verification: reading a status list failed');
        throw error;
      }
    },
  };
}
