import type { CatalogCourse } from "~/catalog/catalog.server";
import { findLesson, lessonsInOrder } from "~/catalog/outline";
import { db } from "~/db/client.server";
import { dateOrNull, placeholders, readRow, readRows } from "~/db/read.server";
import { type CompletionFacts, evaluateCompletionRule, recordCompletionIfMet, ruleFacts, type RuleEvaluation } from "./completion.server";
import type { Enrolment } from "~/db/generated/client";
import { currentEnrolment, currentEnrolments, knownOrCurrentEnrolment } from "./enrolments.server";

/**
 * What a learner did in a course, in their current run of it (enrolment):
 * per-lesson views and completions, and the course Completion. Percentages
 * are derived here on every read from LessonProgress and the completion
 * rule; none is stored.
 */

function assertLesson(course: CatalogCourse, lessonId: string) {
  if (!findLesson(course.definition, lessonId)) throw new Error(`Course ${course.slug} has no lesson "${lessonId}"`);
}

type ProgressRow = { lessonId: string; completedAt: Date | null; lastViewedAt: Date };

/**
 * A run's LessonProgress rows. Read on every course and lesson page: a prepared statement, not a Prisma
 * query (app/db/read.server.ts), so never inside a transaction.
 */
function progressRows(enrolmentId: string): ProgressRow[] {
  return readRows<StoredProgressRow>(
    `SELECT "lessonId", "completedAt", "lastViewedAt" FROM "LessonProgress" WHERE "enrolmentId" = ?`,
    enrolmentId,
  ).map(fromStored);
}

/** A LessonProgress row as SQLite stores it (DateTime columns as ISO text). */
type StoredProgressRow = { lessonId: string; completedAt: string | number | null; lastViewedAt: string | number };

function fromStored<R extends StoredProgressRow>(row: R): Omit<R, "completedAt" | "lastViewedAt"> & ProgressRow {
  return { ...row, completedAt: dateOrNull(row.completedAt), lastViewedAt: new Date(row.lastViewedAt) };
}

/**
 * How far a lesson's stored view may lag behind a repeated one (a reload, the page shown again after "mark
 * as complete") before it is written again; "viewed on" shows minutes.
 */
export const VIEW_REFRESH_MS = 60_000;

/**
 * Whether the view of `lessonId` stored in this run already says what a new one would: it exists, it is
 * the run's latest view (so "Resume" and the order of views stay as they are), and it is less than
 * VIEW_REFRESH_MS old. A view of another lesson in between, or an older one, is written.
 */
function viewIsCurrent(rows: readonly ProgressRow[], lessonId: string, now: Date): boolean {
  const own = rows.find((r) => r.lessonId === lessonId);
  if (!own) return false;
  const age = now.getTime() - own.lastViewedAt.getTime();
  if (!(age >= 0 && age < VIEW_REFRESH_MS)) return false;
  return rows.every((r) => r === own || r.lastViewedAt.getTime() < own.lastViewedAt.getTime());
}

/**
 * A learner opened a lesson: remembered so "Resume" can bring them back. Nothing for someone not enrolled.
 * A view the run already holds (see viewIsCurrent) is not written again: the lesson page is read far more
 * often than a learner moves on, and a write costs more than the read that avoids it.
 * `enrolment`: their current one when the caller already has it (see knownOrCurrentEnrolment).
 */
export async function recordLessonView(userId: string, course: CatalogCourse, lessonId: string, now = new Date(), enrolment?: Enrolment | null) {
  assertLesson(course, lessonId);
  const current = await knownOrCurrentEnrolment(userId, course.id, enrolment);
  if (!current) return;
  if (viewIsCurrent(progressRows(current.id), lessonId, now)) return;
  await db.lessonProgress.upsert({
    where: { enrolmentId_lessonId: { enrolmentId: current.id, lessonId } },
    create: { userId, courseId: course.id, enrolmentId: current.id, lessonId, startedAt: now, lastViewedAt: now },
    update: { lastViewedAt: now },
  });
}

export class NotEnrolledError extends Error {
  constructor() {
    super("Not enrolled in this course");
    this.name = "NotEnrolledError";
  }
}

/**
 * Marks a lesson complete (the first completion date is kept) and records the
 * course Completion when this met the rule.
 */
export async function markLessonComplete(userId: string, course: CatalogCourse, lessonId: string, now = new Date()) {
  assertLesson(course, lessonId);
  const enrolment = await currentEnrolment(userId, course.id);
  if (!enrolment) throw new NotEnrolledError();
  const where = { enrolmentId_lessonId: { enrolmentId: enrolment.id, lessonId } };
  const row = await db.lessonProgress.upsert({
    where,
    create: { userId, courseId: course.id, enrolmentId: enrolment.id, lessonId, startedAt: now, lastViewedAt: now, completedAt: now },
    update: {},
    select: { completedAt: true },
  });
  if (!row.completedAt) await db.lessonProgress.update({ where, data: { completedAt: now } });
  return recordCompletionIfMet(userId, course, now);
}

export type LessonState = "done" | "started" | "notStarted";

