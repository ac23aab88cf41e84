import type { Prisma } from "~/db/generated/client";
import { db } from "~/db/client.server";
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

/**
 * The person's facts now. Region and city come from the profile, else from
 * the organisation (a person is counted where they work when they did not
 * say where they live). A birth year gives the age band in the year of the
 * training (`at`), so someone who gave it years ago is not counted in the
 * band they were in then.
 */
export async function personSnapshot(userId: string, client: Tx = db, at: Date = new Date()): Promise<Snapshot> {
  const [profile, membership] = await Promise.all([
    client.profile.findUnique({ where: { userId } }),
    client.membership.findFirst({
      where: { userId, endedAt: null },
      select: { organisation: { select: { id: true, type: true, regionId: true, city: true } } },
    }),
  ]);
  const organisation = membership?.organisation ?? null;
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
