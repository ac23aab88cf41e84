import { describe, expect, test } from "vitest";
import { db } from "~/db/client.server";
import { catalogCourse, createUser } from "../../tests/setup/db-fixtures";
import { saveCohort } from "./cohorts.server";
import { enrol, enrolInCohort, formatInviteCode, newInviteCode, openCohort, planCohortEnrolments } from "./enrolments.server";
import { joinCohort, joinPage } from "./join.server";
import { markLessonComplete } from "./progress.server";

/** Cohorts as admins make them and learners join them: capacity, end dates, invite codes typed any way. */

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};

/** A course of the test catalogue (cohorts look courses up there), with one lesson. */
async function sampleCourse() {
  return catalogCourse("trafficking-identify-protect-refer");
}

async function cohortOf(courseId: string, fields: { capacity?: number; endsAt?: Date } = {}) {
  return db.cohort.create({ data: { courseId, name: "Oujda, printemps", inviteCode: newInviteCode(), ...fields } });
}

describe("making a cohort", () => {
  test("saves the name, whole days and the capacity, with a fresh invite code", async () => {
    const course = await sampleCourse();
    const outcome = await saveCohort(course.slug, null, form({ name: "  Travailleurs sociaux d'Oujda ", startsOn: "2026-03-02", endsOn: "2026-03-06", capacity: "25" }));
    expect(outcome.ok).toBe(true);
    const cohort = await db.cohort.findUniqueOrThrow({ where: { id: outcome.ok ? outcome.cohortId : "" } });
    expect(cohort).toMatchObject({
      name: "Travailleurs sociaux d'Oujda",
      startsAt: new Date("2026-03-02T00:00:00.000Z"),
      endsAt: new Date("2026-03-06T23:59:59.999Z"),
      capacity: 25,
      isOpen: false,
    });
    expect(cohort.inviteCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
  });

  test("refuses a missing name, an end before the start, and a capacity below the people already in", async () => {
    const course = await sampleCourse();
    const refused = await saveCohort(course.slug, null, form({ name: "", capacity: "0" }));
    expect(refused.ok ? null : refused.result.error).toEqual({ name: ["cohorts.errors.nameRequired"], capacity: ["cohorts.errors.capacity"] });
    const backwards = await saveCohort(course.slug, null, form({ name: "Groupe", startsOn: "2026-03-06", endsOn: "2026-03-02" }));
    expect(backwards.ok ? null : backwards.result.error).toEqual({ endsOn: ["cohorts.errors.endBeforeStart"] });
    const group = await cohortOf(course.id);
    for (const _ of [1, 2]) await enrolInCohort((await createUser()).id, group);
    const below = await saveCohort(course.slug, group.id, form({ name: group.name, capacity: "1" }));
    expect(below.ok ? null : below.result.error).toEqual({ capacity: ["cohorts.errors.capacityBelowEnrolled"] });
    expect(await saveCohort(course.slug, group.id, form({ name: group.name, capacity: "2" }))).toEqual({ ok: true, cohortId: group.id });
  });

  test("the open cohort and another course's cohort cannot be edited here", async () => {
    const course = await sampleCourse();
    const open = await openCohort(course.id);
    await expect(saveCohort(course.slug, open.id, form({ name: "x" }))).rejects.toMatchObject({ status: 404 });
    const other = await catalogCourse("reporting-on-migration");
    const theirs = await cohortOf(other.id);
    await expect(saveCohort(course.slug, theirs.id, form({ name: "x" }))).rejects.toMatchObject({ status: 404 });
  });
});

describe("joining with an invite code", () => {
  test("accepts the code in any case, with or without the dash, and enrols in the cohort", async () => {
    const course = await sampleCourse();
    const group = await cohortOf(course.id);
    const learner = await createUser();
    const typed = formatInviteCode(group.inviteCode).toLowerCase();
    expect(await joinPage(typed, "fr", learner.id)).toMatchObject({ state: "open", cohort: { name: group.name }, course: { slug: course.slug } });
    expect(await joinCohort(typed.replace("-", ""), learner.id)).toEqual({ ok: true, slug: course.slug });
    expect(await db.enrolment.count({ where: { userId: learner.id, cohortId: group.id } })).toBe(1);
    expect(await joinPage(group.inviteCode, "fr", learner.id)).toMatchObject({ state: "member" });
    expect(await joinCohort("ZZZZZ-ZZZZZ", learner.id)).toBeNull();
  });

  test("a full or ended cohort refuses, saying why", async () => {
    const course = await sampleCourse();
    const full = await cohortOf(course.id, { capacity: 1 });
    await enrolInCohort((await createUser()).id, full);
    const late = await createUser();
    expect(await joinPage(full.inviteCode, "fr", late.id)).toMatchObject({ state: "full" });
    expect(await joinCohort(full.inviteCode, late.id)).toEqual({ ok: false, reason: "full" });
    const ended = await cohortOf(course.id, { endsAt: new Date("2020-01-01T00:00:00Z") });
    expect(await joinCohort(ended.inviteCode, late.id)).toEqual({ ok: false, reason: "closed" });
    expect(await db.enrolment.count({ where: { userId: late.id } })).toBe(0);
  });
});

describe("planning many enrolments at once", () => {
  test("decides as enrolInCohort does for each kind of person, capacity going to the first ones", async () => {
    const course = await catalogCourse("plan-course", { modules: [{ id: "m", title: { fr: "M" }, lessons: [{ id: "a", title: { fr: "A" } }] }] });
    const [fresh, started, finished, inside, late] = await Promise.all([1, 2, 3, 4, 5].map(() => createUser()));
    const startedRun = (await enrol(started.id, course)).enrolment;
    await enrol(finished.id, course);
    await markLessonComplete(finished.id, course, "a");
    const group = await cohortOf(course.id, { capacity: 4 });
    await enrolInCohort(inside.id, group);

    const plan = await planCohortEnrolments(db, group, [fresh.id, started.id, inside.id, finished.id, late.id]);
    expect(Object.fromEntries(plan.steps)).toEqual({
      [fresh.id]: { kind: "create" },
      [started.id]: { kind: "move", enrolmentId: startedRun.id },
      [finished.id]: { kind: "create" },
    });
    expect([...plan.already]).toEqual([inside.id]);
    expect(Object.fromEntries(plan.refused)).toEqual({ [late.id]: "full" });

    // One at a time, enrolInCohort comes to the same.
    for (const id of [fresh.id, started.id, finished.id]) expect(await enrolInCohort(id, group)).toMatchObject({ ok: true });
    expect(await enrolInCohort(late.id, group)).toEqual({ ok: false, reason: "full" });
    expect(await db.enrolment.findUniqueOrThrow({ where: { id: startedRun.id } })).toMatchObject({ cohortId: group.id });
    expect(await db.enrolment.count({ where: { userId: finished.id, courseId: course.id } })).toBe(2);
  });
});
