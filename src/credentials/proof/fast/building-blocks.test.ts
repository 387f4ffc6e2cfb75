// The fast path's low-level rules against the libraries they mirror: IRI acceptance against
// jsonld.js `url.isAbsolute` + rdf-canonize's IRI escaping, literal forms against rdf-canonize's
// N-Quads serialiser (RDFC-1.0 §4.3 canonical N-Quads), value rules against jsonld.js toRdf.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { isPlainIri } from './active-context.ts';
import { literalTerm, type ValueObject } from './dataset.ts';

const require = createRequire(import.meta.url);
const { isAbsolute } = require('jsonld/lib/url.js') as { isAbsolute: (v: string) => boolean };
const { NQuads } = require('rdf-canonize') as {
  NQuads: { serializeQuadComponents(s: object, p: object, o: object, g: object): string };
};

/** rdf-canonize's own N-Quads line for `<s> <p> literal .`, reduced to the literal. */
function referenceLiteral(lexical: string, datatype: string, language?: string): string {
  const line = NQuads.serializeQuadComponents(
    { termType: 'NamedNode', value: 's' },
    { termType: 'NamedNode', value: 'p' },
    { termType: 'Literal', value: lexical, datatype: { termType: 'NamedNode', value: datatype }, language },
    { termType: 'DefaultGraph', value: '' },
  );
  return line.slice('<s> <p> '.length, -' .\n'.length);
}

const XSD = 'http://www.w3.org/2001/XMLSchema#';
const everyAsciiAndMore = [
  ...Array.from({ length: 0x80 }, (_, code) => String.fromCharCode(code)),
  'ñ',
  '—',
  '🎓',
  '\u2028',
  '\u00a0',
  '\ufeff',
  '\ud800',
];

describe('literal serialisation', () => {
  it.each(everyAsciiAndMore.map((c) => [c.codePointAt(0)?.toString(16), c]))(
    'U+%s in a string literal is written as rdf-canonize writes it',
    (_code, c) => {
      const text = `a${c}b`;
      expect(literalTerm({ value: text, type: null, language: null })).toBe(
        referenceLiteral(text, `${XSD}string`),
      );
    },
  );

  const values: [string, ValueObject, string][] = [
    [
      'a boolean',
      { value: true, type: null, language: null },
      '"true"^^<http://www.w3.org/2001/XMLSchema#boolean>',
    ],
    [
      'an integer',
      { value: 42, type: null, language: null },
      '"42"^^<http://www.w3.org/2001/XMLSchema#integer>',
    ],
    [
      'a negative zero',
      { value: -0, type: null, language: null },
      '"0"^^<http://www.w3.org/2001/XMLSchema#integer>',
    ],
    [
      'a decimal',
      { value: 2.5, type: null, language: null },
      '"2.5E0"^^<http://www.w3.org/2001/XMLSchema#double>',
    ],
    [
      'a huge number',
      { value: 1e21, type: null, language: null },
      '"1.0E21"^^<http://www.w3.org/2001/XMLSchema#double>',
    ],
    [
      'a tiny number',
      { value: 1e-7, type: null, language: null },
      '"0"^^<http://www.w3.org/2001/XMLSchema#integer>',
    ],
    [
      'a string typed xsd:double',
      { value: '5', type: `${XSD}double`, language: null },
      '"5.0E0"^^<http://www.w3.org/2001/XMLSchema#double>',
    ],
    [
      'a typed string',
      { value: '2026-05-21T00:00:00Z', type: `${XSD}dateTime`, language: null },
      '"2026-05-21T00:00:00Z"^^<http://www.w3.org/2001/XMLSchema#dateTime>',
    ],
    [
      'a number typed xsd:float',
      { value: 3, type: `${XSD}float`, language: null },
      '"3"^^<http://www.w3.org/2001/XMLSchema#float>',
    ],
    ['a language-tagged string', { value: 'Nóminas', type: null, language: 'es' }, '"Nóminas"@es'],
    [
      'a right-to-left string (rdfDirection i18n-datatype)',
      { value: 'نعم', type: null, language: 'ar', direction: 'rtl' },
      '"نعم"^^<https://www.w3.org/ns/i18n#ar_rtl>',
    ],
    [
      'a left-to-right string without a language',
      { value: 'yes', type: null, language: null, direction: 'ltr' },
      '"yes"^^<https://www.w3.org/ns/i18n#_ltr>',
    ],
  ];
  it.each(values)('%s follows jsonld.js toRdf', (_name, value, expected) => {
    expect(literalTerm(value)).toBe(expected);
  });
});

describe('IRIs the fast path emits unescaped', () => {
  const candidates = [
    'https://example.org/a',
    'urn:uuid:6f1c4a52-9d7e-4b1a-8c3f-0e2d5b7a9c11',
    'did:key:z6MkrHKzgsahxBLyNAbLQyB1pcWNYC9GmywiWPgkrvntAZcj#z6Mk',
    'mailto:learner@example.org',
    'a,b:c',
    'a+b.c-d:x',
    'https://example.org/ñ?q=1',
    '_:b0',
    'relative/path',
    ':nothing',
    '1http://x',
    'https://example.org/a b',
    'https://example.org/a\u00a0b',
    'https://example.org/a{b}',
    'https://example.org/a<b',
    'https://example.org/a"b',
    'https://example.org/a|b',
    'https://example.org/a^b',
    'https://example.org/a`b',
    'https://example.org/a\\b',
    'https://example.org/a\u0001b',
    'https://example.org/a\u007fb',
  ];
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rdf-canonize's IRI escape set.
  const escapes = /[\u0000-\u0020<>"{}|^`\\]/;
  it.each(candidates)(
    '%j: plain exactly when jsonld.js calls it absolute and rdf-canonize needs no escape',
    (iri) => {
      expect(isPlainIri(iri)).toBe(isAbsolute(iri) && !iri.startsWith('_:') && !escapes.test(iri));
    },
  );
});
