import { describe, expect, it } from "vitest";
import { catalogCourse, createUser, enrolmentFor } from "../../tests/setup/db-fixtures";
import { commitScormData } from "./commits.server";
import { loadScormData } from "./resume.server";
import { attemptState, packageProgress, packageProgressOf, scorePercent, scoState, type AttemptFacts } from "./scorm-progress.server";
import { item, manifestOf, storedPackage } from "./tracking-fixtures";
import { packageManifest } from "./tracking-model.server";

const blank = { lessonStatus: null, completionStatus: null, successStatus: null, scoreRaw: null, scoreMin: null, scoreMax: null, scoreScaled: null, progressMeasure: null, commitSeq: 1 };
const v12 = (fields: Partial<AttemptFacts>): AttemptFacts => ({ ...blank, version: "1.2", ...fields });
const v2004 = (fields: Partial<AttemptFacts>): AttemptFacts => ({ ...blank, version: "2004", ...fields });

describe("SCORM 1.2 lesson_status", () => {
  it("passed and completed are done; failed is not done, and failed", () => {
    expect(attemptState(v12({ lessonStatus: "passed" }))).toMatchObject({ status: "passed", completed: true, success: "passed" });
    expect(attemptState(v12({ lessonStatus: "completed" }))).toMatchObject({ status: "completed", completed: true, success: "unknown" });
    expect(attemptState(v12({ lessonStatus: "failed" }))).toMatchObject({ status: "failed", completed: false, success: "failed" });
    expect(attemptState(v12({ lessonStatus: "incomplete" }))).toMatchObject({ status: "incomplete", completed: false });
    expect(attemptState(v12({ lessonStatus: "browsed" }))).toMatchObject({ status: "incomplete", completed: false });
    expect(attemptState(v12({ commitSeq: 0 }))).toMatchObject({ status: "not-attempted", completed: false });
  });

  it("the manifest's mastery score decides passed or failed for a SCO that finished with a score", () => {
    expect(attemptState(v12({ lessonStatus: "completed", scoreRaw: 85 }), { masteryScore: 80 })).toMatchObject({ status: "passed", completed: true });
    expect(attemptState(v12({ lessonStatus: "completed", scoreRaw: 60 }), { masteryScore: 80 })).toMatchObject({ status: "failed", completed: false });
    expect(attemptState(v12({ lessonStatus: "incomplete", scoreRaw: 60 }), { masteryScore: 80 })).toMatchObject({ status: "incomplete" });
  });
});

describe("SCORM 2004 completion_status and success_status", () => {
  it("completed is done unless failed; passed is done", () => {
    expect(attemptState(v2004({ completionStatus: "completed", successStatus: "unknown" }))).toMatchObject({ status: "completed", completed: true });
    expect(attemptState(v2004({ completionStatus: "completed", successStatus: "passed" }))).toMatchObject({ status: "passed", completed: true });
    expect(attemptState(v2004({ completionStatus: "completed", successStatus: "failed" }))).toMatchObject({ status: "failed", completed: false, success: "failed" });
    expect(attemptState(v2004({ completionStatus: "unknown", successStatus: "passed" }))).toMatchObject({ completed: true });
    expect(attemptState(v2004({ completionStatus: "incomplete" }))).toMatchObject({ status: "incomplete", completed: false });
  });

  it("the manifest's thresholds decide from the progress measure and the scaled score", () => {
    expect(attemptState(v2004({ completionStatus: "incomplete", progressMeasure: 0.8 }), { completionThreshold: 0.75 })).toMatchObject({ completed: true });
    expect(attemptState(v2004({ completionStatus: "completed", progressMeasure: 0.5 }), { completionThreshold: 0.75 })).toMatchObject({ completed: false });
    expect(attemptState(v2004({ completionStatus: "completed", successStatus: "passed", scoreScaled: 0.5 }), { scaledPassingScore: 0.7 })).toMatchObject({
      success: "failed",
      completed: false,
    });
  });
});

describe("scores", () => {
  it("scaled, else raw between min and max, else a raw score out of 100", () => {
    expect(scorePercent({ scoreScaled: 0.875, scoreRaw: 1, scoreMin: null, scoreMax: null })).toBe(87.5);
    expect(scorePercent({ scoreScaled: -0.5, scoreRaw: null, scoreMin: null, scoreMax: null })).toBe(0);
    expect(scorePercent({ scoreScaled: null, scoreRaw: 15, scoreMin: null, scoreMax: 20 })).toBe(75);
    expect(scorePercent({ scoreScaled: null, scoreRaw: 15, scoreMin: 10, scoreMax: 20 })).toBe(50);
    expect(scorePercent({ scoreScaled: null, scoreRaw: 64, scoreMin: null, scoreMax: null })).toBe(64);
    expect(scorePercent({ scoreScaled: null, scoreRaw: 640, scoreMin: null, scoreMax: null })).toBeNull();
    expect(scorePercent({ scoreScaled: null, scoreRaw: null, scoreMin: 0, scoreMax: 100 })).toBeNull();
  });
});

