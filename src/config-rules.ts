// Settings that are checked together, each group listing every problem it finds: who reads mail, the
// S3 bucket for uploads, Stripe. Pure functions of the environment that src/config.ts reads; messages
// name what is wrong and never repeat a secret value.
import { isIP } from 'node:net';
import type { S3StorageConfig, StripeSettings } from './config.ts';

/** Where the server listens unless HOST says otherwise: loopback, so a fresh install is reachable from this machine only. */
export const DEFAULT_HOST = '127.0.0.1';

/** 127.0.0.0/8, ::1 (also IPv4-mapped) and localhost: addresses no other machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost' || bare === '::1') return true;
  const v4 = bare.startsWith('::ffff:') ? bare.slice('::ffff:'.length) : bare;
  return isIP(v4) === 4 && v4.startsWith('127.');
}

const isOn = (value: string | undefined) => value === 'true' || value === '1';

/**
 * Who may read mail, and whether mail can reach anyone: an outbox readable by anyone only on a loopback
 * address and never in production (reset links would be readable by whoever reaches the port), and SMTP
 * required in production unless MAIL_OUTBOX_ONLY says the operator-only outbox is meant.
 */
export function mailRulesFromEnv(env: Record<string, string | undefined>): string[] {
  const { NODE_ENV: mode, HOST: host = DEFAULT_HOST, SMTP_URL: smtpUrl } = env;
  const outboxPublic = isOn(env.OUTBOX_PUBLIC);
  const outboxOnly = isOn(env.MAIL_OUTBOX_ONLY);
  const problems: string[] = [];
  if (outboxPublic && mode === 'production') {
    problems.push(
      'OUTBOX_PUBLIC: refused in production (anyone could read the mail of the install); unset it, platform operators read the outbox after logging in',
    );
  } else if (outboxPublic && !isLoopbackHost(host)) {
    problems.push(
      `OUTBOX_PUBLIC and HOST: a public outbox is allowed only while the server listens on loopback (HOST=127.0.0.1, ::1 or localhost), not on ${JSON.stringify(host)}; unset OUTBOX_PUBLIC or HOST`,
    );
  }
  if (mode === 'production' && !smtpUrl && !outboxOnly) {
    problems.push(
      'SMTP_URL: required in production, or mail reaches no one (smtp://user:password@smtp.example.org:587); to keep mail in the outbox on purpose, readable only by platform operators, set MAIL_OUTBOX_ONLY=true',
    );
  }
  if (outboxOnly && smtpUrl) {
    problems.push(
      'MAIL_OUTBOX_ONLY and SMTP_URL: set one of them (SMTP delivers mail; MAIL_OUTBOX_ONLY keeps it in the outbox)',
    );
  }
  return problems;
}

const S3_PARAMETERS = new Set(['endpoint', 'region', 'pathStyle']);

/**
 * STORAGE_URL=s3://bucket?endpoint=https://…&region=…&pathStyle=true with the two STORAGE_* keys.
 * Messages name what is wrong and never repeat a value (the URL or the keys).
 */
export function s3FromEnv(env: Record<string, string | undefined>): {
  config?: S3StorageConfig;
  problems: string[];
} {
  const { STORAGE_URL: raw, STORAGE_ACCESS_KEY_ID: accessKeyId, STORAGE_SECRET_ACCESS_KEY: secret } = env;
  const problems: string[] = [];
  if (!raw) {
    if (accessKeyId || secret) {
      problems.push(
        'STORAGE_ACCESS_KEY_ID / STORAGE_SECRET_ACCESS_KEY: set STORAGE_URL too (s3://bucket?endpoint=…), or unset them',
      );
    }
    return { problems };
  }
  const url = URL.canParse(raw) ? new URL(raw) : undefined;
  if (url?.protocol !== 's3:') {
    problems.push('STORAGE_URL: must look like s3://bucket?endpoint=https://s3.example.com&region=eu-west-1');
  }
  const bucket = url?.hostname ?? '';
  if (url?.protocol === 's3:') {
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
      problems.push(
        'STORAGE_URL: the bucket name (after s3://) must be 3-63 lower-case letters, digits, "." or "-"',
      );
    }
    if (url.username || url.password) {
      problems.push(
        'STORAGE_URL: put the keys in STORAGE_ACCESS_KEY_ID and STORAGE_SECRET_ACCESS_KEY, not in the URL',
      );
    }
    if (url.port || (url.pathname !== '' && url.pathname !== '/')) {
      problems.push('STORAGE_URL: nothing may follow the bucket name but ?parameters');
    }
    for (const name of url.searchParams.keys()) {
      if (!S3_PARAMETERS.has(name)) {
        problems.push(
          `STORAGE_URL: unknown parameter ${JSON.stringify(name)} (known: endpoint, region, pathStyle)`,
        );
      }
    }
  }
  const region = url?.searchParams.get('region') ?? 'us-east-1';
  if (!/^[a-z0-9-]{1,40}$/.test(region)) {
    problems.push('STORAGE_URL: region must be a region name such as eu-west-1');
  }
  const endpoint = url?.searchParams.get('endpoint') ?? `https://s3.${region}.amazonaws.com`;
  const endpointUrl = URL.canParse(endpoint) ? new URL(endpoint) : undefined;
  if (
    !endpointUrl ||
    !/^https?:$/.test(endpointUrl.protocol) ||
    endpointUrl.pathname !== '/' ||
    endpointUrl.search ||
    endpointUrl.username
  ) {
    problems.push('STORAGE_URL: endpoint must be an http(s) origin such as https://s3.example.com (no path)');
  }
  const pathStyle = url?.searchParams.get('pathStyle') ?? 'false';
  if (!['true', 'false'].includes(pathStyle)) problems.push('STORAGE_URL: pathStyle must be true or false');
  if (!accessKeyId) problems.push('STORAGE_ACCESS_KEY_ID: required with STORAGE_URL');
  if (!secret) problems.push('STORAGE_SECRET_ACCESS_KEY: required with STORAGE_URL');
  if (problems.length > 0 || !endpointUrl || !accessKeyId || !secret) return { problems };
  return {
    problems,
    config: {
      kind: 's3',
      endpoint: endpointUrl.origin,
      region,
      bucket,
      accessKeyId,
      secretAccessKey: secret,
      forcePathStyle: pathStyle === 'true',
    },
  };
}

