import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { buildCourses } from "./build.server";
import { type Manifest, manifestPath } from "./cache.server";
import { courseYml, makeCoursesDir, writeCourse } from "./course-fixture.server";
import { loadCourseDefinition } from "./course-schema.server";

/** The completion section of course.yml: its schema, its messages, and what the build records for it. */

let dirs: ReturnType<typeof makeCoursesDir>;
beforeEach(() => {
  dirs = makeCoursesDir();
});
afterEach(() => dirs.cleanup());

const QUIZ = `
title: { fr: Vérifiez, en: Check }
settings:
  passingScore: 70
questions:
  - id: one
    type: true-false
    answer: true
    prompt: { fr: Vrai ?, en: True? }
`;

const ASSIGNMENT = `
title: { fr: Pitch, en: Pitch }
instructions: { fr: Écrivez., en: Write. }
rubric:
  - id: angle
    title: { fr: Angle, en: Angle }
    levels:
      - { id: weak, label: { fr: Faible, en: Weak }, points: 0 }
      - { id: strong, label: { fr: Fort, en: Strong }, points: 2 }
`;

/** A course whose lesson "cases" shows the quiz "check" and the assignment "pitch". */
function writeRuleCourse(completion: unknown) {
  const dir = writeCourse(dirs.coursesDir, "sample", courseYml({ completion }));
  fs.mkdirSync(path.join(dir, "quizzes"), { recursive: true });
  fs.writeFileSync(path.join(dir, "quizzes", "check.yml"), QUIZ);
  fs.mkdirSync(path.join(dir, "assignments"), { recursive: true });
  fs.writeFileSync(path.join(dir, "assignments", "pitch.yml"), ASSIGNMENT);
  for (const lang of ["fr", "en"]) {
    fs.writeFileSync(path.join(dir, "lessons", `cases.${lang}.mdx`), `Text.\n\n<Quiz id="check" />\n\n<Assignment id="pitch" />\n`);
  }
}

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

describe("the course build and the completion rule", () => {
  const build = () => buildCourses({ coursesDir: dirs.coursesDir, cacheDir: dirs.cacheDir });

  test("records which lesson holds each quiz and assignment, for progress per module", async () => {
    writeRuleCourse({ quizzes: ["check"], assignments: ["pitch"] });
    const summary = await build();
    expect(summary.failures).toEqual([]);
    const manifest = JSON.parse(fs.readFileSync(manifestPath(dirs.cacheDir), "utf8")) as Manifest;
    expect(manifest.courses[0].islands).toEqual([
      { kind: "quiz", id: "check", lessonId: "cases" },
      { kind: "assignment", id: "pitch", lessonId: "cases" },
    ]);
  });

  test("refuses a minimum score below the quiz's own passing score", async () => {
    writeRuleCourse({ quizzes: [{ id: "check", minScore: 60 }] });
    expect((await build()).failures).toEqual([
      "courses/sample/course.yml: completion.quizzes[0].minScore: 60 is below the passing score of quizzes/check.yml (70); the quiz must be passed anyway, so leave minScore out or set it above 70",
    ]);
    writeRuleCourse({ quizzes: [{ id: "check", minScore: 80 }] });
    expect((await build()).failures).toEqual([]);
  });
});
