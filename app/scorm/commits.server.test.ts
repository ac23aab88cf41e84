import { describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { catalogCourse, createUser, enrolmentFor } from "../../tests/setup/db-fixtures";
import { commitScormData, type CommitInput } from "./commits.server";
import { loadScormData } from "./resume.server";
import { storedPackage } from "./tracking-fixtures";
import type { CmiVersion } from "./cmi-validation.server";

async function launched(version: CmiVersion = "1.2") {
  const user = await createUser();
  const course = await catalogCourse(`scorm-commits-${version}`);
  await enrolmentFor(user.id, course.id);
  const pkg = await storedPackage(version);
  const launch = await loadScormData({ userId: user.id, courseId: course.id, lessonId: "scorm-lesson", packageId: pkg.id, scoId: "sco-1" });
  if (!launch.ok) throw new Error(launch.error);
  const commit = (seq: number, values: Record<string, unknown>, more: Partial<CommitInput> = {}) =>
    commitScormData({ userId: user.id, courseId: course.id, scoId: "sco-1", attemptId: launch.attemptId, seq, values, ...more });
  const row = () => db.scormAttempt.findUniqueOrThrow({ where: { id: launch.attemptId } });
  const cmi = async () => JSON.parse((await row()).cmi) as Record<string, string>;
  return { user, course, pkg, launch, commit, row, cmi };
}

describe("commitScormData", () => {
  it("stores the values and copies status, score and sizes into their columns", async () => {
    const { commit, row, cmi } = await launched("1.2");
    const result = await commit(1, {
      "cmi.core.lesson_status": "incomplete",
      "cmi.core.lesson_location": "p3",
      "cmi.core.score.raw": "40",
      "cmi.core.score.max": "50",
      "cmi.suspend_data": "abc",
      "cmi.core.session_time": "00:02:00",
    });
    expect(result).toEqual({ ok: true, seq: 1, applied: expect.arrayContaining(["cmi.core.lesson_location"]), stale: [], warnings: [] });
    expect(await cmi()).toMatchObject({ "cmi.core.lesson_location": "p3", "cmi.suspend_data": "abc" });
    expect(await row()).toMatchObject({ lessonStatus: "incomplete", scoreRaw: 40, scoreMax: 50, suspendDataLength: 3, sessionSeconds: 120, commitSeq: 1, terminatedAt: null });
  });

  it("is idempotent: the same commit twice is one change", async () => {
    const { commit, row } = await launched();
    const values = { "cmi.core.lesson_location": "p1", "cmi.suspend_data": "s1" };
    expect(await commit(1, values)).toMatchObject({ ok: true, applied: ["cmi.core.lesson_location", "cmi.suspend_data"] });
    const after = await row();
    expect(await commit(1, values)).toMatchObject({ ok: true, seq: 1, applied: [], stale: ["cmi.core.lesson_location", "cmi.suspend_data"] });
    expect((await row()).revision).toBe(after.revision);
  });

  it("is idempotent for the final commit too: Terminate received twice is one change", async () => {
    const { commit, row } = await launched("2004");
    const values = { "cmi.completion_status": "completed", "cmi.exit": "normal" };
    await commit(1, values, { terminate: true, now: new Date("2026-12-02T09:00:00Z") });
    const after = await row();
    expect(await commit(1, values, { terminate: true, now: new Date("2026-12-02T09:05:00Z") })).toMatchObject({ ok: true, applied: [] });
    expect(await row()).toEqual(after);
  });

  it("never lets an older commit overwrite a newer value of the same element", async () => {
    const { commit, cmi, row } = await launched();
    await commit(5, { "cmi.core.lesson_location": "page-5" });
    // The beacon of seq 4, overtaken on the way, arrives last.
    const late = await commit(4, { "cmi.core.lesson_location": "page-4", "cmi.suspend_data": "from-4" });
    expect(late).toMatchObject({ ok: true, seq: 5, applied: ["cmi.suspend_data"], stale: ["cmi.core.lesson_location"] });
    expect(await cmi()).toMatchObject({ "cmi.core.lesson_location": "page-5", "cmi.suspend_data": "from-4" });
    expect((await row()).commitSeq).toBe(5);
  });

  it("keeps both of two commits that race", async () => {
    const { commit, cmi } = await launched();
    const results = await Promise.all([
      commit(1, { "cmi.core.lesson_location": "p9", "cmi.core.score.raw": "70" }),
      commit(2, { "cmi.suspend_data": "state-2", "cmi.core.lesson_status": "incomplete" }),
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, true]);
    expect(await cmi()).toEqual({
      "cmi.core.lesson_location": "p9",
      "cmi.core.score.raw": "70",
      "cmi.suspend_data": "state-2",
      "cmi.core.lesson_status": "incomplete",
    });
  });

  it("keeps every one of many concurrent commits", async () => {
    const { commit, cmi, row } = await launched("2004");
    await Promise.all(Array.from({ length: 12 }, (_, i) => commit(i + 1, { [`cmi.objectives.${i}.id`]: `o${i}` }).then((r) => expect(r.ok).toBe(true))));
    const stored = await cmi();
    expect(Object.keys(stored).filter((k) => k.startsWith("cmi.objectives."))).toHaveLength(12);
    expect((await row()).commitSeq).toBe(12);
  });

  it("refuses invalid values with every problem, and changes nothing", async () => {
    const { commit, row } = await launched("2004");
    await commit(1, { "cmi.location": "a" });
    const before = await row();
    const result = await commit(2, { "cmi.location": "b", "cmi.learner_id": "someone-else", "cmi.completion_status": "done" });
    expect(result).toEqual({
      ok: false,
      status: 400,
      error: "invalid-cmi",
      problems: [
        { element: "cmi.learner_id", code: "read-only" },
        { element: "cmi.completion_status", code: "not-in-vocabulary" },
      ],
    });
    expect(await row()).toEqual(before);
  });

  it("keeps SCORM 1.2 suspend_data past 4,096 characters whole, with a warning", async () => {
    const { commit, cmi, row } = await launched("1.2");
    const data = "7".repeat(20_000);
    expect(await commit(1, { "cmi.suspend_data": data })).toMatchObject({ ok: true, warnings: [{ code: "over-scorm-12-size", length: 20_000 }] });
    expect((await cmi())["cmi.suspend_data"]).toBe(data);
    expect((await row()).suspendDataLength).toBe(20_000);
  });

  it("refuses a commit that would grow the attempt's data beyond its limit", async () => {
    const { commit, row } = await launched("2004");
    const values: Record<string, string> = {};
    for (let i = 0; i < 70; i++) {
      values[`cmi.interactions.${i}.id`] = `q${i}`;
      values[`cmi.interactions.${i}.learner_response`] = "r".repeat(64_000);
    }
    expect(await commit(1, values)).toMatchObject({ ok: false, status: 413, error: "attempt-data-too-large" });
    expect((await row()).cmi).toBe("{}");
  });

  it("records Terminate, and a score that arrives after completion", async () => {
    const { commit, row } = await launched("2004");
    await commit(1, { "cmi.completion_status": "completed" });
    await commit(2, { "cmi.score.scaled": "0.9", "cmi.success_status": "passed", "cmi.exit": "normal" }, { terminate: true, now: new Date("2026-12-02T10:00:00Z") });
    expect(await row()).toMatchObject({ completionStatus: "completed", successStatus: "passed", scoreScaled: 0.9, exit: "normal", terminatedAt: new Date("2026-12-02T10:00:00Z") });
  });

  it("ignores a Terminate older than what the attempt already received", async () => {
    const { commit, row } = await launched();
    await commit(3, { "cmi.core.lesson_location": "p3" });
    await commit(2, {}, { terminate: true });
    expect((await row()).terminatedAt).toBeNull();
  });

  it("refuses a seq that is not a positive integer", async () => {
    const { commit } = await launched();
    for (const seq of [0, -1, 1.5, Number.NaN, 2 ** 40]) expect(await commit(seq, {}), String(seq)).toMatchObject({ ok: false, error: "invalid-seq" });
  });

  it("lets a learner write only their own attempt", async () => {
    const { launch, course, row } = await launched();
    const other = await createUser();
    await enrolmentFor(other.id, course.id);
    const before = await row();
    const forged = await commitScormData({ userId: other.id, courseId: course.id, scoId: "sco-1", attemptId: launch.attemptId, seq: 1, values: { "cmi.suspend_data": "x" } });
    expect(forged).toEqual({ ok: false, status: 404, error: "attempt-not-found" });
    const wrongSco = await commitScormData({ userId: before.userId, courseId: course.id, scoId: "sco-2", attemptId: launch.attemptId, seq: 1, values: {} });
    expect(wrongSco).toMatchObject({ ok: false, status: 404 });
    expect(await row()).toEqual(before);
  });

  it("takes commits only into the learner's current run of the course", async () => {
    const { user, course, commit, row } = await launched();
    // A refresher run in a later cohort makes the first run history.
    const cohort = await db.cohort.create({ data: { courseId: course.id, name: "Refresher", inviteCode: "REFRESH001" } });
    await db.enrolment.create({ data: { userId: user.id, courseId: course.id, cohortId: cohort.id, enrolledAt: new Date(Date.now() + 1000) } });
    const before = await row();
    expect(await commit(1, { "cmi.suspend_data": "x" })).toEqual({ ok: false, status: 403, error: "not-enrolled" });
    expect(await row()).toEqual(before);
  });
});
