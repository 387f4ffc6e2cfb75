// Pure rules of sponsored seats: how many people and items one order may name, and which unclaimed seats a
// refund takes away. No I/O.
import type { SponsoredOrderSummary } from '../commerce/index.ts';
import type { SeatStatus } from './tables.ts';

export const MAX_SPONSORED_PEOPLE = 500;
export const MAX_SPONSORED_ITEMS = 20;
export const SEAT_STATUSES = [
  'awaiting-payment',
  'open',
  'claimed',
  'cancelled',
] as const satisfies readonly SeatStatus[];

/** The order that bought a seat is a commerce order: any of its states and providers (commerce's lists). */
export type SeatOrderState = SponsoredOrderSummary['state'];
export type SeatOrderProvider = SponsoredOrderSummary['provider'];

export interface SeatCharge {
  seatId: string;
  /** The order lines that charged the seat's courses (none when all were already held). */
  lineIds: string[];
}

/**
 * The unclaimed seats a refund cancels: every one when the whole order is refunded (or cancelled); after a
 * partial refund, those that were charged and whose every charged line is refunded now. A seat that charged
 * nothing (its person held everything) goes only with the whole order.
 */
export function seatsEndedBy(
  seats: readonly SeatCharge[],
  orderState: string,
  refundedLineIds: ReadonlySet<string>,
): string[] {
  if (orderState === 'cancelled' || orderState === 'refunded') return seats.map((s) => s.seatId);
  return seats
    .filter((s) => s.lineIds.length > 0 && s.lineIds.every((id) => refundedLineIds.has(id)))
    .map((s) => s.seatId);
}
