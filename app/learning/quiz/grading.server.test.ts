import { describe, expect, it } from "vitest";
import type { GradableQuestion, Quiz } from "./definition.server";
import { choiceToken, drawQuiz, type DrawnQuestion } from "./draw.server";
import { loadFixture } from "./fixtures/load-fixture";
import type { Locale } from "~/i18n/locales";
import { gradeAttempt, gradeQuestion, wrongChoices } from "./grading.server";

const quiz = loadFixture();
const drawn = drawQuiz(quiz, "grading");

function question<T extends GradableQuestion["type"]>(id: string, from: Quiz = quiz): Extract<GradableQuestion, { type: T }> {
  for (const q of from.questions) {
    if (q.id === id) return q as unknown as Extract<GradableQuestion, { type: T }>;
    if (q.type === "case") {
      const sub = q.questions.find((s) => s.id === id);
      if (sub) return sub as Extract<GradableQuestion, { type: T }>;
    }
  }
  throw new Error(`no question ${id}`);
}

function layout(id: string, layouts: DrawnQuestion[] = drawn): DrawnQuestion {
  for (const d of layouts) {
    if (d.id === id) return d;
    const part = d.parts.find((p) => p.id === id);
    if (part) return part;
  }
  throw new Error(`no layout ${id}`);
}

const grade = (id: string, answer: unknown, locale: Locale = "fr") => gradeQuestion(question(id), layout(id), answer, locale);

/** The token the browser would send for an authored matching/ordering id. */
const token = (id: string, choiceId: string) => choiceToken(layout(id).order.indexOf(choiceId));

describe("single choice", () => {
  it("gives the points for the correct option only", () => {
    expect(grade("palermo-elements", "act-means-purpose")).toMatchObject({ score: 1, maxScore: 1, correct: true, answered: true });
    expect(grade("palermo-elements", "border-crossing")).toMatchObject({ score: 0, correct: false, answered: true });
  });

  it("treats empty, missing, unknown and malformed answers as wrong, never as errors", () => {
    expect(grade("palermo-elements", undefined)).toMatchObject({ score: 0, answered: false });
    expect(grade("palermo-elements", "")).toMatchObject({ score: 0, answered: false });
    expect(grade("palermo-elements", "no-such-option")).toMatchObject({ score: 0, answered: true });
    expect(grade("palermo-elements", ["act-means-purpose"])).toMatchObject({ score: 0 });
    expect(grade("palermo-elements", { id: "act-means-purpose" })).toMatchObject({ score: 0 });
  });
});

describe("multiple choice", () => {
  const partial = "indicators"; // 2 points, 2 correct of 4, partial credit

  it("gives partial credit: right picks minus wrong picks, never below zero", () => {
    expect(grade(partial, ["passport-kept", "debt-bondage"])).toMatchObject({ score: 2, correct: true });
    expect(grade(partial, ["passport-kept"])).toMatchObject({ score: 1, correct: false });
    expect(grade(partial, ["passport-kept", "paid-leave"])).toMatchObject({ score: 0 });
    expect(grade(partial, ["passport-kept", "debt-bondage", "paid-leave"])).toMatchObject({ score: 1 });
    expect(grade(partial, ["paid-leave", "written-contract"])).toMatchObject({ score: 0, answered: true });
    // Ticking everything is not a strategy.
    expect(grade(partial, ["passport-kept", "debt-bondage", "paid-leave", "written-contract"])).toMatchObject({ score: 0 });
  });

  it("counts a duplicated selection once and ignores options that do not exist", () => {
    expect(grade(partial, ["passport-kept", "passport-kept", "passport-kept"])).toMatchObject({ score: 1 });
    expect(grade(partial, ["passport-kept", "debt-bondage", "invented", 42])).toMatchObject({ score: 2, correct: true });
    expect(grade(partial, [])).toMatchObject({ score: 0, answered: false });
    expect(grade(partial, "passport-kept")).toMatchObject({ score: 1 });
  });

  it("all-or-nothing needs exactly the correct set", () => {
    const id = "farm-indicators";
    expect(grade(id, ["documents", "wages"])).toMatchObject({ score: 1, correct: true });
    expect(grade(id, ["wages", "documents", "wages"])).toMatchObject({ score: 1 });
    expect(grade(id, ["documents"])).toMatchObject({ score: 0 });
    expect(grade(id, ["documents", "wages", "age"])).toMatchObject({ score: 0 });
  });
});

