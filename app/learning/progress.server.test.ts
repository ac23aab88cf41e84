import { describe, expect, test } from "vitest";
import type { CatalogCourse } from "~/catalog/catalog.server";
import type { CompletionRuleDefinition } from "~/catalog/types";
import { db } from "~/db/client.server";
import { evaluateCompletionRule, recordCompletionIfMet } from "./completion.server";
import { currentEnrolment, currentEnrolments, enrol } from "./enrolments.server";
import { courseProgress, markLessonComplete, NotEnrolledError, progressByCourse, recordLessonView, VIEW_REFRESH_MS } from "./progress.server";
import { catalogCourse, createUser } from "../../tests/setup/db-fixtures";

/** A course as the catalogue hands it out; its modules hold the given lesson ids. */
function makeCourse(
  modules: string[][],
  { slug = "course-a", version = "v1", completion = { lessons: "all" } as CompletionRuleDefinition } = {},
): Promise<CatalogCourse> {
  return catalogCourse(slug, {
    version,
    completion,
    modules: modules.map((ids, m) => ({
      id: `m${m + 1}`,
      title: { fr: `Module ${m + 1}` },
      lessons: ids.map((id) => ({ id, title: { fr: id } })),
    })),
  });
}

const day = (n: number) => new Date(Date.UTC(2026, 0, n, 12));

