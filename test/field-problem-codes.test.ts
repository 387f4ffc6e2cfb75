// Every domain field problem has a code the server catalogs word in English and Spanish (issue #19, item 4).
// A static scan of src/ finds each FieldProblem written as an object literal (`{ path, message, code?,
// params? }`) and fails when it has no code, or a code missing from either catalog; a code passed on by a
// helper must be a parameter or variable typed FieldProblemCode (src/errors.ts), which the compiler keeps
// to catalog keys. A request schema's own messages (`schemaMessage(code, '…')`) must match their catalog
// wording. Real routes then show the Spanish wording a client gets with `Accept-Language: es`.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import en from '../src/i18n/locales/en.json' with { type: 'json' };
import es from '../src/i18n/locales/es.json' with { type: 'json' };
import { anIssuerWithOwner, type TestIssuer } from '../src/issuing/testing.ts';
import { createTestApp, type TestApp } from './support/app.ts';

const root = resolve(import.meta.dirname, '..');
const FIELD_PROBLEM_KEYS = new Set(['path', 'message', 'code', 'params']);
/** Words zod's issues (their codes are zod's) and passes domain codes on: no literal of its own to check. */
const WORDING_LAYER = 'src/http/field-problems.ts';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

const propertyName = (p: ts.ObjectLiteralElementLike): string | undefined =>
  (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && ts.isIdentifier(p.name)
    ? p.name.text
    : undefined;

const initializer = (p: ts.ObjectLiteralElementLike): ts.Expression =>
  ts.isPropertyAssignment(p) ? p.initializer : (p as ts.ShorthandPropertyAssignment).name;

/** A schema describing the shape (`{ path: z.string() }`, `{ path: { type: 'string' } }`), not a problem. */
const describesShape = (value: ts.Expression): boolean =>
  ts.isObjectLiteralExpression(value) ||
  (ts.isCallExpression(value) && value.expression.getText().startsWith('z.'));

/** `{ path, message, code?, params? }` with nothing else: a FieldProblem as src/errors.ts defines it. */
function isFieldProblem(node: ts.ObjectLiteralExpression): boolean {
  const names = node.properties.map(propertyName);
  if (names.some((name) => name === undefined || !FIELD_PROBLEM_KEYS.has(name))) return false;
  if (!names.includes('path') || !names.includes('message')) return false;
  return !node.properties.some((p) => propertyName(p) !== 'params' && describesShape(initializer(p)));
}

/** Names declared in the file with the type FieldProblemCode (helper parameters, checked by the compiler). */
function typedCodeNames(file: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const visit = (node: ts.Node) => {
    if (
      (ts.isParameter(node) || ts.isVariableDeclaration(node)) &&
      ts.isIdentifier(node.name) &&
      node.type?.getText(file) === 'FieldProblemCode'
    )
      names.add(node.name.text);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return names;
}

interface Finding {
  where: string;
  codes: string[];
  /** The English message when the literal spells it out, with `{{param}}` where it names a param. */
  english: string | null;
  /** The params written as literals (`{ min: 1 }`), which the message spells out as they are. */
  literalParams: Record<string, string>;
  problem?: string;
}

/** The literal codes an expression can be, or null when it is not made of string literals. */
function literalCodes(value: ts.Expression): string[] | null {
  if (ts.isParenthesizedExpression(value)) return literalCodes(value.expression);
  if (ts.isStringLiteral(value) || ts.isNoSubstitutionTemplateLiteral(value)) return [value.text];
  if (ts.isConditionalExpression(value)) {
    const [whenTrue, whenFalse] = [literalCodes(value.whenTrue), literalCodes(value.whenFalse)];
    return whenTrue && whenFalse ? [...whenTrue, ...whenFalse] : null;
  }
  return null;
}

/** The message with each `${expr}` written as the `{{param}}` whose value is that same expression. */
function englishOf(
  message: ts.Expression,
  params: ts.Expression | undefined,
  file: ts.SourceFile,
): string | null {
  if (ts.isStringLiteral(message) || ts.isNoSubstitutionTemplateLiteral(message)) return message.text;
  if (!ts.isTemplateExpression(message) || !params || !ts.isObjectLiteralExpression(params)) return null;
  const byExpression = new Map<string, string>();
  for (const p of params.properties) {
    const name = propertyName(p);
    if (name) byExpression.set(initializer(p).getText(file), name);
  }
  let text = message.head.text;
  for (const span of message.templateSpans) {
    const name = byExpression.get(span.expression.getText(file));
    if (!name) return null;
    text += `{{${name}}}${span.literal.text}`;
  }
  return text;
}

function literalParamsOf(params: ts.Expression | undefined): Record<string, string> {
  if (!params || !ts.isObjectLiteralExpression(params)) return {};
  return Object.fromEntries(
    params.properties.flatMap((p) => {
      const name = propertyName(p);
      const value = initializer(p);
      return name && (ts.isNumericLiteral(value) || ts.isStringLiteral(value)) ? [[name, value.text]] : [];
    }),
  );
}

/** The catalog's English with the params a literal spells out filled in, the others left as `{{param}}`. */
const filledIn = (text: string, params: Record<string, string>) =>
  text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => params[name] ?? whole);

function findings(): Finding[] {
  return sourceFiles(join(root, 'src')).flatMap((path) => {
    const where = relative(root, path);
    if (where === WORDING_LAYER) return [];
    const file = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
    const typed = typedCodeNames(file);
    const found: Finding[] = [];
    const visit = (node: ts.Node) => {
      if (ts.isObjectLiteralExpression(node) && isFieldProblem(node)) {
        const line = file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
        const property = (name: string) => node.properties.find((p) => propertyName(p) === name);
        const code = property('code');
        const message = property('message');
        const params = property('params');
        const at = `${where}:${line}`;
        const literalParams = literalParamsOf(params && initializer(params));
        if (!code) found.push({ where: at, codes: [], english: null, literalParams, problem: 'has no code' });
        else {
          const value = initializer(code);
          const codes = literalCodes(value);
          if (codes)
            found.push({
              where: at,
              codes,
              english:
                codes.length === 1 && message
                  ? englishOf(initializer(message), params && initializer(params), file)
                  : null,
              literalParams,
            });
          else if (!(ts.isIdentifier(value) && typed.has(value.text)))
            found.push({
              where: at,
              codes: [],
              english: null,
              literalParams,
              problem: `code ${value.getText(file)} is neither a literal nor typed FieldProblemCode`,
            });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
    return found;
  });
}

const enProblems: Record<string, string> = en.fieldProblems;
const esProblems: Record<string, string> = es.fieldProblems;

describe('the codes of domain field problems', () => {
  const all = findings();

  it('finds the field problems of src/ written as object literals', () => {
    expect(all.length).toBeGreaterThan(140);
  });

  it('gives every field problem a code', () => {
    expect(all.filter((f) => f.problem).map((f) => `${f.where}: ${f.problem}`)).toEqual([]);
  });

  it('words every code in both the English and the Spanish catalog', () => {
    const missing = all.flatMap((f) =>
      f.codes.flatMap((code) => [
        ...(enProblems[code] ? [] : [`${f.where}: ${code} (en)`]),
        ...(esProblems[code] ? [] : [`${f.where}: ${code} (es)`]),
      ]),
    );
    expect(missing).toEqual([]);
  });

  it('keeps the English a problem spells out identical to its catalog wording', () => {
    const compared = all.filter((f) => f.english !== null && f.codes.length === 1);
    expect(compared.length).toBeGreaterThan(100);
    const differing = compared
      .map((f) => ({ ...f, catalog: filledIn(enProblems[f.codes[0] as string] ?? '', f.literalParams) }))
      .filter((f) => f.catalog !== f.english)
      .map((f) => `${f.where}: ${f.english} ≠ ${f.catalog}`);
    expect(differing).toEqual([]);
  });

  it('words every code Spanish with only the params English names', () => {
    const params = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]);
    const extra = Object.entries(esProblems).flatMap(([code, text]) =>
      params(text)
        .filter((name) => !params(enProblems[code] ?? '').includes(name))
        .map((name) => `${code}: ${name}`),
    );
    expect(extra).toEqual([]);
  });
});

describe('the codes of request schemas’ own messages', () => {
  // `schemaMessage('code', 'English')` (src/errors.ts): zod reports the English, field-problems.ts words the code.
  const uses = sourceFiles(join(root, 'src')).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/schemaMessage\(\s*'([^']+)',\s*'([^']*)'\s*\)/g)].map((m) => ({
      where: relative(root, file),
      code: m[1] as string,
      english: m[2] as string,
    })),
  );

  it('spells each message in English exactly as the catalog words its code, and has a Spanish wording', () => {
    expect(uses.length).toBeGreaterThan(20);
    const wrong = uses
      .filter((use) => enProblems[use.code] !== use.english || !esProblems[use.code])
      .map((use) => `${use.where}: ${use.code}`);
    expect(wrong).toEqual([]);
  });
});

