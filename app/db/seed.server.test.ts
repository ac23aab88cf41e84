import { describe, expect, test } from "vitest";
import { verifyPassword } from "~/auth/password.server";
import { type CatalogCourse, getCatalog } from "~/catalog/catalog.server";
import { requiredLessonIds } from "~/learning/completion.server";
import { db } from "./client.server";
import {
  DEMO_ACCOUNTS,
  DEMO_LEARNER_IN_PROGRESS,
  DEMO_PASSWORD,
  DEMO_REVIEWER,
  TRAFFICKING_COURSE_SLUG,
  MEDIA_COURSE_SLUG,
  seedDemoData,
} from "./seed.server";
import { catalogCourse } from "../../tests/setup/db-fixtures";

/** A stand-in course under a library slug: the reviewer test needs only its row. */
function sampleCourse(slug = TRAFFICKING_COURSE_SLUG): Promise<CatalogCourse> {
  return catalogCourse(slug, {
    modules: [{ id: "m", title: { fr: "M" }, lessons: [{ id: "one", title: { fr: "1" } }, { id: "two", title: { fr: "2" } }] }],
  });
}

describe("demo seed", () => {
  test("creates one account per role with the demo password, and the demo learners at different stages of the four courses", async () => {
    const { courses } = await getCatalog();
    expect(courses.map((c) => c.slug).sort()).toEqual(["fair-recruitment", MEDIA_COURSE_SLUG, "migration-data", TRAFFICKING_COURSE_SLUG].sort());
    const lines: string[] = [];
    const result = await seedDemoData({ onlyIfEmpty: true, courses, log: (line) => lines.push(line) });
    expect(result).toEqual({
      skipped: false,
      accounts: DEMO_ACCOUNTS.length,
      enrolments: 6,
      lessonsCompleted: 6 + 6 + 2 + 6 + 3,
      quizzesPassed: 3,
      completions: 2,
      submissions: 1,
      attendances: 24,
    });
    expect(lines).toContain("  amina@tadrib.test: trafficking-identify-protect-refer: 6 lesson(s) completed, 1 quiz(zes) passed, completed, certificate issued");
    // 16 people at the workshop, 8 of them again at the webinar, and the two demo learners' online completions.
    const records = await db.trainingRecord.findMany({ select: { userId: true, kind: true, year: true } });
    expect(new Set(records.map((r) => r.userId)).size).toBe(18);
    expect(records.filter((r) => r.kind === "attendance" && r.year === 2025)).toHaveLength(16);
    expect(records.filter((r) => r.kind === "completion")).toHaveLength(2);

    const users = await db.user.findMany({ where: { email: { not: null } }, include: { password: true }, orderBy: { email: "asc" } });
    // The workshops' attendees are known from the sheets only: no email, no password.
    expect(await db.user.count({ where: { email: null, password: { is: null } } })).toBe(16);
    expect(users.map((u) => [u.email, u.role, u.locale])).toEqual(
      [
        ["admin@tadrib.test", "admin", "fr"],
        ["amina@tadrib.test", "learner", "ar"],
        ["learner@tadrib.test", "learner", "fr"],
        ["manager@tadrib.test", "learner", "fr"],
        ["reviewer@tadrib.test", "reviewer", "fr"],
      ],
    );
    expect(users.find((u) => u.email === "amina@tadrib.test")?.name).toBe("أمينة العلوي");
    // Managing an organisation is a membership, not a global role.
    const memberships = await db.membership.findMany({ where: { user: { email: { not: null } } }, include: { user: true, organisation: true }, orderBy: { role: "asc" } });
    expect(memberships.map((m) => [m.user.email, m.role, m.organisation.type, m.endedAt])).toEqual([
      ["manager@tadrib.test", "manager", "civil_society", null],
      ["learner@tadrib.test", "member", "civil_society", null],
      ["amina@tadrib.test", "member", "civil_society", null],
    ].sort((a, b) => String(a[1]).localeCompare(String(b[1]))));
    expect(await verifyPassword(users[0].password!.hash, DEMO_PASSWORD)).toBe(true);

    const slugOf = new Map(courses.map((c) => [c.id, c.slug]));
    const stateOf = async (email: string) => {
      const user = users.find((u) => u.email === email)!;
      const enrolments = await db.enrolment.findMany({ where: { userId: user.id }, include: { completion: { include: { certificates: true } } } });
      const lessons = await db.lessonProgress.findMany({ where: { userId: user.id, completedAt: { not: null } }, orderBy: { lessonId: "asc" } });
      return Object.fromEntries(
        enrolments.map((e) => [
          slugOf.get(e.courseId),
          { lessons: lessons.filter((l) => l.courseId === e.courseId).map((l) => l.lessonId), certificate: (e.completion?.certificates.length ?? 0) > 0 },
        ]),
      );
    };
    const lessonsOf = (slug: string, count?: number) => requiredLessonIds(courses.find((c) => c.slug === slug)!.definition).slice(0, count).sort();
    expect(await stateOf(DEMO_LEARNER_IN_PROGRESS)).toEqual({
      "fair-recruitment": { lessons: lessonsOf("fair-recruitment"), certificate: true },
      [MEDIA_COURSE_SLUG]: { lessons: lessonsOf(MEDIA_COURSE_SLUG), certificate: false },
      [TRAFFICKING_COURSE_SLUG]: { lessons: lessonsOf(TRAFFICKING_COURSE_SLUG, 2), certificate: false },
      "migration-data": { lessons: [], certificate: false },
    });
    expect(await stateOf("amina@tadrib.test")).toEqual({
      [TRAFFICKING_COURSE_SLUG]: { lessons: lessonsOf(TRAFFICKING_COURSE_SLUG), certificate: true },
      "migration-data": { lessons: lessonsOf("migration-data", 3), certificate: false },
    });
    // Amina took the final assessment in Arabic, all right; the media course's pitch waits for the reviewer.
    const amina = users.find((u) => u.email === "amina@tadrib.test")!;
    const attempts = await db.quizAttempt.findMany({ where: { userId: amina.id }, select: { quizId: true, locale: true, percent: true, passed: true } });
    expect(attempts).toEqual([{ quizId: "final-assessment", locale: "ar", percent: 100, passed: true }]);
    const pending = await db.submission.findMany({ select: { status: true, user: { select: { email: true } }, course: { select: { slug: true } } } });
    expect(pending).toEqual([{ status: "submitted", user: { email: DEMO_LEARNER_IN_PROGRESS }, course: { slug: MEDIA_COURSE_SLUG } }]);
  });

  test("makes the demo reviewer a reviewer of the anti-trafficking and media courses, once however often it runs", async () => {
    const courses = [await sampleCourse(), await sampleCourse(MEDIA_COURSE_SLUG), await sampleCourse("another-course")];
    await seedDemoData({ onlyIfEmpty: false, courses });
    await seedDemoData({ onlyIfEmpty: false, courses });
    const rows = await db.courseReviewer.findMany({ select: { user: { select: { email: true } }, course: { select: { slug: true } } } });
    expect(rows.map((r) => [r.user.email, r.course.slug]).sort()).toEqual(
      [
        [DEMO_REVIEWER, MEDIA_COURSE_SLUG],
        [DEMO_REVIEWER, TRAFFICKING_COURSE_SLUG],
      ].sort(),
    );
  });

  test("with onlyIfEmpty, a database that has users is left alone", async () => {
    await db.user.create({ data: { email: "someone@example.test", name: "Someone" } });
    const before = await db.user.findMany({ select: { email: true, updatedAt: true }, orderBy: { email: "asc" } });
    expect(await seedDemoData({ onlyIfEmpty: true, courses: [] })).toEqual({ skipped: true });
    expect(await db.user.findMany({ select: { email: true, updatedAt: true }, orderBy: { email: "asc" } })).toEqual(before);
  });
});
