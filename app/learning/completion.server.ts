import type { CatalogCourse } from "~/catalog/catalog.server";
import { lessonsInOrder } from "~/catalog/outline";
import type { CourseDefinition, IslandPlacement } from "~/catalog/types";
import { db } from "~/db/client.server";
import { lessonPackageProgress } from "~/scorm/scorm-progress.server";
import { recordCompletionTraining } from "~/training/records.server";
import { acceptedAssignmentIds } from "./assignment/submissions.server";
import { currentEnrolment } from "./enrolments.server";
import { quizOutcomes } from "./quiz/attempts.server";

/**
 * A course's completion rule (course.yml → completion), evaluated against
 * what a learner did: lessons completed, quizzes passed (at the rule's score
 * when it sets one), assignments accepted, SCORM packages done (their every
 * item completed or passed, app/scorm/scorm-progress.server.ts). Progress per module and per course
 * is derived from the same evaluation, so the bar and the completion can
 * never disagree.
 */

export type QuizFact = { passed: boolean; bestPercent: number };

export type CompletionFacts = {
  completedLessonIds: ReadonlySet<string>;
  /** Per quiz id; a quiz never sent has no entry. */
  quizOutcomes?: ReadonlyMap<string, QuizFact>;
  acceptedAssignmentIds?: ReadonlySet<string>;
  /** Per SCORM lesson id (completion.scorm): whether its package is done, and its score. */
  scormOutcomes?: ReadonlyMap<string, ScormFact>;
};

export type ScormFact = { completed: boolean; scorePercent: number | null; percent: number };

type Placed = {
  id: string;
  /** The lesson holding it (a lesson requirement is its own lesson); null when the build did not say. */
  lessonId: string | null;
  moduleId: string | null;
  met: boolean;
};

export type Requirement =
  | (Placed & { kind: "lesson" })
  | (Placed & {
      kind: "quiz";
      /** The score the rule asks for, above the quiz's own passing score; null when passing is enough. */
      minScore: number | null;
      passed: boolean;
      /** Best score of the sent attempts; null before the first one. */
      bestPercent: number | null;
    })
  | (Placed & { kind: "assignment" })
  | (Placed & {
      kind: "scorm";
      /** How much of the package's table of contents is done, 0–100. */
      percent: number;
      scorePercent: number | null;
    });

export type RequirementKind = Requirement["kind"];

export type Tally = { done: number; required: number; percent: number };

export type RuleEvaluation = Tally & {
  met: boolean;
  requirements: Requirement[];
  /** Per kind, for "2 of 2 lessons · 0 of 1 quiz" lines. */
  byKind: Record<RequirementKind, { done: number; required: number }>;
  /** One entry per module of the course, in order; a module with nothing required has required 0. */
  modules: (Tally & { moduleId: string })[];
};

export function requiredLessonIds(course: CourseDefinition): string[] {
  const all = lessonsInOrder(course).map((l) => l.id);
  const rule = course.completion.lessons;
  return rule === "all" ? all : all.filter((id) => rule.includes(id));
}

function tally(requirements: readonly Requirement[]): Tally {
  const done = requirements.filter((r) => r.met).length;
  const required = requirements.length;
  // Rounded down: 100 only when every requirement is met.
  return { done, required, percent: required ? Math.floor((done / required) * 100) : 0 };
}

/**
 * Pure: the rule against the facts. `islands` (from the course build) tells
 * which lesson, hence which module, holds each quiz and assignment.
 */
export function evaluateCompletionRule(
  course: CourseDefinition,
  facts: CompletionFacts,
  islands: readonly IslandPlacement[] = [],
): RuleEvaluation {
  const moduleOf = new Map(lessonsInOrder(course).map((l) => [l.id, l.moduleId]));
  const place = (kind: string, id: string) => {
    const lessonId = islands.find((i) => i.kind === kind && i.id === id)?.lessonId ?? null;
    return { lessonId, moduleId: (lessonId && moduleOf.get(lessonId)) ?? null };
  };

  const requirements: Requirement[] = requiredLessonIds(course).map((id) => ({
    kind: "lesson",
    id,
    lessonId: id,
    moduleId: moduleOf.get(id) ?? null,
    met: facts.completedLessonIds.has(id),
  }));
  for (const quiz of course.completion.quizzes ?? []) {
    const outcome = facts.quizOutcomes?.get(quiz.id);
    const passed = outcome?.passed ?? false;
    const bestPercent = outcome ? outcome.bestPercent : null;
    const minScore = quiz.minScore ?? null;
    requirements.push({
      kind: "quiz",
      id: quiz.id,
      ...place("quiz", quiz.id),
      minScore,
      passed,
      bestPercent,
      met: passed && (minScore === null || (bestPercent ?? 0) >= minScore),
    });
  }
  for (const id of course.completion.assignments ?? []) {
    requirements.push({ kind: "assignment", id, ...place("assignment", id), met: facts.acceptedAssignmentIds?.has(id) ?? false });
  }
  // A SCORM requirement is named by its lesson: attempts are kept per lesson, whichever package version it plays.
  for (const lessonId of course.completion.scorm ?? []) {
    const outcome = facts.scormOutcomes?.get(lessonId);
    requirements.push({
      kind: "scorm",
      id: lessonId,
      lessonId,
      moduleId: moduleOf.get(lessonId) ?? null,
      percent: outcome?.percent ?? 0,
      scorePercent: outcome?.scorePercent ?? null,
      met: outcome?.completed ?? false,
    });
  }

  const byKind = {
    lesson: { done: 0, required: 0 },
    quiz: { done: 0, required: 0 },
    assignment: { done: 0, required: 0 },
    scorm: { done: 0, required: 0 },
  };
  for (const r of requirements) {
    byKind[r.kind].required++;
    if (r.met) byKind[r.kind].done++;
  }
  const total = tally(requirements);
  return {
    ...total,
    met: total.required > 0 && total.done === total.required,
    requirements,
    byKind,
    modules: course.modules.map((mod) => ({ moduleId: mod.id, ...tally(requirements.filter((r) => r.moduleId === mod.id)) })),
  };
}

