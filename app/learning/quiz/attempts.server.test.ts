import { beforeEach, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { DEADLINE_GRACE_MS } from "./attempt-rules.server";
import {
  drawnQuestionsOf,
  getAttemptResult,
  listAttempts,
  quizOutcomes,
  quizState,
  saveAnswer,
  startOrResumeAttempt,
  submitAttempt,
  type AttemptRecord,
  type QuizScope,
} from "./attempts.server";
import type { Quiz } from "./definition.server";
import { choiceToken } from "./draw.server";
import { loadFixture } from "./fixtures/load-fixture";
import { quizStatistics } from "./stats.server";
import { createUser, enrolmentFor } from "../../../tests/setup/db-fixtures";

const t0 = new Date("2026-12-01T10:00:00Z");
const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);

let counter = 0;
async function makeScope(quiz: Quiz, courseId?: string): Promise<QuizScope> {
  counter++;
  const user = await createUser();
  const course = courseId ? { id: courseId } : await db.course.create({ data: { slug: `course-${counter}` } });
  const enrolment = await enrolmentFor(user.id, course.id);
  return { userId: user.id, courseId: course.id, enrolmentId: enrolment.id, courseVersion: "v1", quiz, locale: "fr" };
}

function started(result: Awaited<ReturnType<typeof startOrResumeAttempt>>): AttemptRecord {
  if (!result.ok) throw new Error(`expected an attempt, got ${result.reason}`);
  return result.attempt;
}

/** Settings edited on the fixture's YAML: the attempt rules are what is under test. */
const fixtureWith = (settings: string) =>
  loadFixture((s) => s.replace(/settings:\n(?: {2}.*\n)+/, `settings:\n${settings.replace(/^/gm, "  ")}\n`));

/** Every answer right, tokens included, for this attempt's layout. */
function perfectAnswers(quiz: Quiz, attempt: AttemptRecord): Record<string, unknown> {
  const drawn = drawnQuestionsOf(quiz, attempt);
  const tok = (questionId: string, id: string) => choiceToken(drawn.find((d) => d.id === questionId)!.order.indexOf(id));
  return {
    "palermo-elements": "act-means-purpose",
    indicators: ["passport-kept", "debt-bondage"],
    "consent-irrelevant": true,
    "match-roles": { "labour-inspector": tok("match-roles", "labour-inspector"), prosecutor: tok("match-roles", "prosecutor"), "social-worker": tok("match-roles", "social-worker") },
    "referral-steps": ["identify", "protect", "refer", "follow-up"].map((id) => tok("referral-steps", id)),
    "law-name": "loi 27-14",
    "victims-count": "3,5",
    "farm-indicators": ["documents", "wages"],
    "farm-first-step": "safety",
  };
}

async function answerAll(scope: QuizScope, attempt: AttemptRecord, answers: Record<string, unknown>, now: Date) {
  for (const [questionId, value] of Object.entries(answers)) {
    expect(await saveAnswer(scope, attempt.id, questionId, value, now), questionId).toEqual({ ok: true });
  }
}

let quiz: Quiz;
beforeEach(() => {
  quiz = fixtureWith("passingScore: 70\nattemptsAllowed: 3\nwaitBetweenAttempts: 30\nshuffleQuestions: true\nshuffleOptions: true");
});

