import { describe, expect, test } from "vitest";
import type { CatalogCourse } from "~/catalog/catalog.server";
import type { CompletionRuleDefinition, CourseDefinition, IslandPlacement } from "~/catalog/types";
import { db } from "~/db/client.server";
import { evaluateCompletionRule, recordCompletionIfMet } from "./completion.server";
import { enrol } from "./enrolments.server";
import { courseProgress, markLessonComplete } from "./progress.server";
import { catalogCourse, createUser, enrolmentFor } from "../../tests/setup/db-fixtures";

/** Two modules: intro (a, b) and practice (c, holding the quiz "check" and the assignment "pitch"). */
function definition(completion: CompletionRuleDefinition): CourseDefinition {
  return {
    slug: "rule-course",
    languages: ["fr"],
    title: { fr: "Cours à règle" },
    summary: { fr: "Résumé" },
    audience: { fr: "Public" },
    hours: 2,
    completion,
    validityMonths: null,
    modules: [
      { id: "intro", title: { fr: "Intro" }, lessons: [{ id: "a", title: { fr: "A" } }, { id: "b", title: { fr: "B" } }] },
      { id: "practice", title: { fr: "Pratique" }, lessons: [{ id: "c", title: { fr: "C" } }] },
    ],
  };
}

const islands: IslandPlacement[] = [
  { kind: "quiz", id: "check", lessonId: "c" },
  { kind: "assignment", id: "pitch", lessonId: "c" },
];

const everything: CompletionRuleDefinition = { lessons: "all", quizzes: [{ id: "check" }], assignments: ["pitch"] };

