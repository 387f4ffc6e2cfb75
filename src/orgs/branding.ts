// An organization's logo: an uploaded PNG, JPEG or SVG (recognised by content, at most 1 MB), checked as
// hostile exactly as badge pictures are (the badges context's checks: PNG dimensions, SVG without script,
// event handlers, foreignObject, external references or DOCTYPE), kept in the file storage under a random
// name that never changes and served publicly at /org-logos/{name} with an inert-document policy.
import { randomUUID } from 'node:crypto';
import { checkBadgeImage } from '../badges/index.ts';
import type { Deps } from '../deps.ts';
import { type FieldProblemCode, InvalidError, NotFoundError, type ProblemParams } from '../errors.ts';
import { type Actor, requireScope } from '../identity/index.ts';
import { MAX_LOGO_BYTES, sniffLogo } from './branding-model.ts';
import { requireMembership } from './policy.ts';
import {
  findOrganization,
  findOrganizationByLogoKey,
  type OrganizationRow,
  updateOrganization,
} from './store.ts';
import type { LogoType } from './tables.ts';

export const LOGO_CONTENT_TYPES: Record<LogoType, string> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  svg: 'image/svg+xml',
};
const LOGO_NAME = /^[0-9a-f-]{36}\.(png|jpeg|svg)$/;

const refuse = (message: string, code: FieldProblemCode, params?: ProblemParams): never => {
  throw new InvalidError(message, [{ path: 'file', message, code, params }]);
};

/** Owners and admins change the branding; checked before the upload's body is read. */
export function mayChangeBranding(actor: Actor | null, orgId: string): void {
  requireMembership(actor, orgId, ['owner', 'admin']);
  requireScope(actor, 'orgs:write');
}

/** The logo's type, or a 400 naming what is wrong; SVG and PNG go through the badge picture checks. */
export function checkLogo(bytes: Buffer): LogoType {
  if (bytes.length === 0) refuse('The logo is empty.', 'logo-empty');
  if (bytes.length > MAX_LOGO_BYTES)
    refuse('The logo is larger than 1 MB.', 'logo-too-large', { megabytes: MAX_LOGO_BYTES / 1024 / 1024 });
  const type = sniffLogo(bytes);
  if (type === null) refuse('A logo must be a PNG, JPEG or SVG image.', 'logo-type');
  if (type === 'jpeg') return 'jpeg';
  return checkBadgeImage(bytes);
}

export async function uploadLogo(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  bytes: Buffer,
): Promise<OrganizationRow> {
  mayChangeBranding(actor, orgId);
  const type = checkLogo(bytes);
  const before = await findOrganization(deps.db, orgId);
  if (!before) throw new NotFoundError('organization');
  const key = `org-logos/${randomUUID()}.${type}`;
  await deps.storage.put(key, bytes, LOGO_CONTENT_TYPES[type]);
  const org = await updateOrganization(deps.db, orgId, { logoKey: key, logoType: type });
  if (!org) throw new NotFoundError('organization');
  // Pages cached with the old address keep working a little longer than a request; then it goes.
  if (before.logoKey) await deps.storage.delete(before.logoKey);
  return org;
}

export async function removeLogo(deps: Deps, actor: Actor | null, orgId: string): Promise<OrganizationRow> {
  mayChangeBranding(actor, orgId);
  const before = await findOrganization(deps.db, orgId);
  if (!before) throw new NotFoundError('organization');
  const org = await updateOrganization(deps.db, orgId, { logoKey: null, logoType: null });
  if (before.logoKey) await deps.storage.delete(before.logoKey);
  return org ?? before;
}

/** Anyone may read a logo: it is shown on public pages. A name no organization uses now is not found. */
export async function logoFile(
  deps: Deps,
  name: string,
): Promise<{ bytes: Buffer; contentType: string; type: LogoType }> {
  const match = LOGO_NAME.exec(name);
  if (!match) throw new NotFoundError('logo');
  const key = `org-logos/${name}`;
  if (!(await findOrganizationByLogoKey(deps.db, key))) throw new NotFoundError('logo');
  const stored = await deps.storage.get(key);
  if (!stored) throw new NotFoundError('logo');
  const type = match[1] as LogoType;
  return { bytes: stored.bytes, contentType: LOGO_CONTENT_TYPES[type], type };
}
