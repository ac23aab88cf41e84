import type { Locale } from "~/i18n/locales";
import { pickText, questionMaxScore, type GradableQuestion, type LocalizedText, type Quiz } from "./definition.server";
import { choiceToken, type DrawnQuestion } from "./draw.server";
import type { PublicGradableQuestion, PublicQuestion, PublicQuizView } from "./types";

/**
 * The quiz as a learner's browser may see it while answering: texts in one
 * language, in the attempt's order, and nothing else. Built field by field
 * (never by copying the definition and deleting keys) so that a field added
 * to the definition later cannot leak by default.
 */
export function publicQuizView(quiz: Quiz, drawn: readonly DrawnQuestion[], locale: Locale): PublicQuizView {
  const t = (text: LocalizedText) => pickText(text, locale, quiz.languages);
  const tOrNull = (text: LocalizedText | null) => (text ? t(text) : null);

  const gradable = (question: GradableQuestion, layout: DrawnQuestion): PublicGradableQuestion => {
    const base = { id: question.id, prompt: t(question.prompt), points: question.points };
    switch (question.type) {
      case "single":
      case "multiple": {
        const byId = new Map(question.options.map((o) => [o.id, o]));
        const options = layout.order.flatMap((optionId) => {
          const option = byId.get(optionId);
          return option ? [{ id: option.id, text: t(option.text) }] : [];
        });
        return { ...base, type: question.type, options };
      }
      case "true-false":
        return { ...base, type: "true-false" };
      case "matching": {
        const texts = new Map<string, LocalizedText>([
          ...question.pairs.map((p) => [p.id, p.right] as const),
          ...question.distractors.map((d) => [d.id, d.text] as const),
        ]);
        const leftTexts = new Map(question.pairs.map((p) => [p.id, p.left]));
        return {
          ...base,
          type: "matching",
          left: layout.left.flatMap((pairId) => {
            const left = leftTexts.get(pairId);
            return left ? [{ id: pairId, text: t(left) }] : [];
          }),
          right: layout.order.flatMap((choiceId, i) => {
            const right = texts.get(choiceId);
            return right ? [{ id: choiceToken(i), text: t(right) }] : [];
          }),
        };
      }
      case "ordering": {
        const texts = new Map(question.items.map((item) => [item.id, item.text]));
        return {
          ...base,
          type: "ordering",
          items: layout.order.flatMap((itemId, i) => {
            const item = texts.get(itemId);
            return item ? [{ id: choiceToken(i), text: t(item) }] : [];
          }),
        };
      }
      case "short-text":
        return { ...base, type: "short-text" };
      case "numeric":
        return { ...base, type: "numeric", unit: tOrNull(question.unit) };
    }
  };

  const byId = new Map(quiz.questions.map((q) => [q.id, q]));
  const questions = drawn.flatMap((layout): PublicQuestion[] => {
    const question = byId.get(layout.id);
    if (!question) return [];
    if (question.type !== "case") return [gradable(question, layout)];
    return [
      {
        id: question.id,
        type: "case",
        title: tOrNull(question.title),
        scenario: t(question.scenario),
        prompt: tOrNull(question.prompt),
        points: questionMaxScore(question),
        questions: question.questions.map((sub) =>
          gradable(sub, layout.parts.find((p) => p.id === sub.id) ?? { id: sub.id, order: [], left: [], parts: [] }),
        ),
      },
    ];
  });

  const { passingScore, attemptsAllowed, waitBetweenAttempts, timeLimit } = quiz.settings;
  return {
    id: quiz.id,
    title: t(quiz.title),
    intro: tOrNull(quiz.intro),
    settings: { passingScore, attemptsAllowed, waitBetweenAttempts, timeLimit },
    maxScore: questions.reduce((sum, q) => sum + q.points, 0),
    questions,
  };
}