describe("evaluateCompletionRule", () => {
  test("a SCORM lesson is met when its package is done, whatever the lessons marked; an empty lessons list asks for none", () => {
    const rule: CompletionRuleDefinition = { lessons: [], scorm: ["c"] };
    const started = evaluateCompletionRule(definition(rule), {
      completedLessonIds: new Set(["a", "b", "c"]),
      scormOutcomes: new Map([["c", { completed: false, scorePercent: 40, percent: 50 }]]),
    });
    expect(started).toMatchObject({ met: false, done: 0, required: 1, percent: 0 });
    expect(started.requirements).toEqual([
      { kind: "scorm", id: "c", lessonId: "c", moduleId: "practice", percent: 50, scorePercent: 40, met: false },
    ]);
    expect(started.byKind.scorm).toEqual({ done: 0, required: 1 });
    expect(started.modules).toEqual([
      { moduleId: "intro", done: 0, required: 0, percent: 0 },
      { moduleId: "practice", done: 0, required: 1, percent: 0 },
    ]);
    const done = evaluateCompletionRule(definition(rule), {
      completedLessonIds: new Set(),
      scormOutcomes: new Map([["c", { completed: true, scorePercent: 90, percent: 100 }]]),
    });
    expect(done).toMatchObject({ met: true, done: 1, required: 1, percent: 100 });
    // No facts about the package (never launched): not met.
    expect(evaluateCompletionRule(definition(rule), { completedLessonIds: new Set(["c"]) }).met).toBe(false);
  });

  test("counts lessons, quizzes and assignments, per kind, per module and for the course", () => {
    const evaluation = evaluateCompletionRule(
      definition(everything),
      { completedLessonIds: new Set(["a", "b"]), quizOutcomes: new Map([["check", { passed: true, bestPercent: 90 }]]) },
      islands,
    );
    expect(evaluation).toMatchObject({ met: false, done: 3, required: 5, percent: 60 });
    expect(evaluation.byKind).toEqual({
      lesson: { done: 2, required: 3 },
      quiz: { done: 1, required: 1 },
      assignment: { done: 0, required: 1 },
      scorm: { done: 0, required: 0 },
    });
    expect(evaluation.modules).toEqual([
      { moduleId: "intro", done: 2, required: 2, percent: 100 },
      { moduleId: "practice", done: 1, required: 3, percent: 33 },
    ]);
    expect(evaluation.requirements.find((r) => r.kind === "quiz")).toEqual({
      kind: "quiz",
      id: "check",
      lessonId: "c",
      moduleId: "practice",
      minScore: null,
      passed: true,
      bestPercent: 90,
      met: true,
    });
  });

  test("is met only when every requirement is, the assignment accepted included", () => {
    const facts = {
      completedLessonIds: new Set(["a", "b", "c"]),
      quizOutcomes: new Map([["check", { passed: true, bestPercent: 70 }]]),
    };
    expect(evaluateCompletionRule(definition(everything), facts, islands).met).toBe(false);
    const accepted = evaluateCompletionRule(definition(everything), { ...facts, acceptedAssignmentIds: new Set(["pitch"]) }, islands);
    expect(accepted).toMatchObject({ met: true, percent: 100 });
  });

  test("a quiz attempted but never passed does not count, nor does a pass below the rule's minimum score", () => {
    const rule = (minScore?: number): CompletionRuleDefinition => ({ lessons: ["a"], quizzes: [{ id: "check", minScore }] });
    const quiz = (passed: boolean, bestPercent: number) => ({
      completedLessonIds: new Set(["a"]),
      quizOutcomes: new Map([["check", { passed, bestPercent }]]),
    });
    expect(evaluateCompletionRule(definition(rule()), quiz(false, 60)).met).toBe(false);
    expect(evaluateCompletionRule(definition(rule()), quiz(true, 70)).met).toBe(true);
    expect(evaluateCompletionRule(definition(rule(80)), quiz(true, 75)).met).toBe(false);
    expect(evaluateCompletionRule(definition(rule(80)), quiz(true, 80)).met).toBe(true);
    // Never sent: no outcome at all.
    const none = evaluateCompletionRule(definition(rule(80)), { completedLessonIds: new Set(["a"]) });
    expect(none.requirements[1]).toMatchObject({ kind: "quiz", passed: false, bestPercent: null, minScore: 80, met: false });
  });

  test("without placements (a manifest from an older build) quizzes count for the course but no module", () => {
    const evaluation = evaluateCompletionRule(definition({ lessons: ["a"], quizzes: [{ id: "check" }] }), {
      completedLessonIds: new Set(["a"]),
    });
    expect(evaluation.requirements[1]).toMatchObject({ lessonId: null, moduleId: null });
    expect(evaluation).toMatchObject({ done: 1, required: 2, percent: 50 });
    expect(evaluation.modules).toEqual([
      { moduleId: "intro", done: 1, required: 1, percent: 100 },
      { moduleId: "practice", done: 0, required: 0, percent: 0 },
    ]);
  });
});

const learner = () => createUser({ name: "Élodie Nguyễn" });

function course(rule: CompletionRuleDefinition, version: string): Promise<CatalogCourse> {
  const { slug, ...rest } = definition(rule);
  return catalogCourse(slug, { ...rest, version, islands });
}

async function sendQuizAttempt(userId: string, courseId: string, number: number, percent: number, passed: boolean) {
  await db.quizAttempt.create({
    data: {
      userId,
      courseId,
      enrolmentId: (await enrolmentFor(userId, courseId)).id,
      quizId: "check",
      number,
      courseVersion: "v1",
      seed: `seed-${number}`,
      questionIds: "[]",
      status: "submitted",
      score: percent,
      maxScore: 100,
      percent,
      passed,
      submittedAt: new Date(),
    },
  });
}

async function acceptAssignment(userId: string, courseId: string) {
  const enrolmentId = (await enrolmentFor(userId, courseId)).id;
  await db.submission.create({ data: { userId, courseId, enrolmentId, assignmentId: "pitch", version: 1, text: "Mon pitch", status: "accepted" } });
}

const day = (n: number) => new Date(Date.UTC(2026, 1, n, 9));

