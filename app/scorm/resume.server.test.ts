import { describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { catalogCourse, createUser, enrolmentFor } from "../../tests/setup/db-fixtures";
import type { CmiVersion } from "./cmi-validation.server";
import { commitScormData } from "./commits.server";
import { decideResume, loadScormData } from "./resume.server";
import { item, storedPackage } from "./tracking-fixtures";

async function learnerWithPackage(version: CmiVersion, items = [item("sco-1", { launchData: "mode=quiz", masteryScore: 80, scaledPassingScore: 0.7 })]) {
  const user = await createUser({ name: "Amina Idrissi" });
  const course = await catalogCourse(`scorm-resume-${version}`);
  await enrolmentFor(user.id, course.id);
  const pkg = await storedPackage(version, items);
  const launch = async (packageId = pkg.id, scoId = "sco-1") => {
    const result = await loadScormData({ userId: user.id, courseId: course.id, lessonId: "scorm-lesson", packageId, scoId });
    if (!result.ok) throw new Error(result.error);
    return result;
  };
  const commit = (attemptId: string, seq: number, values: Record<string, string>, terminate = false) =>
    commitScormData({ userId: user.id, courseId: course.id, scoId: "sco-1", attemptId, seq, values, terminate });
  return { user, course, pkg, launch, commit };
}

describe("loadScormData", () => {
  it("starts attempt 1 ab-initio with the values the LMS provides (SCORM 1.2)", async () => {
    const { launch, user } = await learnerWithPackage("1.2");
    const first = await launch();
    expect(first).toMatchObject({ ok: true, number: 1, version: "1.2", entry: "ab-initio", seq: 0 });
    expect(first.cmi).toEqual({
      "cmi.core.student_id": user.id,
      "cmi.core.student_name": "Amina Idrissi",
      "cmi.core.entry": "ab-initio",
      "cmi.core.credit": "credit",
      "cmi.core.lesson_mode": "normal",
      "cmi.core.total_time": "00:00:00",
      "cmi.launch_data": "mode=quiz",
      "cmi.student_data.mastery_score": "80",
    });
  });

  it("gives SCORM 2004 its own names", async () => {
    const { launch } = await learnerWithPackage("2004");
    expect((await launch()).cmi).toMatchObject({ "cmi.learner_name": "Amina Idrissi", "cmi.entry": "ab-initio", "cmi.total_time": "PT0S", "cmi.scaled_passing_score": "0.7" });
  });

  it("resumes after the window was closed without LMSFinish: suspend data and location come back, exit and session time do not", async () => {
    const { launch, commit } = await learnerWithPackage("1.2");
    const first = await launch();
    await commit(first.attemptId, 1, {
      "cmi.core.lesson_location": "page-7",
      "cmi.suspend_data": "bookmark=7",
      "cmi.core.lesson_status": "incomplete",
      "cmi.core.exit": "suspend",
      "cmi.core.session_time": "00:10:00",
    });
    const again = await launch();
    expect(again).toMatchObject({ attemptId: first.attemptId, number: 1, entry: "resume", seq: 1 });
    expect(again.cmi).toMatchObject({
      "cmi.core.lesson_location": "page-7",
      "cmi.suspend_data": "bookmark=7",
      "cmi.core.lesson_status": "incomplete",
      "cmi.core.entry": "resume",
      "cmi.core.total_time": "00:10:00",
    });
    expect(again.cmi).not.toHaveProperty("cmi.core.exit");
    expect(again.cmi).not.toHaveProperty("cmi.core.session_time");
  });

  it("a launch that never committed starts over ab-initio in the same attempt", async () => {
    const { launch } = await learnerWithPackage("2004");
    const first = await launch();
    expect(await launch()).toMatchObject({ attemptId: first.attemptId, entry: "ab-initio" });
  });

  it("resumes after Terminate with exit suspend, and adds each session's time to the total once", async () => {
    const { launch, commit } = await learnerWithPackage("2004");
    const first = await launch();
    await commit(first.attemptId, 1, { "cmi.session_time": "PT10M", "cmi.exit": "suspend", "cmi.location": "s3" }, true);
    const second = await launch();
    expect(second).toMatchObject({ attemptId: first.attemptId, entry: "resume" });
    expect(second.cmi["cmi.total_time"]).toBe("PT10M");
    // The first session's last commit, received again late, adds nothing.
    await commit(first.attemptId, 1, { "cmi.session_time": "PT10M", "cmi.exit": "suspend" }, true);
    await commit(first.attemptId, 2, { "cmi.session_time": "PT5M", "cmi.exit": "suspend" }, true);
    const third = await launch();
    expect(third.cmi["cmi.total_time"]).toBe("PT15M");
    expect(third.cmi["cmi.location"]).toBe("s3");
  });

  it("SCORM 2004: a normal exit ends the attempt; the next launch is attempt 2, ab-initio, and attempt 1 stays", async () => {
    const { launch, commit } = await learnerWithPackage("2004");
    const first = await launch();
    await commit(first.attemptId, 1, { "cmi.completion_status": "completed", "cmi.location": "end", "cmi.exit": "normal" }, true);
    const second = await launch();
    expect(second).toMatchObject({ number: 2, entry: "ab-initio", seq: 0 });
    expect(second.attemptId).not.toBe(first.attemptId);
    expect(second.cmi).not.toHaveProperty("cmi.location");
    expect(await db.scormAttempt.findUniqueOrThrow({ where: { id: first.attemptId } })).toMatchObject({ completionStatus: "completed" });
  });

  it("SCORM 1.2: LMSFinish without suspend continues an unfinished attempt (entry \"\"), and ends a passed one", async () => {
    const { launch, commit } = await learnerWithPackage("1.2");
    const first = await launch();
    await commit(first.attemptId, 1, { "cmi.core.lesson_status": "incomplete", "cmi.suspend_data": "half" }, true);
    const second = await launch();
    expect(second).toMatchObject({ attemptId: first.attemptId, entry: "" });
    expect(second.cmi["cmi.suspend_data"]).toBe("half");
    await commit(first.attemptId, 2, { "cmi.core.lesson_status": "passed" }, true);
    expect(await launch()).toMatchObject({ number: 2, entry: "ab-initio" });
  });

  it("a new version of the package starts a new attempt and keeps the one made on the old version", async () => {
    const { launch, commit, pkg } = await learnerWithPackage("1.2");
    const onOld = await launch();
    await commit(onOld.attemptId, 1, { "cmi.core.lesson_status": "incomplete", "cmi.suspend_data": "old-format" });
    const newer = await storedPackage("1.2", [item("sco-1")]);
    const onNew = await launch(newer.id);
    expect(onNew).toMatchObject({ number: 2, entry: "ab-initio" });
    expect(onNew.cmi).not.toHaveProperty("cmi.suspend_data");
    expect(await db.scormAttempt.findUniqueOrThrow({ where: { id: onOld.attemptId } })).toMatchObject({ packageId: pkg.id, lessonStatus: "incomplete" });
  });

  it("two SCORM lessons of one course keep their attempts apart, even when their items have the same identifiers", async () => {
    const { user, course, pkg, launch } = await learnerWithPackage("1.2");
    const inFirst = await launch();
    const other = await storedPackage("1.2", [item("sco-1")]);
    const inSecond = await loadScormData({ userId: user.id, courseId: course.id, lessonId: "another-scorm-lesson", packageId: other.id, scoId: "sco-1" });
    expect(inSecond).toMatchObject({ ok: true, number: 1 });
    expect(inSecond.ok && inSecond.attemptId).not.toBe(inFirst.attemptId);
    expect(await launch(pkg.id)).toMatchObject({ attemptId: inFirst.attemptId });
  });

  it("two launches at once share one attempt", async () => {
    const { launch } = await learnerWithPackage("2004");
    const [a, b] = await Promise.all([launch(), launch()]);
    expect(a.attemptId).toBe(b.attemptId);
  });

  it("refuses a learner not enrolled, a package that does not exist and an item it does not have", async () => {
    const { course, pkg, user } = await learnerWithPackage("1.2");
    const stranger = await createUser();
    expect(await loadScormData({ userId: stranger.id, courseId: course.id, lessonId: "scorm-lesson", packageId: pkg.id, scoId: "sco-1" })).toEqual({ ok: false, status: 403, error: "not-enrolled" });
    expect(await loadScormData({ userId: user.id, courseId: course.id, lessonId: "scorm-lesson", packageId: "nope", scoId: "sco-1" })).toMatchObject({ status: 404, error: "package-not-found" });
    expect(await loadScormData({ userId: user.id, courseId: course.id, lessonId: "scorm-lesson", packageId: pkg.id, scoId: "sco-9" })).toMatchObject({ status: 404, error: "unknown-sco" });
    expect(await db.scormAttempt.count({ where: { userId: stranger.id } })).toBe(0);
  });

  it("launches any item of a multi-SCO package, nested ones included", async () => {
    const { launch, pkg } = await learnerWithPackage("2004", [item("module", { launch: null, children: [item("sco-a"), item("sco-b")] })]);
    expect(await launch(pkg.id, "sco-b")).toMatchObject({ ok: true, number: 1 });
  });
});

describe("decideResume", () => {
  const last = { packageId: "p", version: "2004", commitSeq: 3, terminatedAt: new Date(), exit: "normal", lessonStatus: null };
  it("covers each case", () => {
    expect(decideResume(null, "p", "2004")).toEqual({ action: "new" });
    expect(decideResume({ ...last, terminatedAt: null }, "p", "2004")).toEqual({ action: "resume", entry: "resume" });
    expect(decideResume({ ...last, exit: "suspend" }, "p", "2004")).toEqual({ action: "resume", entry: "resume" });
    expect(decideResume(last, "p", "2004")).toEqual({ action: "new" });
    expect(decideResume({ ...last, exit: "suspend" }, "other", "2004")).toEqual({ action: "new" });
    expect(decideResume({ ...last, version: "1.2", exit: null, lessonStatus: "failed" }, "p", "1.2")).toEqual({ action: "new" });
    expect(decideResume({ ...last, version: "1.2", exit: null, lessonStatus: "browsed" }, "p", "1.2")).toEqual({ action: "resume", entry: "" });
  });
});
