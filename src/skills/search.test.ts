import { describe, expect, it } from 'vitest';
import { type SearchableConcept, SkillSearchIndex, stem, words } from './search.ts';

const concept = (
  code: string,
  label: string,
  description = '',
  altLabels: string[] = [],
  more: Partial<SearchableConcept> = {},
): SearchableConcept => ({
  framework: 'esco',
  code: `http://data.europa.eu/esco/skill/${code}`,
  kind: 'skill',
  label,
  description,
  altLabels,
  ...more,
});

const concepts: SearchableConcept[] = [
  concept('a', 'manage budgets', 'Plan, monitor and report on the budget.', [
    'control spending',
    'oversee finances',
  ]),
  concept('b', 'negotiate contracts', 'Reach agreement on terms, budgets and prices with suppliers.', [
    'agree terms',
  ]),
  concept('c', 'Python (computer programming)', 'Techniques of software development in Python.', ['python']),
  concept('d', 'listen actively', 'Give full attention to what other people are saying.', [
    'active listening',
  ]),
  concept('e', 'Active Learning', 'Understanding the implications of new information.', [], {
    framework: 'onet',
    code: '2.A.2.c',
  }),
  concept('f', 'knowledge of accounting', 'Accounting principles.', [], { kind: 'knowledge' }),
];

describe('tokenising skill phrases', () => {
  it('keeps Unicode letters and digits, lower-cased, and drops punctuation', () => {
    expect(words('Gestión de NÓMINAS, C++ & ISO-9001!')).toEqual([
      'gestión',
      'de',
      'nóminas',
      'c',
      'iso',
      '9001',
    ]);
  });

  it('stems plurals and common endings lightly, and leaves short words and numbers alone', () => {
    expect(stem('budgets', 'light')).toBe(stem('budget', 'light'));
    expect(stem('negotiating', 'light')).toBe(stem('negotiate', 'light'));
    expect(stem('activities', 'plural')).toBe('activity');
    expect(stem('process', 'light')).toBe('process');
    expect(stem('budgets', 'none')).toBe('budgets');
    expect(stem('bus', 'light')).toBe('bus');
  });
});

describe('searching concepts with BM25F', () => {
  const index = new SkillSearchIndex(concepts);

  it('finds a concept first by its label, with the words that matched', () => {
    const [first] = index.search({ q: 'Manage budgets', limit: 5 });
    expect(first?.concept.label).toBe('manage budgets');
    expect(first?.matched).toEqual(['manage', 'budgets']);
    expect(first?.score).toBeGreaterThan(0);
  });

  it('finds a concept by one of its alternative labels', () => {
    expect(index.search({ q: 'oversee finances', limit: 5 })[0]?.concept.label).toBe('manage budgets');
    expect(index.search({ q: 'active listening', limit: 5 })[0]?.concept.label).toBe('listen actively');
  });

  it('ranks a concept whose label has the word above one whose description has it', () => {
    const hits = index.search({ q: 'budget', limit: 5 });
    expect(hits.map((h) => h.concept.label)).toEqual(['manage budgets', 'negotiate contracts']);
    expect(hits[0]?.score).toBeGreaterThan(hits[1]?.score ?? Number.POSITIVE_INFINITY);
  });

  it('filters by framework and kind, and honours the limit', () => {
    expect(index.search({ q: 'active', framework: 'onet', limit: 5 }).map((h) => h.concept.code)).toEqual([
      '2.A.2.c',
    ]);
    expect(index.search({ q: 'accounting budget', kind: 'knowledge', limit: 5 })).toHaveLength(1);
    expect(index.search({ q: 'budget', limit: 1 })).toHaveLength(1);
  });

  it('returns nothing for words no concept has', () => {
    expect(index.search({ q: 'zyzzyva', limit: 5 })).toEqual([]);
  });

  it('breaks ties by label, then framework and code, whatever order the concepts came in', () => {
    const twins = [
      concept('z2', 'welding', 'Join metal.'),
      concept('z1', 'welding', 'Join metal.'),
      concept('y', 'soldering', 'Join metal.'),
    ];
    const forward = new SkillSearchIndex(twins).search({ q: 'join metal', limit: 5 });
    const backward = new SkillSearchIndex([...twins].reverse()).search({ q: 'join metal', limit: 5 });
    const order = (hits: typeof forward) => hits.map((h) => h.concept.code.split('/').pop());
    expect(order(forward)).toEqual(['y', 'z1', 'z2']);
    expect(order(backward)).toEqual(order(forward));
    expect(new Set(forward.map((h) => h.score)).size).toBe(1);
  });
});
