import { randomBytes } from "node:crypto";
import { db } from "~/db/client.server";
import type { QuizAttempt } from "~/db/generated/client";
import { booleanOrNull, dateOrNull, readRows } from "~/db/read.server";
import { isLocale, type Locale } from "~/i18n/locales";
import { findAskedQuestion, parseAnswerInput } from "./answer-input.server";
import { attemptsRemaining, deadlineFor, decideStart, expirySubmittedAt, isOpen, type AttemptFacts } from "./attempt-rules.server";
import { pickText, type Quiz } from "./definition.server";
import { layoutQuestions, selectQuestionIds, type DrawnQuestion } from "./draw.server";
import { gradeAttempt, type AttemptResult, type QuestionResult } from "./grading.server";
import { publicQuizView } from "./public-view.server";
import { attemptResultView } from "./result-view.server";
import type { AttemptResultView, QuizState } from "./types";

/**
 * Quiz attempts in the database. Every write is one conditional statement
 * (the SQLite adapter shares one connection, so no interactive transaction
 * spans an await): answers are merged with json_set only while the attempt
 * is in progress, and an attempt is graded and closed by one update that
 * also checks the answers it graded are still the stored ones.
 */

/**
 * The learner, course and quiz an operation is about, in the learner's current
 * run of the course (the route checked enrolment), and the language the quiz is shown in: an attempt keeps the
 * language it was started in, which says how the numbers typed in it are read.
 */
export type QuizScope = { userId: string; courseId: string; enrolmentId: string; courseVersion: string; quiz: Quiz; locale: Locale };

export type AttemptRecord = {
  id: string;
  number: number;
  status: "in_progress" | "submitted";
  /** The language the attempt was started in; null for attempts older than that record. */
  locale: Locale | null;
  seed: string;
  questionIds: string[];
  answers: Record<string, unknown>;
  startedAt: Date;
  deadlineAt: Date | null;
  submittedAt: Date | null;
  score: number | null;
  maxScore: number | null;
  percent: number | null;
  passed: boolean | null;
  results: QuestionResult[] | null;
};

