import type { Locale } from "~/i18n/locales";
import type { ShowCorrectAnswersPolicy, ShowFeedbackPolicy } from "./types";

/**
 * A validated quiz file, answer keys included. Server only: the browser gets
 * a PublicQuizView (public-view.server.ts) and, after submission, a result
 * view (result-view.server.ts).
 */

export type LocalizedText = Partial<Record<Locale, string>>;
export type Scoring = "all-or-nothing" | "partial";
export type ShowFeedback = ShowFeedbackPolicy;

export type QuizSettings = {
  /** Percent of the maximum score needed to pass, 0–100. */
  passingScore: number;
  attemptsAllowed: number | "unlimited";
  /** Minutes between the end of one attempt and the start of the next. */
  waitBetweenAttempts: number | null;
  /** Minutes from the start of an attempt to its automatic submission. */
  timeLimit: number | null;
  /** Draw N of the questions, overall or per group; null asks every question. */
  pool: { draw: number } | { groups: Record<string, number> } | null;
  shuffleQuestions: boolean;
  shuffleOptions: boolean;
  showFeedback: ShowFeedback;
  showCorrectAnswers: ShowCorrectAnswersPolicy;
};

type QuestionBase = {
  id: string;
  prompt: LocalizedText;
  points: number;
  explanation: LocalizedText | null;
};

export type ChoiceOption = { id: string; text: LocalizedText; correct: boolean; feedback: LocalizedText | null };
export type Item = { id: string; text: LocalizedText };
export type Pair = { id: string; left: LocalizedText; right: LocalizedText };

export type SingleChoiceQuestion = QuestionBase & { type: "single"; options: ChoiceOption[] };
export type MultipleChoiceQuestion = QuestionBase & { type: "multiple"; scoring: Scoring; options: ChoiceOption[] };
export type TrueFalseQuestion = QuestionBase & {
  type: "true-false";
  answer: boolean;
  trueFeedback: LocalizedText | null;
  falseFeedback: LocalizedText | null;
};
export type MatchingQuestion = QuestionBase & { type: "matching"; scoring: Scoring; pairs: Pair[]; distractors: Item[] };
export type OrderingQuestion = QuestionBase & { type: "ordering"; scoring: Scoring; items: Item[] };
export type ShortTextQuestion = QuestionBase & { type: "short-text"; accepted: Partial<Record<Locale, string[]>> };
export type NumericQuestion = QuestionBase & {
  type: "numeric";
  answer: number;
  tolerance: number;
  unit: LocalizedText | null;
};

export type GradableQuestion =
  | SingleChoiceQuestion
  | MultipleChoiceQuestion
  | TrueFalseQuestion
  | MatchingQuestion
  | OrderingQuestion
  | ShortTextQuestion
  | NumericQuestion;

/** A scenario followed by several questions, each graded on its own. */
export type CaseStudy = {
  id: string;
  type: "case";
  title: LocalizedText | null;
  scenario: LocalizedText;
  prompt: LocalizedText | null;
  explanation: LocalizedText | null;
  questions: GradableQuestion[];
};

/** `group` only matters when settings.pool draws per group. */
export type Question = (GradableQuestion | CaseStudy) & { group: string | null };

export type Quiz = {
  id: string;
  languages: Locale[];
  title: LocalizedText;
  intro: LocalizedText | null;
  settings: QuizSettings;
  questions: Question[];
};

export function questionMaxScore(question: GradableQuestion | CaseStudy): number {
  if (question.type === "case") return question.questions.reduce((sum, q) => sum + q.points, 0);
  return question.points;
}

/**
 * The text in the wanted language when the course offers it, else in the
 * course's first language, like the lesson around the quiz (validation
 * guarantees every course language has every text).
 */
export function pickText(text: LocalizedText, locale: Locale, languages: readonly Locale[]): string {
  const lang = languages.includes(locale) ? locale : languages[0];
  return text[lang] ?? languages.map((l) => text[l]).find((t) => t !== undefined) ?? "";
}
