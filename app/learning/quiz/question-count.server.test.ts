import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { quizQuestionCount } from "./question-count.server";

let coursesDir: string;
beforeEach(() => {
  coursesDir = fs.mkdtempSync(path.join(os.tmpdir(), "tadrib-quiz-count-"));
});
afterEach(() => fs.rmSync(coursesDir, { recursive: true, force: true }));

const trueFalse = (id: string, group?: string) =>
  [`  - id: ${id}`, "    type: true-false", `    prompt: { fr: "${id} ?" }`, "    answer: true", ...(group ? [`    group: ${group}`] : [])].join("\n");

const caseStudy = (id: string, parts: number) =>
  [
    `  - id: ${id}`,
    "    type: case",
    '    scenario: { fr: "Un cas." }',
    "    questions:",
    ...Array.from({ length: parts }, (_, i) => [`      - id: ${id}-${i}`, "        type: true-false", '        prompt: { fr: "Vrai ?" }', "        answer: true"].join("\n")),
  ].join("\n");

function writeQuiz(settings: string, questions: string[]) {
  const dir = path.join(coursesDir, "sample", "quizzes");
  fs.mkdirSync(dir, { recursive: true });
  const yml = ["title: { fr: Quiz }", `settings: { passingScore: 50${settings} }`, "questions:", ...questions].join("\n");
  fs.writeFileSync(path.join(dir, "check.yml"), `${yml}\n`);
}

const count = (quizId = "check") => quizQuestionCount({ coursesDir, slug: "sample", quizId, languages: ["fr"] });

describe("questions one attempt asks, for the reading time", () => {
  test("every question, each question of a case study counting as one", async () => {
    writeQuiz("", [trueFalse("a"), trueFalse("b"), caseStudy("c", 3)]);
    expect(await count()).toBe(5);
  });

  test("a pool counts what it draws, at the average size of its questions", async () => {
    writeQuiz(", pool: { draw: 2 }", [trueFalse("a"), trueFalse("b"), trueFalse("c"), caseStudy("d", 5)]);
    // (1 + 1 + 1 + 5) / 4 questions = 2 per question drawn.
    expect(await count()).toBe(4);
    writeQuiz(", pool: { groups: { easy: 1, hard: 2 } }", [trueFalse("a", "easy"), trueFalse("b", "easy"), trueFalse("c", "hard"), trueFalse("d", "hard"), trueFalse("e", "hard")]);
    expect(await count()).toBe(3);
  });

  test("a missing or invalid quiz counts nothing (its own checks report it)", async () => {
    expect(await count("absent")).toBe(0);
    writeQuiz("", ["  - id: a", "    type: nonsense"]);
    expect(await count()).toBe(0);
  });
});
