import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { makeCoursesDir, writeRuleCourse as writeRuleCourseIn } from "./course-fixture.server";
import { loadCourseDefinition } from "./course-schema.server";

/**
 * The completion section of course.yml: its schema and its messages. What the
 * build checks and records for it is in app/learning/completion-checks.server.test.ts.
 */

let dirs: ReturnType<typeof makeCoursesDir>;
beforeEach(() => {
  dirs = makeCoursesDir();
});
afterEach(() => dirs.cleanup());

const writeRuleCourse = (completion: unknown) => writeRuleCourseIn(dirs.coursesDir, completion);

async function errorsFor(completion: unknown): Promise<string[]> {
  writeRuleCourse(completion);
  const result = await loadCourseDefinition(dirs.coursesDir, "sample");
  return result.ok ? [] : result.errors;
}

describe("completion rule in course.yml", () => {
  test("names lessons, quizzes (with or without a minimum score) and assignments", async () => {
    writeRuleCourse({ lessons: ["intro", "cases"], quizzes: ["check"], assignments: ["pitch"] });
    const result = await loadCourseDefinition(dirs.coursesDir, "sample");
    expect(result.ok && result.course.completion).toEqual({ lessons: ["intro", "cases"], quizzes: [{ id: "check" }], assignments: ["pitch"] });

    writeRuleCourse({ quizzes: [{ id: "check", minScore: 85 }] });
    const withScore = await loadCourseDefinition(dirs.coursesDir, "sample");
    expect(withScore.ok && withScore.course.completion).toEqual({ lessons: "all", quizzes: [{ id: "check", minScore: 85 }] });
  });

  test("names SCORM lessons, with lessons: [] when no lesson needs marking; an unknown or repeated one is refused", async () => {
    writeRuleCourse({ lessons: [], scorm: ["cases"] });
    const result = await loadCourseDefinition(dirs.coursesDir, "sample");
    expect(result.ok && result.course.completion).toEqual({ lessons: [], scorm: ["cases"] });
    expect(await errorsFor({ scorm: ["cases", "cases", "outro"] })).toEqual([
      'courses/sample/course.yml: completion.scorm[1]: "cases" is listed twice',
      'courses/sample/course.yml: completion.scorm[2]: no lesson has the id "outro"',
    ]);
    expect(await errorsFor({ lessons: [] })).toEqual(["courses/sample/course.yml: completion.lessons: list at least one lesson, or write all"]);
    expect(await errorsFor({ scorm: "cases" })).toEqual([
      "courses/sample/course.yml: completion.scorm: must be a list of lesson ids (lessons showing a SCORM package)",
    ]);
  });

  test("an unknown quiz or assignment id names the file and the field", async () => {
    expect(await errorsFor({ quizzes: ["check", "final-test"], assignments: ["pich"] })).toEqual([
      'courses/sample/course.yml: completion.quizzes[1]: no quiz has the id "final-test" (there is no quizzes/final-test.yml)',
      'courses/sample/course.yml: completion.assignments[0]: no assignment has the id "pich" (there is no assignments/pich.yml)',
    ]);
  });

  test("an unknown lesson, a duplicate and a misspelt key are refused", async () => {
    expect(await errorsFor({ lessons: ["intro", "intro", "outro"] })).toEqual([
      'courses/sample/course.yml: completion.lessons[1]: "intro" is listed twice',
      'courses/sample/course.yml: completion.lessons[2]: no lesson has the id "outro"',
    ]);
    expect(await errorsFor({ quizzes: ["check", { id: "check" }] })).toEqual([
      'courses/sample/course.yml: completion.quizzes[1]: "check" is listed twice',
    ]);
    const typo = await errorsFor({ quiz: ["check"] });
    expect(typo).toEqual(["courses/sample/course.yml: completion: Unrecognized key(s) in object: 'quiz'"]);
  });

  test("a minimum score must be a percentage, and a quiz entry an id or { id, minScore }", async () => {
    expect(await errorsFor({ quizzes: [{ id: "check", minScore: 150 }] })).toEqual([
      "courses/sample/course.yml: completion.quizzes[0].minScore: must be a percentage (a number from 1 to 100)",
    ]);
    expect(await errorsFor({ quizzes: [{ id: "check", min: 80 }] })).toEqual([
      "courses/sample/course.yml: completion.quizzes[0]: Unrecognized key(s) in object: 'min'",
    ]);
    expect(await errorsFor({ quizzes: [12] })).toEqual([
      "courses/sample/course.yml: completion.quizzes[0]: write a quiz id, or { id: <quiz id>, minScore: <percent> }",
    ]);
    expect(await errorsFor({ assignments: "pitch" })).toEqual(["courses/sample/course.yml: completion.assignments: must be a list of assignment ids"]);
  });
});
