import { describe, expect, it } from 'vitest';
import { allocate, applyCoupon, bundlePriceMinor, cheaperOption, quoteBundle, taxMinor } from './pricing.ts';

/** A small seeded generator, so the property loops are the same on every run. */
function randomInts(seed: number) {
  let state = seed >>> 0;
  return (below: number) => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state % below;
  };
}

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

describe('allocating an amount over parts', () => {
  it('splits in proportion when the shares are whole', () => {
    expect(allocate(100, [1, 1, 2])).toEqual([25, 25, 50]);
  });

  it('gives the left-over units to the largest remainders', () => {
    // Exact shares 3.33…, 3.33…, 3.33… → one unit left, to the first on a tie.
    expect(allocate(10, [1, 1, 1])).toEqual([4, 3, 3]);
    // Exact shares 1.8, 3.6, 4.6 → floors 1, 3, 4; two units left, to .8 then .6 (the earlier of the tie).
    expect(allocate(10, [9, 18, 23])).toEqual([2, 4, 4]);
  });

  it('breaks ties in favour of the earlier part', () => {
    expect(allocate(1, [5, 5])).toEqual([1, 0]);
    expect(allocate(2, [1, 1, 1, 1])).toEqual([1, 1, 0, 0]);
  });

  it('gives nothing to parts of zero weight', () => {
    expect(allocate(7, [0, 3, 0, 4])).toEqual([0, 3, 0, 4]);
  });

  it('splits evenly when every weight is zero', () => {
    expect(allocate(5, [0, 0])).toEqual([3, 2]);
  });

  it('allocates nothing over no parts and refuses to lose a non-zero total', () => {
    expect(allocate(0, [])).toEqual([]);
    expect(() => allocate(1, [])).toThrow(RangeError);
  });

  it('refuses negative or fractional totals and weights', () => {
    expect(() => allocate(-1, [1])).toThrow(RangeError);
    expect(() => allocate(1.5, [1])).toThrow(RangeError);
    expect(() => allocate(1, [-1, 2])).toThrow(RangeError);
  });

  it('always sums to the total, never goes negative and never strays a unit from the exact share', () => {
    const next = randomInts(42);
    for (let round = 0; round < 2000; round++) {
      const weights = Array.from({ length: 1 + next(8) }, () => (next(4) === 0 ? 0 : next(100_000)));
      const total = next(1_000_000);
      const parts = allocate(total, weights);
      expect(sum(parts)).toBe(total);
      const weightSum = sum(weights);
      parts.forEach((part, index) => {
        expect(part).toBeGreaterThanOrEqual(0);
        expect(Number.isInteger(part)).toBe(true);
        if (weightSum > 0) {
          // floor(exact) ≤ part ≤ floor(exact) + 1, checked in integers: part·W vs total·w.
          const exact = BigInt(total) * BigInt(weights[index] ?? 0);
          expect(BigInt(part) * BigInt(weightSum) >= exact - BigInt(weightSum) + 1n).toBe(true);
          expect(BigInt(part) * BigInt(weightSum) < exact + BigInt(weightSum)).toBe(true);
        }
      });
    }
  });

  it('is exact for totals beyond float precision', () => {
    expect(sum(allocate(100_000_000, [33_333_333, 33_333_333, 33_333_334]))).toBe(100_000_000);
  });
});

describe('bundle prices', () => {
  it('are the sum of the course prices less the default discount', () => {
    expect(bundlePriceMinor(10_000, 1000, null)).toBe(9_000);
  });

  it("round the discount half up, in the learner's favour", () => {
    // 10 % of 5 is 0.5 → a discount of 1.
    expect(bundlePriceMinor(5, 1000, null)).toBe(4);
    // 10 % of 1234 is 123.4 → 123.
    expect(bundlePriceMinor(1234, 1000, null)).toBe(1111);
  });

  it("take the issuer's explicit price when there is one, whatever the discount", () => {
    expect(bundlePriceMinor(10_000, 1000, 7_500)).toBe(7_500);
    expect(bundlePriceMinor(10_000, 1000, 0)).toBe(0);
  });

  it('are the full sum with no discount and free with a 100 % discount', () => {
    expect(bundlePriceMinor(4_999, 0, null)).toBe(4_999);
    expect(bundlePriceMinor(4_999, 10_000, null)).toBe(0);
  });

  it('refuse a discount outside 0–100 %', () => {
    expect(() => bundlePriceMinor(100, 10_001, null)).toThrow(RangeError);
    expect(() => bundlePriceMinor(100, -1, null)).toThrow(RangeError);
  });
});

