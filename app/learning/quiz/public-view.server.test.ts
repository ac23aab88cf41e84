import { describe, expect, it } from "vitest";
import { LOCALES } from "~/i18n/locales";
import type { GradableQuestion, LocalizedText, Quiz } from "./definition.server";
import { drawQuiz } from "./draw.server";
import { loadFixture } from "./fixtures/load-fixture";
import { publicQuizView } from "./public-view.server";

const quiz = loadFixture();

function texts(value: LocalizedText | null): string[] {
  return value ? Object.values(value).filter((v): v is string => !!v) : [];
}

/** Every string that would give an answer away, in every language. */
function secretStrings(q: Quiz): string[] {
  const secrets: string[] = [];
  const gradable = (question: GradableQuestion) => {
    secrets.push(...texts(question.explanation));
    switch (question.type) {
      case "single":
      case "multiple":
        for (const o of question.options) secrets.push(...texts(o.feedback));
        break;
      case "true-false":
        secrets.push(...texts(question.trueFeedback), ...texts(question.falseFeedback));
        break;
      case "short-text":
        secrets.push(...Object.values(question.accepted).flat().filter((a): a is string => !!a));
        break;
      case "numeric":
        secrets.push(String(question.answer), String(question.answer).replace(".", ","));
        break;
      default:
        break;
    }
  };
  for (const question of q.questions) {
    if (question.type === "case") {
      secrets.push(...texts(question.explanation));
      question.questions.forEach(gradable);
    } else {
      gradable(question);
    }
  }
  return secrets;
}

function walk(value: unknown, visit: (key: string | null, leaf: unknown) => void, key: string | null = null) {
  if (Array.isArray(value)) value.forEach((v) => walk(v, visit, key));
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) { visit(k, undefined); walk(v, visit, k); }
  else visit(key, value);
}

describe("publicQuizView", () => {
  it("holds no answer key, correct flag, feedback or explanation, in any language or order", () => {
    const secrets = secretStrings(quiz);
    expect(secrets.length).toBeGreaterThan(25);
    const forbiddenKeys = new Set(["correct", "answer", "accepted", "explanation", "feedback", "trueFeedback", "falseFeedback", "tolerance", "scoring", "pairs", "distractors", "group"]);
    for (const locale of LOCALES) {
      for (let i = 0; i < 25; i++) {
        const view = publicQuizView(quiz, drawQuiz(quiz, `leak-${i}`), locale);
        const json = JSON.stringify(view);
        for (const secret of secrets) expect(json, `${locale}: "${secret}"`).not.toContain(secret);
        walk(view, (key, leaf) => {
          if (key !== null && leaf === undefined) expect(forbiddenKeys.has(key), `key ${key}`).toBe(false);
          expect(typeof leaf === "boolean", `boolean under ${key}`).toBe(false);
        });
      }
    }
  });

  it("does not reveal which matching choice goes with which pair, nor the order of ordering items", () => {
    const authoredIds = ["labour-inspector", "prosecutor", "social-worker", "customs", "identify", "protect", "refer", "follow-up"];
    const firstItems = new Set<string>();
    for (let i = 0; i < 25; i++) {
      const view = publicQuizView(quiz, drawQuiz(quiz, `tokens-${i}`), "fr");
      const matching = view.questions.find((q) => q.id === "match-roles");
      const ordering = view.questions.find((q) => q.id === "referral-steps");
      if (matching?.type !== "matching" || ordering?.type !== "ordering") throw new Error("fixture changed");
      for (const choice of [...matching.right, ...ordering.items]) expect(authoredIds).not.toContain(choice.id);
      expect(matching.right.map((r) => r.id)).toEqual(["c1", "c2", "c3", "c4"]);
      firstItems.add(ordering.items[0].text);
    }
    expect(firstItems.size).toBe(4);
  });

  it("gives every text in the learner's language, in the attempt's order", () => {
    const drawn = drawQuiz(quiz, "view");
    const view = publicQuizView(quiz, drawn, "ar");
    expect(view.title).toBe("رصد مؤشرات الاتجار بالبشر");
    expect(view.questions.map((q) => q.id)).toEqual(drawn.map((d) => d.id));
    expect(view.maxScore).toBe(10);
    expect(view.settings).toEqual({ passingScore: 70, attemptsAllowed: 3, waitBetweenAttempts: 30, timeLimit: 20 });
    const single = view.questions.find((q) => q.id === "palermo-elements");
    expect(single?.type === "single" && single.options.map((o) => o.id)).toEqual(drawn.find((d) => d.id === "palermo-elements")!.order);
    expect(single?.type === "single" && single.options.find((o) => o.id === "act-means-purpose")!.text).toBe("الفعل، الوسيلة، الغرض");
    const caseStudy = view.questions.find((q) => q.id === "farm-case");
    expect(caseStudy).toMatchObject({ type: "case", title: "حالة سلمى", points: 2 });
    expect(caseStudy?.type === "case" && caseStudy.questions.map((q) => q.id)).toEqual(["farm-indicators", "farm-first-step"]);
    expect(view.questions.find((q) => q.id === "victims-count")).toEqual({
      id: "victims-count",
      type: "numeric",
      prompt: "كم مليون شخص يحصي تقرير افتراضي؟",
      points: 1,
      unit: "ملايين",
    });
  });

  it("falls back to the course's first language for a language the course does not offer", () => {
    const frOnly = loadFixture((s) => s, ["fr"]);
    const view = publicQuizView(frOnly, drawQuiz(frOnly, "x"), "en");
    expect(view.title).toBe("Repérer les indicateurs de la traite");
  });
});
