import { randomBytes } from "node:crypto";
import { db } from "~/db/client.server";
import type { Cohort, Enrolment } from "~/db/generated/client";

/**
 * Enrolments and cohorts. A person's current run of a course is their latest
 * enrolment in it; everything they do in the course (lessons, attempts,
 * submissions, the completion) belongs to that enrolment. Taking the course
 * again after completing it (a refresher, in a later cohort) starts a new
 * enrolment, so the earlier run stays on record as it was.
 */

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === "P2002";
}

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** 10 characters of Crockford base32 (50 bits): read aloud in a workshop, typed on a phone. */
export function newInviteCode(): string {
  return Array.from(randomBytes(10), (b) => CROCKFORD[b & 31]).join("");
}

/** "ABCDE-FGHJK" for display; input in any case, with or without the dash, is accepted. */
export function formatInviteCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

export function normalizeInviteCode(input: string): string | null {
  const code = input
    .toUpperCase()
    .replace(/[\s-]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  return /^[0-9A-HJKMNP-TV-Z]{10}$/.test(code) ? code : null;
}

/** The course's open cohort, where people who enrol on their own land; made on first use. */
export async function openCohort(courseId: string): Promise<Cohort> {
  for (let round = 0; round < 3; round++) {
    const existing = await db.cohort.findFirst({ where: { courseId, isOpen: true } });
    if (existing) return existing;
    try {
      return await db.cohort.create({ data: { courseId, name: "Open enrolment", isOpen: true, inviteCode: newInviteCode() } });
    } catch (error) {
      // Another request made it first (one open cohort per course: a partial unique index).
      if (!isUniqueViolation(error)) throw error;
    }
  }
  throw new Error(`Could not find or make the open cohort of course ${courseId}`);
}

export async function currentEnrolment(userId: string, courseId: string): Promise<Enrolment | null> {
  return db.enrolment.findFirst({ where: { userId, courseId }, orderBy: [{ enrolledAt: "desc" }, { id: "desc" }] });
}

/** Current enrolments of a person in several courses, by course id. */
export async function currentEnrolments(userId: string, courseIds: readonly string[]): Promise<Map<string, Enrolment>> {
  const rows = await db.enrolment.findMany({
    where: { userId, courseId: { in: [...courseIds] } },
    orderBy: [{ enrolledAt: "asc" }, { id: "asc" }],
  });
  // Ascending, so the last written for a course is its latest.
  return new Map(rows.map((row) => [row.courseId, row]));
}

async function isCompleted(enrolmentId: string): Promise<boolean> {
  return (await db.completion.count({ where: { enrolmentId } })) > 0;
}

export type EnrolOutcome =
  | { ok: true; enrolment: Enrolment; created: boolean }
  | { ok: false; reason: "full" | "closed" };

/**
 * Enrols a person in a course's cohort (its open cohort when none is given).
 * - Already in that cohort: nothing changes.
 * - A current run not completed yet: it moves into the cohort, progress and all.
 * - No run, or the current one completed: a new enrolment starts (a retake).
 * A cohort past its end date, or full, takes nobody new.
 */
export async function enrolInCohort(userId: string, cohort: Cohort, now = new Date()): Promise<EnrolOutcome> {
  const same = await db.enrolment.findUnique({ where: { userId_cohortId: { userId, cohortId: cohort.id } } });
  if (same) return { ok: true, enrolment: same, created: false };
  if (cohort.endsAt && cohort.endsAt < now) return { ok: false, reason: "closed" };
  if (cohort.capacity !== null && (await db.enrolment.count({ where: { cohortId: cohort.id } })) >= cohort.capacity) {
    return { ok: false, reason: "full" };
  }
  const current = await currentEnrolment(userId, cohort.courseId);
  if (current && !(await isCompleted(current.id))) {
    // Joining the open cohort never pulls someone out of a group they were placed in.
    if (cohort.isOpen) return { ok: true, enrolment: current, created: false };
    const moved = await db.enrolment.update({ where: { id: current.id }, data: { cohortId: cohort.id } });
    return { ok: true, enrolment: moved, created: false };
  }
  if (current && cohort.isOpen) {
    // A completed run in the open cohort is the person's record of the course; a retake needs a cohort of its own.
    return { ok: true, enrolment: current, created: false };
  }
  try {
    const enrolment = await db.enrolment.create({ data: { userId, courseId: cohort.courseId, cohortId: cohort.id, enrolledAt: now } });
    return { ok: true, enrolment, created: true };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const raced = await db.enrolment.findUniqueOrThrow({ where: { userId_cohortId: { userId, cohortId: cohort.id } } });
    return { ok: true, enrolment: raced, created: false };
  }
}

/** Self-enrolment from the course page: the open cohort. Idempotent. */
export async function enrol(userId: string, course: { id: string }, now = new Date()): Promise<{ created: boolean; enrolment: Enrolment }> {
  const outcome = await enrolInCohort(userId, await openCohort(course.id), now);
  if (!outcome.ok) throw new Error(`The open cohort of course ${course.id} refused an enrolment: ${outcome.reason}`);
  return { created: outcome.created, enrolment: outcome.enrolment };
}

export async function isEnrolled(userId: string, courseId: string): Promise<boolean> {
  return (await db.enrolment.count({ where: { userId, courseId } })) > 0;
}
