// The rules of an issuer's own domain (docs/organizations.md, "The issuer's own domain"): which names may be
// bound, the token that proves holding one, where it is published and what the bound DID is. Pure, no I/O.
import { randomBytes } from 'node:crypto';
import { didWebId } from '../credentials/index.ts';

export const CHALLENGE_LABEL = '_tessera-challenge';
export const VERIFICATION_FILE_PATH = '/.well-known/tessera-domain-verification.txt';
const TOKEN_PREFIX = 'tessera-domain-verification=';

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

export type DomainProblem = 'not-a-domain' | 'ip-address' | 'this-server';

/**
 * A bindable domain: a DNS name of two or more labels whose last is not all digits (so no IP addresses), in
 * lowercase, without a trailing dot; a `:port` only among `testHosts` (tests and development serve on loopback).
 */
export function domainProblem(
  domain: string,
  ownHost: string,
  testHosts: string[] = [],
): DomainProblem | null {
  if (domain.length > 253) return 'not-a-domain';
  if (domain === ownHost || domain === ownHost.split(':')[0]) return 'this-server';
  const [host = '', port, ...rest] = domain.split(':');
  if (rest.length > 0) return 'not-a-domain';
  if (testHosts.includes(host) && (port === undefined || /^\d{1,5}$/.test(port))) return null;
  if (port !== undefined) return 'not-a-domain';
  const labels = host.split('.');
  if (!labels.every((label) => LABEL.test(label))) return 'not-a-domain';
  if (/^\d+$/.test(labels[labels.length - 1] ?? '')) return 'ip-address';
  return labels.length < 2 ? 'not-a-domain' : null;
}

/** The form we keep: trimmed, lowercase, no scheme-less trailing dot. */
export const normalizeDomain = (input: string) => input.trim().toLowerCase().replace(/\.$/, '');

export const newDomainToken = () => randomBytes(24).toString('base64url');

/** The DID a bound domain gives its issuer: did:web:<domain> (its document at /.well-known/did.json). */
export const domainDid = (domain: string) => didWebId(domain);

/** What the organization publishes, in the TXT record and in the file alike. */
export const challengeValue = (token: string) => `${TOKEN_PREFIX}${token}`;

export interface DomainInstructions {
  txtName: string;
  txtValue: string;
  fileUrl: string;
  fileContent: string;
}

export function instructionsFor(domain: string, token: string): DomainInstructions {
  return {
    txtName: `${CHALLENGE_LABEL}.${domain.split(':')[0]}`,
    txtValue: challengeValue(token),
    fileUrl: `https://${domain}${VERIFICATION_FILE_PATH}`,
    fileContent: challengeValue(token),
  };
}

/** Whether a published text (a TXT record's strings joined, or the file) carries the token. */
export function carriesToken(published: string, token: string): boolean {
  const wanted = challengeValue(token);
  return published
    .split(/\r?\n/)
    .map((line) => line.trim())
    .some((line) => line === wanted || line === token);
}
