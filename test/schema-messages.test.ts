// A request schema's own messages (`schemaMessage(code, '…')`, src/errors.ts) carry a code the server catalogs
// word in English and Spanish, as domain field problems do (issue #19, item 4): a Spanish client reads Spanish,
// not zod's generic "Entrada inválida" nor the English the schema spells out.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import en from '../src/i18n/locales/en.json' with { type: 'json' };
import es from '../src/i18n/locales/es.json' with { type: 'json' };
import { anIssuerWithOwner, type TestIssuer } from '../src/issuing/testing.ts';
import { createTestApp, type TestApp } from './support/app.ts';

const root = resolve(import.meta.dirname, '..');
const enProblems: Record<string, string> = en.fieldProblems;
const esProblems: Record<string, string> = es.fieldProblems;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Every `schemaMessage('code', 'English')` of src/, with where it is. */
const uses = sourceFiles(join(root, 'src')).flatMap((file) =>
  [...readFileSync(file, 'utf8').matchAll(/schemaMessage\(\s*'([^']+)',\s*'([^']*)'\s*\)/g)].map((m) => ({
    where: relative(root, file),
    code: m[1] as string,
    english: m[2] as string,
  })),
);

describe('the codes of request schemas’ own messages', () => {
  it('finds the schema messages of src/', () => {
    expect(uses.length).toBeGreaterThan(20);
  });

  it('spells each message in English exactly as the catalog words its code, and has a Spanish wording', () => {
    const wrong = uses
      .filter((use) => enProblems[use.code] !== use.english || !esProblems[use.code])
      .map((use) => `${use.where}: ${use.code}`);
    expect(wrong).toEqual([]);
  });
});

describe('request schemas’ own messages of real routes', () => {
  let t: TestApp;
  let issuer: TestIssuer;

  beforeAll(async () => {
    t = await createTestApp();
    issuer = await anIssuerWithOwner(t.app, t.deps, 'Nómina Academy');
  });
  afterAll(() => t?.close());

  const createOrg = (slug: string, language?: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/orgs',
      headers: { ...issuer.owner.headers, ...(language ? { 'accept-language': language } : {}) },
      payload: { name: 'Academia', slug, kind: 'issuer' },
    });

  it('words a refused organization address in Spanish, and in English without Accept-Language', async () => {
    const spanish = await createOrg('-Bad-', 'es-ES,es;q=0.9');
    expect(spanish.statusCode, spanish.body).toBe(400);
    expect(spanish.json().errors).toEqual([
      {
        path: 'body.slug',
        code: 'org-slug-format',
        params: {},
        message:
          'debe tener de 3 a 40 letras minúsculas, dígitos o guiones, sin empezar ni terminar con guion',
      },
    ]);
    const english = await createOrg('-Bad-');
    expect(english.json().errors).toEqual([
      {
        path: 'body.slug',
        code: 'org-slug-format',
        params: {},
        message: 'must be 3–40 lowercase letters, digits or dashes, not starting or ending with a dash',
      },
    ]);
  });

  it('words a refused skill search in Spanish', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/v1/skills/search?q=${encodeURIComponent('¿?!')}`,
      headers: { ...issuer.owner.headers, 'accept-language': 'es' },
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().errors).toEqual([
      {
        path: 'querystring.q',
        code: 'search-needs-letter',
        params: {},
        message: 'q debe contener una letra o un dígito',
      },
    ]);
  });
});
