import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
  it('starts with the embedded database and demo data when nothing is set', () => {
    const config = loadConfig({});
    expect(config.database.kind).toBe('pglite');
    expect(config.port).toBe(3000);
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.seedDemoData).toBe(true);
    expect(config.mail.outboxPublic).toBe(true);
    expect(Object.isFrozen(config)).toBe(true);
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
    const problemsOf = (env: Record<string, string>) => {
      try {
        loadConfig(env);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as ConfigError).problems;
      }
      return expect.unreachable('loadConfig should have thrown');
    };
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
});
