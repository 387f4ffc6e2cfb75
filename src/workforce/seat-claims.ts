// The person's side of sponsored seats: the seats an employer paid for them, and claiming one — which enrols
// them in each course of the seat with the access window its order line carries (a course they already held
// keeps the enrolment they have). Only the seat's own person sees or claims it (anyone else: 404). A person
// who withdrew from the employer, or was removed, still claims a paid seat: the learning is theirs.
import { noteSponsoredEnrolment, sponsoredLineTerms } from '../commerce/index.ts';
import type { Deps } from '../deps.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { type Actor, requireActor } from '../identity/index.ts';
import { courseHoldings, grantCourseAccess } from '../learning/index.ts';
import { organizationById } from '../orgs/index.ts';
import {
  lockSeatOfUser,
  markSeatClaimed,
  type SeatCourseRow,
  type SeatRow,
  seatCourses,
  seatsOfUser,
  setSeatCourseEnrolment,
} from './seat-store.ts';

/** When a line carries no window of its own (as commerce's fulfilment does). */
const DEFAULT_ACCESS_DAYS = 365;

export interface MySeat extends SeatRow {
  employer: { id: string; name: string };
  courses: SeatCourseRow[];
}

async function withDetails(deps: Deps, seats: SeatRow[]): Promise<MySeat[]> {
  const courses = await seatCourses(
    deps.db,
    seats.map((s) => s.id),
  );
  const orgIds = [...new Set(seats.map((s) => s.orgId))];
  const orgs = new Map(
    await Promise.all(
      orgIds.map(async (id) => [id, (await organizationById(deps.db, id))?.name ?? ''] as const),
    ),
  );
  return seats.map((seat) => ({
    ...seat,
    employer: { id: seat.orgId, name: orgs.get(seat.orgId) ?? '' },
    courses: courses.filter((c) => c.seatId === seat.id),
  }));
}

/** The seats paid for me (open or claimed), newest first. */
export async function mySeats(deps: Deps, actor: Actor | null): Promise<MySeat[]> {
  const me = requireActor(actor);
  return withDetails(deps, await seatsOfUser(deps.db, me.user.id));
}

/** Claims my seat: enrolled in each of its courses; claiming again returns the claimed seat unchanged. */
export async function claimSeat(deps: Deps, actor: Actor | null, seatId: string): Promise<MySeat> {
  const me = requireActor(actor);
  const claimed = await deps.db.transaction().execute(async (trx) => {
    const seat = await lockSeatOfUser(trx, seatId, me.user.id);
    // A seat still awaiting payment is not offered yet: it is as unknown to its person as to anyone else.
    if (!seat || seat.status === 'awaiting-payment') throw new NotFoundError('seat');
    if (seat.status === 'claimed') return seat;
    if (seat.status === 'cancelled') {
      throw new ConflictError(
        'This seat was cancelled (its order was refunded) before it was claimed.',
        'seat-cancelled',
      );
    }
    const now = deps.now();
    const courses = await seatCourses(trx, [seat.id]);
    const terms = await sponsoredLineTerms(
      trx,
      courses.flatMap((c) => (c.orderLineId ? [c.orderLineId] : [])),
    );
    const holdings = await courseHoldings(
      trx,
      me.user.id,
      courses.map((c) => c.courseId),
      now,
    );
    for (const course of courses) {
      const holding = holdings.get(course.courseId);
      const term = course.orderLineId ? terms.get(course.orderLineId) : undefined;
      if (!course.charged || !term || term.refunded) {
        // Not bought here (held when ordered) or refunded: the seat points at the enrolment they have, if any.
        await setSeatCourseEnrolment(trx, seat.id, course.courseId, holding?.enrolmentId ?? null);
        continue;
      }
      const access = await grantCourseAccess(trx, {
        userId: me.user.id,
        courseId: course.courseId,
        now,
        accessDays: term.accessDays ?? DEFAULT_ACCESS_DAYS,
      });
      await setSeatCourseEnrolment(trx, seat.id, course.courseId, access.enrolmentId);
      // The line carries the enrolment it opened (a refund then ends it) — not one the person paid for themselves.
      if (!holding?.open && course.orderLineId) {
        await noteSponsoredEnrolment(trx, course.orderLineId, access.enrolmentId);
      }
    }
    return markSeatClaimed(trx, seat.id, now);
  });
  const [seat] = await withDetails(deps, [claimed]);
  if (!seat) throw new NotFoundError('seat');
  return seat;
}
