import type { Locale } from "~/i18n/locales";
import { pickText, type GradableQuestion, type LocalizedText, type Quiz, type ShowFeedback } from "./definition.server";
import { idForToken, type DrawnQuestion } from "./draw.server";
import type { QuestionResult } from "./grading.server";
import type { AttemptResultView, ReviewedGradableQuestion, ReviewedQuestion, ShowCorrectAnswersPolicy } from "./types";

/** Whether a submitted attempt may show its review: the learner's answers, each marked right or wrong. */
export function feedbackVisible(policy: ShowFeedback, learnerHasPassed: boolean): boolean {
  if (policy === "after-each-attempt") return true;
  if (policy === "after-passing") return learnerHasPassed;
  return false;
}

/**
 * Whether the review may also show the correct answers, feedback texts and
 * explanations. "Can still try" covers an attempt under way and every attempt
 * not yet used (an unlimited quiz always has one): while it holds, only
 * "always" shows them.
 */
export function correctAnswersVisible(policy: ShowCorrectAnswersPolicy, facts: { learnerHasPassed: boolean; canStillTry: boolean }): boolean {
  if (policy === "always") return true;
  if (policy === "after-last-attempt-or-passed") return facts.learnerHasPassed || !facts.canStillTry;
  return false;
}

export type SubmittedAttempt = {
  id: string;
  number: number;
  submittedAt: Date;
  score: number;
  maxScore: number;
  percent: number;
  passed: boolean;
  results: QuestionResult[];
  answers: Record<string, unknown>;
  drawn: DrawnQuestion[];
};

const asString = (value: unknown) => (typeof value === "string" && value.trim() ? value : null);
const asBool = (value: unknown) => (value === true || value === "true" ? true : value === false || value === "false" ? false : null);

/**
 * A submitted attempt as its learner sees it. Scores come from the results
 * stored at submission (never regraded); texts come from the current quiz.
 */
export function attemptResultView(
  quiz: Quiz,
  attempt: SubmittedAttempt,
  options: { locale: Locale; learnerHasPassed: boolean; canStillTry: boolean },
): AttemptResultView {
  const t = (text: LocalizedText) => pickText(text, options.locale, quiz.languages);
  const passed = options.learnerHasPassed || attempt.passed;
  const show = feedbackVisible(quiz.settings.showFeedback, passed);
  const key = show && correctAnswersVisible(quiz.settings.showCorrectAnswers, { learnerHasPassed: passed, canStillTry: options.canStillTry });
  // Everything that tells the answer goes through `k`: null unless the correct answers may be shown.
  const k = <T,>(value: T): T | null => (key ? value : null);
  const tOrNull = (text: LocalizedText | null) => (text ? t(text) : null);

  const reviewGradable = (question: GradableQuestion, result: QuestionResult, drawn: DrawnQuestion | undefined): ReviewedGradableQuestion => {
    const answer = attempt.answers[question.id];
    const base = {
      id: question.id,
      prompt: t(question.prompt),
      score: result.score,
      maxScore: result.maxScore,
      correct: result.correct,
      answered: result.answered,
      explanation: k(tOrNull(question.explanation)),
    };
    const layout = drawn ?? { id: question.id, order: [], left: [], parts: [] };
    switch (question.type) {
      case "single":
      case "multiple": {
        const chosen = new Set(Array.isArray(answer) ? answer : [answer]);
        const byId = new Map(question.options.map((o) => [o.id, o]));
        const order = layout.order.length ? layout.order : question.options.map((o) => o.id);
        return {
          ...base,
          type: question.type,
          options: order.flatMap((id) => {
            const o = byId.get(id);
            return o ? [{ id: o.id, text: t(o.text), correct: k(o.correct), chosen: chosen.has(o.id), feedback: k(tOrNull(o.feedback)) }] : [];
          }),
        };
      }
      case "true-false": {
        const given = asBool(answer);
        const feedback = given === null ? null : k(tOrNull(given ? question.trueFeedback : question.falseFeedback));
        return { ...base, type: "true-false", expected: k(question.answer), given, feedback };
      }
      case "matching": {
        const texts = new Map<string, LocalizedText>([
          ...question.pairs.map((p) => [p.id, p.right] as const),
          ...question.distractors.map((d) => [d.id, d.text] as const),
        ]);
        const given = answer && typeof answer === "object" && !Array.isArray(answer) ? (answer as Record<string, unknown>) : {};
        return {
          ...base,
          type: "matching",
          pairs: question.pairs.map((pair) => {
            const chosenId = idForToken(layout, given[pair.id]);
            const chosenText = chosenId ? texts.get(chosenId) : undefined;
            return { left: t(pair.left), given: chosenText ? t(chosenText) : null, expected: k(t(pair.right)), correct: k(chosenId === pair.id) };
          }),
        };
      }
      case "ordering": {
        const texts = new Map(question.items.map((i) => [i.id, i.text]));
        const given = (Array.isArray(answer) ? answer : []).flatMap((tok) => {
          const text = texts.get(idForToken(layout, tok) ?? "");
          return text ? [t(text)] : [];
        });
        return { ...base, type: "ordering", given, expected: k(question.items.map((i) => t(i.text))) };
      }
      case "short-text": {
        const lang = quiz.languages.includes(options.locale) ? options.locale : quiz.languages[0];
        return { ...base, type: "short-text", given: asString(answer), accepted: k(question.accepted[lang] ?? []) };
      }
      case "numeric":
        return {
          ...base,
          type: "numeric",
          given: typeof answer === "number" ? String(answer) : asString(answer),
          expected: k(question.answer),
          tolerance: k(question.tolerance),
          unit: tOrNull(question.unit),
        };
    }
  };

  let review: ReviewedQuestion[] | null = null;
  if (show) {
    const byId = new Map(quiz.questions.map((q) => [q.id, q]));
    review = attempt.results.flatMap((result): ReviewedQuestion[] => {
      const question = byId.get(result.questionId);
      const drawn = attempt.drawn.find((d) => d.id === result.questionId);
      if (!question) return [];
      if (question.type !== "case") return [reviewGradable(question, result, drawn)];
      return [
        {
          id: question.id,
          type: "case",
          title: tOrNull(question.title),
          scenario: t(question.scenario),
          prompt: tOrNull(question.prompt),
          explanation: k(tOrNull(question.explanation)),
          score: result.score,
          maxScore: result.maxScore,
          correct: result.correct,
          answered: result.answered,
          questions: question.questions.flatMap((sub) => {
            const part = result.parts.find((p) => p.questionId === sub.id);
            return part ? [reviewGradable(sub, part, drawn?.parts.find((p) => p.id === sub.id))] : [];
          }),
        },
      ];
    });
  }

  return {
    attemptId: attempt.id,
    number: attempt.number,
    submittedAt: attempt.submittedAt.toISOString(),
    score: attempt.score,
    maxScore: attempt.maxScore,
    percent: attempt.percent,
    passed: attempt.passed,
    passingScore: quiz.settings.passingScore,
    showFeedback: quiz.settings.showFeedback,
    showCorrectAnswers: quiz.settings.showCorrectAnswers,
    review,
    correctAnswersShown: review !== null && key,
  };
}
