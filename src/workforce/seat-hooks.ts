// How sponsored seats follow their order: commerce calls these hooks inside the transaction that pays,
// refunds or cancels a 'sponsorship' order. Paid → the seats open and each person is mailed; cancelled or
// refunded before the claim → the seats it took away are cancelled (a claimed seat stays claimed).
import { type OrderHooks, registerOrderHooks } from '../commerce/index.ts';
import { seatsEndedBy } from './seat-model.ts';
import { openSeats } from './seat-service.ts';
import { cancelSeats, seatCourses, unclaimedSeatsOfOrder } from './seat-store.ts';

export const seatOrderHooks: OrderHooks = {
  async paid(deps, trx, order) {
    await openSeats(deps, trx, order.id);
  },
  async ended(_deps, trx, { order, refundedLineIds, state }) {
    const seats = await unclaimedSeatsOfOrder(trx, order.id);
    if (seats.length === 0) return;
    const courses = await seatCourses(
      trx,
      seats.map((s) => s.id),
    );
    const charges = seats.map((seat) => ({
      seatId: seat.id,
      lineIds: courses.flatMap((c) => (c.seatId === seat.id && c.orderLineId ? [c.orderLineId] : [])),
    }));
    await cancelSeats(trx, order.id, seatsEndedBy(charges, state, new Set(refundedLineIds)));
  },
};

/** Called once as the workforce context loads (src/workforce/index.ts), in every process that loads it. */
export function registerSeatOrderHooks(): void {
  registerOrderHooks('sponsorship', seatOrderHooks);
}