function parseJson<T>(text: string | null, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

type AttemptFields = Pick<
  QuizAttempt,
  | "id"
  | "number"
  | "status"
  | "locale"
  | "seed"
  | "questionIds"
  | "answers"
  | "startedAt"
  | "deadlineAt"
  | "submittedAt"
  | "score"
  | "maxScore"
  | "percent"
  | "passed"
  | "results"
>;

function toRecord(row: AttemptFields): AttemptRecord {
  return {
    id: row.id,
    number: row.number,
    status: row.status === "submitted" ? "submitted" : "in_progress",
    locale: isLocale(row.locale) ? row.locale : null,
    seed: row.seed,
    questionIds: parseJson<string[]>(row.questionIds, []),
    answers: parseJson<Record<string, unknown>>(row.answers, {}),
    startedAt: row.startedAt,
    deadlineAt: row.deadlineAt,
    submittedAt: row.submittedAt,
    score: row.score,
    maxScore: row.maxScore,
    percent: row.percent,
    passed: row.passed,
    results: parseJson<QuestionResult[] | null>(row.results, null),
  };
}

const scopeWhere = (scope: QuizScope) => ({ enrolmentId: scope.enrolmentId, userId: scope.userId, quizId: scope.quiz.id });

/** An attempt as SQLite stores it: DateTime columns as ISO text, Boolean as 0/1 (app/db/read.server.ts). */
type StoredAttempt = Omit<AttemptFields, "startedAt" | "deadlineAt" | "submittedAt" | "passed"> & {
  startedAt: string | number;
  deadlineAt: string | number | null;
  submittedAt: string | number | null;
  passed: number | boolean | null;
};

const ATTEMPT_COLUMNS = `"id", "number", "status", "locale", "seed", "questionIds", "answers", "startedAt", "deadlineAt",
  "submittedAt", "score", "maxScore", "percent", "passed", "results"`;

/**
 * The learner's attempts at the quiz in this run, oldest first. Read on every lesson page holding the quiz:
 * a prepared statement, not a Prisma query (app/db/read.server.ts). Never called inside a transaction; the
 * writes before it (an expired attempt closed, a new one started) are committed, so it sees them.
 */
export async function listAttempts(scope: QuizScope): Promise<AttemptRecord[]> {
  const rows = readRows<StoredAttempt>(
    `SELECT ${ATTEMPT_COLUMNS} FROM "QuizAttempt" WHERE "enrolmentId" = ? AND "userId" = ? AND "quizId" = ? ORDER BY "number" ASC`,
    scope.enrolmentId,
    scope.userId,
    scope.quiz.id,
  );
  return rows.map((row) =>
    toRecord({
      ...row,
      startedAt: new Date(row.startedAt),
      deadlineAt: dateOrNull(row.deadlineAt),
      submittedAt: dateOrNull(row.submittedAt),
      passed: booleanOrNull(row.passed),
    }),
  );
}

async function findAttempt(scope: QuizScope, attemptId: string): Promise<AttemptRecord | null> {
  const row = await db.quizAttempt.findFirst({ where: { id: attemptId, ...scopeWhere(scope) } });
  return row ? toRecord(row) : null;
}

export function drawnQuestionsOf(quiz: Quiz, attempt: Pick<AttemptRecord, "questionIds" | "seed">): DrawnQuestion[] {
  return layoutQuestions(quiz, attempt.questionIds, attempt.seed);
}

const MAX_GRADING_ROUNDS = 5;

/**
 * Grades and closes an attempt — once. A second submit (double click, two
 * tabs, the expiry sweep racing the learner) finds the status already
 * "submitted" and gets the stored result, never a regrade.
 */
async function closeAttempt(scope: QuizScope, attemptId: string, submittedAt: (attempt: AttemptRecord) => Date): Promise<AttemptRecord | null> {
  for (let round = 0; round < MAX_GRADING_ROUNDS; round++) {
    const row = await db.quizAttempt.findFirst({ where: { id: attemptId, ...scopeWhere(scope) } });
    if (!row) return null;
    const attempt = toRecord(row);
    if (attempt.status === "submitted") return attempt;
    const result: AttemptResult = gradeAttempt(scope.quiz, drawnQuestionsOf(scope.quiz, attempt), attempt.answers, attempt.locale ?? scope.locale);
    const closed = await db.quizAttempt.updateMany({
      // `answers` in the condition: an answer saved while we graded means grading again.
      where: { id: attemptId, status: "in_progress", answers: row.answers },
      data: {
        status: "submitted",
        submittedAt: submittedAt(attempt),
        score: result.score,
        maxScore: result.maxScore,
        percent: result.percent,
        passed: result.passed,
        results: JSON.stringify(result.questions),
      },
    });
    if (closed.count === 1) return findAttempt(scope, attemptId);
  }
  throw new Error(`Quiz attempt ${attemptId} kept changing while it was being graded`);
}

/** Submits, as they stand, the attempts whose time ran out. */
export async function closeExpiredAttempts(scope: QuizScope, attemptIds: readonly string[], now = new Date()): Promise<void> {
  for (const id of attemptIds) await closeAttempt(scope, id, (a) => expirySubmittedAt(a, now));
}

const facts = (a: AttemptRecord): AttemptFacts => ({
  id: a.id,
  status: a.status,
  startedAt: a.startedAt,
  deadlineAt: a.deadlineAt,
  submittedAt: a.submittedAt,
});

export type StartResult =
  | { ok: true; attempt: AttemptRecord; resumed: boolean }
  | { ok: false; reason: "limit-reached" }
  | { ok: false; reason: "wait"; until: Date };

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === "P2002";
}

/**
 * Resumes the attempt in progress, or starts the next one when the quiz's
 * rules allow it. Expired attempts are submitted first (with the answers
 * saved before the deadline).
 */
