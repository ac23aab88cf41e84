import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { CourseDefinition } from "~/catalog/types";
import { fixtureSource } from "./fixtures/load-fixture";
import { quizCourseValidator, quizIslandValidator } from "./island-checks.server";
import { loadQuiz, QuizInvalidError, validateCourseQuizzes } from "./load.server";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "tadrib-quiz-"));
const coursesDir = path.join(root, "courses");
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function writeQuiz(slug: string, name: string, source: string) {
  const dir = path.join(coursesDir, slug, "quizzes");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, name), source);
}

const languages = ["fr", "ar", "en"] as const;

describe("loadQuiz", () => {
  it("loads a quiz file, memoises it, and re-reads it when it changes", async () => {
    writeQuiz("memo", "check.yml", fixtureSource());
    const first = await loadQuiz({ coursesDir, slug: "memo", quizId: "check", languages: [...languages] });
    expect(first?.id).toBe("check");
    expect(await loadQuiz({ coursesDir, slug: "memo", quizId: "check", languages: [...languages] })).toBe(first);

    writeQuiz("memo", "check.yml", fixtureSource().replace("passingScore: 70", "passingScore: 85"));
    const file = path.join(coursesDir, "memo", "quizzes", "check.yml");
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(file, later, later);
    const changed = await loadQuiz({ coursesDir, slug: "memo", quizId: "check", languages: [...languages] });
    expect(changed?.settings.passingScore).toBe(85);
  });

  it("returns null for a missing quiz and for ids that could walk out of the folder", async () => {
    expect(await loadQuiz({ coursesDir, slug: "memo", quizId: "nope", languages: ["fr"] })).toBeNull();
    expect(await loadQuiz({ coursesDir, slug: "memo", quizId: "../../etc/passwd", languages: ["fr"] })).toBeNull();
    expect(await loadQuiz({ coursesDir, slug: "..", quizId: "check", languages: ["fr"] })).toBeNull();
  });

  it("throws QuizInvalidError naming the file when the file became invalid", async () => {
    writeQuiz("broken", "check.yml", fixtureSource().replace("passingScore: 70", "passingScore: high"));
    const loading = loadQuiz({ coursesDir, slug: "broken", quizId: "check", languages: [...languages] });
    await expect(loading).rejects.toBeInstanceOf(QuizInvalidError);
    await expect(loading).rejects.toThrow("courses/broken/quizzes/check.yml: settings.passingScore: must be a percentage");
  });
});

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

describe("course build checks", () => {
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
    const errors = await quizCourseValidator({
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
    expect(await quizCourseValidator({ courseDir, course, islands: [island("intro", "fr", "check"), island("intro", "ar", "check")] })).toEqual([]);
  });
});
