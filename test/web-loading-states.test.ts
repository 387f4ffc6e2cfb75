// Issue #18 item 13: while data loads, a page shows a skeleton shaped like what comes (web/src/components/
// Skeleton.tsx, which alone announces "Loading…" to assistive technology), never a grey "Loading…" line.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const pagesDir = join(import.meta.dirname, '..', 'web', 'src', 'pages');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sources(join(dir, entry.name))
      : entry.name.endsWith('.tsx')
        ? [join(dir, entry.name)]
        : [],
  );
}

describe('loading states', () => {
  it('leaves the "Loading…" text to the skeleton: no page prints a loading string of its own', () => {
    const pages = sources(pagesDir);
    expect(pages.length).toBeGreaterThan(50);
    const offenders = pages.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) => ({ line, at: `${file.slice(pagesDir.length + 1)}:${i + 1}` }))
        .filter(({ line }) => /t\('[\w.]*\.loading'\)/.test(line) && !line.includes('<Skeleton'))
        .map(({ at }) => at),
    );
    expect(offenders).toEqual([]);
  });
});
