// What `tessera user create` and `tessera org create` do, with CLI-friendly errors: run by the command on
// a database it opened, or by the running server for it (admin-channel-routes.ts).
import type { Deps } from '../deps.ts';
import { DomainError, InvalidError } from '../errors.ts';
import { createUser } from '../identity/index.ts';
import { addMember, createOrganization } from '../orgs/index.ts';
import { CliError } from './errors.ts';

function asCliError(error: unknown): never {
  if (error instanceof InvalidError) {
    const details = error.fields.map((f) => `  ${f.path}: ${f.message}`).join('\n');
    throw new CliError(`${error.message}${details ? `\n${details}` : ''}`, 2);
  }
  if (error instanceof DomainError) throw new CliError(error.message, 2);
  throw error;
}

/** The password was chosen by the command (given, TESSERA_PASSWORD, or generated and printed there). */
export async function createUserFromCli(
  deps: Deps,
  options: { email: string; name: string; password: string; operator: boolean },
): Promise<{ id: string; email: string }> {
  if (options.password.length < 10) throw new CliError('The password needs at least 10 characters.', 2);
  try {
    const { user, emails } = await createUser(deps, {
      email: options.email,
      name: options.name,
      password: options.password,
      verified: true,
      isOperator: options.operator,
    });
    return { id: user.id, email: emails[0]?.email ?? options.email };
  } catch (error) {
    return asCliError(error);
  }
}

export async function createOrganizationFromCli(
  deps: Deps,
  options: { name: string; slug: string; kind: 'issuer' | 'employer'; owner?: string },
): Promise<{ id: string; slug: string; kind: string }> {
  try {
    const org = await createOrganization(deps, 'system', {
      name: options.name,
      slug: options.slug,
      kind: options.kind,
    });
    if (options.owner) await addMember(deps, 'system', org.id, { email: options.owner, role: 'owner' });
    return { id: org.id, slug: org.slug, kind: org.kind };
  } catch (error) {
    return asCliError(error);
  }
}
