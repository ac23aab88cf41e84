import type { Locale } from "~/i18n/locales";
import type { Messages } from "~/i18n/catalog";
import type { Quiz } from "~/learning/quiz/definition.server";
import type { DrawnQuestion } from "~/learning/quiz/draw.server";
import { gradeAttempt, type AttemptResult } from "~/learning/quiz/grading.server";
import { answersFromForm } from "~/learning/quiz/form-answers";
import type { AnswerValue, PublicQuizView } from "~/learning/quiz/types";

/**
 * What an exported package's runtime knows and keeps, as pure functions: the
 * exporter writes PackageConfig into index.html, runtime.browser.ts (bundled
 * into runtime.js) calls these, and the tests call them directly. Grading is
 * Tadrib's own (gradeAttempt, answersFromForm): a package marks an answer
 * exactly as the platform does. Decision 027 says how quizzes make the status.
 */

/** One quiz as the package carries it: its answer key (by design, docs/authoring.md) and the layout drawn at export. */
export type PackageQuiz = { quiz: Quiz; drawn: DrawnQuestion[]; view: PublicQuizView };

export type PackageConfig = {
  lang: Locale;
  /** Lesson ids in reading order. */
  lessons: string[];
  /** The lessons the completion rule requires. */
  required: string[];
  /** The completion rule's quizzes found in the package: they decide passed/failed and the score. */
  deciding: string[];
  quizzes: Record<string, PackageQuiz>;
  /** The catalogue subset the runtime shows (quiz results, notices). */
  messages: Messages;
};

/** A quiz's record in cmi.suspend_data: attempts sent, best percent, the last answers sent. */
export type QuizRecord = { n: number; b: number; a: Record<string, AnswerValue> };
export type PackageState = { read: string[]; quizzes: Record<string, QuizRecord> };

export const SUSPEND_DATA_VERSION = 2;

/** Compact JSON: SCORM 1.2 LMSes may keep only 4,096 characters (Tadrib keeps 64,000). */
export function writeSuspendData(state: PackageState): string {
  return JSON.stringify({ v: SUSPEND_DATA_VERSION, r: [...state.read].sort(), q: state.quizzes });
}

/** Whatever an LMS hands back (nothing, another version, garbage) gives a usable state. */
export function readSuspendData(text: string, config: Pick<PackageConfig, "lessons" | "quizzes">): PackageState {
  const state: PackageState = { read: [], quizzes: {} };
  let data: unknown;
  try {
    data = JSON.parse(text || "{}");
  } catch {
    return state;
  }
  if (!data || typeof data !== "object") return state;
  const { r, q } = data as { r?: unknown; q?: unknown };
  if (Array.isArray(r)) state.read = r.filter((id): id is string => typeof id === "string" && config.lessons.includes(id));
  if (q && typeof q === "object") {
    for (const [id, value] of Object.entries(q as Record<string, unknown>)) {
      if (!Object.prototype.hasOwnProperty.call(config.quizzes, id) || !value || typeof value !== "object") continue;
      const { n, b, a } = value as Record<string, unknown>;
      if (typeof n !== "number" || typeof b !== "number" || !a || typeof a !== "object") continue;
      state.quizzes[id] = { n, b, a: a as Record<string, AnswerValue> };
    }
  }
  return state;
}

/** Grades a submitted form with Tadrib's grader; `answers` keeps only what was answered, for suspend_data. */
export function gradeForm(pq: PackageQuiz, form: FormData, lang: Locale): { result: AttemptResult; answers: Record<string, AnswerValue> } {
  const given = answersFromForm(form, pq.view);
  const answers: Record<string, AnswerValue> = {};
  for (const [id, value] of Object.entries(given)) if (value !== null) answers[id] = value;
  return { result: gradeAttempt(pq.quiz, pq.drawn, answers, lang), answers };
}

export function gradeSaved(pq: PackageQuiz, answers: Record<string, AnswerValue>, lang: Locale): AttemptResult {
  return gradeAttempt(pq.quiz, pq.drawn, answers, lang);
}

export function attemptsLeft(pq: PackageQuiz, record: QuizRecord | undefined): number | null {
  const allowed = pq.quiz.settings.attemptsAllowed;
  return allowed === "unlimited" ? null : Math.max(0, allowed - (record?.n ?? 0));
}

/** The state after one more attempt: the best percent is kept, the answers are the last ones. */
export function recordAttempt(state: PackageState, quizId: string, result: AttemptResult, answers: Record<string, AnswerValue>): PackageState {
  const before = state.quizzes[quizId];
  const record = { n: (before?.n ?? 0) + 1, b: Math.max(before?.b ?? 0, result.percent), a: answers };
  return { ...state, quizzes: { ...state.quizzes, [quizId]: record } };
}

export type LessonStatus = "incomplete" | "completed" | "passed" | "failed";
export type Outcome = { status: LessonStatus; score: number | null };

/**
 * cmi.core.lesson_status and score.raw (0–100) for a state:
 * - no deciding quiz: `completed` once the required lessons are read, no score;
 * - deciding quizzes: the score is the mean of their best percents (a quiz not
 *   sent yet counts 0), reported from the first one sent; the status stays
 *   `incomplete` until each has been sent, then is `passed` when each best
 *   reaches its passing score (the export raised it to the rule's minScore),
 *   else `failed`. Reading does not decide a status the quizzes decide.
 */
export function outcome(config: Pick<PackageConfig, "required" | "deciding" | "quizzes">, state: PackageState): Outcome {
  if (config.deciding.length === 0) {
    const read = new Set(state.read);
    return { status: config.required.every((id) => read.has(id)) ? "completed" : "incomplete", score: null };
  }
  const records = config.deciding.map((id) => state.quizzes[id]);
  if (records.every((r) => !r)) return { status: "incomplete", score: null };
  const score = Math.round((records.reduce((sum, r) => sum + (r?.b ?? 0), 0) / records.length) * 100) / 100;
  if (records.some((r) => !r)) return { status: "incomplete", score };
  const passed = config.deciding.every((id, i) => records[i]!.b + 1e-9 >= config.quizzes[id].quiz.settings.passingScore);
  return { status: passed ? "passed" : "failed", score };
}

/**
 * The status to write given what the LMS holds: never back from passed, and
 * never from completed or failed to incomplete (suspend data an LMS lost must
 * not undo a result); null when nothing is to be written.
 */
export function statusToWrite(current: string, next: LessonStatus): LessonStatus | null {
  if (current === next || current === "passed") return null;
  if (next === "incomplete" && (current === "completed" || current === "failed")) return null;
  return next;
}