describe("startOrResumeAttempt", () => {
  it("starts attempt 1 with a fixed draw, then resumes it instead of starting another", async () => {
    const scope = await makeScope(quiz);
    const first = await startOrResumeAttempt(scope, t0);
    expect(first).toMatchObject({ ok: true, resumed: false });
    const attempt = started(first);
    expect(attempt).toMatchObject({ number: 1, status: "in_progress", deadlineAt: null, answers: {} });
    expect([...attempt.questionIds].sort()).toEqual(quiz.questions.map((q) => q.id).sort());

    const again = await startOrResumeAttempt(scope, minutes(5));
    expect(again).toMatchObject({ ok: true, resumed: true });
    expect(started(again)).toMatchObject({ id: attempt.id, questionIds: attempt.questionIds, seed: attempt.seed });
    expect(await listAttempts(scope)).toHaveLength(1);
  });

  it("starts one attempt when two tabs start at the same moment", async () => {
    const scope = await makeScope(quiz);
    const results = await Promise.all([startOrResumeAttempt(scope, t0), startOrResumeAttempt(scope, t0), startOrResumeAttempt(scope, t0)]);
    expect(new Set(results.map((r) => started(r).id)).size).toBe(1);
    expect(await listAttempts(scope)).toHaveLength(1);
  });

  it("makes the learner wait between attempts and stops at the limit", async () => {
    const scope = await makeScope(quiz);
    const one = started(await startOrResumeAttempt(scope, t0));
    await submitAttempt(scope, one.id, minutes(2));
    expect(await startOrResumeAttempt(scope, minutes(20))).toEqual({ ok: false, reason: "wait", until: minutes(32) });

    const two = started(await startOrResumeAttempt(scope, minutes(32)));
    expect(two.number).toBe(2);
    expect(two.seed).not.toBe(one.seed);
    await submitAttempt(scope, two.id, minutes(33));
    const three = started(await startOrResumeAttempt(scope, minutes(63)));
    await submitAttempt(scope, three.id, minutes(64));
    expect(await startOrResumeAttempt(scope, minutes(500))).toEqual({ ok: false, reason: "limit-reached" });
  });
});

