import type { Locale } from "~/i18n/locales";
import type { Question } from "./definition.server";
import { loadQuiz } from "./load.server";

/**
 * How many questions one attempt of a quiz asks, for the lesson's reading
 * time (app/catalog/reading-time.server.ts): every question of a case study
 * counts, and a pool counts what it draws (at the average size of what it
 * draws from). The only place the course build loads a quiz for it; 0 when
 * the quiz is missing or invalid (the quiz checks report that).
 */
export async function quizQuestionCount(options: { coursesDir: string; slug: string; quizId: string; languages: readonly Locale[] }): Promise<number> {
  const quiz = await loadQuiz(options).catch(() => null);
  if (!quiz) return 0;
  const size = (q: Question) => (q.type === "case" ? q.questions.length : 1);
  const drawn = (questions: Question[], count: number) =>
    questions.length ? (questions.reduce((n, q) => n + size(q), 0) / questions.length) * Math.min(count, questions.length) : 0;
  const { pool } = quiz.settings;
  if (!pool) return quiz.questions.reduce((n, q) => n + size(q), 0);
  if ("draw" in pool) return Math.round(drawn(quiz.questions, pool.draw));
  return Math.round(
    Object.entries(pool.groups).reduce((n, [group, count]) => n + drawn(quiz.questions.filter((q) => q.group === group), count), 0),
  );
}
