import type { Locale } from "~/i18n/locales";
import type { GradableQuestion, Quiz } from "./definition.server";
import { choiceToken, type DrawnQuestion } from "./draw.server";
import { drawnQuestionsOf, type AttemptRecord } from "./attempts.server";

/**
 * Every asked question's right answer, in the shape the browser sends it
 * (matching choices and ordering items as this attempt's tokens): what a
 * learner who knows the course would answer. Server only, for the demo seed
 * and the tests that need a passed quiz on the way to something else.
 */
export function rightAnswers(quiz: Quiz, attempt: Pick<AttemptRecord, "questionIds" | "seed">, locale: Locale): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  const byId = new Map<string, GradableQuestion>();
  for (const q of quiz.questions) {
    if (q.type === "case") for (const part of q.questions) byId.set(part.id, part);
    else byId.set(q.id, q);
  }
  const visit = (drawn: DrawnQuestion) => {
    if (drawn.parts.length) return drawn.parts.forEach(visit);
    const question = byId.get(drawn.id);
    if (question) answers[drawn.id] = rightAnswer(question, drawn, locale);
  };
  drawnQuestionsOf(quiz, attempt).forEach(visit);
  return answers;
}

function rightAnswer(question: GradableQuestion, drawn: DrawnQuestion, locale: Locale): unknown {
  const token = (id: string) => choiceToken(drawn.order.indexOf(id));
  switch (question.type) {
    case "single":
      return question.options.find((o) => o.correct)?.id ?? null;
    case "multiple":
      return question.options.filter((o) => o.correct).map((o) => o.id);
    case "true-false":
      return question.answer;
    case "matching":
      return Object.fromEntries(question.pairs.map((pair) => [pair.id, token(pair.id)]));
    case "ordering":
      return question.items.map((item) => token(item.id));
    case "short-text":
      return (question.accepted[locale] ?? Object.values(question.accepted).flat())[0] ?? "";
    case "numeric":
      return String(question.answer);
  }
}