describe("enrolment", () => {
  test("is idempotent: a second click keeps one enrolment and its first date", async () => {
    const user = await createUser();
    const course = await makeCourse([["a", "b"]]);
    expect(await enrol(user.id, course, day(1))).toMatchObject({ created: true });
    expect(await enrol(user.id, course, day(2))).toMatchObject({ created: false });
    const rows = await db.enrolment.findMany({ where: { userId: user.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0].enrolledAt).toEqual(day(1));
  });

  test("is required to mark a lesson complete", async () => {
    const user = await createUser();
    const course = await makeCourse([["a"]]);
    await expect(markLessonComplete(user.id, course, "a")).rejects.toBeInstanceOf(NotEnrolledError);
    expect(await db.lessonProgress.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe("lesson progress", () => {
  test("marking complete stores the date once; the percentage is derived from it", async () => {
    const user = await createUser();
    const course = await makeCourse([["a", "b"], ["c", "d"]]);
    await enrol(user.id, course);
    expect((await courseProgress(user.id, course)).evaluation.percent).toBe(0);

    await markLessonComplete(user.id, course, "b", day(3));
    await markLessonComplete(user.id, course, "b", day(4));
    const row = await db.lessonProgress.findFirstOrThrow({ where: { userId: user.id, courseId: course.id, lessonId: "b" } });
    expect(row.completedAt).toEqual(day(3));

    const progress = await courseProgress(user.id, course);
    expect(progress.lessonStates).toEqual({ a: "notStarted", b: "done", c: "notStarted", d: "notStarted" });
    expect(progress.evaluation).toMatchObject({ done: 1, required: 4, percent: 25, met: false });
    expect(progress.completion).toBeNull();
  });

  test("an unknown lesson id is refused", async () => {
    const user = await createUser();
    const course = await makeCourse([["a"]]);
    await enrol(user.id, course);
    await expect(markLessonComplete(user.id, course, "nope")).rejects.toThrow(/no lesson "nope"/);
    await expect(recordLessonView(user.id, course, "nope")).rejects.toThrow(/no lesson "nope"/);
  });

  test("Resume leads to the first incomplete lesson, else to the last one viewed", async () => {
    const user = await createUser();
    const course = await makeCourse([["a", "b"], ["c"]]);
    await enrol(user.id, course);
    let progress = await courseProgress(user.id, course);
    expect(progress).toMatchObject({ started: false, resumeLessonId: "a" });

    await recordLessonView(user.id, course, "a", day(1));
    await markLessonComplete(user.id, course, "a", day(1));
    await recordLessonView(user.id, course, "c", day(2));
    progress = await courseProgress(user.id, course);
    expect(progress).toMatchObject({ started: true, resumeLessonId: "b" });
    expect(progress.lessonStates.c).toBe("started");

    await markLessonComplete(user.id, course, "b", day(3));
    await markLessonComplete(user.id, course, "c", day(3));
    await recordLessonView(user.id, course, "b", day(5));
    expect((await courseProgress(user.id, course)).resumeLessonId).toBe("b");
  });
});

describe("the lesson view record", () => {
  const at = (seconds: number) => new Date(day(1).getTime() + seconds * 1000);
  const views = async (userId: string) =>
    Object.fromEntries(
      (await db.lessonProgress.findMany({ where: { userId }, select: { lessonId: true, startedAt: true, lastViewedAt: true } })).map((r) => [
        r.lessonId,
        { startedAt: r.startedAt, lastViewedAt: r.lastViewedAt },
      ]),
    );

  test("is written on the first view, and not again while it is the run's latest and younger than VIEW_REFRESH_MS", async () => {
    const user = await createUser();
    const course = await makeCourse([["a", "b"]]);
    await enrol(user.id, course);
    await recordLessonView(user.id, course, "a", at(0));
    expect(await views(user.id)).toEqual({ a: { startedAt: at(0), lastViewedAt: at(0) } });

    // A reload a moment later writes nothing: the stored view already says "a, just now".
    await recordLessonView(user.id, course, "a", at(30));
    await recordLessonView(user.id, course, "a", new Date(at(0).getTime() + VIEW_REFRESH_MS - 1));
    expect(await views(user.id)).toEqual({ a: { startedAt: at(0), lastViewedAt: at(0) } });

    // Once older than that, it moves.
    await recordLessonView(user.id, course, "a", at(VIEW_REFRESH_MS / 1000));
    expect((await views(user.id)).a).toEqual({ startedAt: at(0), lastViewedAt: at(VIEW_REFRESH_MS / 1000) });
  });

  test("moves at once when another lesson was viewed since, so Resume and the order of views stay as before", async () => {
    const user = await createUser();
    const course = await makeCourse([["a", "b"]]);
    await enrol(user.id, course);
    await markLessonComplete(user.id, course, "a", at(0));
    await markLessonComplete(user.id, course, "b", at(0));
    await recordLessonView(user.id, course, "a", at(1));
    await recordLessonView(user.id, course, "b", at(2));
    expect((await courseProgress(user.id, course)).resumeLessonId).toBe("b");
    await recordLessonView(user.id, course, "a", at(3));
    expect((await views(user.id)).a.lastViewedAt).toEqual(at(3));
    expect((await courseProgress(user.id, course)).resumeLessonId).toBe("a");
  });

  test("moves when the new view is older than the stored one (a clock set back), as the upsert always did", async () => {
    const user = await createUser();
    const course = await makeCourse([["a"]]);
    await enrol(user.id, course);
    await recordLessonView(user.id, course, "a", at(10));
    await recordLessonView(user.id, course, "a", at(5));
    expect((await views(user.id)).a.lastViewedAt).toEqual(at(5));
  });

  test("looks at the learner's own run only: another learner's later view changes nothing for them", async () => {
    const [user, other] = [await createUser(), await createUser()];
    const course = await makeCourse([["a", "b"]]);
    await enrol(user.id, course);
    await enrol(other.id, course);
    await recordLessonView(user.id, course, "a", at(0));
    await recordLessonView(other.id, course, "b", at(10));
    await recordLessonView(user.id, course, "a", at(20));
    expect(await views(user.id)).toEqual({ a: { startedAt: at(0), lastViewedAt: at(0) } });
    expect(await views(other.id)).toEqual({ b: { startedAt: at(10), lastViewedAt: at(10) } });
    // With the enrolment handed in by the caller (as the lesson page does), a first view of a lesson is written.
    await recordLessonView(other.id, course, "a", at(30), await currentEnrolment(other.id, course.id));
    expect((await views(other.id)).a).toEqual({ startedAt: at(30), lastViewedAt: at(30) });
  });

  test("is not written for someone not enrolled", async () => {
    const user = await createUser();
    const course = await makeCourse([["a"]]);
    await recordLessonView(user.id, course, "a", at(0));
    await recordLessonView(user.id, course, "a", at(0), null);
    expect(await db.lessonProgress.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe("course completion", () => {
  test("is recorded once, with its date and the course version, when the last required lesson is completed", async () => {
    const user = await createUser();
    const course = await makeCourse([["a"], ["b"]], { version: "version-1" });
    await enrol(user.id, course);
    expect(await markLessonComplete(user.id, course, "a", day(1))).toEqual({ completed: false, newlyCompleted: false });
    expect(await markLessonComplete(user.id, course, "b", day(2))).toEqual({ completed: true, newlyCompleted: true });
    expect(await markLessonComplete(user.id, course, "b", day(3))).toEqual({ completed: true, newlyCompleted: false });
    expect(await recordCompletionIfMet(user.id, course, day(4))).toEqual({ completed: true, newlyCompleted: false });

    const completions = await db.completion.findMany({ where: { userId: user.id } });
    expect(completions).toHaveLength(1);
    expect(completions[0]).toMatchObject({ courseVersion: "version-1", completedAt: day(2), modality: "online" });
    const progress = await courseProgress(user.id, course);
    expect(progress.evaluation.percent).toBe(100);
    expect(progress.completion).toEqual({ completedAt: day(2), courseVersion: "version-1" });
  });

  test("is not taken back when a new version of the course adds a lesson; the percentage follows the new content", async () => {
    const user = await createUser();
    const v1 = await makeCourse([["a", "b"]], { version: "v1" });
    await enrol(user.id, v1);
    await markLessonComplete(user.id, v1, "a", day(1));
    await markLessonComplete(user.id, v1, "b", day(1));

    const v2 = await makeCourse([["a", "b"], ["c"]], { version: "v2" });
    expect(v2.id).toBe(v1.id);
    expect(await recordCompletionIfMet(user.id, v2, day(9))).toEqual({ completed: true, newlyCompleted: false });
    const progress = await courseProgress(user.id, v2);
    expect(progress.completion).toEqual({ completedAt: day(1), courseVersion: "v1" });
    expect(progress.evaluation).toMatchObject({ done: 2, required: 3, percent: 66, met: false });
    expect(progress.resumeLessonId).toBe("c");
  });

  test("follows the course's rule: only the lessons it lists are required", async () => {
    const user = await createUser();
    const course = await makeCourse([["a", "b", "c"]], { completion: { lessons: ["a", "c"] } });
    await enrol(user.id, course);
    await markLessonComplete(user.id, course, "a", day(1));
    expect((await courseProgress(user.id, course)).evaluation.percent).toBe(50);
    expect(await markLessonComplete(user.id, course, "c", day(2))).toEqual({ completed: true, newlyCompleted: true });
    expect((await courseProgress(user.id, course)).lessonStates.b).toBe("notStarted");
  });

  test("the rule evaluation is a pure function of the facts", () => {
    const definition = {
      slug: "x",
      languages: ["fr" as const],
      title: {},
      summary: {},
      audience: {},
      hours: 1,
      completion: { lessons: "all" as const },
      validityMonths: null,
      modules: [{ id: "m", title: {}, lessons: ["a", "b", "c"].map((id) => ({ id, title: {} })) }],
    };
    expect(evaluateCompletionRule(definition, { completedLessonIds: new Set() })).toMatchObject({ met: false, percent: 0 });
    expect(evaluateCompletionRule(definition, { completedLessonIds: new Set(["a", "zzz"]) })).toMatchObject({
      met: false,
      done: 1,
      required: 3,
      percent: 33,
    });
    const all = evaluateCompletionRule(definition, { completedLessonIds: new Set(["a", "b", "c"]) });
    expect(all).toMatchObject({ met: true, percent: 100 });
    expect(all.requirements).toEqual(["a", "b", "c"].map((id) => ({ kind: "lesson", id, lessonId: id, moduleId: "m", met: true })));
  });
});

describe("progress across courses", () => {
  test("lists only enrolled courses, each with its own derived progress", async () => {
    const user = await createUser();
    const one = await makeCourse([["a", "b"]], { slug: "one" });
    const two = await makeCourse([["x"]], { slug: "two" });
    const three = await makeCourse([["y"]], { slug: "three" });
    await enrol(user.id, one);
    await enrol(user.id, two);
    await markLessonComplete(user.id, one, "a");
    await markLessonComplete(user.id, two, "x");
    const byCourse = await progressByCourse(user.id, [one, two, three]);
    expect([...byCourse.keys()].sort()).toEqual([one.id, two.id].sort());
    expect(byCourse.get(one.id)?.evaluation.percent).toBe(50);
    expect(byCourse.get(two.id)?.completion).not.toBeNull();
  });

  test("reads the same progress as courseProgress, dates as Dates, and never another learner's rows", async () => {
    const [user, other] = [await createUser(), await createUser()];
    const one = await makeCourse([["a", "b"], ["c"]], { slug: "one" });
    const two = await makeCourse([["x"]], { slug: "two" });
    const three = await makeCourse([["y"]], { slug: "three" });
    for (const person of [user, other]) {
      await enrol(person.id, one, day(1));
      await enrol(person.id, two, day(1));
    }
    await recordLessonView(user.id, one, "a", day(2));
    await markLessonComplete(user.id, one, "a", day(2));
    await recordLessonView(user.id, one, "c", day(3));
    await markLessonComplete(user.id, two, "x", day(4));
    // The other learner is further on in both courses: none of it may show in the first one's progress.
    for (const id of ["a", "b", "c"]) await markLessonComplete(other.id, one, id, day(5));
    await recordLessonView(other.id, two, "x", day(6));

    const byCourse = await progressByCourse(user.id, [one, two, three]);
    expect(byCourse.get(one.id)).toEqual(await courseProgress(user.id, one));
    expect(byCourse.get(two.id)).toMatchObject({ ...(await courseProgress(user.id, two)), completion: expect.objectContaining({ completedAt: day(4) }) });
    expect(byCourse.get(one.id)).toMatchObject({
      enrolledAt: day(1),
      lessonStates: { a: "done", b: "notStarted", c: "started" },
      completion: null,
      resumeLessonId: "b",
      started: true,
    });
    expect(byCourse.get(two.id)?.completion?.completedAt).toBeInstanceOf(Date);
    expect(byCourse.get(three.id)).toBeUndefined();
    expect((await progressByCourse(user.id, [])).size).toBe(0);
    expect((await progressByCourse((await createUser()).id, [one, two])).size).toBe(0);
  });

  test("currentEnrolments: the latest run per course, with its date as a Date, for the given courses only", async () => {
    const [user, other] = [await createUser(), await createUser()];
    const one = await makeCourse([["a"]], { slug: "one" });
    const two = await makeCourse([["x"]], { slug: "two" });
    const first = (await enrol(user.id, one, day(1))).enrolment;
    const cohort = await db.cohort.create({ data: { courseId: one.id, name: "Retake", inviteCode: `RT${Date.now()}`.slice(0, 10) } });
    const retake = await db.enrolment.create({ data: { userId: user.id, courseId: one.id, cohortId: cohort.id, enrolledAt: day(9) } });
    await enrol(other.id, two, day(2));
    const found = await currentEnrolments(user.id, [one.id, two.id]);
    expect([...found.keys()]).toEqual([one.id]);
    expect(found.get(one.id)).toEqual(retake);
    expect(found.get(one.id)?.enrolledAt).toBeInstanceOf(Date);
    expect(found.get(one.id)?.id).not.toBe(first.id);
    expect(await currentEnrolment(user.id, one.id)).toEqual(retake);
    expect((await currentEnrolments(user.id, [two.id])).size).toBe(0);
    expect((await currentEnrolments(user.id, [])).size).toBe(0);
  });
});
