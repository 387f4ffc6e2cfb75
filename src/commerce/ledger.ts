// The double-entry postings of a sale and of a refund. Debits are positive, credits negative, and the
// postings of one transaction always sum to zero. Pure: the order store writes them (postLedger).
import type { OrderLineKind, ProviderName } from './tables.ts';

export interface Posting {
  account: string;
  amountMinor: number;
  orderLineId?: string | null;
  memo: string;
}

export interface LedgerLine {
  id: string;
  kind: OrderLineKind;
  listMinor: number;
  discountMinor: number;
  taxMinor: number;
}

const salesAccount: Record<OrderLineKind, string> = {
  course: 'sales:course',
  'bundle-course': 'sales:bundle',
  'issuance-fee': 'sales:fee',
};

const lineNoun: Record<OrderLineKind, string> = {
  course: 'course',
  'bundle-course': 'bundle course',
  'issuance-fee': 'issuance fee',
};

export const cashAccount = (provider: ProviderName | string) => `cash:${provider}`;

const lineNet = (line: LedgerLine) => line.listMinor - line.discountMinor;
const lineTotal = (line: LedgerLine) => lineNet(line) + line.taxMinor;

function withoutZeros(postings: Posting[]): Posting[] {
  return postings.filter((posting) => posting.amountMinor !== 0);
}

/**
 * A paid order: each line credits its sales account at list price, debits `discounts` by its discount
 * and credits `tax:payable` with its tax; the cash account of the provider is debited with the total.
 */
export function salePostings(
  order: { provider: ProviderName | string; totalMinor: number },
  lines: readonly LedgerLine[],
): Posting[] {
  const linesTotal = lines.reduce((sum, line) => sum + lineTotal(line), 0);
  if (linesTotal !== order.totalMinor) {
    throw new Error(`The order total ${order.totalMinor} is not the sum of its lines (${linesTotal}).`);
  }
  const postings: Posting[] = lines.flatMap((line) => [
    {
      account: salesAccount[line.kind],
      amountMinor: -line.listMinor,
      orderLineId: line.id,
      memo: `Sale of a ${lineNoun[line.kind]} at list price`,
    },
    {
      account: 'discounts',
      amountMinor: line.discountMinor,
      orderLineId: line.id,
      memo: `Discount on a ${lineNoun[line.kind]}`,
    },
    { account: 'tax:payable', amountMinor: -line.taxMinor, orderLineId: line.id, memo: 'Tax collected' },
  ]);
  postings.push({
    account: cashAccount(order.provider),
    amountMinor: order.totalMinor,
    orderLineId: null,
    memo: `Payment received (${order.provider})`,
  });
  const result = withoutZeros(postings);
  assertBalanced(result);
  return result;
}

/**
 * A refund of some lines: `refunds` is debited with what was charged before tax (list − discount),
 * `tax:payable` with the tax given back, and the provider's cash account is credited with the total.
 */
export function refundPostings(provider: ProviderName | string, lines: readonly LedgerLine[]): Posting[] {
  const postings: Posting[] = lines.flatMap((line) => [
    {
      account: 'refunds',
      amountMinor: lineNet(line),
      orderLineId: line.id,
      memo: `Refund of a ${lineNoun[line.kind]}`,
    },
    { account: 'tax:payable', amountMinor: line.taxMinor, orderLineId: line.id, memo: 'Tax refunded' },
  ]);
  postings.push({
    account: cashAccount(provider),
    amountMinor: -lines.reduce((sum, line) => sum + lineTotal(line), 0),
    orderLineId: null,
    memo: `Refund paid out (${provider})`,
  });
  const result = withoutZeros(postings);
  assertBalanced(result);
  return result;
}

/** Throws unless every amount is a whole number and the postings sum to exactly zero. */
export function assertBalanced(postings: readonly Pick<Posting, 'account' | 'amountMinor'>[]): void {
  let sum = 0n;
  for (const posting of postings) {
    if (!Number.isSafeInteger(posting.amountMinor)) {
      throw new Error(`The posting to ${posting.account} is not a whole number of minor units.`);
    }
    sum += BigInt(posting.amountMinor);
  }
  if (sum !== 0n) throw new Error(`The ledger transaction does not balance: its postings sum to ${sum}.`);
}
