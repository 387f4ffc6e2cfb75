// "Verify your domain": looks for the token where the organization published it, a DNS TXT record
// `_tessera-challenge.<domain>` or the file https://<domain>/.well-known/tessera-domain-verification.txt (read
// through the SSRF-guarded fetch). Never throws for the network: the outcome says what was found.
import { Resolver } from 'node:dns/promises';
import type { Config } from '../config.ts';
import { safeFetch } from '../net/safe-fetch.ts';
import { carriesToken, instructionsFor, VERIFICATION_FILE_PATH } from './domain-model.ts';

const DNS_TIMEOUT_MS = 4_000;
const FETCH_LIMITS = { timeoutMs: 5_000, maxBytes: 4_096 } as const;

export type DomainCheck = { found: true; via: 'dns' | 'https' } | { found: false; problems: string[] };

/** The TXT record's strings, one line per record; empty when there is none or DNS does not answer in time. */
async function txtRecords(
  name: string,
  dnsServers: string[] | undefined,
): Promise<{ text: string } | { problem: string }> {
  const resolver = new Resolver({ timeout: DNS_TIMEOUT_MS, tries: 1 });
  if (dnsServers) resolver.setServers(dnsServers);
  try {
    const records = await resolver.resolveTxt(name);
    return { text: records.map((parts) => parts.join('')).join('\n') };
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'failed';
    return { problem: `No TXT record ${name} (${code}).` };
  }
}

/**
 * The verification file. Only https, except where the test-only allowance (VERIFY_ALLOW_PRIVATE with
 * VERIFY_ALLOW_HOSTS, refused in production) lets a loopback test server answer over http.
 */
async function verificationFile(
  config: Pick<Config, 'verifyAllowHosts' | 'verifyAllowPrivate'>,
  domain: string,
): Promise<{ text: string } | { problem: string }> {
  const scheme = config.verifyAllowPrivate ? 'http' : 'https';
  const url = `${scheme}://${domain}${VERIFICATION_FILE_PATH}`;
  const response = await safeFetch(url, {
    ...FETCH_LIMITS,
    accept: ['text/plain', 'application/octet-stream'],
    allowHosts: config.verifyAllowHosts,
    allowPrivate: config.verifyAllowPrivate,
  });
  if (!response.ok) return { problem: `${instructionsFor(domain, '').fileUrl}: ${response.reason}` };
  return { text: response.body.toString('utf8') };
}

export async function checkDomain(
  config: Pick<Config, 'verifyAllowHosts' | 'verifyAllowPrivate'>,
  domain: string,
  token: string,
  /** The resolvers to ask (`ip` or `ip:port`); the system's by default. */
  options: { dnsServers?: string[] } = {},
): Promise<DomainCheck> {
  const { txtName, fileUrl } = instructionsFor(domain, token);
  // Whichever place shows the token first settles it; the other is not waited for.
  const dns = txtRecords(txtName, options.dnsServers).then((found) =>
    'text' in found && carriesToken(found.text, token)
      ? ({ found: true, via: 'dns' } as const)
      : 'problem' in found
        ? found.problem
        : `The TXT record ${txtName} does not carry the token.`,
  );
  const file = verificationFile(config, domain).then((found) =>
    'text' in found && carriesToken(found.text, token)
      ? ({ found: true, via: 'https' } as const)
      : 'problem' in found
        ? found.problem
        : `${fileUrl} does not carry the token.`,
  );
  const settled = (outcome: Promise<DomainCheck | string>) =>
    outcome.then((value) => (typeof value === 'string' ? new Promise<never>(() => {}) : value));
  const both = Promise.all([dns, file]).then(
    (outcomes): DomainCheck =>
      outcomes.find((value): value is Exclude<typeof value, string> => typeof value !== 'string') ?? {
        found: false,
        problems: outcomes.filter((value): value is string => typeof value === 'string'),
      },
  );
  return Promise.race([settled(dns), settled(file), both]);
}