describe("true/false", () => {
  it("accepts booleans and their form strings", () => {
    expect(grade("consent-irrelevant", true)).toMatchObject({ score: 1, answered: true });
    expect(grade("consent-irrelevant", "true")).toMatchObject({ score: 1 });
    expect(grade("consent-irrelevant", false)).toMatchObject({ score: 0, answered: true });
    expect(grade("consent-irrelevant", "yes")).toMatchObject({ score: 0, answered: false });
    expect(grade("consent-irrelevant", undefined)).toMatchObject({ score: 0, answered: false });
  });
});

describe("matching", () => {
  const id = "match-roles"; // partial, 3 pairs + 1 distractor
  const all = () => ({
    "labour-inspector": token(id, "labour-inspector"),
    prosecutor: token(id, "prosecutor"),
    "social-worker": token(id, "social-worker"),
  });

  it("gives a share of the points per correct pair", () => {
    expect(grade(id, all())).toMatchObject({ score: 1, correct: true });
    expect(grade(id, { ...all(), prosecutor: token(id, "customs") })).toMatchObject({ score: 0.6667, correct: false });
    expect(grade(id, { prosecutor: token(id, "prosecutor") })).toMatchObject({ score: 0.3333, answered: true });
  });

  it("ignores extra pairs, unknown tokens and authored ids sent instead of tokens", () => {
    expect(grade(id, { ...all(), customs: token(id, "customs"), invented: "c1" })).toMatchObject({ score: 1 });
    expect(grade(id, { ...all(), prosecutor: "c99" })).toMatchObject({ score: 0.6667 });
    expect(grade(id, { "labour-inspector": "labour-inspector", prosecutor: "prosecutor", "social-worker": "social-worker" })).toMatchObject({
      score: 0,
    });
    expect(grade(id, {})).toMatchObject({ score: 0, answered: false });
    expect(grade(id, ["c1", "c2"])).toMatchObject({ score: 0, answered: false });
  });

  it("a choice used for two pairs scores only where it belongs", () => {
    const same = token(id, "prosecutor");
    expect(grade(id, { "labour-inspector": same, prosecutor: same, "social-worker": same })).toMatchObject({ score: 0.3333 });
  });

  it("all-or-nothing matching needs every pair", () => {
    const strict = loadFixture((s) => s.replace("type: matching\n    scoring: partial", "type: matching"));
    const strictDrawn = drawQuiz(strict, "grading");
    const d = layout(id, strictDrawn);
    const tok = (c: string) => choiceToken(d.order.indexOf(c));
    const q = question(id, strict);
    expect(gradeQuestion(q, d, { "labour-inspector": tok("labour-inspector"), prosecutor: tok("prosecutor"), "social-worker": tok("social-worker") }, "fr").score).toBe(1);
    expect(gradeQuestion(q, d, { "labour-inspector": tok("labour-inspector"), prosecutor: tok("prosecutor") }, "fr").score).toBe(0);
  });
});

