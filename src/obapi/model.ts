// Pure rules of the Open Badges 3.0 API (1EdTech OB 3.0 §6): its scopes, its error body (imsx_StatusInfo),
// paging (limit/offset, X-Total-Count, Link), and the service description document. No I/O.

const SCOPE_BASE = 'https://purl.imsglobal.org/spec/ob/v3p0/scope/';
export const OB_SCOPE = {
  credentialReadonly: `${SCOPE_BASE}credential.readonly`,
  credentialUpsert: `${SCOPE_BASE}credential.upsert`,
  profileReadonly: `${SCOPE_BASE}profile.readonly`,
  profileUpdate: `${SCOPE_BASE}profile.update`,
} as const;
export type ObScope = (typeof OB_SCOPE)[keyof typeof OB_SCOPE];
export const OB_SCOPES: readonly ObScope[] = Object.values(OB_SCOPE);

export const isObScope = (scope: string): scope is ObScope =>
  (OB_SCOPES as readonly string[]).includes(scope);

/** The i18n key that describes a scope to the learner on the consent page. */
export const scopeLabelKey = (scope: ObScope): string =>
  `obApi.scope.${scope.slice(SCOPE_BASE.length).replace('.', '_')}`;

export const OB_API_PREFIX = '/ims/ob/v3p0';

/** The spec's codeMinor vocabulary (Imsx_CodeMinorFieldValue) used by this host. */
export type ImsxCodeMinor =
  | 'forbidden'
  | 'invalid_data'
  | 'invalid_query_parameter'
  | 'not_found'
  | 'server_busy'
  | 'unauthorizedrequest'
  | 'internal_server_error';

export interface ImsxStatusInfo {
  imsx_codeMajor: 'failure';
  imsx_severity: 'error';
  imsx_description: string;
  imsx_codeMinor: {
    imsx_codeMinorField: { imsx_codeMinorFieldName: string; imsx_codeMinorFieldValue: string }[];
  };
}

export function imsxFailure(codeMinor: ImsxCodeMinor, description: string): ImsxStatusInfo {
  return {
    imsx_codeMajor: 'failure',
    imsx_severity: 'error',
    imsx_description: description,
    imsx_codeMinor: {
      imsx_codeMinorField: [
        { imsx_codeMinorFieldName: 'TargetEndSystem', imsx_codeMinorFieldValue: codeMinor },
      ],
    },
  };
}

/** An OB API refusal: the HTTP status and the imsx body it carries. */
export class ObApiError extends Error {
  override name = 'ObApiError';
  constructor(
    readonly status: number,
    readonly codeMinor: ImsxCodeMinor,
    message: string,
  ) {
    super(message);
  }
}

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 100;

export interface Page {
  limit: number;
  offset: number;
}

/** RFC 8288 Link header of a page of `total` items: first, prev, next, last, as the OB 3.0 API asks. */
export function pagingLinks(url: URL, page: Page, total: number): string {
  const { limit, offset } = page;
  const at = (newOffset: number) => {
    const link = new URL(url);
    link.searchParams.set('limit', String(limit));
    link.searchParams.set('offset', String(newOffset));
    return link.href;
  };
  const lastOffset = total === 0 ? 0 : Math.floor((total - 1) / limit) * limit;
  const links = [`<${at(0)}>; rel="first"`];
  if (offset > 0) links.push(`<${at(Math.max(0, Math.min(offset - limit, lastOffset)))}>; rel="prev"`);
  if (offset + limit < total) links.push(`<${at(offset + limit)}>; rel="next"`);
  links.push(`<${at(lastOffset)}>; rel="last"`);
  return links.join(', ');
}

/** JSON-LD reads a lone value and a one-element array alike; the 1EdTech "json" schemas want arrays. */
export function withProofArray(credential: Record<string, unknown>): Record<string, unknown> {
  const { proof } = credential;
  return proof === undefined || Array.isArray(proof) ? credential : { ...credential, proof: [proof] };
}

export interface DiscoveryFacts {
  publicUrl: string;
  authorizationUrl: string;
  tokenUrl: string;
  registrationUrl: string;
  privacyPolicyUrl: string;
  imageUrl: string;
  scopeDescriptions: Record<ObScope, string>;
}

/** The service description document (OB 3.0 §6.3, "getServiceDescription"): an OpenAPI 3.0 document. */
export function serviceDescription(facts: DiscoveryFacts): Record<string, unknown> {
  const security = (scope: ObScope) => [{ OAuth2ACG: [scope] }];
  const operation = (operationId: string, summary: string, scope: ObScope) => ({
    operationId,
    summary,
    security: security(scope),
    responses: { default: { description: 'See the Open Badges 3.0 specification, §6.' } },
  });
  return {
    openapi: '3.0.1',
    info: {
      title: 'Tessera Open Badges 3.0 API',
      description: 'The Open Badges 3.0 REST API of this Tessera host: a learner’s credentials and profile.',
      version: '3.0',
      termsOfService: facts.privacyPolicyUrl,
      'x-imssf-image': facts.imageUrl,
      'x-imssf-privacyPolicyUrl': facts.privacyPolicyUrl,
    },
    servers: [{ url: `${facts.publicUrl}${OB_API_PREFIX}`, description: 'Tessera' }],
    tags: [{ name: 'OpenBadgeCredentials' }, { name: 'Profile' }, { name: 'Discovery' }],
    paths: {
      '/credentials': {
        get: {
          ...operation('getCredentials', 'The learner’s credentials', OB_SCOPE.credentialReadonly),
          tags: ['OpenBadgeCredentials'],
        },
        post: {
          ...operation(
            'upsertCredential',
            'Put a credential into the learner’s backpack',
            OB_SCOPE.credentialUpsert,
          ),
          tags: ['OpenBadgeCredentials'],
        },
      },
      '/profile': {
        get: {
          ...operation('getProfile', 'The learner’s profile', OB_SCOPE.profileReadonly),
          tags: ['Profile'],
        },
        put: {
          ...operation('putProfile', 'Change the learner’s profile', OB_SCOPE.profileUpdate),
          tags: ['Profile'],
        },
      },
      '/discovery': {
        get: {
          operationId: 'getServiceDescription',
          tags: ['Discovery'],
          security: [],
          responses: { '200': { description: 'This document.' } },
        },
      },
    },
    components: {
      securitySchemes: {
        OAuth2ACG: {
          type: 'oauth2',
          description:
            'OAuth 2.0 Authorization Code Grant with PKCE (S256); open Dynamic Client Registration.',
          'x-imssf-registrationUrl': facts.registrationUrl,
          flows: {
            authorizationCode: {
              authorizationUrl: facts.authorizationUrl,
              tokenUrl: facts.tokenUrl,
              refreshUrl: facts.tokenUrl,
              scopes: facts.scopeDescriptions,
            },
          },
        },
      },
      schemas: {},
    },
  };
}
