import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { makeCoursesDir } from "~/catalog/course-fixture.server";
import { checkCourses } from "./check.server";
import { COURSE_YML, QUIZ_YML, writeTestCourse } from "./test-course";

let dirs: ReturnType<typeof makeCoursesDir>;
beforeEach(() => {
  dirs = makeCoursesDir();
});
afterEach(() => dirs.cleanup());

const check = () => checkCourses({ coursesDir: dirs.coursesDir, cacheDir: dirs.cacheDir });

describe("courses:check on course.yml", () => {
  test("a valid course has no problem, and the summary counts courses and lessons", async () => {
    writeTestCourse(dirs.coursesDir, "good");
    const seen: string[] = [];
    const summary = await checkCourses({ coursesDir: dirs.coursesDir, cacheDir: dirs.cacheDir, onCourse: (c) => seen.push(c.slug) });
    expect(summary).toEqual({ courses: 1, lessons: 2, problems: [] });
    expect(seen).toEqual(["good"]);
  });

  test("schema errors name the file and the line of the field, or of the typo'd key", async () => {
    const yml = COURSE_YML.replace("  ar: دورة تجريبية\n", "").replace("hours: 1", "hours: -1\ntitel: x");
    writeTestCourse(dirs.coursesDir, "c", { "course.yml": yml });
    const { problems } = await check();
    expect(problems).toContain("courses/c/course.yml:1: title.ar: Required");
    expect(problems).toContain("courses/c/course.yml:6: hours: must be more than 0");
    expect(problems).toContain("courses/c/course.yml:7: Unrecognized key(s) in object: 'titel'");
  });

  test("an unknown lesson id in the completion rule is reported on its line", async () => {
    writeTestCourse(dirs.coursesDir, "c", { "course.yml": COURSE_YML.replace("lessons: all", "lessons: [intro, nope]") });
    const { problems } = await check();
    expect(problems).toEqual(['courses/c/course.yml:18: completion.lessons[1]: no lesson has the id "nope"']);
  });

  test("a lesson file missing in one declared language names the file and where the lesson is listed", async () => {
    writeTestCourse(dirs.coursesDir, "c", { "lessons/intro.ar.mdx": null });
    const { problems } = await check();
    expect(problems).toContain(
      'courses/c/lessons/intro.ar.mdx: file missing (lesson "intro" is offered in ar; it is listed at courses/c/course.yml:13)',
    );
  });
});