describe("ordering", () => {
  const id = "referral-steps"; // partial, 4 items
  const tokens = (...ids: string[]) => ids.map((i) => token(id, i));

  it("gives a share of the points per item in its place", () => {
    expect(grade(id, tokens("identify", "protect", "refer", "follow-up"))).toMatchObject({ score: 1, correct: true });
    expect(grade(id, tokens("identify", "protect", "follow-up", "refer"))).toMatchObject({ score: 0.5 });
    expect(grade(id, tokens("follow-up", "refer", "protect", "identify"))).toMatchObject({ score: 0 });
  });

  it("does not reward duplicates, unknown tokens or a short list", () => {
    expect(grade(id, tokens("identify", "identify", "identify", "identify"))).toMatchObject({ score: 0.25 });
    expect(grade(id, [...tokens("identify", "protect", "refer", "follow-up"), "c9"])).toMatchObject({ score: 1 });
    expect(grade(id, tokens("identify", "protect"))).toMatchObject({ score: 0.5, correct: false });
    expect(grade(id, [])).toMatchObject({ score: 0, answered: false });
    expect(grade(id, ["identify", "protect", "refer", "follow-up"])).toMatchObject({ score: 0 });
  });

  it("all-or-nothing ordering needs the full order", () => {
    const strict = loadFixture((s) => s.replace("type: ordering\n    scoring: partial", "type: ordering"));
    const d = layout(id, drawQuiz(strict, "grading"));
    const tok = (...ids: string[]) => ids.map((i) => choiceToken(d.order.indexOf(i)));
    expect(gradeQuestion(question(id, strict), d, tok("identify", "protect", "refer", "follow-up"), "fr").score).toBe(1);
    expect(gradeQuestion(question(id, strict), d, tok("identify", "protect", "follow-up", "refer"), "fr").score).toBe(0);
  });
});

describe("short text", () => {
  const id = "law-name";

  it("accepts answers in any language after normalisation", () => {
    for (const answer of ["27-14", "27.14", " Loi 27-14 ", "LOI 27.14", "القانون 27.14", "القانون ٢٧.١٤", "الْقَانُونُ 27-14", "قانون رقم 27/14", "2714"]) {
      expect(grade(id, answer), answer).toMatchObject({ score: 1, correct: true });
    }
  });

  it("refuses other answers and treats blank as unanswered", () => {
    expect(grade(id, "27-15")).toMatchObject({ score: 0, answered: true });
    expect(grade(id, "loi")).toMatchObject({ score: 0 });
    expect(grade(id, "  ?! ")).toMatchObject({ score: 0, answered: false });
    expect(grade(id, ["27-14"])).toMatchObject({ score: 0, answered: false });
  });

  it("folds Arabic letter variants on both sides", () => {
    const arabic = loadFixture((s) => s.replace(`ar: ["27.14", "القانون 27.14", "قانون رقم ٢٧.١٤"]`, `ar: ["إطار الحماية القانونية"]`));
    const q = question("law-name", arabic);
    const d = { id: "law-name", order: [], left: [], parts: [] };
    for (const answer of ["اطار الحمايه القانونيه", "إِطَارُ الْحِمَايَةِ الْقَانُونِيَّةِ", "أطار الحماية القانونية", "اطار الحمايـــة القانونية"]) {
      expect(gradeQuestion(q, d, answer, "fr").score, answer).toBe(1);
    }
    expect(gradeQuestion(q, d, "اطار الرعاية", "fr").score).toBe(0);
  });
});

describe("numeric", () => {
  const id = "victims-count"; // 3.5 ± 0.1

  it("accepts values within the tolerance, as people write them", () => {
    for (const answer of ["3.5", "3,5", "3,45", "3.6", " 3,55 ", "٣٫٥", "٣,٥", 3.5]) {
      expect(grade(id, answer), String(answer)).toMatchObject({ score: 1 });
    }
  });

  it("refuses values outside the tolerance and text that is not a number", () => {
    expect(grade(id, "3,7")).toMatchObject({ score: 0, answered: true });
    expect(grade(id, "3.39")).toMatchObject({ score: 0 });
    expect(grade(id, "about 3.5")).toMatchObject({ score: 0, answered: true });
    expect(grade(id, "")).toMatchObject({ score: 0, answered: false });
    expect(grade(id, null)).toMatchObject({ score: 0, answered: false });
  });
});