/**
 * PAYMENT_PROVIDER=stripe needs both keys; STRIPE_API_URL points the client elsewhere (tests). Like the
 * storage keys, the messages never repeat a value.
 */
export function stripeFromEnv(env: Record<string, string | undefined>): {
  config?: StripeSettings;
  problems: string[];
} {
  const {
    PAYMENT_PROVIDER: provider,
    STRIPE_SECRET_KEY: secretKey,
    STRIPE_WEBHOOK_SECRET: webhookSecret,
    STRIPE_API_URL: apiUrl,
    NODE_ENV: mode,
  } = env;
  const problems: string[] = [];
  // One key alone is a half-done set-up too; name what the missing key is needed with.
  const neededWith =
    provider === 'stripe'
      ? 'PAYMENT_PROVIDER=stripe'
      : secretKey
        ? 'STRIPE_SECRET_KEY'
        : 'STRIPE_WEBHOOK_SECRET';
  if (provider === 'stripe' || secretKey || webhookSecret) {
    if (!secretKey) {
      problems.push(
        `STRIPE_SECRET_KEY: required with ${neededWith} (the secret key sk_live_… or sk_test_… from the Stripe dashboard, Developers → API keys)`,
      );
    }
    if (!webhookSecret) {
      problems.push(
        `STRIPE_WEBHOOK_SECRET: required with ${neededWith} (the endpoint's signing secret whsec_… from the Stripe dashboard, Developers → Webhooks, or from stripe listen)`,
      );
    }
  }
  if (secretKey && !/^(sk|rk)_(live|test)_[A-Za-z0-9_]+$/.test(secretKey)) {
    problems.push(
      'STRIPE_SECRET_KEY: must be a secret key (sk_live_… or sk_test_…) or a restricted key (rk_…)',
    );
  }
  if (webhookSecret && !/^whsec_[A-Za-z0-9+/=_-]+$/.test(webhookSecret)) {
    problems.push('STRIPE_WEBHOOK_SECRET: must be a webhook signing secret (whsec_…)');
  }
  let api: StripeSettings['api'];
  if (apiUrl) {
    const url = URL.canParse(apiUrl) ? new URL(apiUrl) : undefined;
    if (!url || !/^https?:$/.test(url.protocol) || url.pathname !== '/' || url.search || url.username) {
      problems.push(
        'STRIPE_API_URL: must be an http(s) origin such as http://127.0.0.1:12111 (no path), or unset',
      );
    } else if (mode === 'production' && url.protocol !== 'https:') {
      // The secret key travels in every request.
      problems.push('STRIPE_API_URL: must be https in production (or unset it to reach Stripe)');
    } else {
      const protocol = url.protocol === 'http:' ? 'http' : 'https';
      const port = url.port ? Number(url.port) : protocol === 'http' ? 80 : 443;
      api = { host: url.hostname.replace(/^\[|\]$/g, ''), port, protocol };
    }
  }
  if (problems.length > 0 || !secretKey || !webhookSecret) return { problems };
  return { problems, config: { secretKey, webhookSecret, api } };
}
