import type { QuizSettings } from "./definition.server";

/**
 * When a learner may start, resume or must wait, decided from the quiz
 * settings and the learner's previous attempts only (pure: the clock is a
 * parameter), so the rules are tested without a database.
 */

export type AttemptStatus = "in_progress" | "submitted";

export type AttemptFacts = {
  id: string;
  status: AttemptStatus;
  startedAt: Date;
  deadlineAt: Date | null;
  submittedAt: Date | null;
};

/**
 * Answers saved a few seconds after the deadline still count: the browser's
 * last save may be in flight when the timer reaches zero.
 */
export const DEADLINE_GRACE_MS = 15_000;

const MINUTE = 60_000;

export function deadlineFor(settings: Pick<QuizSettings, "timeLimit">, startedAt: Date): Date | null {
  return settings.timeLimit === null ? null : new Date(startedAt.getTime() + settings.timeLimit * MINUTE);
}

/** An in-progress attempt whose time is up (grace included): it must be submitted as it stands. */
export function isExpired(attempt: Pick<AttemptFacts, "status" | "deadlineAt">, now: Date): boolean {
  return attempt.status === "in_progress" && attempt.deadlineAt !== null && now.getTime() > attempt.deadlineAt.getTime() + DEADLINE_GRACE_MS;
}

/** Whether answers may still be saved to (or the learner may submit) this attempt. */
export function isOpen(attempt: Pick<AttemptFacts, "status" | "deadlineAt">, now: Date): boolean {
  return attempt.status === "in_progress" && !isExpired(attempt, now);
}

/** When an expired attempt is recorded as submitted: at its deadline, not whenever someone noticed. */
export function expirySubmittedAt(attempt: Pick<AttemptFacts, "deadlineAt">, now: Date): Date {
  return attempt.deadlineAt && attempt.deadlineAt < now ? attempt.deadlineAt : now;
}

export type StartDecision =
  /** An attempt is under way: show it again with the answers saved so far. */
  | { action: "resume"; attemptId: string }
  /** These in-progress attempts ran out of time: submit them, then decide again. */
  | { action: "expire"; attemptIds: string[] }
  | { action: "start"; attemptNumber: number }
  | { action: "blocked"; reason: "limit-reached"; attemptsUsed: number }
  | { action: "blocked"; reason: "wait"; until: Date };

export function decideStart(settings: QuizSettings, attempts: readonly AttemptFacts[], now: Date): StartDecision {
  const expired = attempts.filter((a) => isExpired(a, now));
  if (expired.length) return { action: "expire", attemptIds: expired.map((a) => a.id) };

  const current = attempts.filter((a) => a.status === "in_progress").sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime())[0];
  if (current) return { action: "resume", attemptId: current.id };

  const used = attempts.length;
  if (settings.attemptsAllowed !== "unlimited" && used >= settings.attemptsAllowed) {
    return { action: "blocked", reason: "limit-reached", attemptsUsed: used };
  }

  if (settings.waitBetweenAttempts !== null) {
    const lastEnd = Math.max(0, ...attempts.map((a) => a.submittedAt?.getTime() ?? 0));
    const until = lastEnd + settings.waitBetweenAttempts * MINUTE;
    if (lastEnd > 0 && now.getTime() < until) return { action: "blocked", reason: "wait", until: new Date(until) };
  }
  return { action: "start", attemptNumber: used + 1 };
}

/** Attempts left after those already used; null when unlimited. */
export function attemptsRemaining(settings: Pick<QuizSettings, "attemptsAllowed">, attemptsUsed: number): number | null {
  return settings.attemptsAllowed === "unlimited" ? null : Math.max(0, settings.attemptsAllowed - attemptsUsed);
}
