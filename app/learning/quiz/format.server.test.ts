import { describe, expect, it } from "vitest";
import { fixtureSource, loadFixture } from "./fixtures/load-fixture";
import { parseQuizFile } from "./format.server";

const file = "courses/sample/quizzes/every-type.yml";
const languages = ["fr", "ar", "en"] as const;

function errorsFor(source: string, quizId = "every-type", langs: readonly ("fr" | "ar" | "en")[] = languages): string[] {
  const checked = parseQuizFile(source, { file, quizId, languages: langs });
  return checked.ok ? [] : checked.errors;
}

describe("parseQuizFile", () => {
  it("reads every question type with its defaults", () => {
    const quiz = loadFixture();
    expect(quiz.id).toBe("every-type");
    expect(quiz.questions.map((q) => q.type)).toEqual([
      "single",
      "multiple",
      "true-false",
      "matching",
      "ordering",
      "short-text",
      "numeric",
      "case",
    ]);
    expect(quiz.settings).toMatchObject({ passingScore: 70, attemptsAllowed: 3, waitBetweenAttempts: 30, timeLimit: 20, pool: null });
    const single = quiz.questions[0];
    expect(single.type === "single" && single.points).toBe(1);
    expect(single.type === "single" && single.options[2].feedback).toBeNull();
    const numeric = quiz.questions[6];
    expect(numeric.type === "numeric" && numeric.tolerance).toBe(0.1);
    const matching = quiz.questions[3];
    expect(matching.type === "matching" && matching.distractors.map((d) => d.id)).toEqual(["customs"]);
  });

  it("applies setting defaults when settings only give the passing score", () => {
    const source = fixtureSource().replace(/settings:\n(?: {2}.*\n)+/, "settings:\n  passingScore: 50\n");
    const checked = parseQuizFile(source, { file, quizId: "every-type", languages });
    expect(checked.ok && checked.quiz.settings).toEqual({
      passingScore: 50,
      attemptsAllowed: "unlimited",
      waitBetweenAttempts: null,
      timeLimit: null,
      pool: null,
      shuffleQuestions: false,
      shuffleOptions: false,
      showFeedback: "after-each-attempt",
      showCorrectAnswers: "never",
    });
  });

  it("refuses an unknown showCorrectAnswers policy, naming the choices", () => {
    const source = fixtureSource().replace(/settings:\n/, "settings:\n  showCorrectAnswers: at-the-end\n");
    expect(errorsFor(source)).toEqual([`${file}: settings.showCorrectAnswers: must be never, after-last-attempt-or-passed or always`]);
  });

  it("names the file and the field of a missing translation", () => {
    const source = fixtureSource().replace("          ar: الفعل، الوسيلة، الغرض\n", "");
    expect(errorsFor(source)).toEqual([`${file}: questions[0].options[0].text.ar: Required`]);
  });

  it("only requires the course's languages", () => {
    const source = fixtureSource().replace("          ar: الفعل، الوسيلة، الغرض\n", "");
    expect(errorsFor(source, "every-type", ["fr", "en"])).toEqual([]);
  });

  it("requires accepted answers in every language", () => {
    const source = fixtureSource().replace(`      en: [27-14, "law 27-14"]\n`, "");
    expect(errorsFor(source)).toEqual([`${file}: questions[5].accepted.en: Required`]);
  });

  it("refuses duplicate question ids, including inside a case study", () => {
    const source = fixtureSource().replace("- id: farm-first-step", "- id: indicators");
    expect(errorsFor(source)).toEqual([`${file}: questions[7].questions[1].id: "indicators" is already used by questions[1]`]);
  });

  it("refuses duplicate option ids and inconsistent answer keys", () => {
    const duplicate = fixtureSource().replace("- id: money-violence", "- id: border-crossing");
    expect(errorsFor(duplicate)).toEqual([`${file}: questions[0].options[2].id: "border-crossing" is used twice in this question`]);

    const twoCorrect = fixtureSource().replace("      - id: border-crossing\n", "      - id: border-crossing\n        correct: true\n");
    expect(errorsFor(twoCorrect)).toEqual([
      `${file}: questions[0].options: a single-choice question needs exactly one option with correct: true (found 2)`,
    ]);

    const noneCorrect = fixtureSource().replace(/(- id: (?:passport-kept|debt-bondage)\n) {8}correct: true\n/g, "$1");
    expect(errorsFor(noneCorrect)).toEqual([`${file}: questions[1].options: mark at least one option with correct: true`]);
  });

  it("refuses a distractor that reuses a pair id", () => {
    const source = fixtureSource().replace("- id: customs", "- id: prosecutor");
    expect(errorsFor(source)).toEqual([
      `${file}: questions[3].pairs[3].id: "prosecutor" is used twice in this question (pairs and distractors together)`,
    ]);
  });

  it("explains an unknown question type and unknown fields", () => {
    const source = fixtureSource().replace("type: true-false", "type: yes-no").replace("scoring: partial\n    points: 2", "scoring: partial\n    pionts: 2");
    expect(errorsFor(source)).toEqual([
      `${file}: questions[1]: Unrecognized key(s) in object: 'pionts'`,
      `${file}: questions[2].type: type must be one of: single, multiple, true-false, matching, ordering, short-text, numeric, case`,
    ]);
  });

  it("checks settings", () => {
    const source = fixtureSource()
      .replace("passingScore: 70", "passingScore: 170")
      .replace("attemptsAllowed: 3", "attemptsAllowed: many")
      .replace("timeLimit: 20", "timeLimit: -5")
      .replace("showFeedback: after-each-attempt", "showFeedback: always");
    expect(errorsFor(source)).toEqual([
      `${file}: settings.passingScore: must be between 0 and 100`,
      `${file}: settings.attemptsAllowed: must be a whole number of attempts, or unlimited`,
      `${file}: settings.timeLimit: must be more than 0`,
      `${file}: settings.showFeedback: must be after-each-attempt, after-passing or never`,
    ]);
  });

  it("checks pools against the questions available", () => {
    const tooMany = fixtureSource().replace("  shuffleQuestions: true", "  shuffleQuestions: true\n  pool: { draw: 9 }");
    expect(errorsFor(tooMany)).toEqual([`${file}: settings.pool.draw: cannot draw 9 of 8 questions`]);

    const groups = fixtureSource()
      .replace("  shuffleQuestions: true", "  shuffleQuestions: true\n  pool: { groups: { basics: 2, cases: 1 } }")
      .replace("  - id: palermo-elements\n", "  - id: palermo-elements\n    group: basics\n")
      .replace("  - id: farm-case\n", "  - id: farm-case\n    group: cases\n");
    const errors = errorsFor(groups);
    expect(errors).toContain(`${file}: questions[1].group: Required: settings.pool draws per group, so every question needs a group`);
    expect(errors).toContain(`${file}: settings.pool.groups.basics: cannot draw 2 of 1 questions in group "basics"`);
    expect(errors).toHaveLength(7);
  });

  it("reports YAML syntax errors with their line", () => {
    expect(errorsFor("title: [unclosed\nsettings: {")[0]).toMatch(new RegExp(`^${file}: YAML syntax error at line \\d+, column \\d+: `));
  });

  it("refuses a quiz id that is not kebab-case and a file that is not a mapping", () => {
    expect(errorsFor(fixtureSource(), "Check_1")[0]).toContain('the file name "Check_1" is the quiz id');
    expect(errorsFor("- a\n- b\n")).toEqual([`${file}: expected a YAML mapping (title:, settings:, questions: …)`]);
  });

  it("refuses accepted answers that are only punctuation", () => {
    const source = fixtureSource().replace(`en: [27-14, "law 27-14"]`, `en: [27-14, "?!"]`);
    expect(errorsFor(source)).toEqual([`${file}: questions[5].accepted.en[1]: has no letters or digits left once punctuation is ignored`]);
  });
});