/**
 * The facts beyond lessons that a rule needs: quiz outcomes only if it asks
 * for quizzes, accepted assignments only if it asks for assignments, the
 * state of each SCORM lesson's package only if it asks for SCORM lessons.
 */
export async function ruleFacts(
  enrolmentId: string,
  course: Pick<CatalogCourse, "id" | "definition" | "slug" | "version" | "islands">,
): Promise<Omit<CompletionFacts, "completedLessonIds">> {
  const rule = course.definition.completion;
  const [quizzes, assignments, scorm] = await Promise.all([
    rule.quizzes?.length ? quizOutcomes(enrolmentId) : undefined,
    rule.assignments?.length ? acceptedAssignmentIds(enrolmentId) : undefined,
    rule.scorm?.length ? scormOutcomes(enrolmentId, course, rule.scorm) : undefined,
  ]);
  return {
    ...(quizzes ? { quizOutcomes: quizzes } : {}),
    ...(assignments ? { acceptedAssignmentIds: new Set(assignments) } : {}),
    ...(scorm ? { scormOutcomes: scorm } : {}),
  };
}

async function scormOutcomes(
  enrolmentId: string,
  course: Pick<CatalogCourse, "slug" | "version" | "islands">,
  lessonIds: readonly string[],
): Promise<Map<string, ScormFact>> {
  const out = new Map<string, ScormFact>();
  for (const lessonId of lessonIds) {
    const progress = await lessonPackageProgress(enrolmentId, course, lessonId);
    if (progress) out.set(lessonId, { completed: progress.completed, scorePercent: progress.scorePercent, percent: progress.percent });
  }
  return out;
}

export async function completionFacts(enrolmentId: string, course: CatalogCourse): Promise<CompletionFacts> {
  const [rows, more] = await Promise.all([
    db.lessonProgress.findMany({ where: { enrolmentId, completedAt: { not: null } }, select: { lessonId: true } }),
    ruleFacts(enrolmentId, course),
  ]);
  return { completedLessonIds: new Set(rows.map((r) => r.lessonId)), ...more };
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === "P2002";
}

/**
 * Records the Completion of the person's current run when the rule is met —
 * once: an existing row is kept with its original date and course version,
 * whatever the course became since. The training record reports count is
 * written in the same transaction. `newlyCompleted` is true only for the call
 * that created the row, which also issues the certificate. Every path that can
 * meet a rule (a lesson marked complete, a quiz sent, an assignment accepted)
 * ends here.
 */
export async function recordCompletionIfMet(
  userId: string,
  course: CatalogCourse,
  now = new Date(),
): Promise<{ completed: boolean; newlyCompleted: boolean }> {
  const enrolment = await currentEnrolment(userId, course.id);
  if (!enrolment) return { completed: false, newlyCompleted: false };
  const existing = await db.completion.findUnique({ where: { enrolmentId: enrolment.id }, select: { id: true } });
  if (existing) return { completed: true, newlyCompleted: false };
  const evaluation = evaluateCompletionRule(course.definition, await completionFacts(enrolment.id, course), course.islands);
  if (!evaluation.met) return { completed: false, newlyCompleted: false };
  let completionId: string;
  try {
    completionId = await db.$transaction(async (tx) => {
      const completion = await tx.completion.create({
        data: { userId, courseId: course.id, enrolmentId: enrolment.id, courseVersion: course.version, modality: "online", completedAt: now },
      });
      await recordCompletionTraining(tx, completion, { validityMonths: course.definition.validityMonths });
      return completion.id;
    });
  } catch (error) {
    // Two requests meeting the rule at once: the other one recorded it (and issues the certificate).
    if (isUniqueViolation(error)) return { completed: true, newlyCompleted: false };
    throw error;
  }
  // Loaded on first use, from a module nothing else imports: the certificate module brings the PDF renderer
  // (fonts, HarfBuzz), which the modules that record progress — and the scripts that import them — need not load.
  const { issueCompletionCertificate } = await import("./completion-certificate.server");
  await issueCompletionCertificate(completionId, course);
  return { completed: true, newlyCompleted: true };
}
