import fs from "node:fs";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { buildCourses } from "~/catalog/build.server";
import { type Manifest, manifestPath } from "~/catalog/cache.server";
import { makeCoursesDir, writeRuleCourse } from "~/catalog/course-fixture.server";
import { contentPipeline } from "~/content-kinds.server";

/** What the course build, run with the platform's content kinds, checks and records for a completion rule. */

let dirs: ReturnType<typeof makeCoursesDir>;
beforeEach(() => {
  dirs = makeCoursesDir();
});
afterEach(() => dirs.cleanup());

describe("the course build and the completion rule", () => {
  const build = () => buildCourses({ coursesDir: dirs.coursesDir, cacheDir: dirs.cacheDir, pipeline: contentPipeline });

  test("records which lesson holds each quiz and assignment, for progress per module", async () => {
    writeRuleCourse(dirs.coursesDir, { quizzes: ["check"], assignments: ["pitch"] });
    const summary = await build();
    expect(summary.failures).toEqual([]);
    const manifest = JSON.parse(fs.readFileSync(manifestPath(dirs.cacheDir), "utf8")) as Manifest;
    expect(manifest.courses[0].islands).toEqual([
      { kind: "quiz", id: "check", lessonId: "cases" },
      { kind: "assignment", id: "pitch", lessonId: "cases" },
    ]);
  });

  test("refuses a minimum score below the quiz's own passing score", async () => {
    writeRuleCourse(dirs.coursesDir, { quizzes: [{ id: "check", minScore: 60 }] });
    expect((await build()).failures).toEqual([
      "courses/sample/course.yml: completion.quizzes[0].minScore: 60 is below the passing score of quizzes/check.yml (70); the quiz must be passed anyway, so leave minScore out or set it above 70",
    ]);
    writeRuleCourse(dirs.coursesDir, { quizzes: [{ id: "check", minScore: 80 }] });
    expect((await build()).failures).toEqual([]);
  });

  test("refuses completion.scorm naming a lesson that shows no SCORM package", async () => {
    writeRuleCourse(dirs.coursesDir, { scorm: ["intro"] });
    expect((await build()).failures).toEqual([
      'courses/sample/course.yml: completion.scorm[0]: the lesson "intro" shows no SCORM package (write <Scorm id="…" /> in it)',
    ]);
  });
});