describe("courses:check on quizzes and assignments", () => {
  test("a YAML syntax error in a quiz gives its line", async () => {
    writeTestCourse(dirs.coursesDir, "c", { "quizzes/check.yml": QUIZ_YML.replace("passingScore: 50", "passingScore: [50") });
    const { problems } = await check();
    expect(problems.some((p) => /^courses\/c\/quizzes\/check\.yml: YAML syntax error at line \d+, column \d+/.test(p))).toBe(true);
  });

  test("duplicate question ids and unanswerable questions are reported on their lines", async () => {
    const quiz = QUIZ_YML.replace("  - id: second", "  - id: first")
      .replace("        correct: true\n", "")
      .concat(
        "  - id: order\n    type: ordering\n    prompt: { fr: Ordre, ar: ترتيب, en: Order }\n    items:\n      - { id: one, text: { fr: Un, ar: واحد, en: One } }\n",
      );
    writeTestCourse(dirs.coursesDir, "c", { "quizzes/check.yml": quiz });
    const { problems } = await check();
    expect(problems).toEqual(
      expect.arrayContaining([
        "courses/c/quizzes/check.yml:8: questions[0].options: a single-choice question needs exactly one option with correct: true (found 0)",
        'courses/c/quizzes/check.yml:13: questions[1].id: "first" is already used by questions[0]',
        "courses/c/quizzes/check.yml:20: questions[2].items: needs at least two items",
      ]),
    );
  });

  test("a question cannot differ between languages: a text missing in one, or a lesson language without the quiz, is reported", async () => {
    writeTestCourse(dirs.coursesDir, "c", {
      "quizzes/check.yml": QUIZ_YML.replace("prompt: { fr: Vrai ?, ar: صحيح؟, en: True? }", "prompt: { fr: Vrai ?, en: True? }"),
      "lessons/terms.ar.mdx": "## أساسيات\n\nفقرة.\n",
    });
    const { problems } = await check();
    expect(problems).toContain("courses/c/quizzes/check.yml:17: questions[1].prompt.ar: Required");
    // Once the quiz file is fixed, the placement is checked too.
    writeTestCourse(dirs.coursesDir, "c", { "lessons/terms.ar.mdx": "## أساسيات\n\nفقرة.\n" });
    expect((await check()).problems).toEqual([
      'courses/c/lessons/terms.ar.mdx: <Quiz id="check" /> is missing (the other languages of this lesson have it)',
    ]);
  });

  test("the build's own messages get a line too: a <Quiz> naming no file, a minScore below the passing score", async () => {
    writeTestCourse(dirs.coursesDir, "c", {
      "course.yml": COURSE_YML.replace("quizzes: [check]", "quizzes:\n    - { id: check, minScore: 40 }"),
      "lessons/intro.en.mdx": "## Basics\n\nA paragraph.\n\n<Quiz id=\"nope\" />\n",
    });
    const { problems } = await check();
    expect(problems).toEqual(
      expect.arrayContaining([
        'courses/c/lessons/intro.en.mdx:5: <Quiz id="nope" />: there is no courses/c/quizzes/nope.yml',
        expect.stringMatching(/^courses\/c\/course\.yml:20: completion\.quizzes\[0\]\.minScore: 40 is below the passing score/),
      ]),
    );
  });

  test("assignment errors give their line", async () => {
    writeTestCourse(dirs.coursesDir, "c", {
      "assignments/pitch.yml": "title: { fr: Pitch, ar: عرض, en: Pitch }\ninstructions: { fr: Écrivez., ar: اكتب., en: Write. }\nrubric:\n  - id: angle\n    title: { fr: Angle, ar: زاوية, en: Angle }\n    levels:\n      - { id: weak, label: { fr: Faible, en: Weak }, points: 0 }\n",
    });
    const { problems } = await check();
    expect(problems).toEqual(
      expect.arrayContaining(["courses/c/assignments/pitch.yml:6: rubric[0].levels: needs at least two levels"]),
    );
  });

  test("an invalid course.yml does not stop the check: its quizzes and lessons are still checked, and other courses too", async () => {
    writeTestCourse(dirs.coursesDir, "broken", {
      "course.yml": COURSE_YML.replace("hours: 1", "hours: lots"),
      "quizzes/check.yml": QUIZ_YML.replace("passingScore: 50", "passingScore: 150"),
      "lessons/intro.fr.mdx": "Voir <span>ceci</span>.\n",
    });
    writeTestCourse(dirs.coursesDir, "other", { "lessons/intro.en.mdx": "See [terms](./glossary).\n" });
    const { courses, problems } = await check();
    expect(courses).toBe(2);
    expect(problems).toEqual(
      expect.arrayContaining([
        "courses/broken/course.yml:7: hours: must be a number of hours",
        "courses/broken/quizzes/check.yml:3: settings.passingScore: must be between 0 and 100",
        expect.stringMatching(/^courses\/broken\/lessons\/intro\.fr\.mdx:1: <span> is raw HTML/),
        'courses/other/lessons/intro.en.mdx:1: link "./glossary": this course has no lesson "glossary" (lesson ids are listed in course.yml)',
      ]),
    );
  });
});

describe("npm run courses:check", () => {
  const run = promisify(execFile);
  const script = path.resolve("scripts/courses-check.ts");

  test("prints progress, each problem with file:line and a summary, and exits non-zero", async () => {
    writeTestCourse(dirs.coursesDir, "good");
    writeTestCourse(dirs.coursesDir, "bad", { "course.yml": COURSE_YML.replace("lessons: all", "lessons: [nope]") });
    const env = { ...process.env, COURSES_DIR: dirs.coursesDir, COURSE_CACHE_DIR: dirs.cacheDir };
    const failure = await run("npx", ["tsx", script], { env }).then(
      () => null,
      (error: { code: number; stdout: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stdout).toContain("  bad: 2 lessons — 1 problem\n");
    expect(failure?.stdout).toContain('    courses/bad/course.yml:18: completion.lessons[0]: no lesson has the id "nope"\n');
    expect(failure?.stdout).toContain("  good: 2 lessons — ok\n");
    expect(failure?.stdout).toContain("courses:check: 2 courses, 4 lessons, 1 problem\n");
  }, 60_000);
});
