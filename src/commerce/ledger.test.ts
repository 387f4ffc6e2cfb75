import { describe, expect, it } from 'vitest';
import { assertBalanced, type LedgerLine, refundPostings, salePostings } from './ledger.ts';

const courseLine: LedgerLine = {
  id: 'l1',
  kind: 'course',
  listMinor: 5_000,
  discountMinor: 0,
  taxMinor: 1_000,
};
const bundleLines: LedgerLine[] = [
  { id: 'l2', kind: 'bundle-course', listMinor: 3_000, discountMinor: 300, taxMinor: 540 },
  { id: 'l3', kind: 'bundle-course', listMinor: 2_000, discountMinor: 200, taxMinor: 360 },
];
const feeLine: LedgerLine = {
  id: 'l4',
  kind: 'issuance-fee',
  listMinor: 1_500,
  discountMinor: 0,
  taxMinor: 0,
};

const total = (lines: readonly LedgerLine[]) =>
  lines.reduce((sum, line) => sum + line.listMinor - line.discountMinor + line.taxMinor, 0);
const byAccount = (postings: { account: string; amountMinor: number }[]) => {
  const sums = new Map<string, number>();
  for (const posting of postings)
    sums.set(posting.account, (sums.get(posting.account) ?? 0) + posting.amountMinor);
  return Object.fromEntries(sums);
};

describe('sale postings', () => {
  it("credit each sales account at list price, debit discounts, credit tax and debit the provider's cash", () => {
    const lines = [courseLine, ...bundleLines, feeLine];
    const postings = salePostings({ provider: 'stripe', totalMinor: total(lines) }, lines);
    expect(byAccount(postings)).toEqual({
      'sales:course': -5_000,
      'sales:bundle': -5_000,
      'sales:fee': -1_500,
      discounts: 500,
      'tax:payable': -1_900,
      'cash:stripe': 12_900,
    });
  });

  it('tie every line posting to its order line and the cash posting to none', () => {
    const postings = salePostings({ provider: 'manual', totalMinor: total([courseLine]) }, [courseLine]);
    expect(postings).toEqual([
      expect.objectContaining({ account: 'sales:course', amountMinor: -5_000, orderLineId: 'l1' }),
      expect.objectContaining({ account: 'tax:payable', amountMinor: -1_000, orderLineId: 'l1' }),
      expect.objectContaining({ account: 'cash:manual', amountMinor: 6_000, orderLineId: null }),
    ]);
    for (const posting of postings) expect(posting.memo.length).toBeGreaterThan(0);
  });

  it('leave out zero postings, so a fully discounted free order moves no cash', () => {
    const free: LedgerLine = {
      id: 'l5',
      kind: 'course',
      listMinor: 2_000,
      discountMinor: 2_000,
      taxMinor: 0,
    };
    const postings = salePostings({ provider: 'free', totalMinor: 0 }, [free]);
    expect(postings.map((posting) => [posting.account, posting.amountMinor])).toEqual([
      ['sales:course', -2_000],
      ['discounts', 2_000],
    ]);
  });

  it('balance for every mix of lines', () => {
    for (let mask = 1; mask < 16; mask++) {
      const lines = [courseLine, ...bundleLines, feeLine].filter((_, index) => (mask >> index) & 1);
      const postings = salePostings({ provider: 'manual', totalMinor: total(lines) }, lines);
      expect(() => assertBalanced(postings)).not.toThrow();
      expect(postings.reduce((sum, posting) => sum + posting.amountMinor, 0)).toBe(0);
    }
  });

  it('refuse an order whose total is not the sum of its lines', () => {
    expect(() => salePostings({ provider: 'manual', totalMinor: 5_999 }, [courseLine])).toThrow(
      /not the sum/,
    );
  });
});

describe('refund postings', () => {
  it("debit refunds with the net, debit tax back and credit the provider's cash with the total", () => {
    const postings = refundPostings('stripe', bundleLines);
    expect(byAccount(postings)).toEqual({ refunds: 4_500, 'tax:payable': 900, 'cash:stripe': -5_400 });
    expect(
      postings.filter((posting) => posting.account === 'refunds').map((posting) => posting.orderLineId),
    ).toEqual(['l2', 'l3']);
  });

  it('leave out tax postings when no tax was charged', () => {
    const postings = refundPostings('manual', [{ ...courseLine, taxMinor: 0 }]);
    expect(postings.map((posting) => posting.account)).toEqual(['refunds', 'cash:manual']);
  });

  it('bring a sale and its full refund back to zero on every account but sales and refunds', () => {
    const lines = [courseLine, ...bundleLines];
    const all = [
      ...salePostings({ provider: 'stripe', totalMinor: total(lines) }, lines),
      ...refundPostings('stripe', lines),
    ];
    const sums = byAccount(all);
    expect(sums['cash:stripe']).toBe(0);
    expect(sums['tax:payable']).toBe(0);
    // Sales stay recorded; the refund account carries what was given back (list − discount).
    expect(sums).toMatchObject({
      'sales:course': -5_000,
      'sales:bundle': -5_000,
      discounts: 500,
      refunds: 9_500,
    });
  });
});

describe('balance check', () => {
  it('accepts postings that sum to zero and no postings at all', () => {
    expect(() => assertBalanced([])).not.toThrow();
    expect(() =>
      assertBalanced([
        { account: 'cash:manual', amountMinor: 10 },
        { account: 'sales:course', amountMinor: -10 },
      ]),
    ).not.toThrow();
  });

  it('throws when the postings do not sum to zero', () => {
    expect(() =>
      assertBalanced([
        { account: 'cash:manual', amountMinor: 10 },
        { account: 'sales:course', amountMinor: -9 },
      ]),
    ).toThrow(/does not balance: its postings sum to 1/);
  });

  it('throws on a fractional amount', () => {
    expect(() =>
      assertBalanced([
        { account: 'cash:manual', amountMinor: 0.5 },
        { account: 'sales:course', amountMinor: -0.5 },
      ]),
    ).toThrow(/whole number/);
  });
});
