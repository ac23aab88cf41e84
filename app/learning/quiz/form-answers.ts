import type { AnswerValue, PublicGradableQuestion, PublicQuizView } from "./types";

/**
 * The quiz form's field names, shared by the form (quiz-attempt-form.tsx) and
 * the action that reads it, so a form posted without JavaScript carries the
 * same answers the island saves one by one:
 * - `q.<questionId>`: radio/checkbox values, the text typed, or the ordering
 *   tokens in the learner's order (hidden inputs, present once they moved one);
 * - `q.<questionId>.<leftId>`: the choice selected for one matching pair.
 */
export const fieldName = (questionId: string, leftId?: string) => (leftId ? `q.${questionId}.${leftId}` : `q.${questionId}`);

export function gradableQuestions(view: PublicQuizView): PublicGradableQuestion[] {
  return view.questions.flatMap((q) => (q.type === "case" ? q.questions : [q]));
}

/** Every asked question's answer in the form; null where the form holds none. */
export function answersFromForm(form: FormData, view: PublicQuizView): Record<string, AnswerValue | null> {
  const answers: Record<string, AnswerValue | null> = {};
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" && value !== "" ? value : null;
  };
  const all = (name: string) => form.getAll(name).filter((v): v is string => typeof v === "string" && v !== "");
  for (const question of gradableQuestions(view)) {
    const name = fieldName(question.id);
    switch (question.type) {
      case "multiple":
      case "ordering": {
        const values = all(name);
        answers[question.id] = values.length ? values : null;
        break;
      }
      case "matching": {
        const pairs: Record<string, string> = {};
        for (const left of question.left) {
          const choice = text(fieldName(question.id, left.id));
          if (choice) pairs[left.id] = choice;
        }
        answers[question.id] = Object.keys(pairs).length ? pairs : null;
        break;
      }
      case "true-false": {
        const value = text(name);
        answers[question.id] = value === "true" ? true : value === "false" ? false : null;
        break;
      }
      default:
        answers[question.id] = text(name);
    }
  }
  return answers;
}

/** The ordering shown for a question: the learner's saved order, else the attempt's initial order. */
export function currentOrder(question: Extract<PublicGradableQuestion, { type: "ordering" }>, answer: unknown): string[] {
  const tokens = question.items.map((i) => i.id);
  if (!Array.isArray(answer)) return tokens;
  const given = answer.filter((t): t is string => typeof t === "string" && tokens.includes(t));
  // Items missing from a saved order (never expected, but answers are untrusted) go last.
  return [...new Set([...given, ...tokens])];
}

export function moveItem(order: readonly string[], index: number, direction: "up" | "down"): string[] {
  const target = direction === "up" ? index - 1 : index + 1;
  if (index < 0 || index >= order.length || target < 0 || target >= order.length) return [...order];
  const next = [...order];
  [next[index], next[target]] = [next[target], next[index]];
  return next;
}

/** Applies an ordering button (`<questionId>:<index>:up|down`) pressed without JavaScript. */
export function applyMove(answers: Record<string, AnswerValue | null>, view: PublicQuizView, move: string): Record<string, AnswerValue | null> {
  const [questionId, rawIndex, direction] = move.split(":");
  const question = gradableQuestions(view).find((q) => q.id === questionId);
  if (question?.type !== "ordering" || (direction !== "up" && direction !== "down")) return answers;
  const order = currentOrder(question, answers[questionId]);
  return { ...answers, [questionId]: moveItem(order, Number(rawIndex), direction) };
}

/** Whether two answers are the same (object keys in any order). */
export function sameAnswer(a: unknown, b: unknown): boolean {
  const stable = (value: unknown): unknown =>
    value && typeof value === "object" && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : (value ?? null);
  return JSON.stringify(stable(a)) === JSON.stringify(stable(b));
}