describe("a SCO over several attempts", () => {
  it("stays done once done, keeps the best score, and otherwise shows the latest", () => {
    expect(scoState([])).toMatchObject({ status: "not-attempted", completed: false });
    expect(scoState([v12({ lessonStatus: "passed", scoreRaw: 90 }), v12({ lessonStatus: "incomplete", scoreRaw: 40 })])).toEqual({
      status: "passed",
      completed: true,
      success: "passed",
      scorePercent: 90,
    });
    expect(scoState([v12({ lessonStatus: "failed", scoreRaw: 40 }), v12({ lessonStatus: "incomplete" })])).toMatchObject({ status: "incomplete", scorePercent: 40 });
  });
});

describe("a package", () => {
  const manifest = manifestOf("2004", [item("intro", { scormType: "asset" }), item("part", { launch: null, children: [item("sco-a"), item("sco-b")] })]);

  it("is done when every item of its table of contents is; an asset once opened", () => {
    const none = packageProgressOf(manifest, new Map());
    expect(none).toMatchObject({ done: 0, required: 3, percent: 0, completed: false });
    expect(none.scos.map((s) => [s.scoId, s.kind])).toEqual([
      ["intro", "asset"],
      ["sco-a", "sco"],
      ["sco-b", "sco"],
    ]);
    const some = packageProgressOf(manifest, new Map([["intro", [v2004({})]], ["sco-a", [v2004({ completionStatus: "completed", scoreScaled: 0.8 })]]]));
    expect(some).toMatchObject({ done: 2, required: 3, percent: 66, completed: false, scorePercent: 80 });
    const all = packageProgressOf(
      manifest,
      new Map([
        ["intro", [v2004({})]],
        ["sco-a", [v2004({ completionStatus: "completed", successStatus: "passed", scoreScaled: 0.8 })]],
        ["sco-b", [v2004({ completionStatus: "completed", successStatus: "passed", scoreScaled: 0.6 })]],
      ]),
    );
    expect(all).toMatchObject({ done: 3, percent: 100, completed: true, success: "passed", scorePercent: 70 });
  });

  it("a failed learner is not shown at 100 %", () => {
    const single = manifestOf("1.2", [item("sco-1")]);
    const failed = packageProgressOf(single, new Map([["sco-1", [v12({ lessonStatus: "failed", scoreRaw: 30 })]]]));
    expect(failed).toMatchObject({ percent: 0, completed: false, success: "failed", scorePercent: 30 });
  });
});

describe("packageProgress, from what was committed", () => {
  async function learnerIn(version: "1.2" | "2004") {
    const user = await createUser();
    const course = await catalogCourse(`scorm-progress-${version}`);
    const enrolment = await enrolmentFor(user.id, course.id);
    const pkg = await storedPackage(version, [item("sco-1")]);
    const launch = await loadScormData({ userId: user.id, courseId: course.id, lessonId: "scorm", packageId: pkg.id, scoId: "sco-1" });
    if (!launch.ok) throw new Error(launch.error);
    const commit = (seq: number, values: Record<string, string>, terminate = false) =>
      commitScormData({ userId: user.id, courseId: course.id, scoId: "sco-1", attemptId: launch.attemptId, seq, values, terminate });
    const progress = () => packageProgress(enrolment.id, "scorm", packageManifest(pkg));
    return { commit, progress, enrolment, pkg };
  }

  it("SCORM 1.2 passed counts as completed", async () => {
    const { commit, progress } = await learnerIn("1.2");
    expect(await progress()).toMatchObject({ completed: false, percent: 0 });
    await commit(1, { "cmi.core.lesson_status": "incomplete" });
    expect((await progress()).scos[0]).toMatchObject({ status: "incomplete" });
    await commit(2, { "cmi.core.lesson_status": "passed", "cmi.core.score.raw": "92" }, true);
    expect(await progress()).toMatchObject({ completed: true, percent: 100, success: "passed", scorePercent: 92 });
  });

  it("a score that arrives after completed is kept", async () => {
    const { commit, progress } = await learnerIn("2004");
    await commit(1, { "cmi.completion_status": "completed" });
    expect(await progress()).toMatchObject({ completed: true, scorePercent: null });
    await commit(2, { "cmi.score.raw": "18", "cmi.score.max": "20" });
    expect(await progress()).toMatchObject({ completed: true, scorePercent: 90 });
    await commit(3, { "cmi.score.scaled": "0.95" });
    expect(await progress()).toMatchObject({ scorePercent: 95 });
  });

  it("counts only the attempts of its own lesson of the course", async () => {
    const { commit, enrolment, pkg } = await learnerIn("1.2");
    await commit(1, { "cmi.core.lesson_status": "passed" });
    expect(await packageProgress(enrolment.id, "scorm", packageManifest(pkg))).toMatchObject({ completed: true });
    expect(await packageProgress(enrolment.id, "another-scorm-lesson", packageManifest(pkg))).toMatchObject({ completed: false });
  });
});
