// Use-cases of platform registration: an organization's owners and admins register the LMS platforms that
// may launch Tessera; each registration gets its own tool key pair (the private key never leaves).
import type { Deps } from '../deps.ts';
import { ConflictError, type FieldProblem, InvalidError, NotFoundError } from '../errors.ts';
import type { Actor } from '../identity/actor.ts';
import { requireMembership } from '../orgs/index.ts';
import { newToolKeyPair } from './keys.ts';
import {
  deletePlatform,
  findPlatform,
  insertPlatform,
  type PlatformRow,
  platformsOf,
  updatePlatform,
} from './store.ts';

const MANAGERS = ['owner', 'admin'] as const;
const URL_FIELDS = ['authUrl', 'tokenUrl', 'jwksUrl'] as const;

export interface PlatformInput {
  name?: string;
  issuer: string;
  clientId: string;
  deploymentIds: string[];
  authUrl: string;
  tokenUrl: string;
  jwksUrl: string;
}

function urlProblems(deps: Deps, input: Partial<PlatformInput>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const field of ['issuer', ...URL_FIELDS] as const) {
    const value = input[field];
    if (value === undefined) continue;
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      problems.push({ path: field, message: 'is not a URL', code: 'not-a-url' });
      continue;
    }
    const plainAllowed = deps.config.verifyAllowPrivate && url.protocol === 'http:';
    if (url.protocol !== 'https:' && !plainAllowed)
      problems.push({ path: field, message: 'must be https', code: 'must-be-https' });
    if (url.username || url.password)
      problems.push({ path: field, message: 'must not carry credentials', code: 'url-credentials' });
  }
  return problems;
}

function checked(deps: Deps, input: Partial<PlatformInput>): void {
  const problems = urlProblems(deps, input);
  if (problems.length > 0) throw new InvalidError('The platform registration is refused.', problems);
}

const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === '23505';
const alreadyRegistered = () =>
  new ConflictError(
    'A platform with this issuer and client id is already registered.',
    'lti-platform-exists',
  );

export async function registerPlatform(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  input: PlatformInput,
): Promise<PlatformRow> {
  requireMembership(actor, orgId, MANAGERS);
  checked(deps, input);
  const keys = await newToolKeyPair(deps);
  try {
    return await insertPlatform(deps.db, {
      orgId,
      name: input.name ?? '',
      issuer: input.issuer,
      clientId: input.clientId,
      deploymentIds: [...new Set(input.deploymentIds)],
      authUrl: input.authUrl,
      tokenUrl: input.tokenUrl,
      jwksUrl: input.jwksUrl,
      keyId: keys.keyId,
      publicJwk: keys.publicJwk as never,
      privateJwkWrapped: keys.privateJwkWrapped,
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyRegistered();
    throw error;
  }
}

export async function listPlatforms(deps: Deps, actor: Actor | null, orgId: string): Promise<PlatformRow[]> {
  requireMembership(actor, orgId, MANAGERS);
  return platformsOf(deps.db, orgId);
}

export async function getPlatform(deps: Deps, actor: Actor | null, orgId: string, id: string) {
  requireMembership(actor, orgId, MANAGERS);
  const platform = await findPlatform(deps.db, orgId, id);
  if (!platform) throw new NotFoundError('LTI platform');
  return platform;
}

export async function changePlatform(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  id: string,
  changes: Partial<PlatformInput>,
): Promise<PlatformRow> {
  requireMembership(actor, orgId, MANAGERS);
  checked(deps, changes);
  const set = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
  if (changes.deploymentIds) set.deploymentIds = [...new Set(changes.deploymentIds)];
  try {
    const platform = await updatePlatform(deps.db, orgId, id, { ...set, updatedAt: deps.now() });
    if (!platform) throw new NotFoundError('LTI platform');
    return platform;
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyRegistered();
    throw error;
  }
}

export async function removePlatform(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  id: string,
): Promise<void> {
  requireMembership(actor, orgId, MANAGERS);
  if (!(await deletePlatform(deps.db, orgId, id))) throw new NotFoundError('LTI platform');
}