describe("recordCompletionIfMet with quizzes and assignments", () => {
  test("completes on the last requirement met, once, and issues one certificate for it", async () => {
    const user = await learner();
    const c = await course(everything, "v1");
    await enrol(user.id, c);
    for (const id of ["a", "b", "c"]) await markLessonComplete(user.id, c, id, day(1));
    await sendQuizAttempt(user.id, c.id, 1, 40, false);
    expect(await recordCompletionIfMet(user.id, c, day(2))).toEqual({ completed: false, newlyCompleted: false });
    await sendQuizAttempt(user.id, c.id, 2, 85, true);
    expect(await recordCompletionIfMet(user.id, c, day(3))).toEqual({ completed: false, newlyCompleted: false });
    expect(await db.certificate.count({ where: { userId: user.id } })).toBe(0);

    await acceptAssignment(user.id, c.id);
    expect(await recordCompletionIfMet(user.id, c, day(4))).toEqual({ completed: true, newlyCompleted: true });
    expect(await recordCompletionIfMet(user.id, c, day(5))).toEqual({ completed: true, newlyCompleted: false });

    const completion = await db.completion.findFirstOrThrow({ where: { userId: user.id, courseId: c.id } });
    expect(completion).toMatchObject({ completedAt: day(4), courseVersion: "v1" });
    const certificates = await db.certificate.findMany({ where: { userId: user.id } });
    expect(certificates).toHaveLength(1);
    expect(certificates[0]).toMatchObject({
      completionId: completion.id,
      learnerName: user.name,
      courseTitle: "Cours à règle",
      hours: 2,
      revokedAt: null,
    });
  });

  test("editing the course later never takes a completion back: same date, same version, same certificate", async () => {
    const user = await learner();
    const v1 = await course({ lessons: "all" }, "v1");
    await enrol(user.id, v1);
    for (const id of ["a", "b"]) await markLessonComplete(user.id, v1, id, day(1));
    expect(await markLessonComplete(user.id, v1, "c", day(2))).toEqual({ completed: true, newlyCompleted: true });
    const certificate = await db.certificate.findFirstOrThrow({ where: { userId: user.id } });

    // Version 2 asks for a quiz passed at 90 % and an accepted assignment that this learner never did.
    const v2 = await course({ lessons: "all", quizzes: [{ id: "check", minScore: 90 }], assignments: ["pitch"] }, "v2");
    expect(v2.id).toBe(v1.id);
    expect(await recordCompletionIfMet(user.id, v2, day(9))).toEqual({ completed: true, newlyCompleted: false });
    expect(await markLessonComplete(user.id, v2, "a", day(9))).toEqual({ completed: true, newlyCompleted: false });

    const progress = await courseProgress(user.id, v2);
    expect(progress.completion).toEqual({ completedAt: day(2), courseVersion: "v1" });
    expect(progress.evaluation).toMatchObject({ met: false, done: 3, required: 5 });
    expect(await db.completion.count({ where: { userId: user.id } })).toBe(1);
    const after = await db.certificate.findMany({ where: { userId: user.id } });
    expect(after).toEqual([certificate]);
  });

  test("progress shows what is left per module, and Resume leads to the lesson whose quiz is not passed yet", async () => {
    const user = await learner();
    const c = await course({ lessons: "all", quizzes: [{ id: "check" }] }, "v1");
    await enrol(user.id, c);
    for (const id of ["a", "b", "c"]) await markLessonComplete(user.id, c, id, day(1));
    let progress = await courseProgress(user.id, c);
    expect(progress.evaluation.modules.map((m) => [m.moduleId, m.done, m.required])).toEqual([
      ["intro", 2, 2],
      ["practice", 1, 2],
    ]);
    expect(progress.resumeLessonId).toBe("c");
    expect(progress.completion).toBeNull();

    await sendQuizAttempt(user.id, c.id, 1, 100, true);
    expect(await recordCompletionIfMet(user.id, c)).toMatchObject({ newlyCompleted: true });
    progress = await courseProgress(user.id, c);
    expect(progress.evaluation).toMatchObject({ met: true, percent: 100 });
  });
});