describe("gradeAttempt", () => {
  const perfect = (): Record<string, unknown> => ({
    "palermo-elements": "act-means-purpose",
    indicators: ["passport-kept", "debt-bondage"],
    "consent-irrelevant": true,
    "match-roles": { "labour-inspector": token("match-roles", "labour-inspector"), prosecutor: token("match-roles", "prosecutor"), "social-worker": token("match-roles", "social-worker") },
    "referral-steps": ["identify", "protect", "refer", "follow-up"].map((i) => token("referral-steps", i)),
    "law-name": "27-14",
    "victims-count": "3,5",
    "farm-indicators": ["documents", "wages"],
    "farm-first-step": "safety",
  });

  it("adds up every question, case study parts included", () => {
    const result = gradeAttempt(quiz, drawn, perfect(), "fr");
    expect(result).toMatchObject({ score: 10, maxScore: 10, percent: 100, passed: true });
    expect(result.questions.map((q) => q.questionId)).toEqual(drawn.map((d) => d.id));
    const caseResult = result.questions.find((q) => q.questionId === "farm-case")!;
    expect(caseResult).toMatchObject({ score: 2, maxScore: 2, correct: true });
    expect(caseResult.parts.map((p) => p.questionId)).toEqual(["farm-indicators", "farm-first-step"]);
  });

  it("passes at the passing score and fails just under it", () => {
    // 7 of 10 = 70 %: exactly the passing score.
    const seven = { ...perfect(), "law-name": "no", "victims-count": "9", "consent-irrelevant": false };
    expect(gradeAttempt(quiz, drawn, seven, "fr")).toMatchObject({ score: 7, percent: 70, passed: true });
    const underSeven = { ...seven, "match-roles": {} };
    expect(gradeAttempt(quiz, drawn, underSeven, "fr")).toMatchObject({ score: 6, percent: 60, passed: false });
  });

  it("a case study is correct only when all its parts are", () => {
    const result = gradeAttempt(quiz, drawn, { ...perfect(), "farm-first-step": "confront" }, "fr");
    expect(result.questions.find((q) => q.questionId === "farm-case")).toMatchObject({ score: 1, correct: false, answered: true });
  });

  it("grades empty and malformed answer sets as zero without failing", () => {
    for (const answers of [{}, null, undefined, [], "x", 3]) {
      const result = gradeAttempt(quiz, drawn, answers, "fr");
      expect(result).toMatchObject({ score: 0, maxScore: 10, percent: 0, passed: false });
      expect(result.questions.every((q) => !q.answered)).toBe(true);
    }
  });

  it("grades only the questions drawn, and ignores answers to others", () => {
    const pooled = loadFixture((s) => s.replace("  shuffleQuestions: true", "  shuffleQuestions: true\n  pool: { draw: 2 }"));
    const twoDrawn = drawQuiz(pooled, "pool-seed");
    const result = gradeAttempt(pooled, twoDrawn, perfect(), "fr");
    expect(result.questions.map((q) => q.questionId)).toEqual(twoDrawn.map((d) => d.id));
    expect(result.questions).toHaveLength(2);
  });

  it("rounds partial credit sums and percentages", () => {
    const result = gradeAttempt(quiz, drawn, { "match-roles": { prosecutor: token("match-roles", "prosecutor") } }, "fr");
    expect(result.score).toBe(0.3333);
    expect(result.percent).toBe(3.33);
  });
});

describe("wrongChoices", () => {
  it("lists the wrong options, pairs and typed answers chosen", () => {
    const w = (id: string, answer: unknown) => wrongChoices(question(id), layout(id), answer, "fr");
    expect(w("palermo-elements", "border-crossing")).toEqual(["border-crossing"]);
    expect(w("palermo-elements", "act-means-purpose")).toEqual([]);
    expect(w("indicators", ["passport-kept", "paid-leave", "written-contract"])).toEqual(["written-contract", "paid-leave"]);
    expect(w("consent-irrelevant", "false")).toEqual(["false"]);
    expect(w("match-roles", { prosecutor: token("match-roles", "customs"), "social-worker": token("match-roles", "social-worker") })).toEqual([
      "prosecutor:customs",
    ]);
    expect(w("law-name", "Loi 27-15")).toEqual(["loi 27 15"]);
    expect(w("victims-count", "4,5")).toEqual(["4.5"]);
    expect(w("victims-count", "3,5")).toEqual([]);
    expect(w("referral-steps", ["c1"])).toEqual([]);
  });
});
