import { db } from "~/db/client.server";
import { isLocale, type Locale } from "~/i18n/locales";
import { pickText, type GradableQuestion, type LocalizedText, type Quiz } from "./definition.server";
import { layoutQuestions } from "./draw.server";
import { wrongChoices, type QuestionResult } from "./grading.server";

/**
 * Per-question statistics over every submitted attempt of a quiz, for
 * reviewers and admins improving a course. Correctness is read from the
 * results stored at submission; wrong choices from the stored answers.
 */
export type QuestionStatistics = {
  questionId: string;
  /** Set for a case study's sub-question: its title (or the start of its scenario). */
  caseTitle: string | null;
  type: GradableQuestion["type"];
  prompt: string;
  /** Submitted attempts that asked this question. */
  asked: number;
  answered: number;
  correct: number;
  /**
   * The wrong answer given most often, with a readable label; null when none.
   * Typed answers are counted together when they compare equal ("12-34" and
   * "12 34") and shown the way learners typed them most often.
   */
  mostChosenWrong: { value: string; label: string; count: number } | null;
};

export type QuizStatistics = { quizId: string; attempts: number; passed: number; averagePercent: number | null; questions: QuestionStatistics[] };

/** What the learner typed, for the questions whose wrong answers are typed text. */
function typedForm(question: GradableQuestion, answer: unknown): string | null {
  if (question.type !== "short-text" && question.type !== "numeric") return null;
  if (typeof answer === "number") return String(answer);
  return typeof answer === "string" && answer.trim() ? answer.trim().slice(0, 80) : null;
}

const SCENARIO_LABEL_LENGTH = 60;

function caseLabel(title: string | null, scenario: string): string {
  if (title) return title;
  return scenario.length > SCENARIO_LABEL_LENGTH ? `${scenario.slice(0, SCENARIO_LABEL_LENGTH).trimEnd()}…` : scenario;
}

function labelFor(question: GradableQuestion, value: string, t: (text: LocalizedText) => string): string {
  switch (question.type) {
    case "single":
    case "multiple": {
      const option = question.options.find((o) => o.id === value);
      return option ? t(option.text) : value;
    }
    case "matching": {
      const [pairId, chosenId] = value.split(":");
      const pair = question.pairs.find((p) => p.id === pairId);
      const chosen = question.pairs.find((p) => p.id === chosenId)?.right ?? question.distractors.find((d) => d.id === chosenId)?.text;
      return pair && chosen ? `${t(pair.left)} → ${t(chosen)}` : value;
    }
    default:
      // true/false ("true" | "false", translated by the page), typed text and numbers are their own label.
      return value;
  }
}

export async function quizStatistics(courseId: string, quiz: Quiz, locale: Locale): Promise<QuizStatistics> {
  const rows = await db.quizAttempt.findMany({
    where: { courseId, quizId: quiz.id, status: "submitted" },
    select: { seed: true, locale: true, questionIds: true, answers: true, results: true, passed: true, percent: true },
  });
  const t = (text: LocalizedText) => pickText(text, locale, quiz.languages);

  /** Per wrong value: how often, and how often each typed form of it was given. */
  type Wrong = { count: number; forms: Map<string, number> };
  type Tally = { stats: QuestionStatistics; wrong: Map<string, Wrong>; question: GradableQuestion };
  const tallies = new Map<string, Tally>();
  const tallyFor = (question: GradableQuestion, caseTitle: string | null): Tally => {
    let tally = tallies.get(question.id);
    if (!tally) {
      tally = {
        question,
        wrong: new Map(),
        stats: { questionId: question.id, caseTitle, type: question.type, prompt: t(question.prompt), asked: 0, answered: 0, correct: 0, mostChosenWrong: null },
      };
      tallies.set(question.id, tally);
    }
    return tally;
  };
  // Every question appears, in the author's order, even before anyone was asked it.
  for (const q of quiz.questions) {
    if (q.type === "case") q.questions.forEach((sub) => tallyFor(sub, caseLabel(q.title ? t(q.title) : null, t(q.scenario))));
    else tallyFor(q, null);
  }

  for (const row of rows) {
    let answers: Record<string, unknown>;
    let results: QuestionResult[];
    let questionIds: string[];
    try {
      answers = JSON.parse(row.answers) as Record<string, unknown>;
      results = JSON.parse(row.results ?? "[]") as QuestionResult[];
      questionIds = JSON.parse(row.questionIds) as string[];
    } catch {
      continue;
    }
    const attemptLocale = isLocale(row.locale) ? row.locale : locale;
    const drawn = new Map(layoutQuestions(quiz, questionIds, row.seed).flatMap((d) => [[d.id, d] as const, ...d.parts.map((p) => [p.id, p] as const)]));
    const flat = results.flatMap((r) => (r.parts.length ? r.parts : [r]));
    for (const result of flat) {
      const tally = tallies.get(result.questionId);
      const layout = drawn.get(result.questionId);
      if (!tally || !layout) continue;
      tally.stats.asked++;
      if (result.answered) tally.stats.answered++;
      if (result.correct) tally.stats.correct++;
      const answer = answers[result.questionId];
      const typed = typedForm(tally.question, answer);
      for (const value of wrongChoices(tally.question, layout, answer, attemptLocale)) {
        const wrong = tally.wrong.get(value) ?? { count: 0, forms: new Map() };
        wrong.count++;
        if (typed) wrong.forms.set(typed, (wrong.forms.get(typed) ?? 0) + 1);
        tally.wrong.set(value, wrong);
      }
    }
  }

  for (const tally of tallies.values()) {
    // Ties go to the value seen first: stable across page loads.
    let top: [string, Wrong] | null = null;
    for (const entry of tally.wrong) if (!top || entry[1].count > top[1].count) top = entry;
    if (!top) continue;
    const [value, wrong] = top;
    tally.stats.mostChosenWrong = { value, label: mostFrequent(wrong.forms) ?? labelFor(tally.question, value, t), count: wrong.count };
  }

  const percents = rows.map((r) => r.percent ?? 0);
  return {
    quizId: quiz.id,
    attempts: rows.length,
    passed: rows.filter((r) => r.passed).length,
    averagePercent: percents.length ? Math.round((percents.reduce((a, b) => a + b, 0) / percents.length) * 100) / 100 : null,
    questions: [...tallies.values()].map((t) => t.stats),
  };
}

/** The key seen most often (the first seen on a tie), or null for an empty map. */
function mostFrequent(counts: Map<string, number>): string | null {
  let best: [string, number] | null = null;
  for (const entry of counts) if (!best || entry[1] > best[1]) best = entry;
  return best?.[0] ?? null;
}
