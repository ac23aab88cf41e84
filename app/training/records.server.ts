import type { Prisma } from "~/db/generated/client";
import { db } from "~/db/client.server";
import { inChunks, insertRows, newRowId } from "~/db/sql.server";
import { ageBandFor } from "~/people/facts";

/**
 * The one place training records are written. A record is what reports
 * count: a completion or an attendance, with the person's organisation and
 * profile as they are at that moment, so that a later change of job or of
 * organisation never rewrites a past year's figures.
 */
type Tx = Prisma.TransactionClient;

export type Snapshot = Pick<
  Prisma.TrainingRecordUncheckedCreateInput,
  "organisationId" | "organisationType" | "sex" | "ageBand" | "profession" | "regionId" | "city"
>;

type ProfileFacts = {
  sex: Snapshot["sex"];
  ageBand: Snapshot["ageBand"];
  birthYear: number | null;
  profession: Snapshot["profession"];
  regionId: string | null;
  city: string | null;
};
type OrganisationFacts = { id: string; type: NonNullable<Snapshot["organisationType"]>; regionId: string | null; city: string | null };

/**
 * Region and city come from the profile, else from the organisation (a
 * person is counted where they work when they did not say where they live).
 * A birth year gives the age band in the year of the training (`at`), so
 * someone who gave it years ago is not counted in the band they were in then.
 */
function snapshotOf(profile: ProfileFacts | null, organisation: OrganisationFacts | null, at: Date): Snapshot {
  return {
    organisationId: organisation?.id ?? null,
    organisationType: organisation?.type ?? null,
    sex: profile?.sex ?? null,
    ageBand: profile?.birthYear ? ageBandFor(profile.birthYear, at) : (profile?.ageBand ?? null),
    profession: profile?.profession ?? null,
    regionId: profile?.regionId ?? organisation?.regionId ?? null,
    city: profile?.city ?? organisation?.city ?? null,
  };
}

const ORGANISATION_FACTS = { select: { organisation: { select: { id: true, type: true, regionId: true, city: true } } } } as const;

/** The person's facts now, for a training on `at`. */
export async function personSnapshot(userId: string, client: Tx = db, at: Date = new Date()): Promise<Snapshot> {
  const [profile, membership] = await Promise.all([
    client.profile.findUnique({ where: { userId } }),
    client.membership.findFirst({ where: { userId, endedAt: null }, ...ORGANISATION_FACTS }),
  ]);
  return snapshotOf(profile, membership?.organisation ?? null, at);
}

/** personSnapshot for many people at once (an import), by user id. */
export async function personSnapshots(userIds: readonly string[], client: Tx = db, at: Date = new Date()): Promise<Map<string, Snapshot>> {
  const snapshots = new Map<string, Snapshot>();
  for (const ids of inChunks([...new Set(userIds)])) {
    const [profiles, memberships] = await Promise.all([
      client.profile.findMany({ where: { userId: { in: ids } } }),
      client.membership.findMany({ where: { userId: { in: ids }, endedAt: null }, select: { userId: true, ...ORGANISATION_FACTS.select } }),
    ]);
    const profileOf = new Map(profiles.map((p) => [p.userId, p]));
    const organisationOf = new Map(memberships.map((m) => [m.userId, m.organisation]));
    for (const id of ids) snapshots.set(id, snapshotOf(profileOf.get(id) ?? null, organisationOf.get(id) ?? null, at));
  }
  return snapshots;
}

/** Calendar parts stored with each record (UTC), so reports group without SQL date functions. */
export function calendarOf(date: Date): { year: number; month: number } {
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1 };
}

export function addMonths(date: Date, months: number): Date {
  const next = new Date(date);
  next.setUTCMonth(next.getUTCMonth() + months);
  return next;
}

/** The record of a completion, written in the transaction that records the completion. */
export async function recordCompletionTraining(
  tx: Tx,
  completion: { id: string; userId: string; courseId: string; completedAt: Date; modality: "online" | "in_person" | "webinar" },
  options: { validityMonths?: number | null } = {},
): Promise<void> {
  await tx.trainingRecord.create({
    data: {
      userId: completion.userId,
      kind: "completion",
      occurredAt: completion.completedAt,
      ...calendarOf(completion.completedAt),
      courseId: completion.courseId,
      modality: completion.modality,
      completionId: completion.id,
      validUntil: options.validityMonths ? addMonths(completion.completedAt, options.validityMonths) : null,
      ...(await personSnapshot(completion.userId, tx, completion.completedAt)),
    },
  });
}

/** What an attendance record says about its session: the training it was, and when. */
export type SessionFacts = {
  courseId: string | null;
  theme: string | null;
  modality: "online" | "in_person" | "webinar";
  startsAt: Date;
  /** The course's validity period, for a session on a course that sets one (refresher training). */
  validityMonths?: number | null;
};

function sessionFields(session: SessionFacts) {
  return {
    occurredAt: session.startsAt,
    ...calendarOf(session.startsAt),
    courseId: session.courseId,
    theme: session.courseId ? null : session.theme,
    modality: session.modality,
    validUntil: session.validityMonths ? addMonths(session.startsAt, session.validityMonths) : null,
  };
}

/**
 * The record of an attendance, written in the transaction that records the
 * attendance. It is dated by the session's start, not by when the sheet was
 * filled in; removing the attendance removes it (the foreign key cascades).
 */
export async function recordAttendanceTraining(tx: Tx, attendance: { id: string; userId: string }, session: SessionFacts): Promise<void> {
  await tx.trainingRecord.create({
    data: { userId: attendance.userId, kind: "attendance", attendanceId: attendance.id, ...sessionFields(session), ...(await personSnapshot(attendance.userId, tx, session.startsAt)) },
  });
}

const RECORD_COLUMNS = [
  "id", "userId", "kind", "attendanceId", "occurredAt", "year", "month", "courseId", "theme", "modality", "validUntil",
  "organisationId", "organisationType", "sex", "ageBand", "profession", "regionId", "city", "createdAt",
] as const;

/** recordAttendanceTraining for many attendances of one session (an import), in a few statements. */
export async function recordAttendanceTrainings(tx: Tx, attendances: readonly { id: string; userId: string }[], session: SessionFacts, now = new Date()): Promise<void> {
  const snapshots = await personSnapshots(
    attendances.map((a) => a.userId),
    tx,
    session.startsAt,
  );
  const fields = sessionFields(session);
  await insertRows(
    tx,
    "TrainingRecord",
    RECORD_COLUMNS,
    attendances.map((a) => {
      const s = snapshots.get(a.userId)!;
      return [
        newRowId(), a.userId, "attendance", a.id, fields.occurredAt, fields.year, fields.month, fields.courseId, fields.theme, fields.modality,
        fields.validUntil, s.organisationId, s.organisationType, s.sex, s.ageBand, s.profession, s.regionId, s.city, now,
      ];
    }),
  );
}

/**
 * A session corrected after its sheet was filled in (its date, course or
 * modality) is corrected in its records too. The people's facts stay as they
 * were recorded: those are history, the session's own facts are not.
 */
export async function followSessionChanges(tx: Tx, sessionId: string, session: SessionFacts): Promise<void> {
  await tx.trainingRecord.updateMany({ where: { attendance: { sessionId } }, data: sessionFields(session) });
}
