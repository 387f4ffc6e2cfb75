// The only reader of process.env. Every variable is validated at once; a bad value stops start-up
// with a message that names the variable and says how to fix it. See .env.example and docs/operations.md.
import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';

const DEFAULT_HOST = '127.0.0.1';
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const port = z.coerce.number().int().min(0).max(65535);

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  // Loopback unless told otherwise: a fresh install is reachable from this machine only.
  HOST: z.string().min(1).default(DEFAULT_HOST),
  PORT: port.default(3000),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lowercase SQL identifier')
    .default('public'),
  JOBS_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lowercase SQL identifier')
    .default('pgboss'),
  WORKERS: z.enum(['inline', 'off']).default('inline'),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Tessera <no-reply@localhost>'),
  // Checked together (with HOST and NODE_ENV) in mailRulesFromEnv, which lists every problem of them.
  OUTBOX_PUBLIC: bool.default(false),
  MAIL_OUTBOX_ONLY: bool.default(false),
  KEY_ENCRYPTION_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}=$/, 'must be 32 bytes in base64 (openssl rand -base64 32)')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT: z.coerce.number().int().min(1024).default(1_048_576),
  AUTH_RATE_LIMIT: z.coerce.number().int().min(1).default(20),
  VERIFY_RATE_LIMIT: z.coerce.number().int().min(1).default(120),
  TRUST_PROXY: bool.default(false),
  SEED_DEMO_DATA: bool.optional(),
  VERIFY_ALLOW_HOSTS: z
    .string()
    .regex(/^[a-z0-9.-]+(,[a-z0-9.-]+)*$/i, 'must be host names separated by commas')
    .optional(),
  VERIFY_ALLOW_PRIVATE: bool.optional(),
  TLS_CERT: z.string().optional(),
  TLS_KEY: z.string().optional(),
  // Checked together in storageFromEnv, which lists every problem of the three.
  STORAGE_URL: z.string().optional(),
  STORAGE_ACCESS_KEY_ID: z.string().optional(),
  STORAGE_SECRET_ACCESS_KEY: z.string().optional(),
  PAYMENT_PROVIDER: z.enum(['manual', 'stripe']).default('manual'),
  // Checked together in stripeFromEnv, which lists every problem of the three.
  STRIPE_SECRET_KEY: z.string().optional(),
  STRIPE_WEBHOOK_SECRET: z.string().optional(),
  STRIPE_API_URL: z.string().optional(),
  // Verifying strangers' credentials: worker threads (0 = this thread), a deadline per costly step, and how
  // many verifications may wait or run before more are answered 503.
  VERIFY_WORKERS: z.coerce.number().int().min(0).max(16).optional(),
  VERIFY_DEADLINE_MS: z.coerce.number().int().min(1).max(600_000).default(10_000),
  VERIFY_QUEUE: z.coerce.number().int().min(1).max(10_000).default(16),
});

export type DatabaseConfig =
  | { kind: 'pglite'; dataDir: string; schema: string }
  | { kind: 'postgres'; url: string; schema: string };

export type S3StorageConfig = {
  kind: 's3';
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle: boolean;
};

export type StorageConfig = { kind: 'local'; rootDir: string } | S3StorageConfig;

export interface StripeSettings {
  secretKey: string;
  webhookSecret: string;
  /** Another API origin than Stripe's own (tests: a local fake); undefined = Stripe. */
  api: { host: string; port: number; protocol: 'http' | 'https' } | undefined;
}

export interface PaymentsConfig {
  /** Who takes payments for new orders: manual invoices (default) or Stripe Checkout. */
  provider: 'manual' | 'stripe';
  /** Set when both Stripe keys are (required with provider stripe; kept after a switch to refund old payments). */
  stripe: StripeSettings | undefined;
}

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  publicUrl: string;
  dataDir: string;
  database: DatabaseConfig;
  /** Uploaded files: a directory under DATA_DIR, or an S3-compatible bucket. */
  storage: StorageConfig;
  jobsSchema: string;
  workers: 'inline' | 'off';
  /**
   * outboxPublic: anyone may read the outbox's mail that carries no secret link (OUTBOX_PUBLIC, local trials on
   * loopback only); otherwise only platform operators read it.
   */
  mail: { smtpUrl: string | undefined; from: string; outboxPublic: boolean };
  keyEncryptionKey: string | undefined;
  logLevel: string;
  bodyLimit: number;
  authRateLimit: number;
  /** Verifications per minute per client on the public verify page and API. */
  verifyRateLimit: number;
  trustProxy: boolean;
  seedDemoData: boolean;
  tls: { cert: string; key: string } | undefined;
  /** Hosts verification may fetch DID documents and status lists from; undefined = any public host. */
  verifyAllowHosts: string[] | undefined;
  /** Tests and development: the VERIFY_ALLOW_HOSTS hosts may be fetched over http on private/loopback addresses. */
  verifyAllowPrivate: boolean;
  payments: PaymentsConfig;
  /** Worker threads that run the costly steps of verification (0: on the request's own thread). */
  verifyWorkers: number;
  /** How long one costly step (a proof, the schema check) may run before it is reported unchecked. */
  verifyDeadlineMs: number;
  /** Verifications of outside input that may wait or run at once; the next is answered 503. */
  verifyQueue: number;
}

