// The log as people and machines read it: readable lines on a terminal in development, JSON lines elsewhere.
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { createLogger, logFormat } from './runtime.ts';

const DEMO_BLOCK =
  'demo data created; demo accounts:\nissuer admin   admin@tessera.test   pw1\nlearner   learner@tessera.test   pw2';

function capture(env: Record<string, string>, terminal: boolean) {
  const lines: string[] = [];
  const log = createLogger(loadConfig(env), {
    terminal,
    destination: { write: (line) => void lines.push(line) },
  });
  return { log, output: () => lines.join('') };
}

describe('the log format', () => {
  it('is readable only for a terminal in development; JSON for a pipe, a file, tests and production', () => {
    expect(logFormat('development', true)).toBe('pretty');
    expect(logFormat('development', false)).toBe('json');
    expect(logFormat('production', true)).toBe('json');
    expect(logFormat('test', true)).toBe('json');
  });

  it('prints the demo accounts on a terminal as a block of lines, not as an escaped JSON string', () => {
    const { log, output } = capture({ NODE_ENV: 'development' }, true);
    log.info(DEMO_BLOCK);
    expect(output()).toContain(
      'INFO: demo data created; demo accounts:\nissuer admin   admin@tessera.test   pw1\n',
    );
    expect(output()).not.toContain('\\n');
    expect(() => JSON.parse(output())).toThrow();
  });

  it('writes one JSON object per line when nobody reads a terminal, or in production', () => {
    for (const [env, terminal] of [
      [{ NODE_ENV: 'development' }, false],
      [{ NODE_ENV: 'production', SMTP_URL: 'smtp://mail:25' }, true],
    ] as const) {
      const { log, output } = capture(env, terminal);
      log.info(DEMO_BLOCK);
      const entry = JSON.parse(output());
      expect(entry).toMatchObject({ level: 30, msg: DEMO_BLOCK });
    }
  });

  it('hides passwords and tokens in either format', () => {
    for (const terminal of [true, false]) {
      const { log, output } = capture({ NODE_ENV: 'development' }, terminal);
      log.info({ account: { password: 'hunter2-secret', token: 'tok-secret' } }, 'account');
      expect(output()).not.toMatch(/hunter2-secret|tok-secret/);
      expect(output()).toContain('[redacted]');
    }
  });
});