describe("saveAnswer", () => {
  it("saves each answer as given and resumes with them", async () => {
    const scope = await makeScope(quiz);
    const attempt = started(await startOrResumeAttempt(scope, t0));
    await answerAll(scope, attempt, { "palermo-elements": "border-crossing", "law-name": "  Loi 27-14 ", "victims-count": "٣٫٥" }, t0);
    expect(await saveAnswer(scope, attempt.id, "palermo-elements", "act-means-purpose", t0)).toEqual({ ok: true });
    const resumed = started(await startOrResumeAttempt(scope, minutes(1)));
    expect(resumed.answers).toEqual({ "palermo-elements": "act-means-purpose", "law-name": "  Loi 27-14 ", "victims-count": "٣٫٥" });
  });

  it("keeps every answer when many are saved at once", async () => {
    const scope = await makeScope(quiz);
    const attempt = started(await startOrResumeAttempt(scope, t0));
    const answers = perfectAnswers(quiz, attempt);
    const results = await Promise.all(Object.entries(answers).map(([q, v]) => saveAnswer(scope, attempt.id, q, v, t0)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(started(await startOrResumeAttempt(scope, t0)).answers).toEqual(answers);
  });

  it("clears an answer given as null or empty", async () => {
    const scope = await makeScope(quiz);
    const attempt = started(await startOrResumeAttempt(scope, t0));
    await answerAll(scope, attempt, { indicators: ["paid-leave"], "law-name": "x" }, t0);
    await saveAnswer(scope, attempt.id, "indicators", [], t0);
    await saveAnswer(scope, attempt.id, "law-name", null, t0);
    expect(started(await startOrResumeAttempt(scope, t0)).answers).toEqual({});
  });

  it("refuses unknown questions, malformed answers and other people's attempts, changing nothing", async () => {
    const scope = await makeScope(quiz);
    const other = await makeScope(quiz, scope.courseId);
    const attempt = started(await startOrResumeAttempt(scope, t0));
    expect(await saveAnswer(scope, attempt.id, "no-such-question", "a", t0)).toEqual({ ok: false, reason: "unknown-question" });
    expect(await saveAnswer(scope, attempt.id, "farm-case", "a", t0)).toEqual({ ok: false, reason: "unknown-question" });
    expect(await saveAnswer(scope, attempt.id, "indicators", { a: 1 }, t0)).toEqual({ ok: false, reason: "invalid-answer" });
    expect(await saveAnswer(scope, attempt.id, "law-name", "x".repeat(501), t0)).toEqual({ ok: false, reason: "invalid-answer" });
    expect(await saveAnswer(scope, attempt.id, "consent-irrelevant", "maybe", t0)).toEqual({ ok: false, reason: "invalid-answer" });
    expect(await saveAnswer(other, attempt.id, "law-name", "x", t0)).toEqual({ ok: false, reason: "not-found" });
    expect(started(await startOrResumeAttempt(scope, t0)).answers).toEqual({});
  });

  it("refuses a question the pool did not draw for this attempt", async () => {
    const pooled = fixtureWith("passingScore: 50\npool: { draw: 2 }");
    const scope = await makeScope(pooled);
    const attempt = started(await startOrResumeAttempt(scope, t0));
    expect(attempt.questionIds).toHaveLength(2);
    const notAsked = pooled.questions.find((q) => !attempt.questionIds.includes(q.id) && q.type !== "case")!;
    expect(await saveAnswer(scope, attempt.id, notAsked.id, "x", t0)).toEqual({ ok: false, reason: "unknown-question" });
  });
});

describe("submitAttempt", () => {
  it("grades the saved answers once: a double submit returns the same stored result", async () => {
    const scope = await makeScope(quiz);
    const attempt = started(await startOrResumeAttempt(scope, t0));
    await answerAll(scope, attempt, perfectAnswers(quiz, attempt), t0);
    const [a, b] = await Promise.all([submitAttempt(scope, attempt.id, minutes(3)), submitAttempt(scope, attempt.id, minutes(3))]);
    expect(a).toEqual(b);
    expect(a.ok && a.attempt).toMatchObject({ status: "submitted", score: 10, maxScore: 10, percent: 100, passed: true, submittedAt: minutes(3) });

    // Answers saved after submission are refused and a later submit does not regrade.
    expect(await saveAnswer(scope, attempt.id, "palermo-elements", "border-crossing", minutes(4))).toEqual({ ok: false, reason: "closed" });
    const later = await submitAttempt(scope, attempt.id, minutes(10));
    expect(later.ok && later.attempt).toMatchObject({ submittedAt: minutes(3), score: 10 });
  });

  it("does not regrade with a changed answer key: the stored result stands", async () => {
    const scope = await makeScope(quiz);
    const attempt = started(await startOrResumeAttempt(scope, t0));
    await answerAll(scope, attempt, { "law-name": "27-14" }, t0);
    await submitAttempt(scope, attempt.id, minutes(1));
    const edited = loadFixture((s) => s.replace(`fr: [27-14, "loi 27-14", "loi 27.14"]`, `fr: ["loi 27-15"]`).replace(`ar: ["27.14", "القانون 27.14", "قانون رقم ٢٧.١٤"]`, `ar: ["27.15"]`).replace(`en: [27-14, "law 27-14"]`, `en: ["27-15"]`));
    const again = await submitAttempt({ ...scope, quiz: edited }, attempt.id, minutes(2));
    expect(again.ok && again.attempt.score).toBe(1);
  });

  it("grades empty answers as zero", async () => {
    const scope = await makeScope(quiz);
    const attempt = started(await startOrResumeAttempt(scope, t0));
    const result = await submitAttempt(scope, attempt.id, minutes(1));
    expect(result.ok && result.attempt).toMatchObject({ score: 0, percent: 0, passed: false });
  });

  it("finds no attempt of another learner", async () => {
    const scope = await makeScope(quiz);
    const other = await makeScope(quiz, scope.courseId);
    const attempt = started(await startOrResumeAttempt(scope, t0));
    expect(await submitAttempt(other, attempt.id, t0)).toEqual({ ok: false, reason: "not-found" });
    expect((await listAttempts(scope))[0].status).toBe("in_progress");
  });
});

describe("time limit", () => {
  it("submits an expired attempt with the answers saved before the deadline", async () => {
    const timed = fixtureWith("passingScore: 10\ntimeLimit: 20");
    const scope = await makeScope(timed);
    const attempt = started(await startOrResumeAttempt(scope, t0));
    expect(attempt.deadlineAt).toEqual(minutes(20));
    await answerAll(scope, attempt, { "palermo-elements": "act-means-purpose" }, minutes(5));
    // A save in flight when the timer reaches zero still counts…
    expect(await saveAnswer(scope, attempt.id, "consent-irrelevant", true, new Date(minutes(20).getTime() + DEADLINE_GRACE_MS - 1))).toEqual({ ok: true });
    // …one after the grace does not.
    expect(await saveAnswer(scope, attempt.id, "law-name", "27-14", minutes(21))).toEqual({ ok: false, reason: "closed" });

    const state = await quizState(scope, "fr", minutes(60));
    expect(state.current).toBeNull();
    expect(state.next).toEqual({ canStart: true });
    const [closed] = await listAttempts(scope);
    expect(closed).toMatchObject({ status: "submitted", submittedAt: minutes(20), score: 2, passed: true });
  });

  it("a late submit is recorded at the deadline", async () => {
    const timed = fixtureWith("passingScore: 10\ntimeLimit: 20");
    const scope = await makeScope(timed);
    const attempt = started(await startOrResumeAttempt(scope, t0));
    const result = await submitAttempt(scope, attempt.id, minutes(45));
    expect(result.ok && result.attempt.submittedAt).toEqual(minutes(20));
  });

  it("starting again after expiry submits the old attempt and opens a new one", async () => {
    const timed = fixtureWith("passingScore: 10\ntimeLimit: 20");
    const scope = await makeScope(timed);
    const first = started(await startOrResumeAttempt(scope, t0));
    const second = started(await startOrResumeAttempt(scope, minutes(30)));
    expect(second.id).not.toBe(first.id);
    expect(second.number).toBe(2);
    expect((await listAttempts(scope))[0]).toMatchObject({ status: "submitted", submittedAt: minutes(20) });
  });
});

describe("listAttempts and quizOutcomes read what Prisma stored (prepared statements, app/db/read.server.ts)", () => {
  it("gives every field as the Prisma row had it: dates as Dates, passed as a boolean or null, JSON parsed", async () => {
    const timed = fixtureWith("passingScore: 70\nattemptsAllowed: 3\ntimeLimit: 20");
    const scope = await makeScope(timed);
    const first = started(await startOrResumeAttempt(scope, t0));
    await answerAll(scope, first, perfectAnswers(timed, first), minutes(2));
    await submitAttempt(scope, first.id, minutes(3));
    const second = started(await startOrResumeAttempt(scope, minutes(10)));
    await saveAnswer(scope, second.id, "consent-irrelevant", false, minutes(11));

    const records = await listAttempts(scope);
    const rows = await db.quizAttempt.findMany({ where: { enrolmentId: scope.enrolmentId }, orderBy: { number: "asc" } });
    expect(records.map((r) => r.id)).toEqual(rows.map((r) => r.id));
    for (const [i, row] of rows.entries()) {
      const record = records[i];
      expect(record.startedAt).toBeInstanceOf(Date);
      expect(record).toEqual({
        id: row.id,
        number: row.number,
        status: row.status,
        locale: row.locale,
        seed: row.seed,
        questionIds: JSON.parse(row.questionIds),
        answers: JSON.parse(row.answers),
        startedAt: row.startedAt,
        deadlineAt: row.deadlineAt,
        submittedAt: row.submittedAt,
        score: row.score,
        maxScore: row.maxScore,
        percent: row.percent,
        passed: row.passed,
        results: row.results === null ? null : JSON.parse(row.results),
      });
    }
    expect(records[0]).toMatchObject({ status: "submitted", passed: true, submittedAt: minutes(3), deadlineAt: minutes(20), percent: 100 });
    expect(records[1]).toMatchObject({ status: "in_progress", passed: null, submittedAt: null, percent: null, results: null });
    expect(records[1].answers).toEqual({ "consent-irrelevant": false });
  });

  it("never returns another learner's, another run's or another quiz's attempts", async () => {
    const scope = await makeScope(quiz);
    const other = await makeScope(quiz, scope.courseId);
    started(await startOrResumeAttempt(other, t0));
    const otherQuiz = { ...quiz, id: "another-quiz" };
    started(await startOrResumeAttempt({ ...scope, quiz: otherQuiz }, t0));
    expect(await listAttempts(scope)).toEqual([]);
    expect(await quizOutcomes(scope.enrolmentId)).toEqual(new Map());

    const mine = started(await startOrResumeAttempt(scope, t0));
    expect((await listAttempts(scope)).map((a) => a.id)).toEqual([mine.id]);
    // The same learner's later run of the course (a retake in another cohort) starts with no attempts of its own.
    const cohort = await db.cohort.create({ data: { courseId: scope.courseId, name: "Retake", inviteCode: `R${counter}`.padEnd(10, "0") } });
    const laterRun = await db.enrolment.create({ data: { userId: scope.userId, courseId: scope.courseId, cohortId: cohort.id, enrolledAt: minutes(60) } });
    const retake = { ...scope, enrolmentId: laterRun.id };
    expect(await listAttempts(retake)).toEqual([]);
    const again = started(await startOrResumeAttempt(retake, minutes(61)));
    expect((await listAttempts(retake)).map((a) => a.id)).toEqual([again.id]);
    expect((await listAttempts(scope)).map((a) => a.id)).toEqual([mine.id]);
  });

  it("quizOutcomes counts a failed attempt as not passed with its score, and a passed one as passed", async () => {
    const strict = fixtureWith("passingScore: 100\nattemptsAllowed: 3");
    const scope = await makeScope(strict);
    const first = started(await startOrResumeAttempt(scope, t0));
    await answerAll(scope, first, { ...perfectAnswers(strict, first), "farm-first-step": "confront" }, t0);
    await submitAttempt(scope, first.id, minutes(1));
    expect((await quizOutcomes(scope.enrolmentId)).get("every-type")).toEqual({ quizId: "every-type", passed: false, bestPercent: 90, attempts: 1 });
    const second = started(await startOrResumeAttempt(scope, minutes(2)));
    await answerAll(scope, second, perfectAnswers(strict, second), minutes(2));
    await submitAttempt(scope, second.id, minutes(3));
    expect((await quizOutcomes(scope.enrolmentId)).get("every-type")).toEqual({ quizId: "every-type", passed: true, bestPercent: 100, attempts: 2 });
  });
});

describe("quizState and results", () => {
  const secretsOf = (q: Quiz) => {
    const texts: string[] = [];
    const walk = (v: unknown, key?: string) => {
      if (typeof v === "string" && key && ["explanation", "feedback", "trueFeedback", "falseFeedback"].includes(key)) texts.push(v);
      else if (Array.isArray(v)) v.forEach((x) => walk(x, key === "accepted" ? "feedback" : key));
      else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, ["fr", "ar", "en"].includes(k) ? key : k);
    };
    walk(q.questions);
    return texts;
  };

  it("shows the attempt under way without any answer key, then the review after submission", async () => {
    const scope = await makeScope(quiz);
    const attempt = started(await startOrResumeAttempt(scope, t0));
    await answerAll(scope, attempt, { "palermo-elements": "border-crossing" }, t0);
    const during = await quizState(scope, "ar", minutes(1));
    expect(during.current).toMatchObject({ attemptId: attempt.id, number: 1, answers: { "palermo-elements": "border-crossing" } });
    const json = JSON.stringify(during);
    const secrets = secretsOf(quiz);
    expect(secrets.length).toBeGreaterThan(20);
    for (const secret of secrets) expect(json).not.toContain(secret);
    expect(json).not.toContain('"correct"');

    await submitAttempt(scope, attempt.id, minutes(2));
    const after = await quizState(scope, "fr", minutes(3));
    expect(after.current).toBeNull();
    expect(after.next).toEqual({ canStart: false, reason: "wait", until: minutes(32).toISOString() });
    expect(after.history).toEqual([{ id: attempt.id, number: 1, submittedAt: minutes(2).toISOString(), percent: 0, passed: false }]);
    expect(after.attemptsRemaining).toBe(2);
    // Right or wrong is shown; with attempts left, nothing of the answer key is.
    const review = after.lastResult?.review;
    const palermo = review?.find((q) => q.id === "palermo-elements");
    expect(palermo).toMatchObject({ correct: false, answered: true, explanation: null });
    expect(palermo?.type === "single" && palermo.options.find((o) => o.id === "border-crossing")).toEqual({
      id: "border-crossing",
      text: expect.any(String),
      chosen: true,
      correct: null,
      feedback: null,
    });
    expect(after.lastResult).toMatchObject({ correctAnswersShown: false, showCorrectAnswers: "never" });
    const afterJson = JSON.stringify(after);
    for (const secret of secrets) expect(afterJson).not.toContain(secret);
    expect(afterJson).not.toMatch(/"correct":true,"chosen"|"expected":(?!null)|"accepted":(?!null)/);
  });

  it("keeps the answer key hidden after a blank first attempt while attempts are left, by default", async () => {
    const scope = await makeScope(quiz);
    const blank = started(await startOrResumeAttempt(scope, t0));
    await submitAttempt(scope, blank.id, minutes(1));
    const state = await quizState(scope, "fr", minutes(40));
    expect(state.next).toEqual({ canStart: true });
    const json = JSON.stringify(state);
    for (const secret of secretsOf(quiz)) expect(json).not.toContain(secret);
    const flags = state.lastResult!.review!.flatMap((q) => (q.type === "single" || q.type === "multiple" ? q.options.map((o) => o.correct) : []));
    expect(flags.length).toBeGreaterThan(3);
    expect(new Set(flags)).toEqual(new Set([null]));
  });

  it("shows the correct answers after the last attempt or once passed, when the quiz says so", async () => {
    const later = fixtureWith("passingScore: 70\nattemptsAllowed: 2\nshowCorrectAnswers: after-last-attempt-or-passed");
    // A learner who fails both attempts sees the answers after the second, not before.
    const failing = await makeScope(later);
    const one = started(await startOrResumeAttempt(failing, t0));
    await submitAttempt(failing, one.id, minutes(1));
    expect((await quizState(failing, "fr", minutes(2))).lastResult).toMatchObject({ correctAnswersShown: false });
    const two = started(await startOrResumeAttempt(failing, minutes(3)));
    expect((await quizState(failing, "fr", minutes(4))).lastResult).toMatchObject({ correctAnswersShown: false });
    await submitAttempt(failing, two.id, minutes(5));
    const last = (await quizState(failing, "fr", minutes(6))).lastResult!;
    expect(last.correctAnswersShown).toBe(true);
    const palermo = last.review!.find((q) => q.id === "palermo-elements");
    expect(palermo?.type === "single" && palermo.options.find((o) => o.correct)?.id).toBe("act-means-purpose");
    expect(palermo?.explanation).toContain("L'acte, le moyen et la finalité");

    // A learner who passes on the first try sees them at once.
    const passing = await makeScope(later);
    const first = started(await startOrResumeAttempt(passing, t0));
    await answerAll(passing, first, perfectAnswers(later, first), t0);
    await submitAttempt(passing, first.id, minutes(1));
    expect((await quizState(passing, "fr", minutes(2))).lastResult).toMatchObject({ passed: true, correctAnswersShown: true });
  });

  it("always shows the correct answers when the quiz says always", async () => {
    const always = fixtureWith("passingScore: 70\nshowCorrectAnswers: always");
    const scope = await makeScope(always);
    const attempt = started(await startOrResumeAttempt(scope, t0));
    await answerAll(scope, attempt, { "victims-count": "9" }, t0);
    await submitAttempt(scope, attempt.id, minutes(1));
    const result = (await quizState(scope, "fr", minutes(2))).lastResult!;
    expect(result.correctAnswersShown).toBe(true);
    expect(result.review!.find((q) => q.id === "palermo-elements")).toMatchObject({ explanation: expect.stringContaining("L'acte") });
    const numeric = result.review!.flatMap((q) => (q.type === "case" ? q.questions : [q])).find((q) => q.id === "victims-count");
    expect(numeric).toMatchObject({ given: "9", expected: 3.5, tolerance: 0.1, correct: false });
  });

  it("reads the numbers of an attempt in the language it was started in", async () => {
    const numeric = fixtureWith("passingScore: 10");
    const english = { ...(await makeScope(numeric)), locale: "en" as const };
    const french = { ...(await makeScope(numeric)), locale: "fr" as const };
    for (const scope of [english, french]) {
      const attempt = started(await startOrResumeAttempt(scope, t0));
      // 3.5 is the answer: "3,5" is 3.5 in French, and not a valid English grouping, so read as 3.5 there too;
      // "3,500" is 3500 in English and 3.5 in French.
      await answerAll(scope, attempt, { "victims-count": "3,500" }, t0);
      await submitAttempt(scope, attempt.id, minutes(1));
    }
    const grade = async (scope: QuizScope) => {
      const [attempt] = await listAttempts(scope);
      return attempt.results!.flatMap((r) => (r.parts.length ? r.parts : [r])).find((r) => r.questionId === "victims-count")!.correct;
    };
    expect((await listAttempts(english))[0].locale).toBe("en");
    expect(await grade(english)).toBe(false);
    expect(await grade(french)).toBe(true);
  });

  it("hides the review until the learner passes when the quiz says after-passing", async () => {
    const afterPassing = fixtureWith("passingScore: 50\nshowFeedback: after-passing");
    const scope = await makeScope(afterPassing);
    const one = started(await startOrResumeAttempt(scope, t0));
    await submitAttempt(scope, one.id, minutes(1));
    expect((await quizState(scope, "fr", minutes(2))).lastResult).toMatchObject({ passed: false, review: null });

    const two = started(await startOrResumeAttempt(scope, minutes(3)));
    await answerAll(scope, two, perfectAnswers(afterPassing, two), minutes(3));
    await submitAttempt(scope, two.id, minutes(4));
    expect((await quizState(scope, "fr", minutes(5))).lastResult?.review).not.toBeNull();
    // Once passed, earlier attempts can be reviewed too.
    expect((await getAttemptResult(scope, one.id, "fr"))?.review).not.toBeNull();
  });

  it("never shows the review when the quiz says never", async () => {
    const never = fixtureWith("passingScore: 50\nshowFeedback: never");
    const scope = await makeScope(never);
    const attempt = started(await startOrResumeAttempt(scope, t0));
    await answerAll(scope, attempt, perfectAnswers(never, attempt), t0);
    await submitAttempt(scope, attempt.id, minutes(1));
    expect(await getAttemptResult(scope, attempt.id, "fr")).toMatchObject({ passed: true, percent: 100, review: null });
  });
});

describe("quizOutcomes and statistics", () => {
  it("tells completion whether each quiz was passed, and reviewers how each question went", async () => {
    const plain = fixtureWith("passingScore: 60");
    const first = await makeScope(plain);
    const courseId = first.courseId;
    const learners = [first, await makeScope(plain, courseId), await makeScope(plain, courseId)];
    const wrongFirstStep = ["confront", "confront", "safety"];
    // Two learners type the same wrong law number two ways, one a third way: counted as one answer, shown as most typed.
    const lawTyped = ["12-34", "12 34", "12-34"];
    for (const [i, scope] of learners.entries()) {
      const attempt = started(await startOrResumeAttempt(scope, t0));
      await answerAll(
        scope,
        attempt,
        {
          ...perfectAnswers(plain, attempt),
          "farm-first-step": wrongFirstStep[i],
          "palermo-elements": i === 0 ? "money-violence" : "act-means-purpose",
          "law-name": lawTyped[i],
        },
        t0,
      );
      await submitAttempt(scope, attempt.id, minutes(1));
    }
    // An attempt still in progress is not counted.
    await startOrResumeAttempt(await makeScope(plain, courseId), t0);

    const outcomes = await quizOutcomes(first.enrolmentId);
    expect(outcomes.get("every-type")).toEqual({ quizId: "every-type", passed: true, bestPercent: 70, attempts: 1 });
    expect((await quizOutcomes(learners[2].enrolmentId)).get("every-type")?.bestPercent).toBe(90);

    const stats = await quizStatistics(courseId, plain, "fr");
    expect(stats).toMatchObject({ quizId: "every-type", attempts: 3, passed: 3 });
    const byId = new Map(stats.questions.map((q) => [q.questionId, q]));
    expect(byId.get("farm-first-step")).toMatchObject({
      caseTitle: "Le cas de Salma",
      asked: 3,
      answered: 3,
      correct: 1,
      mostChosenWrong: { value: "confront", label: "Confronter l'employeur", count: 2 },
    });
    expect(byId.get("palermo-elements")).toMatchObject({ correct: 2, mostChosenWrong: { value: "money-violence", count: 1 } });
    expect(byId.get("law-name")).toMatchObject({ asked: 3, correct: 0, mostChosenWrong: { label: "12-34", count: 3 } });
    expect(byId.get("consent-irrelevant")).toMatchObject({ asked: 3, answered: 3, correct: 3, mostChosenWrong: null });
    expect(byId.has("farm-case")).toBe(false);
  });

  it("deletes a person's attempts with the person", async () => {
    const scope = await makeScope(quiz);
    await startOrResumeAttempt(scope, t0);
    await db.user.delete({ where: { id: scope.userId } });
    expect(await db.quizAttempt.count({ where: { userId: scope.userId } })).toBe(0);
  });
});
