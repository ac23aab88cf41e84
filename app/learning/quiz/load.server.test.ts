import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { CourseDefinition } from "~/catalog/types";
import { buildKindEntries, type PlacedIsland } from "~/catalog/content-kind.server";
import { fixtureSource } from "./fixtures/load-fixture";
import { validateCourseQuizzes } from "./load.server";
import { quizKindServer } from "./quiz-kind.server";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "tadrib-quiz-"));
const coursesDir = path.join(root, "courses");
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function writeQuiz(slug: string, name: string, source: string) {
  const dir = path.join(coursesDir, slug, "quizzes");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, name), source);
}

const languages = ["fr", "ar", "en"] as const;

describe("validateCourseQuizzes", () => {
  it("validates every quiz file of a course, each message naming its file", async () => {
    writeQuiz("mixed", "good.yml", fixtureSource());
    writeQuiz("mixed", "bad.yml", fixtureSource().replace("type: numeric", "type: number"));
    writeQuiz("mixed", "notes.txt", "hello");
    const checked = await validateCourseQuizzes(path.join(coursesDir, "mixed"), [...languages]);
    expect(checked).toEqual({
      ok: false,
      errors: [
        "courses/mixed/quizzes/bad.yml: questions[6].type: type must be one of: single, multiple, true-false, matching, ordering, short-text, numeric, case",
        "courses/mixed/quizzes/notes.txt: not a quiz (quiz files end in .yml)",
      ],
    });
  });

  it("accepts a course without quizzes", async () => {
    const checked = await validateCourseQuizzes(path.join(coursesDir, "no-quizzes"), ["fr"]);
    expect(checked.ok && checked.quizzes.size).toBe(0);
  });
});

const quizIslandValidator = quizKindServer.validateIsland!;
const quizCourseErrors = async (input: { courseDir: string; course: CourseDefinition; islands: PlacedIsland[] }) =>
  (await buildKindEntries(quizKindServer, input)).errors;

describe("the quiz kind's build checks", () => {
  const course = { slug: "built", languages: ["fr", "ar"] } as CourseDefinition;
  const courseDir = path.join(coursesDir, "built");
  writeQuiz("built", "check.yml", fixtureSource());
  writeQuiz("built", "unused.yml", fixtureSource());
  const island = (lessonId: string, lang: string, id: string) => ({ kind: "quiz", lessonId, lang, props: { id } });

  it("checks the props of each <Quiz />", () => {
    const file = "courses/built/lessons/intro.fr.mdx";
    expect(quizIslandValidator({ courseDir, course, lessonId: "intro", lang: "fr", file, props: { id: "check" } })).toEqual([]);
    expect(quizIslandValidator({ courseDir, course, lessonId: "intro", lang: "fr", file, props: { title: "x" } })).toEqual([
      `${file}: <Quiz> needs an id naming a file in quizzes/: <Quiz id="check-your-knowledge" />`,
      `${file}: <Quiz> has no "title" prop (only id)`,
    ]);
  });

  it("ties lessons and quiz files together", async () => {
    const errors = await quizCourseErrors({
      courseDir,
      course,
      islands: [
        island("intro", "fr", "check"),
        island("intro", "fr", "check"),
        island("practice", "fr", "missing"),
        { kind: "assignment", lessonId: "intro", lang: "ar", props: { id: "check" } },
      ],
    });
    expect(errors).toEqual([
      `courses/built/lessons/intro.fr.mdx: <Quiz id="check" /> appears twice`,
      `courses/built/lessons/practice.fr.mdx: <Quiz id="missing" />: there is no courses/built/quizzes/missing.yml`,
      `courses/built/lessons/intro.ar.mdx: <Quiz id="check" /> is missing (the other languages of this lesson have it)`,
      `courses/built/quizzes/unused.yml: no lesson shows it (add <Quiz id="unused" /> to a lesson, or remove the file)`,
    ]);
  });

  it("passes a course whose quizzes are each shown by one lesson in every language", async () => {
    fs.rmSync(path.join(courseDir, "quizzes", "unused.yml"));
    expect(await quizCourseErrors({ courseDir, course, islands: [island("intro", "fr", "check"), island("intro", "ar", "check")] })).toEqual([]);
  });
});