describe('domain field problems of real routes in Spanish', () => {
  let t: TestApp;
  let issuer: TestIssuer;

  beforeAll(async () => {
    t = await createTestApp();
    issuer = await anIssuerWithOwner(t.app, t.deps, 'Nómina Academy');
  });
  afterAll(() => t?.close());

  function send(method: 'POST' | 'PUT', url: string, payload: Record<string, unknown>, language?: string) {
    return t.app.inject({
      method,
      url: `/api/v1/orgs/${issuer.orgId}${url}`,
      headers: { ...issuer.owner.headers, ...(language ? { 'accept-language': language } : {}) },
      payload,
    });
  }

  it('refuses a plain-http webhook endpoint in Spanish, and in English without Accept-Language', async () => {
    const body = { url: 'http://hooks.example.org/tessera', events: ['award.accepted'] };
    const spanish = await send('POST', '/webhooks', body, 'es-ES,es;q=0.9');
    expect(spanish.statusCode, spanish.body).toBe(400);
    expect(spanish.json().errors).toEqual([
      { path: 'url', code: 'https-url', params: {}, message: 'debe ser una URL https' },
    ]);
    const english = await send('POST', '/webhooks', body);
    expect(english.json().errors).toEqual([
      { path: 'url', code: 'https-url', params: {}, message: 'must be an https URL' },
    ]);
  });

  it('says in Spanish that nobody has the verified email a member is added by', async () => {
    const reply = await send('POST', '/members', { email: 'nadie@example.org', role: 'admin' }, 'es');
    expect(reply.statusCode, reply.body).toBe(400);
    expect(reply.json().errors).toEqual([
      {
        path: 'body.email',
        code: 'no-verified-account',
        params: {},
        message: 'Ninguna cuenta tiene este correo verificado; pídele que se registre primero.',
      },
    ]);
  });

  it('refuses an IP address as the issuer’s domain in Spanish', async () => {
    const reply = await send('PUT', '/domain', { domain: '192.0.2.10' }, 'es');
    expect(reply.statusCode, reply.body).toBe(400);
    expect(reply.json().errors).toEqual([
      {
        path: 'body.domain',
        code: 'domain-is-ip-address',
        params: {},
        message: 'Escribe un nombre de dominio, no una dirección IP.',
      },
    ]);
  });

  it('words each problem of a refused coupon in Spanish with the params it names', async () => {
    const reply = await send(
      'POST',
      '/coupons',
      { code: 'no vale!', kind: 'percent', percentBp: 0, currency: 'EUR', scope: 'issuer' },
      'es',
    );
    expect(reply.statusCode, reply.body).toBe(400);
    expect(reply.json().errors).toEqual([
      {
        path: 'body.code',
        code: 'coupon-code-format',
        params: {},
        message: 'debe tener de 3 a 40 letras, dígitos, guiones o guiones bajos',
      },
      {
        path: 'body.percentBp',
        code: 'basis-points',
        params: { min: 1, max: 10_000 },
        message: 'debe estar en puntos básicos entre 1 y 10000 (1000 = 10 %)',
      },
      {
        path: 'body.currency',
        code: 'percent-coupon-currency',
        params: {},
        message: 'un cupón de porcentaje no lleva moneda',
      },
    ]);
  });

  it('words a request schema’s own message in Spanish, and in English without Accept-Language', async () => {
    const createOrg = (language?: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/orgs',
        headers: { ...issuer.owner.headers, ...(language ? { 'accept-language': language } : {}) },
        payload: { name: 'Academia', slug: '-Bad-', kind: 'issuer' },
      });
    const problem = (message: string) => [
      { path: 'body.slug', code: 'org-slug-format', params: {}, message },
    ];
    const spanish = await createOrg('es-ES,es;q=0.9');
    expect(spanish.statusCode, spanish.body).toBe(400);
    expect(spanish.json().errors).toEqual(
      problem('debe tener de 3 a 40 letras minúsculas, dígitos o guiones, sin empezar ni terminar con guion'),
    );
    expect((await createOrg()).json().errors).toEqual(
      problem('must be 3–40 lowercase letters, digits or dashes, not starting or ending with a dash'),
    );
    const search = await t.app.inject({
      method: 'GET',
      url: `/api/v1/skills/search?q=${encodeURIComponent('¿?!')}`,
      headers: { ...issuer.owner.headers, 'accept-language': 'es' },
    });
    expect(search.json().errors).toEqual([
      {
        path: 'querystring.q',
        code: 'search-needs-letter',
        params: {},
        message: 'q debe contener una letra o un dígito',
      },
    ]);
  });
});
