import type { GradableQuestion, Question, Quiz } from "./definition.server";
import { seededRng, shuffle } from "./random";

/**
 * What one attempt shows: which questions, in which order, and in which
 * order their options, matching choices and ordering items appear. All of it
 * follows from (quiz, seed), so an attempt stores only its seed and the ids
 * of the questions drawn.
 */
export type DrawnQuestion = {
  id: string;
  /**
   * single/multiple: option ids as shown; matching: right-hand ids (pairs and
   * distractors) as shown; ordering: item ids as first shown; otherwise [].
   */
  order: string[];
  /** matching: pair ids in the order the left-hand column is shown; otherwise []. */
  left: string[];
  /** case study: its sub-questions, in the author's order. */
  parts: DrawnQuestion[];
};

/**
 * Matching choices and ordering items reach the browser under these tokens
 * rather than their authored ids: an author's ids (`step-1`, or the pair id on
 * both sides) would give the answer away. The token is the position in
 * DrawnQuestion.order, which depends on the attempt's secret seed.
 */
export function choiceToken(index: number): string {
  return `c${index + 1}`;
}

/** The authored id behind a token, or null when the token is not one of this attempt's. */
export function idForToken(drawn: DrawnQuestion, token: unknown): string | null {
  if (typeof token !== "string") return null;
  const match = /^c([1-9]\d{0,3})$/.exec(token);
  if (!match) return null;
  return drawn.order[Number(match[1]) - 1] ?? null;
}

/** Ids of the questions an attempt asks, in the order it asks them. */
export function selectQuestionIds(quiz: Quiz, seed: string): string[] {
  const { pool, shuffleQuestions } = quiz.settings;
  const authored = quiz.questions.map((q) => q.id);
  let chosen: Set<string>;
  if (!pool) {
    chosen = new Set(authored);
  } else if ("draw" in pool) {
    chosen = new Set(shuffle(authored, seededRng(`${seed}:pool`)).slice(0, pool.draw));
  } else {
    chosen = new Set();
    for (const [group, count] of Object.entries(pool.groups)) {
      const members = quiz.questions.filter((q) => q.group === group).map((q) => q.id);
      for (const picked of shuffle(members, seededRng(`${seed}:pool:${group}`)).slice(0, count)) chosen.add(picked);
    }
  }
  const drawn = authored.filter((questionId) => chosen.has(questionId));
  return shuffleQuestions ? shuffle(drawn, seededRng(`${seed}:order`)) : drawn;
}

function layoutGradable(question: GradableQuestion, seed: string, shuffleOptions: boolean): DrawnQuestion {
  const rng = seededRng(`${seed}:${question.id}`);
  const none = { id: question.id, order: [], left: [], parts: [] };
  switch (question.type) {
    case "single":
    case "multiple": {
      const ids = question.options.map((o) => o.id);
      return { ...none, order: shuffleOptions ? shuffle(ids, rng) : ids };
    }
    case "matching": {
      const left = question.pairs.map((p) => p.id);
      // The right-hand column is always shuffled: in the author's order it would line up with the left.
      const right = shuffle([...left, ...question.distractors.map((d) => d.id)], rng);
      return { ...none, order: right, left: shuffleOptions ? shuffle(left, rng) : left };
    }
    case "ordering": {
      const correct = question.items.map((i) => i.id);
      let order = shuffle(correct, rng);
      // Showing the items already in the right order would hand out the points.
      if (order.every((itemId, i) => itemId === correct[i])) order = [...order.slice(1), order[0]];
      return { ...none, order };
    }
    default:
      return none;
  }
}

/** Rebuilds an attempt's layout from its stored question ids (ids no longer in the quiz are skipped). */
export function layoutQuestions(quiz: Quiz, questionIds: readonly string[], seed: string): DrawnQuestion[] {
  const byId = new Map<string, Question>(quiz.questions.map((q) => [q.id, q]));
  const { shuffleOptions } = quiz.settings;
  return questionIds.flatMap((questionId) => {
    const question = byId.get(questionId);
    if (!question) return [];
    if (question.type === "case") {
      return [{ id: question.id, order: [], left: [], parts: question.questions.map((q) => layoutGradable(q, seed, shuffleOptions)) }];
    }
    return [layoutGradable(question, seed, shuffleOptions)];
  });
}

export function drawQuiz(quiz: Quiz, seed: string): DrawnQuestion[] {
  return layoutQuestions(quiz, selectQuestionIds(quiz, seed), seed);
}
