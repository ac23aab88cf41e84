import type { Locale } from "~/i18n/locales";

/**
 * What the browser may know about a quiz. Nothing here can hold an answer
 * key, a correct flag, feedback or an explanation: those live only in the
 * server-side definition (definition.server.ts) until the attempt is
 * submitted and its result view is built.
 */

export type PublicChoice = { id: string; text: string };

type PublicBase = { id: string; prompt: string; points: number };

export type PublicGradableQuestion =
  | (PublicBase & { type: "single" | "multiple"; options: PublicChoice[] })
  | (PublicBase & { type: "true-false" })
  /** `right` ids are per-attempt tokens: they do not tell which pair they belong to. */
  | (PublicBase & { type: "matching"; left: PublicChoice[]; right: PublicChoice[] })
  /** Items in a shuffled order, with per-attempt tokens as ids. */
  | (PublicBase & { type: "ordering"; items: PublicChoice[] })
  | (PublicBase & { type: "short-text" })
  | (PublicBase & { type: "numeric"; unit: string | null });

export type PublicCaseStudy = {
  id: string;
  type: "case";
  title: string | null;
  scenario: string;
  prompt: string | null;
  points: number;
  questions: PublicGradableQuestion[];
};

export type PublicQuestion = PublicGradableQuestion | PublicCaseStudy;

export type PublicQuizSettings = {
  passingScore: number;
  attemptsAllowed: number | "unlimited";
  waitBetweenAttempts: number | null;
  timeLimit: number | null;
};

export type PublicQuizView = {
  id: string;
  title: string;
  intro: string | null;
  settings: PublicQuizSettings;
  maxScore: number;
  questions: PublicQuestion[];
};

/**
 * Answers as the browser sends them, keyed by question id (a case study's
 * sub-questions are keyed by their own ids):
 * - single: option id;           multiple: option ids;
 * - true-false: true | false;    matching: { leftId: rightToken };
 * - ordering: item tokens in the learner's order;
 * - short-text and numeric: the text as typed.
 */
export type AnswerValue = string | boolean | string[] | Record<string, string>;
export type Answers = Record<string, AnswerValue>;

/**
 * After submission, when the quiz's showFeedback allows it: the learner's
 * answers, each question marked right or wrong. Only when showCorrectAnswers
 * also allows it does the review carry the expected answers, the feedback
 * texts and the explanations; otherwise every one of those fields is null,
 * so nothing of the answer key reaches a learner who can still try again.
 */
export type ReviewChoice = { id: string; text: string; correct: boolean | null; chosen: boolean; feedback: string | null };

type ReviewBase = {
  id: string;
  prompt: string;
  score: number;
  maxScore: number;
  correct: boolean;
  answered: boolean;
  explanation: string | null;
};

export type ReviewedGradableQuestion =
  | (ReviewBase & { type: "single" | "multiple"; options: ReviewChoice[] })
  | (ReviewBase & { type: "true-false"; expected: boolean | null; given: boolean | null; feedback: string | null })
  | (ReviewBase & { type: "matching"; pairs: { left: string; given: string | null; expected: string | null; correct: boolean | null }[] })
  | (ReviewBase & { type: "ordering"; given: string[]; expected: string[] | null })
  | (ReviewBase & { type: "short-text"; given: string | null; accepted: string[] | null })
  | (ReviewBase & { type: "numeric"; given: string | null; expected: number | null; tolerance: number | null; unit: string | null });

export type ReviewedCaseStudy = {
  id: string;
  type: "case";
  title: string | null;
  scenario: string;
  prompt: string | null;
  explanation: string | null;
  score: number;
  maxScore: number;
  correct: boolean;
  answered: boolean;
  questions: ReviewedGradableQuestion[];
};

export type ReviewedQuestion = ReviewedGradableQuestion | ReviewedCaseStudy;

/** When a submitted attempt shows which questions were right or wrong. */
export type ShowFeedbackPolicy = "after-each-attempt" | "after-passing" | "never";
/** When it also shows the correct answers, the feedback texts and the explanations. */
export type ShowCorrectAnswersPolicy = "never" | "after-last-attempt-or-passed" | "always";
export const SHOW_CORRECT_ANSWERS = ["never", "after-last-attempt-or-passed", "always"] as const;

export type AttemptResultView = {
  attemptId: string;
  number: number;
  /** ISO date */
  submittedAt: string;
  score: number;
  maxScore: number;
  percent: number;
  passed: boolean;
  passingScore: number;
  showFeedback: ShowFeedbackPolicy;
  showCorrectAnswers: ShowCorrectAnswersPolicy;
  /** null when the quiz's feedback policy does not allow it (yet). */
  review: ReviewedQuestion[] | null;
  /** Whether the review carries the correct answers (else only right or wrong per question). */
  correctAnswersShown: boolean;
};

export type AttemptSummary = { id: string; number: number; submittedAt: string; percent: number; passed: boolean };

/** Everything the quiz island shows, for the learner's current situation. */
export type QuizState = {
  quizId: string;
  title: string;
  intro: string | null;
  passingScore: number;
  attemptsAllowed: number | "unlimited";
  attemptsRemaining: number | null;
  timeLimit: number | null;
  passed: boolean;
  bestPercent: number | null;
  history: AttemptSummary[];
  /** The attempt under way: its questions (no answer keys) and the answers saved so far. */
  current: { attemptId: string; number: number; deadlineAt: string | null; view: PublicQuizView; answers: Record<string, unknown> } | null;
  /** What starting now would do when nothing is under way. */
  next: { canStart: true } | { canStart: false; reason: "limit-reached" } | { canStart: false; reason: "wait"; until: string } | null;
  /** The most recent submitted attempt, with its review when the feedback policy allows. */
  lastResult: AttemptResultView | null;
};

/** What the quiz island and the quiz page render. */
export type QuizPanelData = {
  courseSlug: string;
  /** The lesson showing the quiz, where forms come back to; null on a quiz no lesson shows. */
  lessonId: string | null;
  /** The language the quiz texts are in (the course may not offer the interface language). */
  lang: Locale;
  /** The quiz page: target of the start, save and submit forms. */
  actionUrl: string;
  /** Where the island saves each answer as it is given. */
  answersUrl: string;
  /** Set for the course's reviewers and admins. */
  statisticsUrl: string | null;
  state: QuizState;
};
