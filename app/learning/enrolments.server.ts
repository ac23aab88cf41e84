import { randomBytes } from "node:crypto";
import { db } from "~/db/client.server";
import type { Cohort, Enrolment, Prisma } from "~/db/generated/client";
import { placeholders, readRow, readRows } from "~/db/read.server";
import { inChunks, insertRows, newRowId } from "~/db/sql.server";

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

/** An Enrolment as SQLite stores it (enrolledAt as ISO text), read through app/db/read.server.ts. */
type StoredEnrolment = Omit<Enrolment, "enrolledAt"> & { enrolledAt: string | number };

const ENROLMENT_COLUMNS = `"id", "userId", "courseId", "cohortId", "enrolledAt"`;

/** Read on every course and lesson page: one prepared statement, not a Prisma query (app/db/read.server.ts). */
export async function currentEnrolment(userId: string, courseId: string): Promise<Enrolment | null> {
  const row = readRow<StoredEnrolment>(
    `SELECT ${ENROLMENT_COLUMNS} FROM "Enrolment"
     WHERE "userId" = ? AND "courseId" = ? ORDER BY "enrolledAt" DESC, "id" DESC LIMIT 1`,
    userId,
    courseId,
  );
  return row ? { ...row, enrolledAt: new Date(row.enrolledAt) } : null;
}

/**
 * What a page already read (`known`: the current enrolment, or null for none),
 * else currentEnrolment: the lesson page reads it once and hands it to
 * everything it calls, instead of one query each (decision 029).
 */
export async function knownOrCurrentEnrolment(userId: string, courseId: string, known?: Enrolment | null): Promise<Enrolment | null> {
  return known !== undefined ? known : currentEnrolment(userId, courseId);
}

/**
 * Current enrolments of a person in several courses (the catalogue's), by course id. Read on /courses and
 * the dashboard for a signed-in person: a prepared statement, not a Prisma query (app/db/read.server.ts).
 */
export async function currentEnrolments(userId: string, courseIds: readonly string[]): Promise<Map<string, Enrolment>> {
  if (!courseIds.length) return new Map();
  const rows = readRows<StoredEnrolment>(
    `SELECT ${ENROLMENT_COLUMNS} FROM "Enrolment"
     WHERE "userId" = ? AND "courseId" IN (${placeholders(courseIds.length)}) ORDER BY "enrolledAt" ASC, "id" ASC`,
    userId,
    ...courseIds,
  );
  // Ascending, so the last written for a course is its latest.
  return new Map(rows.map((row) => [row.courseId, { ...row, enrolledAt: new Date(row.enrolledAt) }]));
}

export type EnrolOutcome =
  | { ok: true; enrolment: Enrolment; created: boolean }
  | { ok: false; reason: "full" | "closed" };

/** What joining a cohort does, given the person's current run of its course. */
export type EnrolStep = { kind: "keep"; enrolmentId: string } | { kind: "move"; enrolmentId: string } | { kind: "create" };

/**
 * The rule, for one person or many (an import):
 * - a current run not completed yet moves into the cohort, progress and all;
 * - no run, or the current one completed, starts a new enrolment (a retake).
 * Joining the open cohort never pulls someone out of a group they were placed
 * in, and a completed run in it is the person's record of the course (a
 * retake needs a cohort of its own).
 */
export function enrolStep(cohort: Pick<Cohort, "isOpen">, current: { id: string; completed: boolean } | null): EnrolStep {
  if (!current) return { kind: "create" };
  if (cohort.isOpen) return { kind: "keep", enrolmentId: current.id };
  return current.completed ? { kind: "create" } : { kind: "move", enrolmentId: current.id };
}

/** A cohort past its end date takes nobody new. */
export function cohortEnded(cohort: Pick<Cohort, "endsAt">, now: Date): boolean {
  return Boolean(cohort.endsAt && cohort.endsAt < now);
}

/**
 * Enrols a person in a course's cohort (its open cohort when none is given),
 * following enrolStep. Already in that cohort: nothing changes. A cohort past
 * its end date, or full, takes nobody new.
 */
