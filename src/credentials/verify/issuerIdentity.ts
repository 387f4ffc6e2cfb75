// The `issuer-identity` check: what the issuer identifier tells a verifier about who issued it.
import { didWebToUrl } from '../did/didWeb.ts';
import { type Check, check } from './types.ts';

export const issuerIdOf = (credential: Record<string, unknown>): string | undefined => {
  const { issuer } = credential;
  if (typeof issuer === 'string') return issuer;
  const id = (issuer as { id?: unknown } | null | undefined)?.id;
  return typeof id === 'string' ? id : undefined;
};

export function checkIssuerIdentity(credential: Record<string, unknown>): Check {
  const id = issuerIdOf(credential);
  if (!id) return check('issuer-identity', 'failed', 'The credential names no issuer.');
  if (id.startsWith('did:key:') || id.startsWith('did:jwk:')) {
    const method = id.slice(0, 7);
    return check(
      'issuer-identity',
      'passed',
      `The issuer is identified only by its own key (${method}): the credential is provably from that key holder, but the key says nothing about who they are.`,
    );
  }
  if (id.startsWith('did:web:')) {
    try {
      const host = new URL(didWebToUrl(id)).host;
      return check(
        'issuer-identity',
        'passed',
        `The issuer is identified by the web domain ${host}, which publishes its keys.`,
      );
    } catch {
      return check('issuer-identity', 'failed', `The issuer identifier ${id} is not a valid did:web.`);
    }
  }
  if (/^https:\/\//.test(id)) {
    try {
      return check(
        'issuer-identity',
        'passed',
        `The issuer is identified by its web address on ${new URL(id).host}.`,
      );
    } catch {
      return check('issuer-identity', 'failed', `The issuer identifier ${id} is not a valid web address.`);
    }
  }
  return check(
    'issuer-identity',
    'failed',
    `Tessera cannot tie the issuer identifier ${id} to anyone: only did:key, did:jwk, did:web and https issuers are accepted.`,
  );
}
