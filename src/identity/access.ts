// Checks on the actor that every context's use-cases share.
import { ForbiddenError, UnauthenticatedError } from '../errors.ts';
import type { Actor } from './actor.ts';
import type { ApiTokenScope } from './model.ts';

export function requireActor(actor: Actor | null): Actor {
  if (!actor) throw new UnauthenticatedError();
  return actor;
}

/** Sessions may do whatever the person's roles allow; an API token only what its scopes name. */
export function requireScope(actor: Actor | null, scope: ApiTokenScope): Actor {
  const me = requireActor(actor);
  if (!hasScope(me, scope)) {
    throw new ForbiddenError(`This API token lacks the "${scope}" scope.`);
  }
  return me;
}

/** Whether the actor may do what a scope names (sessions: always), for use-cases that write only when allowed. */
export function hasScope(actor: Actor, scope: ApiTokenScope): boolean {
  return actor.scopes === 'all' || actor.scopes.includes(scope);
}

/** Account settings (emails, API tokens) and a person's own decisions come from a logged-in person, never a machine. */
export function requireSession(actor: Actor | null): Actor {
  const me = requireActor(actor);
  if (me.via !== 'session')
    throw new ForbiddenError('Do this from a logged-in session, not with an API token.');
  return me;
}
