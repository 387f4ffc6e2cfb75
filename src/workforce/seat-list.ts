// The employer's list of the seats it bought: the person, the item, the order (number and state), the seat's
// status and claim date. A person who is no longer active shows by the invited address only, as in People.
import { sponsoredOrderSummaries } from '../commerce/index.ts';
import type { Deps } from '../deps.ts';
import { type Actor, userSummaries } from '../identity/index.ts';
import { mayShare } from './model.ts';
import { requireWorkforce } from './role-service.ts';
import type { SeatOrderState } from './seat-model.ts';
import { type EmployerSeatRow, employerSeats, type SeatCourseRow, seatCourses } from './seat-store.ts';

export interface EmployerSeat extends EmployerSeatRow {
  name: string | null;
  order: { id: string; number: number; state: SeatOrderState };
  courses: SeatCourseRow[];
}

export async function listSponsorships(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  page: { limit: number; offset: number },
): Promise<{ items: EmployerSeat[]; total: number }> {
  await requireWorkforce(deps, actor, orgId);
  const { rows, total } = await employerSeats(deps.db, orgId, page);
  const [orders, courses, users] = await Promise.all([
    sponsoredOrderSummaries(
      deps.db,
      rows.map((r) => r.orderId),
    ),
    seatCourses(
      deps.db,
      rows.map((r) => r.id),
    ),
    userSummaries(
      deps,
      rows.flatMap((r) => (r.userId && mayShare(r.employeeStatus) ? [r.userId] : [])),
    ),
  ]);
  const names = new Map(users.map((u) => [u.id, u.name]));
  return {
    total,
    items: rows.map((row) => {
      const order = orders.get(row.orderId);
      return {
        ...row,
        name: row.userId && mayShare(row.employeeStatus) ? (names.get(row.userId) ?? null) : null,
        order: { id: row.orderId, number: order?.number ?? 0, state: order?.state ?? 'awaiting-payment' },
        courses: courses.filter((c) => c.seatId === row.id),
      };
    }),
  };
}