export class ConfigError extends Error {
  readonly code = 'INVALID_CONFIG';
  constructor(readonly problems: string[]) {
    super(
      `Tessera cannot start, the environment has ${problems.length} problem(s):\n  - ${problems.join('\n  - ')}`,
    );
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Readonly<Config> {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(present);
  const s3 = s3FromEnv(present);
  const stripe = stripeFromEnv(present);
  const mailRules = mailRulesFromEnv(present);
  if (!parsed.success) {
    throw new ConfigError([
      ...parsed.error.issues.map(
        (issue) => `${issue.path.join('.')}: ${issue.message} (got ${show(present, issue.path)})`,
      ),
      ...s3.problems,
      ...stripe.problems,
      ...mailRules,
    ]);
  }
  const e = parsed.data;
  const problems: string[] = [...s3.problems, ...stripe.problems, ...mailRules];
  if ((e.TLS_CERT === undefined) !== (e.TLS_KEY === undefined)) {
    problems.push('TLS_CERT and TLS_KEY: set both (paths to PEM files) or neither');
  }
  if (e.VERIFY_ALLOW_PRIVATE && (e.NODE_ENV === 'production' || !e.VERIFY_ALLOW_HOSTS)) {
    problems.push(
      'VERIFY_ALLOW_PRIVATE: only for tests and development, and only with VERIFY_ALLOW_HOSTS naming the hosts (unset it in production)',
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const dataDir = isAbsolute(e.DATA_DIR) ? e.DATA_DIR : resolve(e.DATA_DIR);
  // HOST unset gives http://localhost:PORT, as when the default was the wildcard address: the did:web
  // identifiers of an install made before the default became loopback stay the same.
  const publicHost =
    present.HOST === undefined || e.HOST === '0.0.0.0' || e.HOST === '::' ? 'localhost' : e.HOST;
  const scheme = e.TLS_CERT ? 'https' : 'http';
  const database: DatabaseConfig = e.DATABASE_URL
    ? { kind: 'postgres', url: e.DATABASE_URL, schema: e.DATABASE_SCHEMA }
    : { kind: 'pglite', dataDir: resolve(dataDir, 'db'), schema: e.DATABASE_SCHEMA };
  const config: Config = {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    publicUrl: (e.PUBLIC_URL ?? `${scheme}://${publicHost}:${e.PORT}`).replace(/\/$/, ''),
    dataDir,
    database,
    storage: s3.config ?? { kind: 'local', rootDir: resolve(dataDir, 'files') },
    jobsSchema: e.JOBS_SCHEMA,
    workers: e.WORKERS,
    // Without SMTP, mail lands in the outbox, which platform operators read (OUTBOX_PUBLIC: anyone, on loopback).
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM, outboxPublic: e.OUTBOX_PUBLIC },
    keyEncryptionKey: e.KEY_ENCRYPTION_KEY,
    logLevel: e.LOG_LEVEL,
    bodyLimit: e.BODY_LIMIT,
    authRateLimit: e.AUTH_RATE_LIMIT,
    verifyRateLimit: e.VERIFY_RATE_LIMIT,
    trustProxy: e.TRUST_PROXY,
    seedDemoData: e.SEED_DEMO_DATA ?? e.NODE_ENV !== 'production',
    tls: e.TLS_CERT && e.TLS_KEY ? { cert: e.TLS_CERT, key: e.TLS_KEY } : undefined,
    verifyAllowHosts: e.VERIFY_ALLOW_HOSTS?.toLowerCase().split(','),
    verifyAllowPrivate: e.VERIFY_ALLOW_PRIVATE ?? false,
    payments: { provider: e.PAYMENT_PROVIDER, stripe: stripe.config },
    // One core stays with the server's own thread.
    verifyWorkers: e.VERIFY_WORKERS ?? Math.max(1, Math.min(4, availableParallelism() - 1)),
    verifyDeadlineMs: e.VERIFY_DEADLINE_MS,
    verifyQueue: e.VERIFY_QUEUE,
  };
  return Object.freeze(config);
}

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
function mailRulesFromEnv(env: Record<string, string | undefined>): string[] {
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
function s3FromEnv(env: Record<string, string | undefined>): {
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
function stripeFromEnv(env: Record<string, string | undefined>): {
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

function show(env: Record<string, string | undefined>, path: PropertyKey[]): string {
  const key = String(path[0]);
  if (/KEY|SECRET|PASSWORD|URL/.test(key)) return 'a value that is hidden here';
  return JSON.stringify(env[key]);
}
