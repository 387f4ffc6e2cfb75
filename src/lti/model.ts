// LTI 1.3 / Advantage vocabulary and the checks of a launch's claims (1EdTech LTI Core 1.3 §5.1, Deep Linking
// 2.0, AGS 2.0, NRPS 2.0). Pure: no HTTP, no SQL.

const CLAIM = 'https://purl.imsglobal.org/spec/lti/claim/';
export const CLAIMS = {
  messageType: `${CLAIM}message_type`,
  version: `${CLAIM}version`,
  deploymentId: `${CLAIM}deployment_id`,
  targetLinkUri: `${CLAIM}target_link_uri`,
  resourceLink: `${CLAIM}resource_link`,
  context: `${CLAIM}context`,
  roles: `${CLAIM}roles`,
  custom: `${CLAIM}custom`,
  deepLinkingSettings: 'https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings',
  contentItems: 'https://purl.imsglobal.org/spec/lti-dl/claim/content_items',
  dlData: 'https://purl.imsglobal.org/spec/lti-dl/claim/data',
  ags: 'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint',
  nrps: 'https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice',
} as const;

export const SCOPES = {
  lineItemRead: 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly',
  resultRead: 'https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly',
  membershipRead: 'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly',
} as const;

export const MEDIA = {
  lineItems: 'application/vnd.ims.lis.v2.lineitemcontainer+json',
  results: 'application/vnd.ims.lis.v2.resultcontainer+json',
  memberships: 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json',
} as const;

export type MessageType = 'LtiResourceLinkRequest' | 'LtiDeepLinkingRequest';
/** How long a login may take between /lti/login and /lti/launch, and a deep-linking choice. */
export const LOGIN_STATE_TTL_MS = 10 * 60_000;
export const DEEP_LINK_TTL_MS = 30 * 60_000;
/** Custom parameters Tessera's deep links carry: what the link opens. */
export const CUSTOM_COURSE = 'tessera_course_id';
export const CUSTOM_BADGE = 'tessera_badge_id';

/** Why a launch is refused: a stable code (for the page and tests) and a message for the person. */
export class LtiRefusal extends Error {
  constructor(
    readonly code:
      | 'unknown-platform'
      | 'bad-request'
      | 'state-unknown'
      | 'bad-token'
      | 'nonce-mismatch'
      | 'unknown-deployment'
      | 'wrong-version'
      | 'unsupported-message'
      | 'no-email'
      | 'account-refused'
      | 'deep-link-unknown'
      | 'link-unknown'
      | 'link-other-account'
      | 'platform-unreachable',
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export interface LaunchClaims {
  sub: string;
  messageType: MessageType;
  deploymentId: string;
  email: string | null;
  name: string | null;
  contextId: string | null;
  contextTitle: string | null;
  resourceLinkId: string | null;
  targetLinkUri: string | null;
  custom: Record<string, string>;
  roles: string[];
  ags: { lineitems: string | null; lineitem: string | null; scope: string[] } | null;
  nrps: { membershipsUrl: string } | null;
  deepLinking: { returnUrl: string; data: string | null } | null;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);
const obj = (v: unknown): Record<string, unknown> | null =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;

/**
 * The claims of an id_token whose signature, issuer, audience and expiry were already verified (jose): checks
 * azp, nonce, deployment, version and message type, and reads what Tessera uses.
 */
export function checkLaunchClaims(
  payload: Record<string, unknown>,
  expected: { clientId: string; nonce: string; deploymentIds: readonly string[] },
): LaunchClaims {
  const aud = payload.aud;
  if (Array.isArray(aud) && aud.length > 1 && payload.azp !== expected.clientId)
    throw new LtiRefusal('bad-token', 'The id_token names several audiences but not this tool as azp.');
  if (payload.azp !== undefined && payload.azp !== expected.clientId)
    throw new LtiRefusal('bad-token', 'The id_token was issued to another party (azp).');
  if (payload.nonce !== expected.nonce)
    throw new LtiRefusal('nonce-mismatch', 'This launch was already used or does not belong to this login.');
  const sub = str(payload.sub);
  if (!sub) throw new LtiRefusal('bad-token', 'The id_token names no user (sub).');
  const deploymentId = str(payload[CLAIMS.deploymentId]);
  if (!deploymentId || !expected.deploymentIds.includes(deploymentId))
    throw new LtiRefusal('unknown-deployment', 'This deployment of the tool is not registered in Tessera.');
  if (payload[CLAIMS.version] !== '1.3.0')
    throw new LtiRefusal('wrong-version', 'Only LTI 1.3.0 launches are accepted.');
  const messageType = payload[CLAIMS.messageType];
  if (messageType !== 'LtiResourceLinkRequest' && messageType !== 'LtiDeepLinkingRequest')
    throw new LtiRefusal('unsupported-message', 'This kind of LTI message is not supported.');

  const context = obj(payload[CLAIMS.context]);
  const link = obj(payload[CLAIMS.resourceLink]);
  if (messageType === 'LtiResourceLinkRequest' && !str(link?.id))
    throw new LtiRefusal('bad-token', 'A resource link launch must name its resource link.');
  const custom: Record<string, string> = {};
  for (const [key, value] of Object.entries(obj(payload[CLAIMS.custom]) ?? {}))
    if (typeof value === 'string') custom[key] = value;
  const ags = obj(payload[CLAIMS.ags]);
  const nrps = obj(payload[CLAIMS.nrps]);
  const settings = obj(payload[CLAIMS.deepLinkingSettings]);
  const returnUrl = str(settings?.deep_link_return_url);
  if (messageType === 'LtiDeepLinkingRequest' && !returnUrl)
    throw new LtiRefusal(
      'bad-token',
      'A deep-linking request must say where to return (deep_link_return_url).',
    );
  const givenName = [str(payload.given_name), str(payload.family_name)].filter(Boolean).join(' ');
  return {
    sub,
    messageType,
    deploymentId,
    email: str(payload.email)?.toLowerCase() ?? null,
    name: str(payload.name) ?? (givenName || null),
    contextId: str(context?.id),
    contextTitle: str(context?.title),
    resourceLinkId: str(link?.id),
    targetLinkUri: str(payload[CLAIMS.targetLinkUri]),
    custom,
    roles: Array.isArray(payload[CLAIMS.roles])
      ? (payload[CLAIMS.roles] as unknown[]).filter((r): r is string => typeof r === 'string')
      : [],
    ags: ags
      ? {
          lineitems: str(ags.lineitems),
          lineitem: str(ags.lineitem),
          scope: Array.isArray(ags.scope) ? ags.scope.filter((s): s is string => typeof s === 'string') : [],
        }
      : null,
    nrps: str(nrps?.context_memberships_url) ? { membershipsUrl: str(nrps?.context_memberships_url)! } : null,
    deepLinking: returnUrl ? { returnUrl, data: str(settings?.data) } : null,
  };
}

/** Where a resource link launch lands: the course or badge the deep link named, else the learner's home. */
export function landingPath(claims: Pick<LaunchClaims, 'custom' | 'targetLinkUri'>): string {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  let course = claims.custom[CUSTOM_COURSE];
  let badge = claims.custom[CUSTOM_BADGE];
  if (!course && !badge && claims.targetLinkUri) {
    try {
      const target = new URL(claims.targetLinkUri);
      course = target.searchParams.get('course') ?? undefined;
      badge = target.searchParams.get('badge') ?? undefined;
    } catch {
      // not a URL: no target
    }
  }
  if (course && uuid.test(course)) return `/catalog/${course}`;
  if (badge && uuid.test(badge)) return `/catalog/badges/${badge}`;
  return '/learn';
}
