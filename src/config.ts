// The only reader of process.env. Every variable is validated at once; a bad value stops start-up
// with a message that names the variable and says how to fix it. See .env.example and docs/operations.md.
import { availableParallelism } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_HOST, mailRulesFromEnv, s3FromEnv, stripeFromEnv } from './config-rules.ts';

export { isLoopbackHost } from './config-rules.ts';

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
  // The trust anchors or intermediates above this credential issuer (OpenID Federation authority_hints).
  OPENID_FEDERATION_AUTHORITY_HINTS: z
    .string()
    .regex(
      /^https:\/\/[^\s,]+(,https:\/\/[^\s,]+)*$/,
      'must be https:// entity identifiers separated by commas',
    )
    .optional(),
  WEBHOOK_RETRY_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  TLS_CERT: z.string().optional(),
  TLS_KEY: z.string().optional(),
  // Checked together in storageFromEnv, which lists every problem of the three.
  STORAGE_URL: z.string().optional(),
  STORAGE_ACCESS_KEY_ID: z.string().optional(),
  STORAGE_SECRET_ACCESS_KEY: z.string().optional(),
  PAYMENT_PROVIDER: z.enum(['manual', 'stripe']).default('manual'),
  // Test-mode card payments (no money moves) for issuers that turn them on; off by default in production.
  PAYMENTS_TEST_MODE: z.enum(['on', 'off']).optional(),
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
  /** OpenID Federation: the superiors the entity configuration names (authority_hints); empty: none. */
  openidFederationAuthorityHints: string[];
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
  /** The first retry of a refused webhook delivery waits this long; each later one four times longer. */
  webhookRetrySeconds: number;
  payments: PaymentsConfig;
  /**
   * Issuers may turn on test-mode card payments (PAYMENTS_TEST_MODE; default on, except in production):
   * off refuses them everywhere, whatever an issuer's setting says.
   */
  testCardPayments: boolean;
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
    openidFederationAuthorityHints: e.OPENID_FEDERATION_AUTHORITY_HINTS?.split(',') ?? [],
    logLevel: e.LOG_LEVEL,
    bodyLimit: e.BODY_LIMIT,
    authRateLimit: e.AUTH_RATE_LIMIT,
    verifyRateLimit: e.VERIFY_RATE_LIMIT,
    trustProxy: e.TRUST_PROXY,
    seedDemoData: e.SEED_DEMO_DATA ?? e.NODE_ENV !== 'production',
    tls: e.TLS_CERT && e.TLS_KEY ? { cert: e.TLS_CERT, key: e.TLS_KEY } : undefined,
    verifyAllowHosts: e.VERIFY_ALLOW_HOSTS?.toLowerCase().split(','),
    verifyAllowPrivate: e.VERIFY_ALLOW_PRIVATE ?? false,
    webhookRetrySeconds: e.WEBHOOK_RETRY_SECONDS,
    payments: { provider: e.PAYMENT_PROVIDER, stripe: stripe.config },
    testCardPayments: (e.PAYMENTS_TEST_MODE ?? (e.NODE_ENV === 'production' ? 'off' : 'on')) === 'on',
    // One core stays with the server's own thread.
    verifyWorkers: e.VERIFY_WORKERS ?? Math.max(1, Math.min(4, availableParallelism() - 1)),
    verifyDeadlineMs: e.VERIFY_DEADLINE_MS,
    verifyQueue: e.VERIFY_QUEUE,
  };
  return Object.freeze(config);
}

function show(env: Record<string, string | undefined>, path: PropertyKey[]): string {
  const key = String(path[0]);
  if (/KEY|SECRET|PASSWORD|URL/.test(key)) return 'a value that is hidden here';
  return JSON.stringify(env[key]);
}
