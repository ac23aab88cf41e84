import { describe, expect, test } from "vitest";
import { db } from "~/db/client.server";
import { evaluateCompletionRule } from "./completion.server";
import { courseCertificate, stepViews } from "./completion-views.server";
import { catalogCourse, completionFor, createUser, enrolmentFor } from "../../tests/setup/db-fixtures";

/** The rule as learners read it: each step's state, title, link, and the course's certificate. */

async function setup() {
  const user = await createUser({ name: "Nour" });
  const course = await catalogCourse("views-course", {
    islands: [
      { kind: "quiz", id: "basics", lessonId: "b" },
      { kind: "quiz", id: "final", lessonId: "b" },
      { kind: "assignment", id: "note", lessonId: "b" },
      { kind: "assignment", id: "pitch", lessonId: "b" },
    ],
    languages: ["fr", "ar"],
    title: { fr: "Cours", ar: "دورة" },
    summary: { fr: "Résumé", ar: "ملخص" },
    audience: { fr: "Public", ar: "الجمهور" },
    completion: { lessons: "all", quizzes: [{ id: "basics" }, { id: "final", minScore: 90 }], assignments: ["note", "pitch"] },
    modules: [{ id: "m", title: { fr: "M", ar: "و" }, lessons: [{ id: "a", title: { fr: "Première", ar: "الأول" } }, { id: "b", title: { fr: "Seconde", ar: "الثاني" } }] }],
  });
  return { course, user };
}

describe("stepViews", () => {
  test("tells each step's state in words a learner can act on, with a link to where it is done", async () => {
    const { course, user } = await setup();
    const run = { userId: user.id, courseId: course.id, enrolmentId: (await enrolmentFor(user.id, course.id)).id };
    await db.submission.create({ data: { ...run, assignmentId: "note", version: 1, text: "v1", status: "revision_requested" } });
    await db.submission.create({ data: { ...run, assignmentId: "note", version: 2, text: "v2", status: "submitted" } });
    await db.submission.create({ data: { ...run, assignmentId: "pitch", version: 1, text: "v1", status: "revision_requested" } });
    const evaluation = evaluateCompletionRule(
      course.definition,
      {
        completedLessonIds: new Set(["a"]),
        quizOutcomes: new Map([
          ["basics", { passed: false, bestPercent: 40 }],
          ["final", { passed: true, bestPercent: 75 }],
        ]),
      },
      course.islands,
    );
    const steps = await stepViews(course, evaluation, user.id, "ar");
    expect(steps.map((s) => [s.kind, s.id, s.status])).toEqual([
      ["lesson", "a", "done"],
      ["lesson", "b", "todo"],
      ["quiz", "basics", "notPassed"],
      ["quiz", "final", "belowMinScore"],
      ["assignment", "note", "submitted"],
      ["assignment", "pitch", "revisionRequested"],
    ]);
    expect(steps[0]).toMatchObject({ title: "الأول", href: "/courses/views-course/a", met: true });
    expect(steps[3]).toMatchObject({ href: "/courses/views-course/b#quiz-final", minScore: 90, bestPercent: 75, met: false });
    expect(steps[5].href).toBe("/courses/views-course/b#assignment-pitch");

    // A visitor sees the same steps, all to do, and nobody's submissions.
    const visitor = await stepViews(course, evaluateCompletionRule(course.definition, { completedLessonIds: new Set() }, course.islands), null, "fr");
    expect(visitor.map((s) => s.status)).toEqual(["todo", "todo", "todo", "todo", "todo", "todo"]);
  });
});

describe("courseCertificate", () => {
  test("is the newest valid certificate of the course, with its links, and null once revoked", async () => {
    const { course, user } = await setup();
    expect(await courseCertificate(user.id, course.id)).toBeNull();
    const completion = await completionFor(user.id, course.id);
    const certificate = await db.certificate.create({
      data: {
        code: "ABCDEFGHJKMNPQRSTVWX",
        userId: user.id,
        courseId: course.id,
        completionId: completion.id,
        activeCompletionId: completion.id,
        locale: "fr",
        learnerName: "Nour",
        courseTitle: "Cours",
        hours: 1,
      },
    });
    expect(await courseCertificate(user.id, course.id)).toEqual({
      id: certificate.id,
      code: "ABCD-EFGH-JKMN-PQRS-TVWX",
      pdfHref: `/me/certificates/${certificate.id}.pdf`,
      verifyHref: "/verify/ABCD-EFGH-JKMN-PQRS-TVWX",
    });
    await db.certificate.update({ where: { id: certificate.id }, data: { revokedAt: new Date(), activeCompletionId: null } });
    expect(await courseCertificate(user.id, course.id)).toBeNull();
  });
});
