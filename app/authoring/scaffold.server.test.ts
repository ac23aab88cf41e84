import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { buildCourses } from "~/catalog/build.server";
import { makeCoursesDir } from "~/catalog/course-fixture.server";
import { checkCourses } from "./check.server";
import { scaffoldCourse } from "./scaffold.server";

let dirs: ReturnType<typeof makeCoursesDir>;
beforeEach(() => {
  dirs = makeCoursesDir();
});
afterEach(() => dirs.cleanup());

const ARABIC = /[\u0600-\u06FF]/;

describe("scaffolding a course", () => {
  test("writes course.yml, one lesson in fr, ar and en and a quiz, which courses:check and courses:build accept", async () => {
    const result = await scaffoldCourse(dirs.coursesDir, "new-course");
    expect(result).toEqual({
      ok: true,
      files: [
        "courses/new-course/course.yml",
        "courses/new-course/lessons/introduction.fr.mdx",
        "courses/new-course/lessons/introduction.ar.mdx",
        "courses/new-course/lessons/introduction.en.mdx",
        "courses/new-course/quizzes/check-your-knowledge.yml",
      ],
    });
    expect(await checkCourses({ coursesDir: dirs.coursesDir, cacheDir: dirs.cacheDir })).toEqual({ courses: 1, lessons: 1, problems: [] });
    const build = await buildCourses({ coursesDir: dirs.coursesDir, cacheDir: dirs.cacheDir });
    expect(build.failures).toEqual([]);
    expect(build.lessons).toBe(3);
  });

  test("the Arabic lesson and every Arabic text of course.yml and the quiz are written in Arabic", async () => {
    await scaffoldCourse(dirs.coursesDir, "new-course");
    const dir = path.join(dirs.coursesDir, "new-course");
    const lesson = fs.readFileSync(path.join(dir, "lessons/introduction.ar.mdx"), "utf8");
    const prose = lesson.split("\n").filter((line) => line.trim() && !line.startsWith("<"));
    for (const line of prose) expect(line).toMatch(ARABIC);
    for (const file of ["course.yml", "quizzes/check-your-knowledge.yml"]) {
      const arabicValues = [...fs.readFileSync(path.join(dir, file), "utf8").matchAll(/\bar: (.+?)(?:,| })?$/gm)].map((m) => m[1]);
      expect(arabicValues.length).toBeGreaterThan(0);
      for (const value of arabicValues) expect(value).toMatch(ARABIC);
    }
  });

  test("refuses an invalid slug and an existing folder, and touches nothing", async () => {
    expect(await scaffoldCourse(dirs.coursesDir, "Bad_Slug")).toEqual({
      ok: false,
      error: '"Bad_Slug" cannot be a course slug: it must be lowercase-kebab (a-z, 0-9 and single hyphens), e.g. fair-recruitment-basics',
    });
    expect(fs.readdirSync(dirs.coursesDir)).toEqual([]);
    fs.mkdirSync(path.join(dirs.coursesDir, "taken"));
    fs.writeFileSync(path.join(dirs.coursesDir, "taken", "notes.txt"), "mine");
    expect(await scaffoldCourse(dirs.coursesDir, "taken")).toEqual({
      ok: false,
      error: "courses/taken already exists: choose another slug, or edit that course",
    });
    expect(fs.readdirSync(path.join(dirs.coursesDir, "taken"))).toEqual(["notes.txt"]);
  });
});

describe("npm run courses:new", () => {
  const run = promisify(execFile);
  const script = path.resolve("scripts/courses-new.ts");
  const env = () => ({ ...process.env, COURSES_DIR: dirs.coursesDir });

  test("prints what it created and the next steps; a second run with the same slug fails", async () => {
    const { stdout } = await run("npx", ["tsx", script, "my-course"], { env: env() });
    expect(stdout).toContain("  courses/my-course/lessons/introduction.ar.mdx\n");
    expect(stdout).toContain("npm run courses:check");
    const again = await run("npx", ["tsx", script, "my-course"], { env: env() }).catch((error: { code: number; stderr: string }) => error);
    expect(again).toMatchObject({ code: 1, stderr: "courses:new: courses/my-course already exists: choose another slug, or edit that course\n" });
  }, 60_000);
});
