import type { Locale } from "~/i18n/locales";
import type {
  CaseStudy,
  GradableQuestion,
  MatchingQuestion,
  MultipleChoiceQuestion,
  OrderingQuestion,
  Quiz,
} from "./definition.server";
import { questionMaxScore } from "./definition.server";
import { idForToken, type DrawnQuestion } from "./draw.server";
import { comparisonKey, normalizeText, parseLocaleNumber } from "./normalize";

/**
 * Grading, pure and server-only. Answers arrive from the browser, so nothing
 * about their shape is trusted: a wrong type, an unknown option, a duplicate
 * or an extra pair never raises and never earns points it should not.
 */

export type QuestionResult = {
  questionId: string;
  score: number;
  maxScore: number;
  /** Full marks. */
  correct: boolean;
  answered: boolean;
  /** A case study's sub-questions; [] otherwise. */
  parts: QuestionResult[];
};

export type AttemptResult = {
  score: number;
  maxScore: number;
  /** 0–100, rounded to two decimals for display; `passed` is decided before rounding. */
  percent: number;
  passed: boolean;
  questions: QuestionResult[];
};

// Partial credit adds thirds and sevenths: keep scores free of 0.30000000000000004.
const round = (value: number, digits = 4) => Math.round(value * 10 ** digits) / 10 ** digits;
const clamp01 = (value: number) => Math.min(1, Math.max(0, value));

