// This server's own OB 2.0 hosted documents (assertion, BadgeClass, issuer Profile) are read from the
// database, as its badge pages, DID documents and status lists are: no HTTP round trip to ourselves, which
// safe-fetch refuses when PUBLIC_URL is http or a loopback or private address (as in the demo). The answer
// has the shape a fetch would have, 410 Gone with {revoked: true} for a revoked assertion included, so the
// OB 2.0 checks run unchanged.
import type { Deps } from '../deps.ts';
import { ob2Assertion, ob2BadgeClass, ob2Issuer } from '../issuing/index.ts';
import type { SafeFetchResult } from '../net/safe-fetch.ts';
import type { Fetcher } from './ob2.ts';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const ASSERTION = new RegExp(`^/ob2/assertions/(${UUID})$`);
const BADGE_CLASS = new RegExp(`^/ob2/assertions/(${UUID})/badge$`);
const ISSUER = /^\/ob2\/issuers\/([a-z0-9-]{1,100})$/;

type Json = Record<string, unknown>;
type Lookup = () => Promise<{ status: 200 | 410; body: Json } | undefined>;

/** The lookup of an OB 2.0 document of this server at `url`, or undefined for any other URL. */
export function ownOb2Document(deps: Deps, url: string): Lookup | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const publicUrl = new URL(deps.config.publicUrl);
  if (parsed.origin !== publicUrl.origin || parsed.search !== '' || parsed.hash !== '') return undefined;
  const base = publicUrl.pathname.replace(/\/$/, '');
  if (!parsed.pathname.startsWith(`${base}/`)) return undefined;
  const path = parsed.pathname.slice(base.length);
  const found = (body: Json | undefined) => (body ? { status: 200 as const, body } : undefined);
  const assertion = ASSERTION.exec(path)?.[1];
  if (assertion) return () => ob2Assertion(deps, assertion);
  const badgeClass = BADGE_CLASS.exec(path)?.[1];
  if (badgeClass) return async () => found(await ob2BadgeClass(deps, badgeClass));
  const issuer = ISSUER.exec(path)?.[1];
  if (issuer) return async () => found(await ob2Issuer(deps, issuer));
  return undefined;
}

/** `fetcher`, except that this server's own OB 2.0 documents are read from the database. */
export function withOwnOb2Documents(deps: Deps, fetcher: Fetcher): Fetcher {
  return async (url, accept) => {
    const lookup = ownOb2Document(deps, url);
    if (!lookup) return fetcher(url, accept);
    const document = await lookup();
    if (!document)
      return { ok: false, code: 'FETCH_HTTP_STATUS', reason: 'The server answered 404.', status: 404 };
    const body = Buffer.from(JSON.stringify(document.body));
    if (document.status === 410)
      return { ok: false, code: 'FETCH_HTTP_STATUS', reason: 'The server answered 410.', status: 410, body };
    return { ok: true, status: 200, body, contentType: 'application/ld+json', url } satisfies SafeFetchResult;
  };
}