describe('bundle quotes', () => {
  const three = [
    { courseId: 'a', listMinor: 5_000, held: false },
    { courseId: 'b', listMinor: 3_000, held: false },
    { courseId: 'c', listMinor: 2_000, held: false },
  ];

  it('charge the bundle price when no course is held, with the discount spread by list price', () => {
    const quote = quoteBundle(three, 9_000);
    expect(quote).toEqual({
      lines: [
        { courseId: 'a', listMinor: 5_000, discountMinor: 500 },
        { courseId: 'b', listMinor: 3_000, discountMinor: 300 },
        { courseId: 'c', listMinor: 2_000, discountMinor: 200 },
      ],
      separatelyMinor: 10_000,
      chargedMinor: 9_000,
      discountMinor: 1_000,
    });
  });

  it('charge only for the courses not held, in proportion to their list price', () => {
    const held = three.map((course) => (course.courseId === 'a' ? { ...course, held: true } : course));
    const quote = quoteBundle(held, 9_000);
    expect(quote.lines.map((line) => line.courseId)).toEqual(['b', 'c']);
    expect(quote.separatelyMinor).toBe(5_000);
    expect(quote.chargedMinor).toBe(4_500);
    expect(quote.discountMinor).toBe(500);
    expect(quote.lines.map((line) => line.discountMinor)).toEqual([300, 200]);
  });

  it('round the proportional charge half up', () => {
    // 1000 × 1 / 2 … with lists 1 and 1 and a bundle price of 1: half of 1 is 0.5 → 1.
    const quote = quoteBundle(
      [
        { courseId: 'a', listMinor: 1, held: true },
        { courseId: 'b', listMinor: 1, held: false },
      ],
      1,
    );
    expect(quote.chargedMinor).toBe(1);
    expect(quote.discountMinor).toBe(0);
  });

  it('charge nothing when every course is held', () => {
    const quote = quoteBundle(
      three.map((course) => ({ ...course, held: true })),
      9_000,
    );
    expect(quote).toEqual({ lines: [], separatelyMinor: 0, chargedMinor: 0, discountMinor: 0 });
  });

  it('keep free courses as lines without a discount', () => {
    const quote = quoteBundle([...three, { courseId: 'free', listMinor: 0, held: false }], 9_000);
    expect(quote.lines.at(-1)).toEqual({ courseId: 'free', listMinor: 0, discountMinor: 0 });
    expect(quote.chargedMinor).toBe(9_000);
  });

  it('never charge more than buying the missing courses one by one', () => {
    const quote = quoteBundle(three, 12_000);
    expect(quote.chargedMinor).toBe(10_000);
    expect(quote.discountMinor).toBe(0);
  });

  it('always add up: lines less discounts are the charge, no line discount is negative or above its price', () => {
    const next = randomInts(7);
    for (let round = 0; round < 1000; round++) {
      const courses = Array.from({ length: 1 + next(6) }, (_, index) => ({
        courseId: `c${index}`,
        listMinor: next(3) === 0 ? 0 : next(50_000),
        held: next(3) === 0,
      }));
      const listAll = sum(courses.map((course) => course.listMinor));
      const price = bundlePriceMinor(listAll, next(10_001), null);
      const quote = quoteBundle(courses, price);
      expect(sum(quote.lines.map((line) => line.listMinor))).toBe(quote.separatelyMinor);
      expect(sum(quote.lines.map((line) => line.discountMinor))).toBe(quote.discountMinor);
      expect(quote.separatelyMinor - quote.discountMinor).toBe(quote.chargedMinor);
      expect(quote.chargedMinor).toBeLessThanOrEqual(quote.separatelyMinor);
      for (const line of quote.lines) {
        expect(line.discountMinor).toBeGreaterThanOrEqual(0);
        expect(line.discountMinor).toBeLessThanOrEqual(line.listMinor);
      }
      // Proportional: charged × listAll is within half a unit of price × missing.
      if (listAll > 0) {
        const twiceError = 2 * (quote.chargedMinor * listAll - price * quote.separatelyMinor);
        expect(Math.abs(twiceError)).toBeLessThanOrEqual(listAll);
      }
    }
  });
});

