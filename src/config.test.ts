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
});
