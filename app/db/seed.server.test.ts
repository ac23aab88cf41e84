import { describe, expect, test } from "vitest";
import { verifyPassword } from "~/auth/password.server";
import type { CatalogCourse } from "~/catalog/catalog.server";
import { db } from "./client.server";
import {
  DEMO_ACCOUNTS,
  DEMO_LEARNER_IN_PROGRESS,
  DEMO_PASSWORD,
  DEMO_REVIEWER,
  SAMPLE_COURSE_SLUG,
  SAMPLE_MEDIA_COURSE_SLUG,
  seedDemoData,
} from "./seed.server";
import { catalogCourse } from "../../tests/setup/db-fixtures";

function sampleCourse(slug = SAMPLE_COURSE_SLUG): Promise<CatalogCourse> {
  return catalogCourse(slug, {
    modules: [{ id: "m", title: { fr: "M" }, lessons: [{ id: "one", title: { fr: "1" } }, { id: "two", title: { fr: "2" } }] }],
  });
}

describe("demo seed", () => {
  test("creates one account per role with the demo password, and a learner half-way through the sample course", async () => {
    const course = await sampleCourse();
    const result = await seedDemoData({ onlyIfEmpty: true, courses: [course] });
    expect(result).toEqual({ skipped: false, accounts: DEMO_ACCOUNTS.length, enrolments: 1, lessonsCompleted: 1, attendances: 24 });
    // 16 people at the workshop, 8 of them again at the webinar: 16 people trained, 24 trainings.
    const records = await db.trainingRecord.findMany({ select: { userId: true, kind: true, year: true } });
    expect(new Set(records.map((r) => r.userId)).size).toBe(16);
    expect(records.filter((r) => r.kind === "attendance" && r.year === 2025)).toHaveLength(16);

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

    const learner = users.find((u) => u.email === DEMO_LEARNER_IN_PROGRESS)!;
    expect(await db.enrolment.count({ where: { userId: learner.id, courseId: course.id } })).toBe(1);
    const done = await db.lessonProgress.findMany({ where: { userId: learner.id, completedAt: { not: null } } });
    expect(done.map((p) => p.lessonId)).toEqual(["one"]);
    expect(await db.completion.count()).toBe(0);
  });

  test("makes the demo reviewer a reviewer of both sample courses, once however often it runs", async () => {
    const courses = [await sampleCourse(), await sampleCourse(SAMPLE_MEDIA_COURSE_SLUG), await sampleCourse("another-course")];
    await seedDemoData({ onlyIfEmpty: false, courses });
    await seedDemoData({ onlyIfEmpty: false, courses });
    const rows = await db.courseReviewer.findMany({ select: { user: { select: { email: true } }, course: { select: { slug: true } } } });
    expect(rows.map((r) => [r.user.email, r.course.slug]).sort()).toEqual(
      [
        [DEMO_REVIEWER, SAMPLE_MEDIA_COURSE_SLUG],
        [DEMO_REVIEWER, SAMPLE_COURSE_SLUG],
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