describe('coupons', () => {
  const lines = [
    { listMinor: 5_000, discountMinor: 500, eligible: true },
    { listMinor: 3_000, discountMinor: 0, eligible: false },
    { listMinor: 2_000, discountMinor: 200, eligible: true },
  ];

  it("take a percentage of the eligible lines' price after the bundle discount", () => {
    // 20 % of (4500 + 1800) = 1260, spread 4500 : 1800.
    expect(applyCoupon(lines, { kind: 'percent', percentBp: 2000 })).toEqual([900, 0, 360]);
  });

  it('round a percentage half up on the sum of the eligible lines', () => {
    const halves = [{ listMinor: 5, discountMinor: 0, eligible: true }];
    expect(applyCoupon(halves, { kind: 'percent', percentBp: 1000 })).toEqual([1]);
  });

  it('spread a fixed amount over the eligible lines by their price', () => {
    expect(applyCoupon(lines, { kind: 'fixed', amountMinor: 630 })).toEqual([450, 0, 180]);
  });

  it('never take a fixed amount beyond what the eligible lines still cost', () => {
    expect(applyCoupon(lines, { kind: 'fixed', amountMinor: 1_000_000 })).toEqual([4_500, 0, 1_800]);
  });

  it('give nothing when no line is eligible or eligible lines are already free', () => {
    expect(
      applyCoupon(
        lines.map((line) => ({ ...line, eligible: false })),
        { kind: 'fixed', amountMinor: 100 },
      ),
    ).toEqual([0, 0, 0]);
    expect(
      applyCoupon([{ listMinor: 100, discountMinor: 100, eligible: true }], {
        kind: 'percent',
        percentBp: 5000,
      }),
    ).toEqual([0]);
  });

  it("never drive any line's net below zero nor touch ineligible lines", () => {
    const next = randomInts(2026);
    for (let round = 0; round < 2000; round++) {
      const sample = Array.from({ length: 1 + next(6) }, () => {
        const listMinor = next(40_000);
        return { listMinor, discountMinor: next(listMinor + 1), eligible: next(3) !== 0 };
      });
      const coupon =
        next(2) === 0
          ? ({ kind: 'percent', percentBp: 1 + next(10_000) } as const)
          : ({ kind: 'fixed', amountMinor: 1 + next(100_000) } as const);
      const extra = applyCoupon(sample, coupon);
      const eligibleNet = sum(
        sample.map((line) => (line.eligible ? line.listMinor - line.discountMinor : 0)),
      );
      expect(sum(extra)).toBeLessThanOrEqual(eligibleNet);
      if (coupon.kind === 'fixed') expect(sum(extra)).toBe(Math.min(coupon.amountMinor, eligibleNet));
      sample.forEach((line, index) => {
        const given = extra[index] ?? -1;
        expect(given).toBeGreaterThanOrEqual(0);
        expect(line.listMinor - line.discountMinor - given).toBeGreaterThanOrEqual(0);
        if (!line.eligible) expect(given).toBe(0);
      });
    }
  });
});

describe('tax', () => {
  it('is added on top of the net price at the rate in basis points', () => {
    expect(taxMinor(10_000, 2000)).toBe(2_000);
    expect(taxMinor(10_000, 0)).toBe(0);
  });

  it('rounds half up', () => {
    // 21 % of 50 = 10.5 → 11; 21 % of 49 = 10.29 → 10; 7.5 % of 10 = 0.75 → 1; 7.5 % of 6 = 0.45 → 0.
    expect(taxMinor(50, 2100)).toBe(11);
    expect(taxMinor(49, 2100)).toBe(10);
    expect(taxMinor(10, 750)).toBe(1);
    expect(taxMinor(6, 750)).toBe(0);
  });

  it('is exact for the largest prices', () => {
    expect(taxMinor(100_000_000, 1_999)).toBe(19_990_000);
    expect(taxMinor(99_999_999, 2_500)).toBe(25_000_000);
  });

  it('refuses a rate outside 0–100 % and a negative price', () => {
    expect(() => taxMinor(100, 10_001)).toThrow(RangeError);
    expect(() => taxMinor(-1, 2000)).toThrow(RangeError);
  });
});

describe('the cheaper option', () => {
  it('is the bundle when it costs less, the courses when they do, and the same when equal', () => {
    expect(cheaperOption(10_000, 9_000)).toBe('bundle');
    expect(cheaperOption(5_000, 6_000)).toBe('courses');
    expect(cheaperOption(5_000, 5_000)).toBe('same');
  });
});