export async function startOrResumeAttempt(scope: QuizScope, now = new Date()): Promise<StartResult> {
  for (let round = 0; round < MAX_GRADING_ROUNDS; round++) {
    const attempts = await listAttempts(scope);
    const decision = decideStart(scope.quiz.settings, attempts.map(facts), now);
    switch (decision.action) {
      case "expire":
        await closeExpiredAttempts(scope, decision.attemptIds, now);
        continue;
      case "resume":
        return { ok: true, attempt: attempts.find((a) => a.id === decision.attemptId)!, resumed: true };
      case "blocked":
        return decision.reason === "wait" ? { ok: false, reason: "wait", until: decision.until } : { ok: false, reason: "limit-reached" };
      case "start": {
        const seed = randomBytes(12).toString("hex");
        try {
          const row = await db.quizAttempt.create({
            data: {
              ...scopeWhere(scope),
              courseId: scope.courseId,
              number: decision.attemptNumber,
              courseVersion: scope.courseVersion,
              locale: scope.locale,
              seed,
              questionIds: JSON.stringify(selectQuestionIds(scope.quiz, seed)),
              startedAt: now,
              deadlineAt: deadlineFor(scope.quiz.settings, now),
            },
          });
          return { ok: true, attempt: toRecord(row), resumed: false };
        } catch (error) {
          // Two tabs started at once: the other one's attempt is now the one to resume.
          if (isUniqueViolation(error)) continue;
          throw error;
        }
      }
    }
  }
  throw new Error("Could not start or resume a quiz attempt");
}

export type SaveResult = { ok: true } | { ok: false; reason: "not-found" | "closed" | "unknown-question" | "invalid-answer" };

/** Saves one answer as given (null clears it) while the attempt is open. */
export async function saveAnswer(
  scope: QuizScope,
  attemptId: string,
  questionId: string,
  value: unknown,
  now = new Date(),
): Promise<SaveResult> {
  const attempt = await findAttempt(scope, attemptId);
  if (!attempt) return { ok: false, reason: "not-found" };
  if (!isOpen(attempt, now)) return { ok: false, reason: "closed" };
  const question = findAskedQuestion(scope.quiz, attempt.questionIds, questionId);
  if (!question) return { ok: false, reason: "unknown-question" };
  const input = parseAnswerInput(question, value);
  if (!input.ok) return { ok: false, reason: "invalid-answer" };

  // Question ids are validated kebab-case, so the JSON path needs no escaping beyond the quotes.
  const jsonPath = `$."${question.id}"`;
  const changed =
    input.value === null
      ? await db.$executeRaw`UPDATE "QuizAttempt" SET "answers" = json_remove("answers", ${jsonPath}) WHERE "id" = ${attempt.id} AND "status" = 'in_progress'`
      : await db.$executeRaw`UPDATE "QuizAttempt" SET "answers" = json_set("answers", ${jsonPath}, json(${JSON.stringify(input.value)})) WHERE "id" = ${attempt.id} AND "status" = 'in_progress'`;
  return changed === 1 ? { ok: true } : { ok: false, reason: "closed" };
}

export type SubmitResult = { ok: true; attempt: AttemptRecord } | { ok: false; reason: "not-found" };

/**
 * Grades the attempt with its saved answers and closes it. After the deadline
 * (grace included) it is recorded as submitted at the deadline.
 */
export async function submitAttempt(scope: QuizScope, attemptId: string, now = new Date()): Promise<SubmitResult> {
  const attempt = await closeAttempt(scope, attemptId, (a) => (isOpen(a, now) ? now : expirySubmittedAt(a, now)));
  return attempt ? { ok: true, attempt } : { ok: false, reason: "not-found" };
}

type ResultFacts = { learnerHasPassed: boolean; canStillTry: boolean };

/** Whether the learner may still answer this quiz: an attempt under way, or one left to start (now or after the wait). */
function canStillTry(settings: Quiz["settings"], attempts: readonly AttemptRecord[], now: Date): boolean {
  const decision = decideStart(settings, attempts.map(facts), now);
  return !(decision.action === "blocked" && decision.reason === "limit-reached");
}

function toResultView(scope: QuizScope, attempt: AttemptRecord, locale: Locale, resultFacts: ResultFacts): AttemptResultView | null {
  if (attempt.status !== "submitted" || !attempt.submittedAt || attempt.results === null) return null;
  return attemptResultView(
    scope.quiz,
    {
      id: attempt.id,
      number: attempt.number,
      submittedAt: attempt.submittedAt,
      score: attempt.score ?? 0,
      maxScore: attempt.maxScore ?? 0,
      percent: attempt.percent ?? 0,
      passed: attempt.passed ?? false,
      results: attempt.results,
      answers: attempt.answers,
      drawn: drawnQuestionsOf(scope.quiz, attempt),
    },
    { locale, ...resultFacts },
  );
}