function asStringList(value: unknown): string[] {
  if (typeof value === "string") return value ? [value] : [];
  if (!Array.isArray(value)) return [];
  return value.filter((v): v is string => typeof v === "string");
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function asBoolean(value: unknown): boolean | null {
  if (value === true || value === "true") return true;
  if (value === false || value === "false") return false;
  return null;
}

type Fraction = { fraction: number; answered: boolean };

function gradeMultiple(question: MultipleChoiceQuestion, answer: unknown): Fraction {
  const known = new Set(question.options.map((o) => o.id));
  const given = asStringList(answer);
  const selected = new Set(given.filter((id) => known.has(id)));
  const correct = new Set(question.options.filter((o) => o.correct).map((o) => o.id));
  const hits = [...selected].filter((id) => correct.has(id)).length;
  const misses = selected.size - hits;
  const fraction =
    question.scoring === "partial"
      ? clamp01((hits - misses) / correct.size)
      : hits === correct.size && misses === 0
        ? 1
        : 0;
  return { fraction, answered: given.length > 0 };
}

function gradeMatching(question: MatchingQuestion, drawn: DrawnQuestion, answer: unknown): Fraction {
  const given = asRecord(answer);
  let right = 0;
  let answered = false;
  for (const pair of question.pairs) {
    const token = given[pair.id];
    if (typeof token === "string" && token) answered = true;
    if (idForToken(drawn, token) === pair.id) right++;
  }
  const fraction = question.scoring === "partial" ? right / question.pairs.length : right === question.pairs.length ? 1 : 0;
  return { fraction, answered };
}

function gradeOrdering(question: OrderingQuestion, drawn: DrawnQuestion, answer: unknown): Fraction {
  const tokens = asStringList(answer);
  const ids = tokens.map((t) => idForToken(drawn, t));
  const correct = question.items.map((i) => i.id);
  const inPlace = correct.filter((id, i) => ids[i] === id).length;
  const complete = ids.length === correct.length && inPlace === correct.length;
  const fraction = question.scoring === "partial" ? inPlace / correct.length : complete ? 1 : 0;
  return { fraction, answered: tokens.length > 0 };
}

function gradeFraction(question: GradableQuestion, drawn: DrawnQuestion, answer: unknown, locale: Locale): Fraction {
  switch (question.type) {
    case "single": {
      const answered = typeof answer === "string" && answer !== "";
      const right = question.options.find((o) => o.correct)?.id;
      return { fraction: answered && answer === right ? 1 : 0, answered };
    }
    case "multiple":
      return gradeMultiple(question, answer);
    case "true-false": {
      const value = asBoolean(answer);
      return { fraction: value === question.answer ? 1 : 0, answered: value !== null };
    }
    case "matching":
      return gradeMatching(question, drawn, answer);
    case "ordering":
      return gradeOrdering(question, drawn, answer);
    case "short-text": {
      const key = typeof answer === "string" ? comparisonKey(answer) : "";
      if (!key) return { fraction: 0, answered: false };
      // Any language's accepted answers count: a learner may switch language mid-quiz.
      const accepted = Object.values(question.accepted).flatMap((list) => list ?? []);
      return { fraction: accepted.some((a) => comparisonKey(a) === key) ? 1 : 0, answered: true };
    }
    case "numeric": {
      const answered = typeof answer === "number" || (typeof answer === "string" && answer.trim() !== "");
      const value = parseLocaleNumber(answer, locale);
      if (value === null) return { fraction: 0, answered };
      const slack = 1e-9 * Math.max(1, Math.abs(question.answer));
      return { fraction: Math.abs(value - question.answer) <= question.tolerance + slack ? 1 : 0, answered };
    }
  }
}

const emptyDrawn = (id: string): DrawnQuestion => ({ id, order: [], left: [], parts: [] });

export function gradeQuestion(question: GradableQuestion, drawn: DrawnQuestion, answer: unknown, locale: Locale): QuestionResult {
  const { fraction, answered } = gradeFraction(question, drawn, answer, locale);
  const score = round(clamp01(fraction) * question.points);
  return { questionId: question.id, score, maxScore: question.points, correct: score >= question.points, answered, parts: [] };
}

function gradeCase(question: CaseStudy, drawn: DrawnQuestion, answers: Record<string, unknown>, locale: Locale): QuestionResult {
  const parts = question.questions.map((sub) =>
    gradeQuestion(sub, drawn.parts.find((p) => p.id === sub.id) ?? emptyDrawn(sub.id), answers[sub.id], locale),
  );
  return {
    questionId: question.id,
    score: round(parts.reduce((sum, p) => sum + p.score, 0)),
    maxScore: questionMaxScore(question),
    correct: parts.every((p) => p.correct),
    answered: parts.some((p) => p.answered),
    parts,
  };
}

/**
 * Grades the questions an attempt drew; `answers` is the attempt's saved
 * answers, untrusted, typed in `locale` (which says how numbers are read).
 */
export function gradeAttempt(quiz: Quiz, drawnQuestions: readonly DrawnQuestion[], answers: unknown, locale: Locale): AttemptResult {
  const given = asRecord(answers);
  const byId = new Map(quiz.questions.map((q) => [q.id, q]));
  const questions = drawnQuestions.flatMap((drawn) => {
    const question = byId.get(drawn.id);
    if (!question) return [];
    return [question.type === "case" ? gradeCase(question, drawn, given, locale) : gradeQuestion(question, drawn, given[question.id], locale)];
  });
  const score = round(questions.reduce((sum, q) => sum + q.score, 0));
  const maxScore = round(questions.reduce((sum, q) => sum + q.maxScore, 0));
  const ratio = maxScore > 0 ? (score / maxScore) * 100 : 0;
  return {
    score,
    maxScore,
    percent: round(ratio, 2),
    passed: maxScore > 0 && ratio + 1e-9 >= quiz.settings.passingScore,
    questions,
  };
}

/**
 * The wrong choices in one answer, for question statistics: option ids for
 * choice questions, "true"/"false", "<pairId>:<chosenId>" for matching pairs,
 * the normalised text or number for typed answers. Ordering has no single
 * "wrong option" and gives [].
 */
export function wrongChoices(question: GradableQuestion, drawn: DrawnQuestion, answer: unknown, locale: Locale): string[] {
  switch (question.type) {
    case "single": {
      const option = question.options.find((o) => o.id === answer);
      return option && !option.correct ? [option.id] : [];
    }
    case "multiple": {
      const chosen = new Set(asStringList(answer));
      return question.options.filter((o) => !o.correct && chosen.has(o.id)).map((o) => o.id);
    }
    case "true-false": {
      const value = asBoolean(answer);
      return value === null || value === question.answer ? [] : [String(value)];
    }
    case "matching": {
      const given = asRecord(answer);
      return question.pairs.flatMap((pair) => {
        const chosen = idForToken(drawn, given[pair.id]);
        return chosen && chosen !== pair.id ? [`${pair.id}:${chosen}`] : [];
      });
    }
    case "ordering":
      return [];
    case "short-text":
    case "numeric": {
      if (gradeQuestion(question, drawn, answer, locale).correct) return [];
      const value = question.type === "numeric" ? parseLocaleNumber(answer, locale) : null;
      if (value !== null) return [String(value)];
      const typed = typeof answer === "string" ? normalizeText(answer).slice(0, 80) : "";
      return typed ? [typed] : [];
    }
  }
}