export async function enrolInCohort(userId: string, cohort: Cohort, now = new Date()): Promise<EnrolOutcome> {
  const same = await db.enrolment.findUnique({ where: { userId_cohortId: { userId, cohortId: cohort.id } } });
  if (same) return { ok: true, enrolment: same, created: false };
  if (cohortEnded(cohort, now)) return { ok: false, reason: "closed" };
  if (cohort.capacity !== null && (await db.enrolment.count({ where: { cohortId: cohort.id } })) >= cohort.capacity) {
    return { ok: false, reason: "full" };
  }
  const current = await currentEnrolment(userId, cohort.courseId);
  const completed = current ? (await db.completion.count({ where: { enrolmentId: current.id } })) > 0 : false;
  const step = enrolStep(cohort, current ? { id: current.id, completed } : null);
  if (step.kind === "keep") return { ok: true, enrolment: current!, created: false };
  if (step.kind === "move") {
    const moved = await db.enrolment.update({ where: { id: step.enrolmentId }, data: { cohortId: cohort.id } });
    return { ok: true, enrolment: moved, created: false };
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

type Tx = Prisma.TransactionClient;

export type CohortPlan = {
  /** Each person's step, in the order given; people already in the cohort are left out. */
  steps: Map<string, EnrolStep>;
  /** People the cohort cannot take (it ended, or it is full once the people before them are in). */
  refused: Map<string, "full" | "closed">;
  /** Already in the cohort: nothing to do. */
  already: Set<string>;
};

/** enrolInCohort's decisions for many people at once, in the order given (capacity goes to the first ones), without writing. */
export async function planCohortEnrolments(client: Tx, cohort: Cohort, userIds: readonly string[], now = new Date()): Promise<CohortPlan> {
  const plan: CohortPlan = { steps: new Map(), refused: new Map(), already: new Set() };
  const current = new Map<string, { id: string; completed: boolean }>();
  for (const ids of inChunks([...new Set(userIds)])) {
    const [inCohort, runs] = await Promise.all([
      client.enrolment.findMany({ where: { cohortId: cohort.id, userId: { in: ids } }, select: { userId: true } }),
      client.enrolment.findMany({
        where: { courseId: cohort.courseId, userId: { in: ids } },
        orderBy: [{ enrolledAt: "asc" }, { id: "asc" }],
        select: { id: true, userId: true, completion: { select: { id: true } } },
      }),
    ]);
    for (const row of inCohort) plan.already.add(row.userId);
    // Ascending, so the last written for a person is their current run (as currentEnrolment).
    for (const run of runs) current.set(run.userId, { id: run.id, completed: run.completion !== null });
  }
  let count = cohort.capacity === null ? 0 : await client.enrolment.count({ where: { cohortId: cohort.id } });
  for (const userId of userIds) {
    if (plan.already.has(userId) || plan.steps.has(userId) || plan.refused.has(userId)) continue;
    if (cohortEnded(cohort, now)) plan.refused.set(userId, "closed");
    else if (cohort.capacity !== null && count >= cohort.capacity) plan.refused.set(userId, "full");
    else {
      const step = enrolStep(cohort, current.get(userId) ?? null);
      plan.steps.set(userId, step);
      if (step.kind !== "keep") count++;
    }
  }
  return plan;
}

/** Writes what planCohortEnrolments decided, in a few statements. */
export async function applyCohortEnrolments(client: Tx, cohort: Cohort, steps: ReadonlyMap<string, EnrolStep>, now = new Date()): Promise<void> {
  const moves: string[] = [];
  const creates: string[] = [];
  for (const [userId, step] of steps) {
    if (step.kind === "move") moves.push(step.enrolmentId);
    else if (step.kind === "create") creates.push(userId);
  }
  for (const ids of inChunks(moves)) await client.enrolment.updateMany({ where: { id: { in: ids } }, data: { cohortId: cohort.id } });
  await insertRows(
    client,
    "Enrolment",
    ["id", "userId", "courseId", "cohortId", "enrolledAt"],
    creates.map((userId) => [newRowId(), userId, cohort.courseId, cohort.id, now]),
  );
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
