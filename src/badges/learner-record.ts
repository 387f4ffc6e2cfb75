// What a learner has, as the requirement rules see it (model.ts LearnerRecord): completions and
// accepted evidence with their dates, their LMS grades, and the badges they hold now. Read inside the caller's transaction.
import type { Executor } from '../db/database.ts';
import { gradesOfUser } from '../gradebook/index.ts';
import { accountContact, accountIdByVerifiedEmail } from '../identity/index.ts';
import type { LearnerGrade } from './grade-rules.ts';
import type { LearnerRecord } from './model.ts';

/** A person the engine awards to: an account, or only an address nobody has verified yet. */
export interface Learner {
  userId: string | null;
  name: string | null;
  /** Where a new award goes. */
  email: string;
  /** Every address that counts as this learner (verified ones for an account). */
  emails: string[];
}

export async function learnerOfUser(db: Executor, userId: string): Promise<Learner | undefined> {
  const contact = await accountContact(db, userId);
  if (!contact?.primaryEmail) return undefined;
  return {
    userId,
    name: contact.name,
    email: contact.primaryEmail,
    emails: [...new Set([contact.primaryEmail, ...contact.verifiedEmails])],
  };
}

/** The learner behind an address: the account that verified it, else just the address. */
export async function learnerOfEmail(db: Executor, email: string, name: string | null): Promise<Learner> {
  const userId = await accountIdByVerifiedEmail(db, email);
  const account = userId ? await learnerOfUser(db, userId) : undefined;
  return account ?? { userId: null, name, email, emails: [email] };
}

function push<K>(map: Map<K, Date[]>, key: K, date: Date): void {
  const dates = map.get(key);
  if (dates) dates.push(date);
  else map.set(key, [date]);
}

async function heldBadgeIds(db: Executor, learner: Learner, now: Date): Promise<Set<string>> {
  const { userId, emails } = learner;
  const rows = await db
    .selectFrom('awards as a')
    .innerJoin('issuedCredentials as c', 'c.id', 'a.credentialId')
    .select('a.badgeId')
    .where((eb) =>
      eb.or([
        ...(userId ? [eb('a.userId', '=', userId)] : []),
        eb('a.recipientEmail', 'in', emails.length > 0 ? emails : ['']),
      ]),
    )
    .where('a.supersededAt', 'is', null)
    .where('a.state', '!=', 'declined')
    .where('c.state', '=', 'active')
    .where((eb) => eb.or([eb('a.validUntil', 'is', null), eb('a.validUntil', '>', now)]))
    .execute();
  return new Set(rows.map((r) => r.badgeId));
}

export async function learnerRecord(db: Executor, learner: Learner, now: Date): Promise<LearnerRecord> {
  const completions = new Map<string, Date[]>();
  const acceptedEvidence = new Map<string, Date[]>();
  const grades = new Map<string, LearnerGrade>();
  if (learner.userId) {
    for (const grade of await gradesOfUser(db, learner.userId)) grades.set(grade.lineItemId, grade);
    const done = await db
      .selectFrom('completions')
      .select(['courseId', 'completedAt'])
      .where('userId', '=', learner.userId)
      .execute();
    for (const row of done) push(completions, row.courseId, row.completedAt);
    const accepted = await db
      .selectFrom('evidenceSubmissions as s')
      .innerJoin('enrolments as e', 'e.id', 's.enrolmentId')
      .select(['e.courseId', 's.unitId', 's.reviewedAt', 's.submittedAt'])
      .where('s.userId', '=', learner.userId)
      .where('s.status', '=', 'accepted')
      .execute();
    // Tasks without review are accepted on submission (no reviewedAt).
    for (const row of accepted)
      push(acceptedEvidence, `${row.courseId}:${row.unitId}`, row.reviewedAt ?? row.submittedAt);
  }
  return { completions, acceptedEvidence, grades, heldBadges: await heldBadgeIds(db, learner, now) };
}

/** The record of an account (for progress pages and the engine). */
export async function learnerRecordOfUser(
  db: Executor,
  userId: string,
  now: Date,
): Promise<LearnerRecord | undefined> {
  const learner = await learnerOfUser(db, userId);
  return learner ? learnerRecord(db, learner, now) : undefined;
}
