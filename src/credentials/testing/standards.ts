// The 1EdTech specification examples and signing vectors the tests read. They are vendored in the
// repository (vendor/1edtech/, provenance in its README), so a fresh clone anywhere tests the same bytes.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const EXAMPLES = new URL('../../../vendor/1edtech/examples/', import.meta.url);

/** The file path of an example, e.g. `ob_v3p0/impl-guide-signing` or `ob_v2p0/spec-example-assertion.json`. */
export const standardsExamplePath = (relativePath: string): string =>
  fileURLToPath(new URL(relativePath, EXAMPLES));

export const readStandardsExample = (relativePath: string): string =>
  readFileSync(new URL(relativePath, EXAMPLES), 'utf8');
