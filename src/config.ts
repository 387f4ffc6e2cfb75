// The only reader of process.env. Every variable is validated at once; a bad value stops start-up
// with a message that names the variable and says how to fix it. See .env.example and docs/operations.md.
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const port = z.coerce.number().int().min(0).max(65535);

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
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
  OUTBOX_PUBLIC: bool.optional(),
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
  TLS_CERT: z.string().optional(),
  TLS_KEY: z.string().optional(),
});

export type DatabaseConfig =
  | { kind: 'pglite'; dataDir: string; schema: string }
  | { kind: 'postgres'; url: string; schema: string };

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  publicUrl: string;
  dataDir: string;
  database: DatabaseConfig;
  jobsSchema: string;
  workers: 'inline' | 'off';
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
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map(
        (issue) => `${issue.path.join('.')}: ${issue.message} (got ${show(present, issue.path)})`,
      ),
    );
  }
  const e = parsed.data;
  const problems: string[] = [];
  if ((e.TLS_CERT === undefined) !== (e.TLS_KEY === undefined)) {
    problems.push('TLS_CERT and TLS_KEY: set both (paths to PEM files) or neither');
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const dataDir = isAbsolute(e.DATA_DIR) ? e.DATA_DIR : resolve(e.DATA_DIR);
  const publicHost = e.HOST === '0.0.0.0' || e.HOST === '::' ? 'localhost' : e.HOST;
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
    jobsSchema: e.JOBS_SCHEMA,
    workers: e.WORKERS,
    // Without SMTP, mail lands in the outbox; in the embedded default anyone may read it there,
    // so that a fresh install can sign up without a mail server. Production sets SMTP_URL.
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM, outboxPublic: e.OUTBOX_PUBLIC ?? !e.SMTP_URL },
    keyEncryptionKey: e.KEY_ENCRYPTION_KEY,
    logLevel: e.LOG_LEVEL,
    bodyLimit: e.BODY_LIMIT,
    authRateLimit: e.AUTH_RATE_LIMIT,
    verifyRateLimit: e.VERIFY_RATE_LIMIT,
    trustProxy: e.TRUST_PROXY,
    seedDemoData: e.SEED_DEMO_DATA ?? e.NODE_ENV !== 'production',
    tls: e.TLS_CERT && e.TLS_KEY ? { cert: e.TLS_CERT, key: e.TLS_KEY } : undefined,
    verifyAllowHosts: e.VERIFY_ALLOW_HOSTS?.toLowerCase().split(','),
  };
  return Object.freeze(config);
}

function show(env: Record<string, string | undefined>, path: PropertyKey[]): string {
  const key = String(path[0]);
  if (/KEY|SECRET|PASSWORD|URL/.test(key)) return 'a value that is hidden here';
  return JSON.stringify(env[key]);
}
