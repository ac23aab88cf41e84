import { describe, expect, test } from "vitest";
import { db } from "~/db/client.server";
import { acceptedAssignmentIds } from "./assignment/submissions.server";
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

  test("is the newest of several valid ones, and never another learner's or another course's", async () => {
    const { course, user } = await setup();
    const other = await createUser({ name: "Sami" });
    const otherCourse = await catalogCourse("views-other-course");
    const certificate = async (userId: string, courseId: string, code: string, issuedAt: Date) => {
      const completion = await completionFor(userId, courseId);
      return db.certificate.create({
        data: { code, userId, courseId, completionId: completion.id, locale: "fr", learnerName: "N", courseTitle: "C", hours: 1, issuedAt },
      });
    };
    await certificate(other.id, course.id, "BBBBBBBBBBBBBBBBBBBB", new Date("2026-06-01T00:00:00Z"));
    await certificate(user.id, otherCourse.id, "CCCCCCCCCCCCCCCCCCCC", new Date("2026-06-01T00:00:00Z"));
    expect(await courseCertificate(user.id, course.id)).toBeNull();
    const older = await certificate(user.id, course.id, "DDDDDDDDDDDDDDDDDDDD", new Date("2026-01-01T00:00:00Z"));
    const newer = await db.certificate.create({
      data: { ...older, id: undefined, code: "EEEEEEEEEEEEEEEEEEEE", issuedAt: new Date("2026-02-01T00:00:00Z"), replacesId: older.id },
    });
    expect((await courseCertificate(user.id, course.id))?.id).toBe(newer.id);
    expect((await courseCertificate(other.id, course.id))?.code).toBe("BBBB-BBBB-BBBB-BBBB-BBBB");
  });
});

describe("acceptedAssignmentIds", () => {
  test("each accepted assignment once, of this run only", async () => {
    const { course, user } = await setup();
    const other = await createUser();
    const run = { userId: user.id, courseId: course.id, enrolmentId: (await enrolmentFor(user.id, course.id)).id };
    const otherRun = { userId: other.id, courseId: course.id, enrolmentId: (await enrolmentFor(other.id, course.id)).id };
    await db.submission.create({ data: { ...otherRun, assignmentId: "note", version: 1, text: "v1", status: "accepted" } });
    expect(await acceptedAssignmentIds(run.enrolmentId)).toEqual([]);
    await db.submission.create({ data: { ...run, assignmentId: "pitch", version: 1, text: "v1", status: "accepted" } });
    await db.submission.create({ data: { ...run, assignmentId: "pitch", version: 2, text: "v2", status: "accepted" } });
    await db.submission.create({ data: { ...run, assignmentId: "note", version: 1, text: "v1", status: "submitted" } });
    expect(await acceptedAssignmentIds(run.enrolmentId)).toEqual(["pitch"]);
    expect(await acceptedAssignmentIds(otherRun.enrolmentId)).toEqual(["note"]);
  });
});
