import { describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { currentEnrolment, enrol, enrolInCohort, formatInviteCode, newInviteCode, normalizeInviteCode, openCohort } from "./enrolments.server";
import { courseProgress, markLessonComplete } from "./progress.server";
import { catalogCourse, createUser } from "../../tests/setup/db-fixtures";

/** Cohorts, and taking a course again: each run keeps its own progress and completion. */

const day = (n: number) => new Date(Date.UTC(2026, 2, n, 9));

async function twoLessonCourse(slug: string, validityMonths: number | null = null) {
  return catalogCourse(slug, {
    validityMonths,
    modules: [{ id: "m", title: { fr: "M" }, lessons: [{ id: "a", title: { fr: "A" } }, { id: "b", title: { fr: "B" } }] }],
  });
}

async function cohort(courseId: string, fields: { capacity?: number; endsAt?: Date } = {}) {
  return db.cohort.create({ data: { courseId, name: "Groupe d'Oujda", inviteCode: newInviteCode(), ...fields } });
}

describe("invite codes", () => {
  it("are ten Crockford characters, shown in two halves, typed any way", () => {
    const code = newInviteCode();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
    expect(formatInviteCode("ABCDE12345")).toBe("ABCDE-12345");
    expect(normalizeInviteCode(" abcde-12345 ")).toBe("ABCDE12345");
    expect(normalizeInviteCode("ABCDE-1234O")).toBe("ABCDE12340");
    expect(normalizeInviteCode("ABCDE")).toBeNull();
    expect(normalizeInviteCode("ABCDE-1234U")).toBeNull();
  });
});

describe("enrolment in cohorts", () => {
  it("puts self-enrolment in the course's one open cohort", async () => {
    const course = await twoLessonCourse("open-cohort-course");
    const [first, second] = await Promise.all([openCohort(course.id), openCohort(course.id)]);
    expect(first.id).toBe(second.id);
    const user = await createUser();
    const { enrolment } = await enrol(user.id, course, day(1));
    expect(enrolment.cohortId).toBe(first.id);
  });

  it("moves an unfinished run into a cohort, progress and all", async () => {
    const course = await twoLessonCourse("move-run-course");
    const user = await createUser();
    await enrol(user.id, course, day(1));
    await markLessonComplete(user.id, course, "a", day(2));
    const group = await cohort(course.id);
    const joined = await enrolInCohort(user.id, group, day(3));
    expect(joined).toMatchObject({ ok: true, created: false, enrolment: { cohortId: group.id } });
    expect(await db.enrolment.count({ where: { userId: user.id, courseId: course.id } })).toBe(1);
    expect((await courseProgress(user.id, course)).lessonStates).toEqual({ a: "done", b: "notStarted" });
    // Enrolling from the course page afterwards does not pull them back into the open cohort.
    expect((await enrol(user.id, course, day(4))).enrolment.cohortId).toBe(group.id);
  });

  it("starts a new run for a course completed before, keeping the first run and its completion", async () => {
    const course = await twoLessonCourse("refresher-course", 24);
    const user = await createUser();
    await enrol(user.id, course, day(1));
    await markLessonComplete(user.id, course, "a", day(2));
    expect(await markLessonComplete(user.id, course, "b", day(3))).toMatchObject({ completed: true, newlyCompleted: true });
    const firstRun = (await currentEnrolment(user.id, course.id))!;

    const refresher = await cohort(course.id);
    const joined = await enrolInCohort(user.id, refresher, day(400));
    expect(joined).toMatchObject({ ok: true, created: true });
    const secondRun = (await currentEnrolment(user.id, course.id))!;
    expect(secondRun.id).not.toBe(firstRun.id);
    // The new run starts from nothing…
    const progress = await courseProgress(user.id, course);
    expect(progress.lessonStates).toEqual({ a: "notStarted", b: "notStarted" });
    expect(progress.completion).toBeNull();
    await markLessonComplete(user.id, course, "a", day(401));
    expect(await markLessonComplete(user.id, course, "b", day(402))).toMatchObject({ newlyCompleted: true });
    // …and both runs stay on record, each with its completion, training record and certificate.
    const completions = await db.completion.findMany({ where: { userId: user.id }, orderBy: { completedAt: "asc" } });
    expect(completions.map((c) => [c.enrolmentId, c.completedAt])).toEqual([
      [firstRun.id, day(3)],
      [secondRun.id, day(402)],
    ]);
    const records = await db.trainingRecord.findMany({ where: { userId: user.id }, orderBy: { occurredAt: "asc" } });
    expect(records.map((r) => [r.kind, r.year, r.month, r.validUntil])).toEqual([
      ["completion", 2026, 3, new Date(Date.UTC(2028, 2, 3, 9))],
      ["completion", 2027, 4, new Date(Date.UTC(2029, 3, 6, 9))],
    ]);
    expect(await db.certificate.count({ where: { userId: user.id } })).toBe(2);
  });

  it("turns people away from a full or ended cohort", async () => {
    const course = await twoLessonCourse("full-cohort-course");
    const small = await cohort(course.id, { capacity: 1 });
    expect((await enrolInCohort((await createUser()).id, small, day(1))).ok).toBe(true);
    expect(await enrolInCohort((await createUser()).id, small, day(1))).toEqual({ ok: false, reason: "full" });
    const ended = await cohort(course.id, { endsAt: day(10) });
    expect(await enrolInCohort((await createUser()).id, ended, day(11))).toEqual({ ok: false, reason: "closed" });
  });
});

describe("training records", () => {
  it("keep the organisation and profile of the day the training happened", async () => {
    const course = await twoLessonCourse("snapshot-course");
    const user = await createUser();
    const association = await db.organisation.create({ data: { name: "Association Amal", type: "civil_society", regionId: "MA-02", city: "Oujda" } });
    await db.membership.create({ data: { userId: user.id, organisationId: association.id } });
    await db.profile.create({ data: { userId: user.id, sex: "woman", ageBand: "from_25_to_34", profession: "social_worker" } });
    await enrol(user.id, course, day(1));
    await markLessonComplete(user.id, course, "a", day(1));
    await markLessonComplete(user.id, course, "b", day(2));
    // Later, the person changes job and organisation: the past record does not move.
    await db.membership.updateMany({ where: { userId: user.id, endedAt: null }, data: { endedAt: day(5) } });
    const ministry = await db.organisation.create({ data: { name: "Ministère", type: "government", regionId: "MA-04" } });
    await db.membership.create({ data: { userId: user.id, organisationId: ministry.id } });
    await db.profile.update({ where: { userId: user.id }, data: { profession: "public_servant" } });

    const [record] = await db.trainingRecord.findMany({ where: { userId: user.id } });
    expect(record).toMatchObject({
      kind: "completion",
      modality: "online",
      courseId: course.id,
      organisationId: association.id,
      organisationType: "civil_society",
      sex: "woman",
      ageBand: "from_25_to_34",
      profession: "social_worker",
      // No region of their own in the profile: the organisation's.
      regionId: "MA-02",
      city: "Oujda",
      validUntil: null,
    });
  });

  it("refuses a second current membership for one person", async () => {
    const user = await createUser();
    const [a, b] = await Promise.all(
      ["A", "B"].map((name) => db.organisation.create({ data: { name, type: "other" } })),
    );
    await db.membership.create({ data: { userId: user.id, organisationId: a.id } });
    await expect(db.membership.create({ data: { userId: user.id, organisationId: b.id } })).rejects.toMatchObject({ code: "P2002" });
  });
});
