import type { Prisma } from "~/db/generated/client";
import { inChunks, insertRows, newRowId } from "~/db/sql.server";
import { applyCohortEnrolments, type EnrolStep } from "~/learning/enrolments.server";
import { joinOrganisations } from "~/people/current-organisation.server";
import { recordAttendanceTrainings } from "~/training/records.server";
import { PROFILE_FIELDS } from "./read-row.server";
import type { ImportPlan, PlannedPerson } from "./validate.server";

/**
 * Carries out a validated plan inside the caller's transaction, a slice of
 * rows at a time (a few multi-row statements per slice), reporting progress
 * after each slice. Everything it writes is keyed so that the same file
 * imported again finds it already there: people by email and phone, one
 * current membership, one enrolment per cohort, one attendance per session.
 */
type Tx = Prisma.TransactionClient;

export const SLICE = 500;

export type Progress = (done: number, total: number) => void | Promise<void>;

async function writePeople(tx: Tx, people: PlannedPerson[], now: Date) {
  await insertRows(
    tx,
    "User",
    ["id", "email", "phone", "name", "locale", "role", "createdAt", "updatedAt"],
    people.filter((p) => p.create).map((p) => [p.userId, p.create!.email, p.create!.phone, p.create!.name, p.create!.locale, "learner", now, now]),
  );
  for (const person of people) {
    if (person.fill.email || person.fill.phone) await tx.user.update({ where: { id: person.userId }, data: person.fill });
  }
  const withFacts = people.filter((p) => Object.keys(p.profile).length > 0);
  await insertRows(
    tx,
    "Profile",
    ["userId", ...PROFILE_FIELDS, "updatedAt"],
    withFacts.map((p) => [p.userId, ...PROFILE_FIELDS.map((f) => p.profile[f] ?? null), now]),
    // A profile written in between keeps what it has: only fields still empty are filled.
    { conflictKey: "userId", fillEmpty: PROFILE_FIELDS, alwaysSet: ["updatedAt"] },
  );
}

export async function writePlan(tx: Tx, plan: ImportPlan, onProgress: Progress = () => {}, now = new Date()): Promise<void> {
  await insertRows(
    tx,
    "Organisation",
    ["id", "name", "type", "createdAt", "updatedAt"],
    plan.newOrganisations.map((o) => [o.id, o.name, o.type, now, now]),
  );
  const total = plan.people.length;
  let done = 0;
  await onProgress(done, total);
  for (const slice of inChunks(plan.people, SLICE)) {
    await writePeople(tx, slice, now);
    await joinOrganisations(
      tx,
      slice.filter((p) => p.organisationId).map((p) => ({ userId: p.userId, organisationId: p.organisationId! })),
      now,
    );
    if (plan.cohort) {
      const steps = new Map<string, EnrolStep>();
      for (const p of slice) if (plan.cohort.steps.has(p.userId)) steps.set(p.userId, plan.cohort.steps.get(p.userId)!);
      await applyCohortEnrolments(tx, plan.cohort.cohort, steps, now);
    }
    if (plan.session) {
      const inSlice = new Set(slice.map((p) => p.userId));
      const attendances = plan.session.attend.filter((id) => inSlice.has(id)).map((userId) => ({ id: newRowId(), userId }));
      await insertRows(
        tx,
        "Attendance",
        ["id", "sessionId", "userId", "recordedAt"],
        attendances.map((a) => [a.id, plan.session!.id, a.userId, now]),
      );
      // After the profiles and memberships above, so each record holds the person's facts as the file gave them.
      await recordAttendanceTrainings(tx, attendances, plan.session.facts, now);
    }
    done += slice.length;
    await onProgress(done, total);
  }
}
