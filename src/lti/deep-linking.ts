// LTI Deep Linking 2.0: the instructor picks one of the organization's published courses or badges, and the
// tool answers the platform with an LtiDeepLinkingResponse JWT signed by the tool's key. A course link carries
// a lineItem, so the LMS creates a gradebook column for it.
import { randomBytes } from 'node:crypto';
import type { Deps } from '../deps.ts';
import { signAsTool } from './keys.ts';
import { launchUrl } from './launch.ts';
import { CLAIMS, CUSTOM_BADGE, CUSTOM_COURSE, LtiRefusal } from './model.ts';
import { consumeDeepLink, findDeepLink, placeableItems, platformById } from './store.ts';

export interface PickerView {
  courses: { id: string; title: string }[];
  badges: { id: string; title: string }[];
}

const gone = () =>
  new LtiRefusal(
    'deep-link-unknown',
    'This choice was already made or has expired; start again from the LMS.',
    404,
  );

export async function deepLinkPicker(deps: Deps, id: string): Promise<PickerView> {
  const request = await findDeepLink(deps.db, id, deps.now());
  const platform = request ? await platformById(deps.db, request.platformId) : undefined;
  if (!request || !platform) throw gone();
  return placeableItems(deps.db, platform.orgId);
}

export interface DeepLinkAnswer {
  returnUrl: string;
  jwt: string;
}

/** The signed answer for the platform; the request is used up. */
export async function answerDeepLink(
  deps: Deps,
  id: string,
  choice: string | undefined,
): Promise<DeepLinkAnswer> {
  const request = await findDeepLink(deps.db, id, deps.now());
  const platform = request ? await platformById(deps.db, request.platformId) : undefined;
  if (!request || !platform) throw gone();
  const [kind, itemId] = (choice ?? '').split(':');
  const items = await placeableItems(deps.db, platform.orgId);
  const course = kind === 'course' ? items.courses.find((c) => c.id === itemId) : undefined;
  const badge = kind === 'badge' ? items.badges.find((b) => b.id === itemId) : undefined;
  if (!course && !badge) throw new LtiRefusal('bad-request', 'Choose one of the courses or badges listed.');
  if (!(await consumeDeepLink(deps.db, id, deps.now()))) throw gone();

  const item = course
    ? {
        type: 'ltiResourceLink',
        title: course.title,
        url: launchUrl(deps),
        custom: { [CUSTOM_COURSE]: course.id },
        lineItem: { scoreMaximum: 100, label: course.title, resourceId: course.id, tag: 'tessera-course' },
      }
    : {
        type: 'ltiResourceLink',
        title: badge!.title,
        url: launchUrl(deps),
        custom: { [CUSTOM_BADGE]: badge!.id },
      };
  const payload: Record<string, unknown> = {
    iss: platform.clientId,
    aud: platform.issuer,
    nonce: randomBytes(16).toString('base64url'),
    [CLAIMS.messageType]: 'LtiDeepLinkingResponse',
    [CLAIMS.version]: '1.3.0',
    [CLAIMS.deploymentId]: request.deploymentId,
    [CLAIMS.contentItems]: [item],
  };
  if (request.data) payload[CLAIMS.dlData] = request.data;
  return { returnUrl: request.returnUrl, jwt: await signAsTool(deps, platform, payload, 300) };
}
