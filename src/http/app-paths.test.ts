import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { appPathMatcher, appRoutesFile, routePathsIn } from './app-paths.ts';

describe('the app’s paths', () => {
  it('reads every route path of the app’s route table, leaving out the catch-all', () => {
    const paths = routePathsIn(readFileSync(appRoutesFile, 'utf8'));
    expect(paths).toEqual(expect.arrayContaining(['/', '/catalog/:courseId', '/learn/orders/:orderId']));
    expect(paths).not.toContain('*');
  });

  it('matches static segments exactly, a parameter to any one segment, and an optional or rest segment', () => {
    const isApp = appPathMatcher(['/', '/learn', '/learn/:enrolmentId', '/docs/:page?', '/files/*']);
    expect(isApp('/')).toBe(true);
    expect(isApp('/learn')).toBe(true);
    expect(isApp('/learn/')).toBe(true);
    expect(isApp('/learn/abc')).toBe(true);
    expect(isApp('/learn/abc/def')).toBe(false);
    expect(isApp('/docs')).toBe(true);
    expect(isApp('/docs/intro')).toBe(true);
    expect(isApp('/files/a/b/c')).toBe(true);
    expect(isApp('/nothing')).toBe(false);
    expect(isApp('/learn/%E0%A4%A')).toBe(false);
  });
});