export type CourseProgress = {
  enrolled: boolean;
  enrolledAt: Date | null;
  lessonStates: Record<string, LessonState>;
  evaluation: RuleEvaluation;
  completion: { completedAt: Date; courseVersion: string } | null;
  /**
   * Where "Start"/"Resume" leads: the first lesson not completed or holding a
   * quiz or assignment the rule still waits for, else the last viewed.
   */
  resumeLessonId: string;
  started: boolean;
};

/** The rule's facts besides lessons (quiz outcomes, accepted assignments): see ruleFacts. */
type OtherFacts = Omit<CompletionFacts, "completedLessonIds">;

/** Pure: derives a learner's progress from their rows and the course (used for one course or many). */
export function deriveProgress(
  course: CatalogCourse,
  rows: ProgressRow[],
  enrolment: { enrolledAt: Date } | null,
  completion: { completedAt: Date; courseVersion: string } | null,
  facts: OtherFacts = {},
): CourseProgress {
  const lessons = lessonsInOrder(course.definition);
  const byLesson = new Map(rows.map((r) => [r.lessonId, r]));
  const lessonStates: Record<string, LessonState> = {};
  for (const lesson of lessons) {
    const row = byLesson.get(lesson.id);
    lessonStates[lesson.id] = row?.completedAt ? "done" : row ? "started" : "notStarted";
  }
  const completedLessonIds = new Set(lessons.filter((l) => lessonStates[l.id] === "done").map((l) => l.id));
  const evaluation = evaluateCompletionRule(course.definition, { completedLessonIds, ...facts }, course.islands);
  const waiting = new Set(evaluation.requirements.filter((r) => !r.met && r.lessonId).map((r) => r.lessonId));
  const firstIncomplete = lessons.find((l) => lessonStates[l.id] !== "done" || waiting.has(l.id));
  const lastViewed = rows
    .filter((r) => lessonStates[r.lessonId] !== undefined)
    .sort((a, b) => b.lastViewedAt.getTime() - a.lastViewedAt.getTime())[0];
  return {
    enrolled: Boolean(enrolment),
    enrolledAt: enrolment?.enrolledAt ?? null,
    lessonStates,
    evaluation,
    completion,
    resumeLessonId: firstIncomplete?.id ?? lastViewed?.lessonId ?? lessons[0].id,
    started: rows.some((r) => lessonStates[r.lessonId] !== undefined),
  };
}

const NOT_ENROLLED_FACTS: OtherFacts = {};

/** `known`: the current enrolment when the caller already has it (see knownOrCurrentEnrolment). */
export async function courseProgress(userId: string, course: CatalogCourse, known?: Enrolment | null): Promise<CourseProgress> {
  const enrolment = await knownOrCurrentEnrolment(userId, course.id, known);
  if (!enrolment) return deriveProgress(course, [], null, null, NOT_ENROLLED_FACTS);
  const [rows, completion, facts] = await Promise.all([
    // Read on every course and lesson page: prepared statements, not Prisma queries (app/db/read.server.ts).
    progressRows(enrolment.id),
    readRow<{ completedAt: string; courseVersion: string }>(
      `SELECT "completedAt", "courseVersion" FROM "Completion" WHERE "enrolmentId" = ?`,
      enrolment.id,
    ),
    ruleFacts(enrolment.id, course),
  ]);
  return deriveProgress(course, rows, enrolment, completion ? { ...completion, completedAt: new Date(completion.completedAt) } : null, facts);
}

/**
 * Progress in every course a learner is enrolled in (their current run of
 * each): three queries whatever the number of courses, plus one or two per
 * course whose rule asks for quizzes or assignments.
 */
export async function progressByCourse(userId: string, courses: CatalogCourse[]): Promise<Map<string, CourseProgress>> {
  const enrolments = await currentEnrolments(userId, courses.map((c) => c.id));
  const ids = [...enrolments.values()].map((e) => e.id);
  const out = new Map<string, CourseProgress>();
  if (!ids.length) return out;
  // Read on /courses and the dashboard for a signed-in person: prepared statements (app/db/read.server.ts).
  const rows = readRows<StoredProgressRow & { enrolmentId: string }>(
    `SELECT "enrolmentId", "lessonId", "completedAt", "lastViewedAt" FROM "LessonProgress" WHERE "enrolmentId" IN (${placeholders(ids.length)})`,
    ...ids,
  ).map(fromStored);
  const completions = readRows<{ enrolmentId: string; completedAt: string | number; courseVersion: string }>(
    `SELECT "enrolmentId", "completedAt", "courseVersion" FROM "Completion" WHERE "enrolmentId" IN (${placeholders(ids.length)})`,
    ...ids,
  ).map((c) => ({ ...c, completedAt: new Date(c.completedAt) }));
  for (const course of courses) {
    const enrolment = enrolments.get(course.id);
    if (!enrolment) continue;
    out.set(
      course.id,
      deriveProgress(
        course,
        rows.filter((r) => r.enrolmentId === enrolment.id),
        enrolment,
        completions.find((c) => c.enrolmentId === enrolment.id) ?? null,
        await ruleFacts(enrolment.id, course),
      ),
    );
  }
  return out;
}