/**
 * The learner's situation with this quiz, read-only except that attempts
 * whose time ran out are submitted on the way.
 */
export async function quizState(scope: QuizScope, locale: Locale, now = new Date()): Promise<QuizState> {
  let attempts = await listAttempts(scope);
  let decision = decideStart(scope.quiz.settings, attempts.map(facts), now);
  if (decision.action === "expire") {
    await closeExpiredAttempts(scope, decision.attemptIds, now);
    attempts = await listAttempts(scope);
    decision = decideStart(scope.quiz.settings, attempts.map(facts), now);
  }
  const submitted = attempts.filter((a) => a.status === "submitted");
  const passed = submitted.some((a) => a.passed);
  const current = decision.action === "resume" ? attempts.find((a) => a.id === decision.attemptId) : undefined;
  const last = submitted.at(-1);
  return {
    quizId: scope.quiz.id,
    title: pickText(scope.quiz.title, locale, scope.quiz.languages),
    intro: scope.quiz.intro ? pickText(scope.quiz.intro, locale, scope.quiz.languages) : null,
    passingScore: scope.quiz.settings.passingScore,
    attemptsAllowed: scope.quiz.settings.attemptsAllowed,
    attemptsRemaining: attemptsRemaining(scope.quiz.settings, attempts.length),
    timeLimit: scope.quiz.settings.timeLimit,
    passed,
    bestPercent: submitted.length ? Math.max(...submitted.map((a) => a.percent ?? 0)) : null,
    history: submitted.map((a) => ({
      id: a.id,
      number: a.number,
      submittedAt: (a.submittedAt ?? a.startedAt).toISOString(),
      percent: a.percent ?? 0,
      passed: a.passed ?? false,
    })),
    current: current
      ? {
          attemptId: current.id,
          number: current.number,
          deadlineAt: current.deadlineAt?.toISOString() ?? null,
          view: publicQuizView(scope.quiz, drawnQuestionsOf(scope.quiz, current), locale),
          answers: current.answers,
        }
      : null,
    next:
      decision.action === "start"
        ? { canStart: true }
        : decision.action === "blocked"
          ? decision.reason === "wait"
            ? { canStart: false, reason: "wait", until: decision.until.toISOString() }
            : { canStart: false, reason: "limit-reached" }
          : null,
    lastResult: last ? toResultView(scope, last, locale, { learnerHasPassed: passed, canStillTry: canStillTry(scope.quiz.settings, attempts, now) }) : null,
  };
}

/** One submitted attempt's result view for its learner, or null. */
export async function getAttemptResult(scope: QuizScope, attemptId: string, locale: Locale, now = new Date()): Promise<AttemptResultView | null> {
  const attempts = await listAttempts(scope);
  const attempt = attempts.find((a) => a.id === attemptId);
  if (!attempt) return null;
  return toResultView(scope, attempt, locale, {
    learnerHasPassed: attempts.some((a) => a.passed),
    canStillTry: canStillTry(scope.quiz.settings, attempts, now),
  });
}

export type QuizOutcome = { quizId: string; passed: boolean; bestPercent: number; attempts: number };

/** Per quiz of a course, in one run of it: whether the learner passed it and their best score (for completion rules). */
export async function quizOutcomes(enrolmentId: string): Promise<Map<string, QuizOutcome>> {
  // The completion rule's facts, read on every course and lesson page: a prepared statement (app/db/read.server.ts).
  const rows = readRows<{ quizId: string; passed: number | boolean | null; percent: number | null }>(
    `SELECT "quizId", "passed", "percent" FROM "QuizAttempt" WHERE "enrolmentId" = ? AND "status" = 'submitted'`,
    enrolmentId,
  );
  const outcomes = new Map<string, QuizOutcome>();
  for (const row of rows) {
    const current = outcomes.get(row.quizId) ?? { quizId: row.quizId, passed: false, bestPercent: 0, attempts: 0 };
    current.passed ||= booleanOrNull(row.passed) === true;
    current.bestPercent = Math.max(current.bestPercent, row.percent ?? 0);
    current.attempts++;
    outcomes.set(row.quizId, current);
  }
  return outcomes;
}
