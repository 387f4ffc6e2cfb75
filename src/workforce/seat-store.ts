// SQL of sponsored seats: the employer's side names its organization, the person's side names the account
// (through the employee row the seat was bought for, whatever that row's status is now).
import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { EmployeeStatus, WorkforceSeatCoursesTable, WorkforceSeatsTable } from './tables.ts';

export type SeatRow = Selectable<WorkforceSeatsTable>;
export type SeatCourseRow = Selectable<WorkforceSeatCoursesTable>;

export interface SeatPerson {
  employeeId: string;
  userId: string | null;
  invitedEmail: string;
  status: EmployeeStatus;
}

/** The organization's people among `ids`, whatever their status. */
export async function seatPeople(db: Executor, orgId: string, ids: readonly string[]): Promise<SeatPerson[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('workforceEmployees')
    .select(['id as employeeId', 'userId', 'invitedEmail', 'status'])
    .where('orgId', '=', orgId)
    .where('id', 'in', [...ids])
    .execute();
}

export async function insertSeat(db: Executor, seat: Insertable<WorkforceSeatsTable>): Promise<SeatRow> {
  return db.insertInto('workforceSeats').values(seat).returningAll().executeTakeFirstOrThrow();
}

export async function insertSeatCourses(
  db: Executor,
  rows: Insertable<WorkforceSeatCoursesTable>[],
): Promise<void> {
  if (rows.length > 0) await db.insertInto('workforceSeatCourses').values(rows).execute();
}

export async function seatCourses(db: Executor, seatIds: readonly string[]): Promise<SeatCourseRow[]> {
  if (seatIds.length === 0) return [];
  return db
    .selectFrom('workforceSeatCourses')
    .selectAll()
    .where('seatId', 'in', [...seatIds])
    .execute();
}

/** The order's seats still awaiting payment become open; returns them (each once, whoever asks twice). */
export async function openSeatsOfOrder(db: Executor, orderId: string): Promise<SeatRow[]> {
  return db
    .updateTable('workforceSeats')
    .set({ status: 'open' })
    .where('orderId', '=', orderId)
    .where('status', '=', 'awaiting-payment')
    .returningAll()
    .execute();
}

/** Unclaimed seats of the order (all of them, or only `seatIds`) become cancelled. */
export async function cancelSeats(
  db: Executor,
  orderId: string,
  seatIds?: readonly string[],
): Promise<number> {
  if (seatIds?.length === 0) return 0;
  let query = db
    .updateTable('workforceSeats')
    .set({ status: 'cancelled' })
    .where('orderId', '=', orderId)
    .where('status', 'in', ['awaiting-payment', 'open']);
  if (seatIds) query = query.where('id', 'in', [...seatIds]);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The unclaimed seats of an order with their seat courses (to see which a refund took away). */
export async function unclaimedSeatsOfOrder(db: Executor, orderId: string): Promise<SeatRow[]> {
  return db
    .selectFrom('workforceSeats')
    .selectAll()
    .where('orderId', '=', orderId)
    .where('status', 'in', ['awaiting-payment', 'open'])
    .execute();
}

export interface EmployerSeatRow extends SeatRow {
  userId: string | null;
  invitedEmail: string;
  employeeStatus: EmployeeStatus;
}

/** The employer's seats, newest first, paged, with the person each was bought for. */
export async function employerSeats(
  db: Executor,
  orgId: string,
  page: { limit: number; offset: number },
): Promise<{ rows: EmployerSeatRow[]; total: number }> {
  const [rows, count] = await Promise.all([
    db
      .selectFrom('workforceSeats as s')
      .innerJoin('workforceEmployees as e', 'e.id', 's.employeeId')
      .selectAll('s')
      .select(['e.userId', 'e.invitedEmail', 'e.status as employeeStatus'])
      .where('s.orgId', '=', orgId)
      .orderBy('s.createdAt', 'desc')
      .orderBy('s.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    db
      .selectFrom('workforceSeats')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('orgId', '=', orgId)
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** The seats offered to an account (paid for: open or claimed), newest first. */
export async function seatsOfUser(db: Executor, userId: string): Promise<SeatRow[]> {
  return db
    .selectFrom('workforceSeats as s')
    .innerJoin('workforceEmployees as e', 'e.id', 's.employeeId')
    .selectAll('s')
    .where('e.userId', '=', userId)
    .where('s.status', 'in', ['open', 'claimed'])
    .orderBy('s.createdAt', 'desc')
    .orderBy('s.id')
    .execute();
}

/** One seat of the account, locked for its claim; undefined when it is not theirs. */
export async function lockSeatOfUser(
  db: Executor,
  seatId: string,
  userId: string,
): Promise<SeatRow | undefined> {
  return db
    .selectFrom('workforceSeats as s')
    .innerJoin('workforceEmployees as e', 'e.id', 's.employeeId')
    .selectAll('s')
    .where('s.id', '=', seatId)
    .where('e.userId', '=', userId)
    .forUpdate('s')
    .executeTakeFirst();
}

export async function setSeatCourseEnrolment(
  db: Executor,
  seatId: string,
  courseId: string,
  enrolmentId: string | null,
): Promise<void> {
  await db
    .updateTable('workforceSeatCourses')
    .set({ enrolmentId })
    .where('seatId', '=', seatId)
    .where('courseId', '=', courseId)
    .execute();
}

export async function markSeatClaimed(db: Executor, seatId: string, now: Date): Promise<SeatRow> {
  return db
    .updateTable('workforceSeats')
    .set({ status: 'claimed', claimedAt: now })
    .where('id', '=', seatId)
    .returningAll()
    .executeTakeFirstOrThrow();
}
