import type { CatalogCourse } from "~/catalog/catalog.server";
import { lessonsInOrder } from "~/catalog/outline";
import type { CourseDefinition } from "~/catalog/types";
import { db } from "~/db/client.server";

/**
 * A course's completion rule, evaluated against what a learner did. Issue 2's
 * rule is "these lessons completed" (all by default); quizzes to pass and
 * assignments to have accepted join as further requirement kinds, each with
 * its own facts, without changing how progress and completion are derived.
 */
export type CompletionFacts = {
  completedLessonIds: ReadonlySet<string>;
};

export type Requirement = { kind: "lesson"; id: string; met: boolean };

export type RuleEvaluation = {
  met: boolean;
  requirements: Requirement[];
  done: number;
  required: number;
  /** 0–100, rounded down: 100 only when every requirement is met. */
  percent: number;
};

export function requiredLessonIds(course: CourseDefinition): string[] {
  const all = lessonsInOrder(course).map((l) => l.id);
  const rule = course.completion.lessons;
  return rule === "all" ? all : all.filter((id) => rule.includes(id));
}

export function evaluateCompletionRule(course: CourseDefinition, facts: CompletionFacts): RuleEvaluation {
  const requirements: Requirement[] = requiredLessonIds(course).map((id) => ({
    kind: "lesson",
    id,
    met: facts.completedLessonIds.has(id),
  }));
  const done = requirements.filter((r) => r.met).length;
  const required = requirements.length;
  return {
    met: required > 0 && done === required,
    requirements,
    done,
    required,
    percent: required ? Math.floor((done / required) * 100) : 0,
  };
}

export async function completionFacts(userId: string, course: CatalogCourse): Promise<CompletionFacts> {
  const rows = await db.lessonProgress.findMany({
    where: { userId, courseId: course.id, completedAt: { not: null } },
    select: { lessonId: true },
  });
  return { completedLessonIds: new Set(rows.map((r) => r.lessonId)) };
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === "P2002";
}

/**
 * Records the Completion when the rule is met — once: an existing row is kept
 * with its original date and course version, whatever the course became since.
 * `newlyCompleted` is true only for the call that created the row (the place
 * to issue a certificate).
 */
export async function recordCompletionIfMet(
  userId: string,
  course: CatalogCourse,
  now = new Date(),
): Promise<{ completed: boolean; newlyCompleted: boolean }> {
  const existing = await db.completion.findUnique({ where: { userId_courseId: { userId, courseId: course.id } }, select: { id: true } });
  if (existing) return { completed: true, newlyCompleted: false };
  const evaluation = evaluateCompletionRule(course.definition, await completionFacts(userId, course));
  if (!evaluation.met) return { completed: false, newlyCompleted: false };
  try {
    await db.completion.create({
      data: { userId, courseId: course.id, courseVersion: course.version, modality: "online", completedAt: now },
    });
    return { completed: true, newlyCompleted: true };
  } catch (error) {
    // Two requests completing the last lesson at once: the other one recorded it.
    if (isUniqueViolation(error)) return { completed: true, newlyCompleted: false };
    throw error;
  }
}
