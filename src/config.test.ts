import { describe, expect, it } from 'vitest';
import { ConfigError, isLoopbackHost, loadConfig } from './config.ts';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  return expect.unreachable('loadConfig should have thrown');
}

describe('configuration', () => {
  it('starts with the embedded database and demo data when nothing is set', () => {
    const config = loadConfig({});
    expect(config.database.kind).toBe('pglite');
    expect(config.port).toBe(3000);
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.seedDemoData).toBe(true);
    expect(config.mail.outboxPublic).toBe(false);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('listens on the loopback address unless HOST names another', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    const open = loadConfig({ HOST: '0.0.0.0' });
    expect(open.host).toBe('0.0.0.0');
    expect(open.publicUrl).toBe('http://localhost:3000');
    expect(loadConfig({ HOST: 'badges.internal' }).publicUrl).toBe('http://badges.internal:3000');
  });

  it('tells loopback addresses from the others', () => {
    for (const host of ['127.0.0.1', '127.8.9.10', '::1', '[::1]', 'localhost', '::ffff:127.0.0.1']) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
    for (const host of ['0.0.0.0', '::', '10.0.0.5', '192.168.1.2', 'badges.example.org', '128.0.0.1']) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
  });

  it('lists every wrong variable at once', () => {
    try {
      loadConfig({ PORT: '99999', WORKERS: 'sometimes', SMTP_URL: 'http://mail' });
      expect.unreachable('loadConfig should have thrown');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const { problems } = error as ConfigError;
      expect(problems.map((p) => p.split(':')[0])).toEqual(
        expect.arrayContaining(['PORT', 'WORKERS', 'SMTP_URL']),
      );
    }
  });

  it('lets verification reach private addresses only in tests and development, and only for allow-listed hosts', () => {
    const loopback = { VERIFY_ALLOW_HOSTS: '127.0.0.1', VERIFY_ALLOW_PRIVATE: 'true' };
    expect(loadConfig({ NODE_ENV: 'test', ...loopback }).verifyAllowPrivate).toBe(true);
    expect(loadConfig({}).verifyAllowPrivate).toBe(false);
    expect(() => loadConfig({ NODE_ENV: 'production', ...loopback })).toThrow(/VERIFY_ALLOW_PRIVATE/);
    expect(() => loadConfig({ VERIFY_ALLOW_PRIVATE: 'true' })).toThrow(/VERIFY_ALLOW_PRIVATE/);
  });

  it('never repeats a secret-looking value in its message', () => {
    expect(() => loadConfig({ KEY_ENCRYPTION_KEY: 'not-base64-secret-value' })).toThrow(/hidden/);
    expect(() => loadConfig({ KEY_ENCRYPTION_KEY: 'not-base64-secret-value' })).not.toThrow(
      /not-base64-secret-value/,
    );
  });

  it('uses PostgreSQL when DATABASE_URL is set, and keeps the outbox private once SMTP is configured', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://u@db:5432/tessera',
      SMTP_URL: 'smtp://mail:25',
      NODE_ENV: 'production',
    });
    expect(config.database).toMatchObject({ kind: 'postgres', url: 'postgres://u@db:5432/tessera' });
    expect(config.mail.outboxPublic).toBe(false);
    expect(config.seedDemoData).toBe(false);
  });

  describe('who reads the mail', () => {
    it('lets anyone read the outbox only with OUTBOX_PUBLIC on a loopback address', () => {
      expect(loadConfig({ OUTBOX_PUBLIC: 'true' }).mail.outboxPublic).toBe(true);
      expect(loadConfig({ OUTBOX_PUBLIC: 'true', HOST: '::1' }).mail.outboxPublic).toBe(true);
      expect(loadConfig({ OUTBOX_PUBLIC: 'false' }).mail.outboxPublic).toBe(false);
      expect(loadConfig({ HOST: '0.0.0.0' }).mail.outboxPublic).toBe(false);
    });

    it('refuses a public outbox on an address other machines reach, naming OUTBOX_PUBLIC and HOST', () => {
      expect(problemsOf({ OUTBOX_PUBLIC: 'true', HOST: '0.0.0.0' })).toEqual([
        expect.stringMatching(
          /^OUTBOX_PUBLIC and HOST: a public outbox is allowed only .*loopback.*"0\.0\.0\.0"/,
        ),
      ]);
    });

    it('refuses to start in production without SMTP_URL, naming MAIL_OUTBOX_ONLY as the deliberate way out', () => {
      expect(problemsOf({ NODE_ENV: 'production' })).toEqual([
        expect.stringMatching(/^SMTP_URL: required in production.*MAIL_OUTBOX_ONLY=true/),
      ]);
      const outboxOnly = loadConfig({ NODE_ENV: 'production', MAIL_OUTBOX_ONLY: 'true' });
      expect(outboxOnly.mail).toMatchObject({ smtpUrl: undefined, outboxPublic: false });
      expect(problemsOf({ MAIL_OUTBOX_ONLY: 'true', SMTP_URL: 'smtp://mail:25' })).toEqual([
        expect.stringMatching(/^MAIL_OUTBOX_ONLY and SMTP_URL: set one of them/),
      ]);
    });

    it('refuses OUTBOX_PUBLIC in production, even on loopback', () => {
      const env = { NODE_ENV: 'production', SMTP_URL: 'smtp://mail:25', OUTBOX_PUBLIC: 'true' };
      expect(problemsOf(env)).toEqual([expect.stringMatching(/^OUTBOX_PUBLIC: refused in production/)]);
    });

    it('lists the mail problems with every other problem at once', () => {
      const problems = problemsOf({
        NODE_ENV: 'production',
        PORT: '99999',
        HOST: '0.0.0.0',
        OUTBOX_PUBLIC: 'true',
      });
      expect(problems.map((p) => p.split(':')[0])).toEqual(['PORT', 'OUTBOX_PUBLIC', 'SMTP_URL']);
    });
  });

  it('keeps uploads under DATA_DIR/files unless STORAGE_URL names a bucket', () => {
    expect(loadConfig({ DATA_DIR: '/srv/tessera' }).storage).toEqual({
      kind: 'local',
      rootDir: '/srv/tessera/files',
    });
    const config = loadConfig({
      STORAGE_URL: 's3://tessera-files?endpoint=https://s3.example.com&region=eu-west-1&pathStyle=true',
      STORAGE_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      STORAGE_SECRET_ACCESS_KEY: 'a-secret-key',
    });
    expect(config.storage).toEqual({
      kind: 's3',
      endpoint: 'https://s3.example.com',
      region: 'eu-west-1',
      bucket: 'tessera-files',
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: 'a-secret-key',
      forcePathStyle: true,
    });
    const aws = loadConfig({
      STORAGE_URL: 's3://tessera-files?region=eu-central-1',
      STORAGE_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      STORAGE_SECRET_ACCESS_KEY: 'a-secret-key',
    });
    expect(aws.storage).toMatchObject({
      endpoint: 'https://s3.eu-central-1.amazonaws.com',
      forcePathStyle: false,
    });
  });

  it('lists every storage problem at once, with the others, and never repeats the keys', () => {
    const problems = problemsOf({
      PORT: '99999',
      STORAGE_URL: 's3://Bad_Bucket/some/path?endpoint=ftp://files&pathStyle=maybe&colour=blue',
      STORAGE_SECRET_ACCESS_KEY: 'super-secret-value',
    });
    expect(problems.map((p) => p.split(':')[0])).toEqual([
      'PORT',
      'STORAGE_URL', // bucket name
      'STORAGE_URL', // a path after the bucket
      'STORAGE_URL', // unknown parameter
      'STORAGE_URL', // endpoint
      'STORAGE_URL', // pathStyle
      'STORAGE_ACCESS_KEY_ID',
    ]);
    expect(problems.join('\n')).not.toContain('super-secret-value');
    expect(problemsOf({ STORAGE_URL: 's3://user:pass-word@tessera-files' }).join('\n')).not.toContain(
      'pass-word',
    );
    expect(problemsOf({ STORAGE_ACCESS_KEY_ID: 'AKIDEXAMPLE' })).toEqual([
      expect.stringMatching(/^STORAGE_ACCESS_KEY_ID \/ STORAGE_SECRET_ACCESS_KEY: set STORAGE_URL too/),
    ]);
    expect(problemsOf({ STORAGE_URL: 'https://tessera-files' })).toEqual(
      expect.arrayContaining([expect.stringMatching(/^STORAGE_URL: must look like s3:\/\/bucket/)]),
    );
  });
  describe('payments', () => {
    const keys = { STRIPE_SECRET_KEY: 'sk_test_51Habc', STRIPE_WEBHOOK_SECRET: 'whsec_abc123' };

    it('takes payments by manual invoice unless PAYMENT_PROVIDER says stripe', () => {
      expect(loadConfig({}).payments).toEqual({ provider: 'manual', stripe: undefined });
      expect(loadConfig({ PAYMENT_PROVIDER: 'stripe', ...keys }).payments).toEqual({
        provider: 'stripe',
        stripe: { secretKey: 'sk_test_51Habc', webhookSecret: 'whsec_abc123', api: undefined },
      });
    });

    it('refuses to start with Stripe chosen but its keys missing, naming each missing variable', () => {
      expect(problemsOf({ PAYMENT_PROVIDER: 'stripe' })).toEqual([
        expect.stringMatching(
          /^STRIPE_SECRET_KEY: required with PAYMENT_PROVIDER=stripe \(the secret key sk_live_/,
        ),
        expect.stringMatching(/^STRIPE_WEBHOOK_SECRET: required with PAYMENT_PROVIDER=stripe \(.*whsec_/),
      ]);
      expect(problemsOf({ PAYMENT_PROVIDER: 'stripe', STRIPE_SECRET_KEY: 'sk_live_abc' })).toEqual([
        expect.stringMatching(/^STRIPE_WEBHOOK_SECRET: required with PAYMENT_PROVIDER=stripe/),
      ]);
      expect(problemsOf({ PAYMENT_PROVIDER: 'paypal' }).map((p) => p.split(':')[0])).toEqual([
        'PAYMENT_PROVIDER',
      ]);
    });

    it('keeps complete Stripe keys with the manual provider (to refund earlier Stripe payments), but not half a pair', () => {
      expect(loadConfig(keys).payments).toMatchObject({
        provider: 'manual',
        stripe: { secretKey: 'sk_test_51Habc' },
      });
      expect(problemsOf({ STRIPE_SECRET_KEY: 'sk_test_51Habc' })).toEqual([
        expect.stringMatching(/^STRIPE_WEBHOOK_SECRET: required with STRIPE_SECRET_KEY/),
      ]);
    });

    it('points the Stripe client at another origin for tests, split into host, port and protocol', () => {
      const local = loadConfig({
        PAYMENT_PROVIDER: 'stripe',
        ...keys,
        STRIPE_API_URL: 'http://127.0.0.1:12111',
      });
      expect(local.payments.stripe?.api).toEqual({ host: '127.0.0.1', port: 12111, protocol: 'http' });
      const tls = loadConfig({
        PAYMENT_PROVIDER: 'stripe',
        ...keys,
        STRIPE_API_URL: 'https://stripe-mock.internal',
      });
      expect(tls.payments.stripe?.api).toEqual({
        host: 'stripe-mock.internal',
        port: 443,
        protocol: 'https',
      });
    });

    it('lists malformed Stripe settings with the other problems and never repeats the secrets', () => {
      const problems = problemsOf({
        PORT: '99999',
        PAYMENT_PROVIDER: 'stripe',
        STRIPE_SECRET_KEY: 'pk_live_publishable-secret',
        STRIPE_WEBHOOK_SECRET: 'not-a-signing-secret',
        STRIPE_API_URL: 'ftp://127.0.0.1/v1',
      });
      expect(problems.map((p) => p.split(':')[0])).toEqual([
        'PORT',
        'STRIPE_SECRET_KEY',
        'STRIPE_WEBHOOK_SECRET',
        'STRIPE_API_URL',
      ]);
      expect(problems.join('\n')).not.toMatch(/publishable-secret|not-a-signing-secret/);
    });

    it('refuses a plain-http Stripe API origin in production, where the secret key would travel in clear', () => {
      const env = {
        NODE_ENV: 'production',
        SMTP_URL: 'smtp://mail:25',
        PAYMENT_PROVIDER: 'stripe',
        ...keys,
        STRIPE_API_URL: 'http://10.0.0.5:12111',
      };
      expect(problemsOf(env)).toEqual([
        expect.stringMatching(/^STRIPE_API_URL: must be https in production/),
      ]);
    });
  });
});
