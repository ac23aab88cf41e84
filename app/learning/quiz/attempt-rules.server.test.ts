import { describe, expect, it } from "vitest";
import {
  attemptsRemaining,
  DEADLINE_GRACE_MS,
  deadlineFor,
  decideStart,
  expirySubmittedAt,
  isExpired,
  isOpen,
  type AttemptFacts,
} from "./attempt-rules.server";
import type { QuizSettings } from "./definition.server";

const settings = (overrides: Partial<QuizSettings> = {}): QuizSettings => ({
  passingScore: 70,
  attemptsAllowed: "unlimited",
  waitBetweenAttempts: null,
  timeLimit: null,
  pool: null,
  shuffleQuestions: false,
  shuffleOptions: false,
  showFeedback: "after-each-attempt",
  showCorrectAnswers: "never",
  ...overrides,
});

const t0 = new Date("2026-12-01T10:00:00Z");
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

const submitted = (id: string, startedMin: number, submittedMin: number): AttemptFacts => ({
  id,
  status: "submitted",
  startedAt: at(startedMin),
  deadlineAt: null,
  submittedAt: at(submittedMin),
});
const inProgress = (id: string, startedMin: number, deadlineMin: number | null = null): AttemptFacts => ({
  id,
  status: "in_progress",
  startedAt: at(startedMin),
  deadlineAt: deadlineMin === null ? null : at(deadlineMin),
  submittedAt: null,
});

describe("decideStart", () => {
  it("starts the first attempt", () => {
    expect(decideStart(settings(), [], t0)).toEqual({ action: "start", attemptNumber: 1 });
  });

  it("resumes the attempt in progress instead of starting another", () => {
    expect(decideStart(settings({ attemptsAllowed: 1 }), [inProgress("a1", 0)], at(5))).toEqual({ action: "resume", attemptId: "a1" });
    expect(decideStart(settings(), [submitted("a1", 0, 5), inProgress("a2", 10, 30)], at(15))).toEqual({ action: "resume", attemptId: "a2" });
  });

  it("blocks once the attempts allowed are used", () => {
    const two = [submitted("a1", 0, 5), submitted("a2", 10, 15)];
    expect(decideStart(settings({ attemptsAllowed: 2 }), two, at(60))).toEqual({ action: "blocked", reason: "limit-reached", attemptsUsed: 2 });
    expect(decideStart(settings({ attemptsAllowed: 3 }), two, at(60))).toEqual({ action: "start", attemptNumber: 3 });
    expect(decideStart(settings({ attemptsAllowed: "unlimited" }), [...two, ...two, ...two], at(60))).toEqual({ action: "start", attemptNumber: 7 });
  });

  it("makes the learner wait after the last submitted attempt", () => {
    const wait = settings({ waitBetweenAttempts: 30 });
    const history = [submitted("a1", 0, 10), submitted("a2", 12, 20)];
    expect(decideStart(wait, history, at(49))).toEqual({ action: "blocked", reason: "wait", until: at(50) });
    expect(decideStart(wait, history, at(50))).toEqual({ action: "start", attemptNumber: 3 });
    expect(decideStart(wait, [], t0)).toEqual({ action: "start", attemptNumber: 1 });
  });

  it("reports the limit before the waiting time: waiting would not help", () => {
    const both = settings({ waitBetweenAttempts: 30, attemptsAllowed: 1 });
    expect(decideStart(both, [submitted("a1", 0, 10)], at(11))).toMatchObject({ reason: "limit-reached" });
  });

  it("asks for expired attempts to be submitted first", () => {
    const timed = settings({ timeLimit: 20 });
    const attempts = [inProgress("a1", 0, 20)];
    expect(decideStart(timed, attempts, at(20))).toEqual({ action: "resume", attemptId: "a1" });
    expect(decideStart(timed, attempts, new Date(at(20).getTime() + DEADLINE_GRACE_MS + 1))).toEqual({ action: "expire", attemptIds: ["a1"] });
  });
});

describe("time limits", () => {
  it("computes the deadline from the start", () => {
    expect(deadlineFor({ timeLimit: 20 }, t0)).toEqual(at(20));
    expect(deadlineFor({ timeLimit: null }, t0)).toBeNull();
  });

  it("keeps an attempt open until the deadline plus a short grace", () => {
    const attempt = inProgress("a1", 0, 20);
    expect(isOpen(attempt, at(19))).toBe(true);
    expect(isOpen(attempt, new Date(at(20).getTime() + DEADLINE_GRACE_MS))).toBe(true);
    expect(isOpen(attempt, new Date(at(20).getTime() + DEADLINE_GRACE_MS + 1))).toBe(false);
    expect(isExpired(attempt, at(21))).toBe(true);
  });

  it("never expires an attempt without a time limit, nor a submitted one", () => {
    expect(isExpired(inProgress("a1", 0), at(100_000))).toBe(false);
    expect(isOpen(inProgress("a1", 0), at(100_000))).toBe(true);
    expect(isOpen(submitted("a1", 0, 5), at(6))).toBe(false);
    expect(isExpired({ status: "submitted", deadlineAt: at(1) }, at(100))).toBe(false);
  });

  it("records an expired attempt as submitted at its deadline", () => {
    expect(expirySubmittedAt({ deadlineAt: at(20) }, at(300))).toEqual(at(20));
    expect(expirySubmittedAt({ deadlineAt: null }, at(300))).toEqual(at(300));
  });
});

describe("attemptsRemaining", () => {
  it("counts down, never below zero, and is null when unlimited", () => {
    expect(attemptsRemaining({ attemptsAllowed: 3 }, 1)).toBe(2);
    expect(attemptsRemaining({ attemptsAllowed: 3 }, 5)).toBe(0);
    expect(attemptsRemaining({ attemptsAllowed: "unlimited" }, 5)).toBeNull();
  });
});
