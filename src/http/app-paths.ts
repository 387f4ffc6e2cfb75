// Which paths the React app has a page for, so the server can answer 404 for any other path while still
// serving the app (whose catch-all route shows its "Page not found"). The one route table is the app's own,
// web/src/routes.tsx: its `path: '…'` entries are read from the source the server builds the app from.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const appRoutesFile = fileURLToPath(new URL('../../web/src/routes.tsx', import.meta.url));

/** The `path` of every route in a routes.tsx source, the catch-all `*` left out. */
export function routePathsIn(source: string): string[] {
  const paths = [...source.matchAll(/\bpath:\s*(['"`])([^'"`]+)\1/g)].map((m) => m[2] as string);
  return [...new Set(paths)].filter((path) => path !== '*');
}

const segmentsOf = (path: string) => path.split('/').filter((segment) => segment !== '');

function matches(pattern: string[], path: string[]): boolean {
  const rest = pattern.at(-1) === '*';
  const fixed = rest ? pattern.slice(0, -1) : pattern;
  const required = fixed.filter((segment) => !segment.endsWith('?')).length;
  if (path.length < required || (!rest && path.length > fixed.length)) return false;
  return fixed.every((segment, i) => {
    const value = path[i];
    if (value === undefined) return segment.endsWith('?');
    if (segment.startsWith(':')) return true;
    return segment.replace(/\?$/, '') === value;
  });
}

/** A test of a URL path (no query) against route patterns such as `/learn/badges/:awardId`. */
export function appPathMatcher(patterns: readonly string[]): (pathname: string) => boolean {
  const compiled = patterns.map(segmentsOf);
  return (pathname) => {
    let decoded: string;
    try {
      decoded = decodeURI(pathname);
    } catch {
      return false;
    }
    const path = segmentsOf(decoded);
    return compiled.some((pattern) => matches(pattern, path));
  };
}

/** The app's matcher, or null when its route table is not there to read (then every path gets the app). */
export function loadAppPathMatcher(file = appRoutesFile): ((pathname: string) => boolean) | null {
  if (!existsSync(file)) return null;
  const patterns = routePathsIn(readFileSync(file, 'utf8'));
  return patterns.length > 0 ? appPathMatcher(patterns) : null;
}
