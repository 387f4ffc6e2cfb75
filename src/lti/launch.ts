// The tool side of an LTI 1.3 launch: OIDC login initiation (a single-use state and nonce kept server-side),
// the launch itself (the platform's id_token verified against its JWKS, then every LTI claim checked), and
// the learner's account (account-link.ts: made by the launch, or an existing one whose owner agrees).
import { randomBytes } from 'node:crypto';
import type { Deps } from '../deps.ts';
import { openExternalSession } from '../identity/index.ts';
import { accountFor } from './account-link.ts';
import { queueGradeSync } from './jobs.ts';
import { verifyPlatformJwt } from './keys.ts';
import {
  checkLaunchClaims,
  DEEP_LINK_TTL_MS,
  type LaunchClaims,
  LOGIN_STATE_TTL_MS,
  LtiRefusal,
  landingPath,
} from './model.ts';
import {
  consumeLoginState,
  insertDeepLink,
  insertLoginState,
  type PlatformRow,
  platformById,
  platformsByIssuer,
  upsertContext,
} from './store.ts';

const token = () => randomBytes(24).toString('base64url');

export const launchUrl = (deps: Deps) => `${deps.config.publicUrl}/lti/launch`;

export interface LoginInitiation {
  iss?: string | undefined;
  login_hint?: string | undefined;
  target_link_uri?: string | undefined;
  lti_message_hint?: string | undefined;
  client_id?: string | undefined;
  lti_deployment_id?: string | undefined;
}

/** Third-party initiated login: where to send the browser (the platform's OIDC authorization endpoint). */
export async function initiateLogin(deps: Deps, input: LoginInitiation): Promise<string> {
  if (!input.iss || !input.login_hint || !input.target_link_uri)
    throw new LtiRefusal('bad-request', 'The login request must carry iss, login_hint and target_link_uri.');
  const candidates = await platformsByIssuer(deps.db, input.iss, input.client_id);
  const platform = candidates.length === 1 ? candidates[0] : undefined;
  if (!platform)
    throw new LtiRefusal(
      'unknown-platform',
      candidates.length > 1
        ? 'Several registrations share this issuer: the platform must send client_id.'
        : 'This platform is not registered with Tessera.',
    );
  if (input.lti_deployment_id && !platform.deploymentIds.includes(input.lti_deployment_id))
    throw new LtiRefusal('unknown-deployment', 'This deployment of the tool is not registered in Tessera.');
  const state = token();
  const nonce = token();
  await insertLoginState(deps.db, {
    state,
    nonce,
    platformId: platform.id,
    expiresAt: new Date(deps.now().getTime() + LOGIN_STATE_TTL_MS),
  });
  const url = new URL(platform.authUrl);
  const params: Record<string, string> = {
    scope: 'openid',
    response_type: 'id_token',
    response_mode: 'form_post',
    prompt: 'none',
    client_id: platform.clientId,
    redirect_uri: launchUrl(deps),
    login_hint: input.login_hint,
    state,
    nonce,
  };
  if (input.lti_message_hint) params.lti_message_hint = input.lti_message_hint;
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url.href;
}

export type LaunchOutcome =
  | {
      kind: 'resource';
      path: string;
      session: { token: string; cookieExpiresAt: Date };
      userId: string;
      platformId: string;
    }
  | { kind: 'deep-link'; deepLinkId: string }
  /** The launch's email is an existing account's: its owner must sign in and agree first. */
  | { kind: 'confirm'; pendingLinkId: string };

/** Verifies a launch (POST /lti/launch) and does what it asks. */
export async function launch(
  deps: Deps,
  form: { id_token?: string; state?: string },
): Promise<LaunchOutcome> {
  if (!form.id_token || !form.state)
    throw new LtiRefusal('bad-request', 'The launch must carry id_token and state.');
  const login = await consumeLoginState(deps.db, form.state, deps.now());
  if (!login)
    throw new LtiRefusal('state-unknown', 'This launch was already used or has expired; start it again.');
  const platform = await platformById(deps.db, login.platformId);
  if (!platform) throw new LtiRefusal('unknown-platform', 'This platform is no longer registered.');
  const payload = await verifyPlatformJwt(deps, platform, form.id_token);
  const claims = checkLaunchClaims(payload, {
    clientId: platform.clientId,
    nonce: login.nonce,
    deploymentIds: platform.deploymentIds,
  });
  await rememberContext(deps, platform, claims);
  if (claims.messageType === 'LtiDeepLinkingRequest') return startDeepLinking(deps, platform, claims);

  const path = landingPath(claims);
  const account = await accountFor(deps, platform, claims, path);
  await queueGradeSync(deps, platform.id);
  if (account.kind === 'confirm') return account;
  const { userId } = account;
  const session = await openExternalSession(deps, userId).catch((error: unknown) => {
    throw new LtiRefusal('account-refused', (error as Error).message, 403);
  });
  return { kind: 'resource', path, session, userId, platformId: platform.id };
}

async function rememberContext(deps: Deps, platform: PlatformRow, claims: LaunchClaims): Promise<void> {
  if (!claims.contextId) return;
  await upsertContext(
    deps.db,
    {
      platformId: platform.id,
      contextId: claims.contextId,
      title: claims.contextTitle,
      lineitemsUrl: claims.ags?.lineitems ?? null,
      membershipsUrl: claims.nrps?.membershipsUrl ?? null,
      scopes: claims.ags?.scope ?? [],
    },
    deps.now(),
  );
}

const PLACING_ROLES = [
  'http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor',
  'http://purl.imsglobal.org/vocab/lis/v2/membership#ContentDeveloper',
  'http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator',
  'http://purl.imsglobal.org/vocab/lis/v2/system/person#Administrator',
];

async function startDeepLinking(
  deps: Deps,
  platform: PlatformRow,
  claims: LaunchClaims,
): Promise<LaunchOutcome> {
  if (!claims.roles.some((role) => PLACING_ROLES.includes(role)))
    throw new LtiRefusal('account-refused', 'Only instructors may place Tessera content in a course.', 403);
  const deepLinkId = token();
  await insertDeepLink(deps.db, {
    id: deepLinkId,
    platformId: platform.id,
    deploymentId: claims.deploymentId,
    returnUrl: claims.deepLinking!.returnUrl,
    data: claims.deepLinking!.data,
    expiresAt: new Date(deps.now().getTime() + DEEP_LINK_TTL_MS),
  });
  return { kind: 'deep-link', deepLinkId };
}
